// Prometheus metrics in the text exposition format: request counts by route and status,
// request latency histograms by route, and durable commit latency from storage. Counters
// are lock-free atomics, registered once at start-up, so recording costs a few
// nanoseconds on the request path.
#pragma once

#include <array>
#include <atomic>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "storage/store.hpp"

namespace sp::http {

class Histogram {
 public:
  explicit Histogram(std::vector<double> bounds);
  void observe(double value);
  // Appends the _bucket/_sum/_count lines for `name` with `labels` ("a=\"b\"" or "").
  void render(std::string& out, const std::string& name, const std::string& labels) const;

 private:
  std::vector<double> bounds_;
  std::unique_ptr<std::atomic<std::uint64_t>[]> buckets_;  // one per bound, plus +Inf
  std::atomic<std::uint64_t> count_{0};
  std::atomic<std::uint64_t> sum_micros_{0};
};

class Metrics final : public storage::CommitObserver {
 public:
  // Registers a route; returns its index for record_request.
  std::size_t add_route(const std::string& method, const std::string& pattern);
  void record_request(std::size_t route_index, int status, double seconds);
  void on_commit(double seconds, std::size_t batch_size) override;
  std::string render() const;

 private:
  struct RouteMetrics {
    std::string method, pattern;
    std::array<std::atomic<std::uint64_t>, 600> by_status{};
    Histogram latency;
    RouteMetrics(std::string m, std::string p);
  };
  std::vector<std::unique_ptr<RouteMetrics>> routes_;
  Histogram commit_latency_{{0.0005, 0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.5, 1}};
  Histogram commit_batch_{{1, 2, 4, 8, 16, 32, 64, 128, 256, 512}};
};

}  // namespace sp::http
