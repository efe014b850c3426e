#include "mockgc/core/wfm/history.hpp"

#include <algorithm>
#include <cmath>

#include "mockgc/api/random.hpp"

namespace mockgc::core::wfm {
namespace {

constexpr std::int64_t kIntervalMs = 15 * 60 * 1000;
constexpr double kMaxWaitMs = 12.0 * 3600 * 1000;    // waits (email backlog) are capped at 12 h
constexpr double kMaxHandleMs = 4.0 * 3600 * 1000;   // handles at 4 h: together below kMargin
constexpr double kTransferShare = 0.04;

std::int64_t index_of(Instant t) { return t.time_since_epoch().count() / kIntervalMs; }

}  // namespace

void TimeStat::add(std::uint32_t ms) {
  const std::uint64_t s = std::uint64_t{sum_ms} + ms;
  sum_ms = s > std::numeric_limits<std::uint32_t>::max() ? std::numeric_limits<std::uint32_t>::max()
                                                         : static_cast<std::uint32_t>(s);
  min_ms = std::min(min_ms, ms);
  max_ms = std::max(max_ms, ms);
  ++count;
}

namespace {

// One merge rule for cell stats and wider totals: an empty side changes nothing.
template <class Into, class From>
void merge_stat(Into& into, const From& o) {
  if (o.count == 0) return;
  into.sum_ms += o.sum_ms;
  into.min_ms = std::min(into.min_ms, o.min_ms);
  into.max_ms = std::max(into.max_ms, o.max_ms);
  into.count += o.count;
}

}  // namespace

void TimeStat::merge(const TimeStat& o) { merge_stat(*this, o); }
void TimeTotal::merge(const TimeStat& o) { merge_stat(*this, o); }
void TimeTotal::merge(const TimeTotal& o) { merge_stat(*this, o); }

void HistoryTotals::merge(const HistoryCell& c) {
  offered += c.offered;
  transferred += c.transferred;
  answered.merge(c.answered);
  abandon.merge(c.abandon);
  handle.merge(c.handle);
  talk.merge(c.talk);
  acw.merge(c.acw);
}

void HistoryTotals::merge(const HistoryTotals& c) {
  offered += c.offered;
  transferred += c.transferred;
  answered.merge(c.answered);
  abandon.merge(c.abandon);
  handle.merge(c.handle);
  talk.merge(c.talk);
  acw.merge(c.acw);
}

Instant floor_interval(Instant t) {
  const auto ms = t.time_since_epoch().count();
  const auto floored = ms >= 0 ? ms / kIntervalMs * kIntervalMs : -((-ms + kIntervalMs - 1) / kIntervalMs) * kIntervalMs;
  return Instant(Millis(floored));
}

HistoryStore HistoryStore::build(const DemandModel& model, std::uint64_t seed, Instant first, Instant end) {
  HistoryStore store;
  store.first_ = floor_interval(first);
  store.end_ = std::max(store.first_, floor_interval(end));
  store.intervals_ = static_cast<std::size_t>(index_of(store.end_) - index_of(store.first_));
  store.queues_ = model.queues().size();
  store.cells_.assign(store.intervals_ * store.queues_, HistoryCell{});
  const std::int64_t first_index = index_of(store.first_);
  const std::int64_t end_index = index_of(store.end_);
  const std::int64_t gen_from = first_index - kMargin.count() / kIntervalMs;

  for (std::size_t q = 0; q < store.queues_; ++q) {
    const QueueDemand& demand = model.queues()[q];
    HistoryCell* row = store.cells_.data() + q * store.intervals_;
    auto at = [&](double t_ms) -> HistoryCell* {
      const auto i = static_cast<std::int64_t>(std::floor(t_ms / static_cast<double>(kIntervalMs)));
      return i >= first_index && i < end_index ? row + (i - first_index) : nullptr;
    };
    const std::uint64_t queue_seed = api::derive_seed(seed, {"history", demand.queue_id});
    const double mu_shift = -0.5 * demand.aht_log_sigma * demand.aht_log_sigma;
    for (std::int64_t j = gen_from; j < end_index; ++j) {
      const Instant start{Millis(j * kIntervalMs)};
      api::Rng rng(api::derive_seed(queue_seed, "interval", static_cast<std::uint64_t>(j)));
      const std::uint32_t n = static_cast<std::uint32_t>(rng.poisson(model.expected_offered(q, start)));
      if (n == 0) continue;
      const double mu = std::log(model.expected_aht_seconds(q, start) * 1000.0) + mu_shift;
      HistoryCell* offer_cell = j >= first_index ? row + (j - first_index) : nullptr;
      if (offer_cell) offer_cell->offered += n;
      for (std::uint32_t k = 0; k < n; ++k) {
        const double offered_at = static_cast<double>(j * kIntervalMs) + rng.uniform() * kIntervalMs;
        if (!rng.chance(demand.answer_rate)) {
          const double gave_up = std::min(rng.exponential(demand.mean_wait_seconds * 800.0), kMaxWaitMs);
          if (auto* c = at(offered_at + gave_up)) c->abandon.add(static_cast<std::uint32_t>(gave_up));
          continue;
        }
        const double wait = std::min(rng.exponential(demand.mean_wait_seconds * 1000.0), kMaxWaitMs);
        const double handle = std::clamp(std::exp(mu + demand.aht_log_sigma * rng.normal()), 1000.0, kMaxHandleMs);
        const double acw = handle * (0.06 + 0.14 * rng.uniform());
        const double hold = rng.chance(0.15) ? handle * 0.2 * rng.uniform() : 0.0;
        const double talk = handle - acw - hold;
        const bool transferred = rng.chance(kTransferShare);
        const double answered_at = offered_at + wait;
        if (auto* c = at(answered_at)) c->answered.add(static_cast<std::uint32_t>(wait));
        if (auto* c = at(answered_at + handle)) {
          c->handle.add(static_cast<std::uint32_t>(handle));
          c->talk.add(static_cast<std::uint32_t>(talk));
          c->acw.add(static_cast<std::uint32_t>(acw));
          if (transferred) ++c->transferred;
        }
      }
    }
  }
  return store;
}

HistoryStore HistoryStore::build_around(const DemandModel& model, std::uint64_t seed, Instant start) {
  const Instant anchor = floor_interval(start);
  return build(model, seed, anchor - std::chrono::days(190), anchor + std::chrono::days(14));
}

const HistoryCell* HistoryStore::cell(std::size_t queue, Instant start) const {
  if (queue >= queues_ || start < first_ || start >= end_) return nullptr;
  const auto i = static_cast<std::size_t>(index_of(start) - index_of(first_));
  return &cells_[queue * intervals_ + i];
}

HistoryTotals HistoryStore::totals(std::size_t queue, Instant from, Instant to) const {
  HistoryTotals out;
  if (queue >= queues_) return out;
  const Instant a = std::max(floor_interval(from), first_);
  const Instant b = std::min(to, end_);
  for (Instant t = a; t < b; t += kInterval) out.merge(*cell(queue, t));
  return out;
}

}  // namespace mockgc::core::wfm
