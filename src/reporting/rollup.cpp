#include "reporting/rollup.hpp"

#include <algorithm>
#include <cmath>
#include <map>

#include "reporting/varint.hpp"

namespace sp::reporting {
namespace {

constexpr std::uint8_t kEncodingVersion = 1;  // of contributions
// Day figures: 2 appends the call counts and waits; 1 (without them) is still read.
constexpr std::uint8_t kDayFiguresVersion = 2;
constexpr double kMinSeconds = 0.001;
const double kLogGamma = std::log(1.02);
constexpr std::int32_t kMaxBucket = 2200;  // 0.001 s x 1.02^2200 is about 10^16 s

using varint::corrupt;
using varint::get_signed;
using varint::get_varint;
using varint::put_signed;
using varint::put_varint;

// Reads a signed varint into `field`, or returns the error from the enclosing function.
#define SP_GET(field)                        \
  do {                                       \
    auto value_ = get_signed(in);            \
    if (!value_.ok()) return value_.error(); \
    (field) = *value_;                       \
  } while (false)

std::int32_t bucket_of(double seconds) {
  if (!(seconds >= kMinSeconds)) return 0;  // also NaN
  const double index = std::floor(std::log(seconds / kMinSeconds) / kLogGamma) + 1;
  return static_cast<std::int32_t>(std::min<double>(index, kMaxBucket));
}

double midpoint_of(std::int32_t bucket) {
  if (bucket <= 0) return 0;
  const double lower = kMinSeconds * std::exp(kLogGamma * (bucket - 1));
  return lower * 1.01;
}

// The counts in a fixed order, for the encoding.
template <typename Counts, typename Fn>
void for_each_count(Counts& c, Fn&& fn) {
  fn(c.received);
  fn(c.handled);
  fn(c.resolved);
  fn(c.solved_tickets);
  fn(c.first_contact_resolved);
  fn(c.reopens);
  for (auto& target : c.sla) {
    fn(target.cycles_finished);
    fn(target.cycles_met);
    fn(target.breaches_minor);
    fn(target.breaches_major);
  }
  fn(c.major_complaints_late);
  fn(c.csat_count);
  fn(c.csat_sum);
  fn(c.helped_count);
  fn(c.not_helped);
  fn(c.nps_count);
  fn(c.promoters);
  fn(c.detractors);
  fn(c.effort_count);
  fn(c.effort_sum);
}

template <typename Figures, typename Fn>
void for_each_histogram(Figures& f, Fn&& fn) {
  fn(f.first_response);
  fn(f.first_response_business);
  fn(f.next_response);
  fn(f.next_response_business);
  fn(f.resolution);
  fn(f.resolution_business);
}

}  // namespace

void LogHistogram::add(double seconds, std::int64_t n) {
  varint::add_sparse_count(buckets_, bucket_of(seconds), n);
  count_ += n;
  sum_ms_ += n * std::llround(seconds * 1000.0);
}

void LogHistogram::merge(const LogHistogram& other, std::int64_t sign) {
  if (other.buckets_.empty() && other.count_ == 0 && other.sum_ms_ == 0) return;
  std::vector<std::pair<std::int32_t, std::int64_t>> merged;
  merged.reserve(buckets_.size() + other.buckets_.size());
  auto a = buckets_.begin();
  auto b = other.buckets_.begin();
  while (a != buckets_.end() || b != other.buckets_.end()) {
    if (b == other.buckets_.end() || (a != buckets_.end() && a->first < b->first)) {
      merged.push_back(*a++);
    } else if (a == buckets_.end() || b->first < a->first) {
      merged.emplace_back(b->first, sign * b->second);
      ++b;
    } else {
      const std::int64_t n = a->second + sign * b->second;
      if (n != 0) merged.emplace_back(a->first, n);
      ++a;
      ++b;
    }
  }
  buckets_ = std::move(merged);
  count_ += sign * other.count_;
  sum_ms_ += sign * other.sum_ms_;
}

Summary LogHistogram::summary() const {
  Summary s;
  s.count = count_;
  if (count_ <= 0) {
    s.count = 0;
    return s;
  }
  s.mean = static_cast<double>(sum_ms_) / 1000.0 / static_cast<double>(count_);
  // The value at 0-based rank r of the expanded, sorted values.
  auto at_rank = [this](std::int64_t rank) {
    std::int64_t seen = 0;
    for (const auto& [bucket, n] : buckets_) {
      seen += n;
      if (rank < seen) return midpoint_of(bucket);
    }
    return buckets_.empty() ? 0.0 : midpoint_of(buckets_.back().first);
  };
  auto percentile = [&](double p) {
    const double h = static_cast<double>(count_ - 1) * p / 100.0;
    const auto k = static_cast<std::int64_t>(std::floor(h));
    const double f = h - static_cast<double>(k);
    const double low = at_rank(k);
    if (f == 0 || k + 1 >= count_) return low;
    return low + f * (at_rank(k + 1) - low);
  };
  s.median = percentile(50);
  s.p90 = percentile(90);
  return s;
}

void LogHistogram::encode(std::string& out) const {
  put_signed(out, count_);
  put_signed(out, sum_ms_);
  put_varint(out, buckets_.size());
  std::int32_t previous = 0;
  for (const auto& [bucket, n] : buckets_) {
    put_varint(out, static_cast<std::uint64_t>(bucket - previous));
    put_signed(out, n);
    previous = bucket;
  }
}

Result<LogHistogram> LogHistogram::decode(std::string_view& in) {
  LogHistogram h;
  SP_GET(h.count_);
  SP_GET(h.sum_ms_);
  auto n = get_varint(in);
  if (!n.ok()) return n.error();
  if (*n > static_cast<std::uint64_t>(kMaxBucket) + 1) return corrupt();
  h.buckets_.reserve(*n);
  std::int64_t bucket = 0;
  for (std::uint64_t i = 0; i < *n; ++i) {
    auto step = get_varint(in);
    if (!step.ok()) return step.error();
    bucket += static_cast<std::int64_t>(*step);
    if (bucket > kMaxBucket || (i > 0 && *step == 0)) return corrupt();
    std::int64_t count = 0;
    SP_GET(count);
    h.buckets_.emplace_back(static_cast<std::int32_t>(bucket), count);
  }
  return h;
}

void DayFigures::add(const TicketKpi& t) {
  counts.add(t);
  if (t.first_response) first_response.add(*t.first_response);
  if (t.first_response_business) first_response_business.add(*t.first_response_business);
  for (double v : t.next_response) next_response.add(v);
  for (double v : t.next_response_business) next_response_business.add(v);
  if (t.resolution) resolution.add(*t.resolution);
  if (t.resolution_business) resolution_business.add(*t.resolution_business);
  for (int wait : t.calls.answer_waits) call_waits.add(wait);
}

void DayFigures::merge(const DayFigures& other, std::int64_t sign) {
  counts.merge(other.counts, sign);
  first_response.merge(other.first_response, sign);
  first_response_business.merge(other.first_response_business, sign);
  next_response.merge(other.next_response, sign);
  next_response_business.merge(other.next_response_business, sign);
  resolution.merge(other.resolution, sign);
  resolution_business.merge(other.resolution_business, sign);
  call_waits.merge(other.call_waits, sign);
  excluded_spam += sign * other.excluded_spam;
  excluded_mystery_shopper += sign * other.excluded_mystery_shopper;
}

bool DayFigures::empty() const {
  bool histograms_empty = true;
  for_each_histogram(*this, [&](const LogHistogram& h) { histograms_empty &= h.empty(); });
  return histograms_empty && call_waits.empty() && counts.empty() && excluded_spam == 0 &&
         excluded_mystery_shopper == 0;
}

std::string DayFigures::encode() const {
  std::string out;
  out.push_back(static_cast<char>(kDayFiguresVersion));
  for_each_count(counts, [&](std::int64_t v) { put_signed(out, v); });
  for_each_histogram(*this, [&](const LogHistogram& h) { h.encode(out); });
  put_signed(out, excluded_spam);
  put_signed(out, excluded_mystery_shopper);
  put_signed(out, counts.calls.answered);
  put_signed(out, counts.calls.answered_without_wait);
  put_signed(out, counts.calls.abandoned);
  call_waits.encode(out);
  return out;
}

Result<DayFigures> DayFigures::decode(std::string_view in) {
  if (in.empty()) return corrupt();
  const auto version = static_cast<std::uint8_t>(in.front());
  if (version != 1 && version != kDayFiguresVersion) return corrupt();
  in.remove_prefix(1);
  DayFigures f;
  std::optional<Error> failed;
  for_each_count(f.counts, [&](std::int64_t& v) {
    if (failed) return;
    auto got = get_signed(in);
    if (got.ok())
      v = *got;
    else
      failed = got.error();
  });
  for_each_histogram(f, [&](LogHistogram& h) {
    if (failed) return;
    auto got = LogHistogram::decode(in);
    if (got.ok())
      h = std::move(*got);
    else
      failed = got.error();
  });
  if (failed) return *failed;
  SP_GET(f.excluded_spam);
  SP_GET(f.excluded_mystery_shopper);
  if (version >= 2) {
    SP_GET(f.counts.calls.answered);
    SP_GET(f.counts.calls.answered_without_wait);
    SP_GET(f.counts.calls.abandoned);
    auto waits = WaitHistogram::decode(in);
    if (!waits.ok()) return waits.error();
    f.call_waits = std::move(*waits);
  }
  if (!in.empty()) return corrupt();
  return f;
}

std::string TicketContribution::encode() const {
  std::string out;
  out.push_back(static_cast<char>(kEncodingVersion));
  put_signed(out, created_day);
  for (const auto& key : keys) {
    put_varint(out, key.size());
    out += key;
  }
  const std::string figures = cohort.encode();
  put_varint(out, figures.size());
  out += figures;
  put_varint(out, backlog.size());
  for (const auto& step : backlog) {
    put_signed(out, step.day);
    put_signed(out, step.delta);
    put_signed(out, step.created_sum_ms);
  }
  return out;
}

Result<TicketContribution> TicketContribution::decode(std::string_view in) {
  if (in.empty() || static_cast<std::uint8_t>(in.front()) != kEncodingVersion) return corrupt();
  in.remove_prefix(1);
  TicketContribution c;
  SP_GET(c.created_day);
  for (auto& key : c.keys) {
    auto n = get_varint(in);
    if (!n.ok()) return n.error();
    if (*n > in.size()) return corrupt();
    key.assign(in.substr(0, *n));
    in.remove_prefix(*n);
  }
  auto n = get_varint(in);
  if (!n.ok()) return n.error();
  if (*n > in.size()) return corrupt();
  auto figures = DayFigures::decode(in.substr(0, *n));
  if (!figures.ok()) return figures.error();
  c.cohort = std::move(*figures);
  in.remove_prefix(*n);
  auto steps = get_varint(in);
  if (!steps.ok()) return steps.error();
  if (*steps > in.size()) return corrupt();
  c.backlog.resize(*steps);
  for (auto& step : c.backlog) {
    SP_GET(step.day);
    SP_GET(step.delta);
    SP_GET(step.created_sum_ms);
  }
  if (!in.empty()) return corrupt();
  return c;
}

#undef SP_GET

Result<TicketContribution> contribution_of(const TicketFacts& facts, Timestamp as_of, const DayClock& days,
                                           const sla::BusinessCalendar* calendar, const BreachRules& rules) {
  TicketContribution c;
  const auto& t = facts.ticket;
  c.created_day = days.day_of(t.created_at);
  for (std::size_t i = 0; i < kRollupDimensions.size(); ++i) {
    c.keys[i] = group_key(t, kRollupDimensions[i]);
  }
  if (std::find(t.tags.begin(), t.tags.end(), kSpamTag) != t.tags.end()) {
    c.cohort.excluded_spam = 1;
    return c;
  }
  if (std::find(t.tags.begin(), t.tags.end(), kMysteryShopperTag) != t.tags.end()) {
    c.cohort.excluded_mystery_shopper = 1;
    return c;
  }
  TicketKpi kpi;
  auto measured = measure_ticket(facts, as_of, calendar, rules, kpi);
  if (!measured.ok()) return measured.error();
  c.cohort.add(kpi);
  const std::int64_t created_ms = to_unix_ms(t.created_at);
  for (const auto& [opened, resolved] : kpi.open) {
    c.backlog.push_back({days.day_of(opened), 1, created_ms});
    if (resolved != Timestamp::max()) {
      c.backlog.push_back({days.day_of(resolved), -1, -created_ms});
    }
  }
  return c;
}

void rollup_deltas(const TicketContribution& c, std::int64_t sign, std::vector<RollupDelta>& out) {
  for (std::size_t i = 0; i < kRollupDimensions.size(); ++i) {
    RollupDelta cohort;
    cohort.dimension = kRollupDimensions[i];
    cohort.day = c.created_day;
    cohort.key = c.keys[i];
    cohort.figures.merge(c.cohort, sign);
    out.push_back(std::move(cohort));
    for (const auto& step : c.backlog) {
      RollupDelta d;
      d.dimension = kRollupDimensions[i];
      d.day = step.day;
      d.key = c.keys[i];
      d.backlog_delta = sign * step.delta;
      d.backlog_created_sum_ms = sign * step.created_sum_ms;
      out.push_back(std::move(d));
    }
  }
}

Result<KpiReport> kpis_from_rollup(std::span<const RollupRow> rows, std::span<const BacklogBase> before,
                                   const KpiQuery& query) {
  auto days = DayClock::create(query.time_zone);
  if (!days.ok()) return days.error();
  if (query.to <= query.from) return invalid_input("report range is empty: 'to' must be after 'from'", "to");
  const std::int64_t from_day = days->day_of(query.from);
  const std::int64_t to_day = days->day_of(query.to);
  if (days->start_of(from_day) != query.from) {
    return invalid_input("aggregated reports start at a local midnight of the tenant's zone", "from");
  }
  if (days->start_of(to_day) != query.to) {
    return invalid_input("aggregated reports end at a local midnight of the tenant's zone", "to");
  }
  auto buckets = Buckets::create(query.period, query.from, query.to, query.time_zone);
  if (!buckets.ok()) return buckets.error();
  const std::size_t n = buckets->size();
  std::vector<std::int64_t> end_days;
  end_days.reserve(n);
  for (const auto& b : buckets->all()) end_days.push_back(days->day_of(b.end));

  struct Group {
    std::vector<DayFigures> figures;
    std::vector<bool> received;
    BacklogBase base;
    std::vector<BacklogStep> steps;
  };
  std::map<std::string, Group, decltype(&group_key_less)> groups(&group_key_less);
  auto group_of = [&](const std::string& key) -> Group& {
    auto [it, inserted] = groups.try_emplace(key);
    if (inserted) {
      it->second.figures.resize(n);
      it->second.received.resize(n, false);
    }
    return it->second;
  };

  KpiReport report;
  report.dimension = query.dimension;
  report.period = query.period;
  report.from = query.from;
  report.to = query.to;
  report.time_zone = query.time_zone;
  report.business_time = query.calendar.has_value();
  report.aggregated = true;

  for (const auto& base : before) {
    if (base.count != 0 || base.created_sum_ms != 0) group_of(base.key).base = base;
  }
  for (const auto& row : rows) {
    if (row.day < from_day || row.day >= to_day) continue;
    report.excluded_spam += row.figures.excluded_spam;
    report.excluded_mystery_shopper += row.figures.excluded_mystery_shopper;
    if (row.figures.counts.received == 0 && row.backlog_delta == 0 && row.backlog_created_sum_ms == 0) {
      continue;
    }
    Group& g = group_of(row.key);
    if (row.figures.counts.received != 0) {
      auto index = buckets->index_of(days->start_of(row.day));
      if (index) {
        g.figures[*index].merge(row.figures, 1);
        g.received[*index] = true;
      }
    }
    if (row.backlog_delta != 0 || row.backlog_created_sum_ms != 0) {
      g.steps.push_back({row.day, row.backlog_delta, row.backlog_created_sum_ms});
    }
  }

  for (auto& [key, g] : groups) {
    std::sort(g.steps.begin(), g.steps.end(), [](const auto& a, const auto& b) { return a.day < b.day; });
    std::int64_t open = g.base.count;
    std::int64_t created_sum = g.base.created_sum_ms;
    auto step = g.steps.begin();
    for (std::size_t i = 0; i < n; ++i) {
      while (step != g.steps.end() && step->day < end_days[i]) {
        open += step->delta;
        created_sum += step->created_sum_ms;
        ++step;
      }
      if (!g.received[i] && open <= 0) continue;
      const DayFigures& d = g.figures[i];
      KpiFigures f;
      f.first_response_seconds = d.first_response.summary();
      f.next_response_seconds = d.next_response.summary();
      f.resolution_seconds = d.resolution.summary();
      if (query.calendar) {
        f.first_response_business_seconds = d.first_response_business.summary();
        f.next_response_business_seconds = d.next_response_business.summary();
        f.resolution_business_seconds = d.resolution_business.summary();
      }
      f.backlog = std::max<std::int64_t>(open, 0);
      f.backlog_age_seconds.count = f.backlog;
      if (open > 0) {
        const double end_ms = static_cast<double>(to_unix_ms(buckets->all()[i].end));
        f.backlog_age_seconds.mean =
            (end_ms - static_cast<double>(created_sum) / static_cast<double>(open)) / 1000.0;
      }
      fill_counted_figures(d.counts, query.cost, f);
      f.calls = call_figures(d.counts.calls, d.call_waits, query.service_level_seconds);
      report.groups.push_back(KpiGroup{key, buckets->all()[i], std::move(f)});
    }
  }
  return report;
}

}  // namespace sp::reporting
