#include "reporting/calls.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <nlohmann/json.hpp>

#include "reporting/varint.hpp"

namespace sp::reporting {
namespace {

constexpr int kMaxWaitSeconds = 86400;

std::optional<double> ratio(std::int64_t num, std::int64_t den) {
  if (den <= 0) return std::nullopt;
  return static_cast<double>(num) / static_cast<double>(den);
}

// What the events of one call_id said so far.
struct CallSeen {
  bool answered = false;
  bool ended = false;
  bool abandoned = false;
  std::optional<int> answered_wait;
  std::optional<int> ended_wait;
  std::optional<int> abandoned_wait;
};

std::optional<int> wait_of(const nlohmann::json& call) {
  const auto it = call.find("wait_seconds");
  if (it == call.end() || !it->is_number_integer()) return std::nullopt;
  return std::clamp(it->get<int>(), 0, kMaxWaitSeconds);
}

}  // namespace

void WaitHistogram::add(int seconds, std::int64_t n) {
  const std::int32_t at = std::clamp(seconds, 0, kMaxWaitSeconds);
  varint::add_sparse_count(counts_, at, n);
  count_ += n;
  sum_seconds_ += n * at;
}

void WaitHistogram::merge(const WaitHistogram& other, std::int64_t sign) {
  for (const auto& [seconds, n] : other.counts_) add(seconds, sign * n);
}

std::int64_t WaitHistogram::count_at_most(int seconds) const {
  std::int64_t within = 0;
  for (const auto& [at, n] : counts_) {
    if (at > seconds) break;
    within += n;
  }
  return within;
}

std::optional<double> WaitHistogram::value_at_rank(std::int64_t rank) const {
  std::int64_t seen = 0;
  for (const auto& [at, n] : counts_) {
    seen += n;
    if (rank < seen) return static_cast<double>(at);
  }
  return std::nullopt;
}

std::optional<double> WaitHistogram::percentile(double p) const {
  if (count_ <= 0) return std::nullopt;
  p = std::clamp(p, 0.0, 100.0);
  const double h = static_cast<double>(count_ - 1) * p / 100.0;
  const auto k = static_cast<std::int64_t>(std::floor(h));
  const auto low = value_at_rank(k);
  if (!low || k + 1 >= count_) return low;
  const double f = h - static_cast<double>(k);
  return *low + f * (value_at_rank(k + 1).value_or(*low) - *low);
}

Summary WaitHistogram::summary() const {
  Summary s;
  if (count_ <= 0) return s;
  s.count = count_;
  s.mean = static_cast<double>(sum_seconds_) / static_cast<double>(count_);
  s.median = percentile(50);
  s.p90 = percentile(90);
  return s;
}

void WaitHistogram::encode(std::string& out) const {
  varint::put_varint(out, counts_.size());
  std::int32_t previous = 0;
  for (const auto& [seconds, n] : counts_) {
    varint::put_varint(out, static_cast<std::uint64_t>(seconds - previous));
    varint::put_signed(out, n);
    previous = seconds;
  }
}

Result<WaitHistogram> WaitHistogram::decode(std::string_view& in) {
  WaitHistogram h;
  auto size = varint::get_varint(in);
  if (!size.ok()) return size.error();
  if (*size > static_cast<std::uint64_t>(kMaxWaitSeconds) + 1) return varint::corrupt();
  std::int64_t seconds = 0;
  for (std::uint64_t i = 0; i < *size; ++i) {
    auto step = varint::get_varint(in);
    if (!step.ok()) return step.error();
    seconds += static_cast<std::int64_t>(*step);
    if (seconds > kMaxWaitSeconds || (i > 0 && *step == 0)) return varint::corrupt();
    auto n = varint::get_signed(in);
    if (!n.ok()) return n.error();
    h.add(static_cast<int>(seconds), *n);
  }
  return h;
}

void measure_calls(std::span<const domain::TicketEvent> events, Timestamp as_of, TicketCalls& out) {
  out.answered = out.answered_without_wait = out.abandoned = 0;
  out.answer_waits.clear();
  std::map<std::string, CallSeen> calls;  // a ticket holds one call, rarely a few
  for (const auto& e : events) {
    if (e.type != domain::EventType::CallRecorded || e.at >= as_of) continue;
    const auto call = nlohmann::json::parse(e.to, nullptr, false);
    if (!call.is_object()) continue;
    const auto id = call.find("call_id");
    const auto state = call.find("state");
    if (id == call.end() || !id->is_string() || state == call.end() || !state->is_string()) continue;
    CallSeen& seen = calls[id->get<std::string>()];
    const auto& name = state->get_ref<const std::string&>();
    if (name == "answered") {
      seen.answered = true;
      if (!seen.answered_wait) seen.answered_wait = wait_of(call);
    } else if (name == "ended") {
      seen.ended = true;
      if (!seen.ended_wait) seen.ended_wait = wait_of(call);
    } else if (name == "abandoned") {
      seen.abandoned = true;
      if (!seen.abandoned_wait) seen.abandoned_wait = wait_of(call);
    }
  }
  for (const auto& [id, seen] : calls) {
    if (seen.answered || seen.ended) {
      ++out.answered;
      const auto wait = seen.answered_wait ? seen.answered_wait : seen.ended_wait;
      if (wait) {
        out.answer_waits.push_back(*wait);
      } else {
        ++out.answered_without_wait;
      }
    } else if (seen.abandoned) {
      ++out.abandoned;
    }
  }
}

void CallCounts::add(const TicketCalls& calls) {
  answered += calls.answered;
  answered_without_wait += calls.answered_without_wait;
  abandoned += calls.abandoned;
}

void CallCounts::merge(const CallCounts& other, std::int64_t sign) {
  answered += sign * other.answered;
  answered_without_wait += sign * other.answered_without_wait;
  abandoned += sign * other.abandoned;
}

CallFigures call_figures(const CallCounts& counts, const WaitHistogram& answer_waits,
                         int service_level_seconds) {
  CallFigures f;
  f.answered = counts.answered;
  f.answered_without_wait = counts.answered_without_wait;
  f.abandoned = counts.abandoned;
  f.offered = counts.answered + counts.abandoned;
  f.answer_waits = answer_waits;
  f.wait_seconds = answer_waits.summary();
  f.service_level_seconds = service_level_seconds;
  f.answered_within = answer_waits.count_at_most(service_level_seconds);
  f.service_level_calls = answer_waits.count() + counts.abandoned;
  f.service_level = ratio(f.answered_within, f.service_level_calls);
  f.abandonment_rate = ratio(f.abandoned, f.offered);
  return f;
}

std::optional<double> service_level_within(const CallFigures& figures, int seconds) {
  return ratio(figures.answer_waits.count_at_most(seconds), figures.service_level_calls);
}

}  // namespace sp::reporting
