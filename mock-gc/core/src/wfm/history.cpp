#include "mockgc/core/wfm/history.hpp"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <mutex>
#include <system_error>
#include <thread>

#include "mockgc/api/random.hpp"
#include "../lru_cache.hpp"

namespace mockgc::core::wfm {
namespace {

constexpr std::int64_t kIntervalMs = 15 * 60 * 1000;
constexpr double kMaxWaitMs = static_cast<double>(HistoryStore::kMaxWait.count());      // email backlog included
constexpr double kMaxHandleMs = static_cast<double>(HistoryStore::kMaxHandle.count());  // together below kMargin
constexpr double kTransferShare = 0.04;

std::int64_t index_of(Instant t) { return t.time_since_epoch().count() / kIntervalMs; }
// Offers this many intervals before a cell can still end inside it (one interval more than the caps allow,
// so no rounding of the millisecond sums can reach it).
constexpr std::int64_t kLookbackIntervals = (HistoryStore::kMaxWait + HistoryStore::kMaxHandle) / kInterval + 1;

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

// One merge rule for totals, from a cell or from other totals.
template <class From>
void merge_totals(HistoryTotals& into, const From& c) {
  into.offered += c.offered;
  into.transferred += c.transferred;
  into.answered.merge(c.answered);
  into.abandon.merge(c.abandon);
  into.handle.merge(c.handle);
  into.talk.merge(c.talk);
  into.acw.merge(c.acw);
}

}  // namespace

void TimeStat::merge(const TimeStat& o) { merge_stat(*this, o); }
void TimeTotal::merge(const TimeStat& o) { merge_stat(*this, o); }
void TimeTotal::merge(const TimeTotal& o) { merge_stat(*this, o); }

void HistoryTotals::merge(const HistoryCell& c) { merge_totals(*this, c); }
void HistoryTotals::merge(const HistoryTotals& c) { merge_totals(*this, c); }

Instant floor_interval(Instant t) {
  const auto ms = t.time_since_epoch().count();
  const auto floored = ms >= 0 ? ms / kIntervalMs * kIntervalMs : -((-ms + kIntervalMs - 1) / kIntervalMs) * kIntervalMs;
  return Instant(Millis(floored));
}

std::int64_t interval_index(Instant t) { return floor_interval(t).time_since_epoch().count() / kIntervalMs; }
Instant interval_start(std::int64_t index) { return Instant(Millis(index * kIntervalMs)); }

namespace {

// The seed of a queue's interval streams: conversations_offered draws interval j from
// derive_seed(seed, {"history", queue id}, "interval", j), that is derive_seed(interval_seed, j).
std::uint64_t interval_seed(const DemandModel& model, std::uint64_t seed, std::size_t queue) {
  return api::derive_seed(api::derive_seed(seed, {"history", model.queues()[queue].queue_id}), {"interval"});
}

// The conversations offered to `queue` in `interval`, whose expectations are `e`, handed to sink(c) in draw
// order; returns how many. The one realisation of the demand model into conversations.
template <class Sink>
std::uint32_t draw_offered(const QueueDemand& demand, std::uint64_t interval_seed, std::size_t queue,
                           std::int64_t interval, const IntervalExpectation& e, Sink&& sink) {
  if (!(e.offered > 0.0)) return 0;  // Poisson of no mean: no draw at all
  api::Rng rng(api::derive_seed(interval_seed, static_cast<std::uint64_t>(interval)));
  const std::uint32_t n = static_cast<std::uint32_t>(rng.poisson(e.offered));
  if (n == 0) return 0;
  const double mu_shift = -0.5 * demand.aht_log_sigma * demand.aht_log_sigma;
  const double mu = std::log(e.aht_seconds * 1000.0) + mu_shift;
  for (std::uint32_t k = 0; k < n; ++k) {
    Conversation c;
    c.queue = queue;
    c.interval = interval;
    c.ordinal = k;
    c.offered_ms = static_cast<double>(interval * kIntervalMs) + rng.uniform() * kIntervalMs;
    if (!rng.chance(demand.answer_rate)) {
      c.wait_ms = std::min(rng.exponential(demand.mean_wait_seconds * 800.0), kMaxWaitMs);
      sink(c);
      continue;
    }
    c.answered = true;
    c.wait_ms = std::min(rng.exponential(demand.mean_wait_seconds * 1000.0), kMaxWaitMs);
    c.handle_ms = std::clamp(std::exp(mu + demand.aht_log_sigma * rng.normal()), 1000.0, kMaxHandleMs);
    c.acw_ms = c.handle_ms * (0.06 + 0.14 * rng.uniform());
    c.hold_ms = rng.chance(0.15) ? c.handle_ms * 0.2 * rng.uniform() : 0.0;
    c.talk_ms = c.handle_ms - c.acw_ms - c.hold_ms;
    c.transferred = rng.chance(kTransferShare);
    sink(c);
  }
  return n;
}

}  // namespace

void conversations_offered(const DemandModel& model, std::uint64_t seed, std::size_t queue, std::int64_t interval,
                           std::vector<Conversation>& out) {
  out.clear();
  IntervalExpectation e;
  model.expectations(queue, interval, interval + 1, &e);
  draw_offered(model.queues()[queue], interval_seed(model, seed, queue), queue, interval, e,
               [&](const Conversation& c) { out.push_back(c); });
}

void fill_history_row(const DemandModel& model, std::uint64_t seed, std::size_t queue, std::int64_t first,
                      std::int64_t end, HistoryCell* row) {
  auto at = [&](double t_ms) -> HistoryCell* {
    const auto i = static_cast<std::int64_t>(std::floor(t_ms / static_cast<double>(kIntervalMs)));
    return i >= first && i < end ? row + (i - first) : nullptr;
  };
  auto count = [&](const Conversation& c) {
    if (!c.answered) {
      if (auto* cell = at(c.offered_ms + c.wait_ms)) cell->abandon.add(static_cast<std::uint32_t>(c.wait_ms));
      return;
    }
    const double answered_at = c.offered_ms + c.wait_ms;
    if (auto* cell = at(answered_at)) cell->answered.add(static_cast<std::uint32_t>(c.wait_ms));
    if (auto* cell = at(answered_at + c.handle_ms)) {
      cell->handle.add(static_cast<std::uint32_t>(c.handle_ms));
      cell->talk.add(static_cast<std::uint32_t>(c.talk_ms));
      cell->acw.add(static_cast<std::uint32_t>(c.acw_ms));
      if (c.transferred) ++cell->transferred;
    }
  };
  const std::int64_t from = first - kLookbackIntervals;
  if (from >= end) return;
  thread_local std::vector<IntervalExpectation> expected;
  expected.resize(static_cast<std::size_t>(end - from));
  model.expectations(queue, from, end, expected.data());
  const QueueDemand& demand = model.queues()[queue];
  const std::uint64_t iseed = interval_seed(model, seed, queue);
  for (std::int64_t j = from; j < end; ++j) {
    const std::uint32_t n = draw_offered(demand, iseed, queue, j, expected[static_cast<std::size_t>(j - from)], count);
    if (j >= first) row[j - first].offered += n;
  }
}

HistoryStore HistoryStore::build(const DemandModel& model, std::uint64_t seed, Instant first, Instant end) {
  HistoryStore store;
  store.first_ = floor_interval(first);
  store.end_ = std::max(store.first_, floor_interval(end));
  store.intervals_ = static_cast<std::size_t>(index_of(store.end_) - index_of(store.first_));
  store.queues_ = model.queues().size();
  store.cells_.assign(store.intervals_ * store.queues_, HistoryCell{});
  for (std::size_t q = 0; q < store.queues_; ++q)
    fill_history_row(model, seed, q, index_of(store.first_), index_of(store.end_),
                     store.cells_.data() + q * store.intervals_);
  return store;
}

std::pair<Instant, Instant> HistoryStore::window_around(Instant start) {
  const Instant anchor = floor_interval(start);
  return {anchor - std::chrono::days(190), anchor + std::chrono::days(14)};
}

HistoryStore HistoryStore::build_around(const DemandModel& model, std::uint64_t seed, Instant start) {
  const auto [first, end] = window_around(start);
  return build(model, seed, first, end);
}

HistoryRow HistoryStore::day(std::size_t queue, std::int64_t) const {
  return {nullptr, cells_.data() + queue * intervals_, index_of(first_)};
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


std::size_t HistoryCache::KeyHash::operator()(const Key& k) const {
  std::uint64_t h = api::hash_combine(reinterpret_cast<std::uintptr_t>(k.owner), k.queue);
  return static_cast<std::size_t>(api::hash_combine(h, static_cast<std::uint64_t>(k.day)));
}

struct HistoryCache::Days {
  mutable std::mutex mutex;
  LruCache<Key, Day, KeyHash> lru;  // weighed in bytes (kDayBytes a day)
  std::size_t builds = 0;
};

HistoryCache::HistoryCache(std::size_t max_bytes) : max_bytes_(max_bytes), days_(std::make_unique<Days>()) {
  days_->lru.set_budget(max_bytes);
}

HistoryCache::~HistoryCache() = default;

HistoryCache::Day HistoryCache::find(const Key& key) {
  std::lock_guard lock(days_->mutex);
  const Day* hit = days_->lru.find(key);
  return hit ? *hit : nullptr;
}

HistoryCache::Day HistoryCache::insert(const Key& key, Day value) {
  std::lock_guard lock(days_->mutex);
  ++days_->builds;
  return days_->lru.insert(key, std::move(value), kDayBytes);  // another reader's equal day if built meanwhile
}

bool HistoryCache::cached(const void* owner, std::size_t queue, std::int64_t day) const {
  std::lock_guard lock(days_->mutex);
  return days_->lru.contains(Key{owner, queue, day});
}

std::size_t HistoryCache::bytes() const {
  std::lock_guard lock(days_->mutex);
  return days_->lru.weight();
}

std::size_t HistoryCache::builds() const {
  std::lock_guard lock(days_->mutex);
  return days_->builds;
}

LazyHistory::LazyHistory(const DemandModel& model, std::uint64_t seed, Instant first, Instant end,
                         std::shared_ptr<HistoryCache> cache)
    : model_(&model), seed_(seed), first_(floor_interval(first)), end_(std::max(first_, floor_interval(end))),
      cache_(std::move(cache)) {}

LazyHistory LazyHistory::around(const DemandModel& model, std::uint64_t seed, Instant start,
                                std::shared_ptr<HistoryCache> cache) {
  const auto [first, end] = HistoryStore::window_around(start);
  return LazyHistory(model, seed, first, end, std::move(cache));
}

std::size_t LazyHistory::queue_count() const { return model_->queues().size(); }

HistoryRow LazyHistory::day(std::size_t queue, std::int64_t day) const {
  const std::int64_t first = day * kIntervalsPerDay;
  auto cells = cache_->get(model_, queue, day, [&] {
    std::vector<HistoryCell> row(kIntervalsPerDay);
    fill_history_row(*model_, seed_, queue, first, first + kIntervalsPerDay, row.data());
    return row;
  });
  const HistoryCell* base = cells->data();
  return {std::move(cells), base, first};
}

void LazyHistory::prepare(std::span<const std::size_t> queues, std::int64_t first_day, std::int64_t end_day) const {
  // The days to read in reading order, as many as fit in half the cache: more would evict the first before
  // they are read.
  if (end_day <= first_day) return;
  const std::size_t fit = cache_->max_bytes() / 2 / HistoryCache::kDayBytes;
  const std::size_t whole_queues = std::min(queues.size(), fit / static_cast<std::size_t>(end_day - first_day));
  std::vector<std::pair<std::size_t, std::int64_t>> missing;
  for (std::size_t k = 0; k < whole_queues; ++k)
    for (std::int64_t d = first_day; d < end_day; ++d)
      if (!cache_->cached(model_, queues[k], d)) missing.emplace_back(queues[k], d);
  if (missing.size() < kPrepareMinDays) return;
  const unsigned threads = std::min({kPrepareThreads, std::max(1u, std::thread::hardware_concurrency()),
                                     static_cast<unsigned>(missing.size() / 4)});
  if (threads < 2) return;  // read one at a time anyway

  // Each thread takes the next missing day until none is left; a day's cells depend only on its queue and
  // day, so which thread builds it changes nothing.
  std::vector<std::vector<HistoryCell>> rows(missing.size());
  std::vector<char> built(missing.size(), 0);
  std::atomic<std::size_t> next{0};
  auto work = [&]() noexcept {
    try {
      for (std::size_t i = next++; i < missing.size(); i = next++) {
        const auto [queue, day] = missing[i];
        rows[i].assign(kIntervalsPerDay, HistoryCell{});
        fill_history_row(*model_, seed_, queue, day * kIntervalsPerDay, (day + 1) * kIntervalsPerDay, rows[i].data());
        built[i] = 1;
      }
    } catch (...) {
      next = missing.size();  // out of memory: what is built is kept, the rest is built when read
    }
  };
  {
    std::vector<std::jthread> helpers;
    try {
      for (unsigned t = 1; t < threads; ++t) helpers.emplace_back(work);
    } catch (const std::system_error&) {
      // No more threads to be had: the caller's and those started do it.
    }
    work();
  }
  // Cached in reading order, the same order a serial read caches them.
  for (std::size_t i = 0; i < missing.size(); ++i)
    if (built[i]) cache_->get(model_, missing[i].first, missing[i].second, [&] { return std::move(rows[i]); });
}

}  // namespace mockgc::core::wfm
