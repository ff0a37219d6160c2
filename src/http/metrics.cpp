#include "http/metrics.hpp"

#include <cstdio>

namespace sp::http {

namespace {

const std::vector<double> kLatencyBounds{0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01,
                                         0.025,  0.05,    0.1,    0.25,  0.5,    1,     2.5};

std::string number(double value) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.15g", value);
  return buf;
}

}  // namespace

Histogram::Histogram(std::vector<double> bounds)
    : bounds_(std::move(bounds)), buckets_(new std::atomic<std::uint64_t>[bounds_.size() + 1]) {
  for (std::size_t idx = 0; idx <= bounds_.size(); ++idx) buckets_[idx] = 0;
}

void Histogram::observe(double value) {
  std::size_t idx = 0;
  while (idx < bounds_.size() && value > bounds_[idx]) ++idx;
  buckets_[idx].fetch_add(1, std::memory_order_relaxed);
  count_.fetch_add(1, std::memory_order_relaxed);
  sum_micros_.fetch_add(static_cast<std::uint64_t>(value * 1e6), std::memory_order_relaxed);
}

void Histogram::render(std::string& out, const std::string& name, const std::string& labels) const {
  std::uint64_t cumulative = 0;
  std::string sep = labels.empty() ? "" : ",";
  for (std::size_t idx = 0; idx < bounds_.size(); ++idx) {
    cumulative += buckets_[idx].load(std::memory_order_relaxed);
    out += name + "_bucket{" + labels + sep + "le=\"" + number(bounds_[idx]) + "\"} " +
           std::to_string(cumulative) + "\n";
  }
  cumulative += buckets_[bounds_.size()].load(std::memory_order_relaxed);
  out += name + "_bucket{" + labels + sep + "le=\"+Inf\"} " + std::to_string(cumulative) + "\n";
  std::string braces = labels.empty() ? "" : "{" + labels + "}";
  out += name + "_sum" + braces + " " +
         number(static_cast<double>(sum_micros_.load(std::memory_order_relaxed)) / 1e6) + "\n";
  out += name + "_count" + braces + " " + std::to_string(count_.load(std::memory_order_relaxed)) + "\n";
}

Metrics::RouteMetrics::RouteMetrics(std::string m, std::string p)
    : method(std::move(m)), pattern(std::move(p)), latency(kLatencyBounds) {}

std::size_t Metrics::add_route(const std::string& method, const std::string& pattern) {
  routes_.push_back(std::make_unique<RouteMetrics>(method, pattern));
  return routes_.size() - 1;
}

void Metrics::record_request(std::size_t route_index, int status, double seconds) {
  if (route_index >= routes_.size()) return;
  auto& route = *routes_[route_index];
  route.by_status[static_cast<std::size_t>(status) % route.by_status.size()].fetch_add(
      1, std::memory_order_relaxed);
  route.latency.observe(seconds);
}

void Metrics::on_commit(double seconds, std::size_t batch_size) {
  commit_latency_.observe(seconds);
  commit_batch_.observe(static_cast<double>(batch_size));
}

std::string Metrics::render() const {
  std::string out;
  out += "# HELP servicepact_http_requests_total HTTP requests by route, method and status.\n";
  out += "# TYPE servicepact_http_requests_total counter\n";
  for (const auto& route : routes_) {
    for (std::size_t status = 100; status < route->by_status.size(); ++status) {
      auto count = route->by_status[status].load(std::memory_order_relaxed);
      if (count == 0) continue;
      out += "servicepact_http_requests_total{route=\"" + route->pattern + "\",method=\"" + route->method +
             "\",status=\"" + std::to_string(status) + "\"} " + std::to_string(count) + "\n";
    }
  }
  out += "# HELP servicepact_http_request_duration_seconds Time to handle a request.\n";
  out += "# TYPE servicepact_http_request_duration_seconds histogram\n";
  for (const auto& route : routes_) {
    route->latency.render(out, "servicepact_http_request_duration_seconds",
                          "route=\"" + route->pattern + "\",method=\"" + route->method + "\"");
  }
  out += "# HELP servicepact_db_commit_duration_seconds Durable commit latency (one batch).\n";
  out += "# TYPE servicepact_db_commit_duration_seconds histogram\n";
  commit_latency_.render(out, "servicepact_db_commit_duration_seconds", "");
  out += "# HELP servicepact_db_commit_batch_size Writes group-committed per transaction.\n";
  out += "# TYPE servicepact_db_commit_batch_size histogram\n";
  commit_batch_.render(out, "servicepact_db_commit_batch_size", "");
  return out;
}

}  // namespace sp::http
