#include "mockgc/core/wfm/history.hpp"

#include <algorithm>
#include <atomic>
#include <limits>
#include <mutex>
#include <system_error>
#include <thread>

#include "mockgc/api/random.hpp"
#include "../lru_cache.hpp"
#include "../parallel.hpp"
#include "quantile_table.hpp"

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

// Thresholds for 32- and 16-bit uniform words: a word below threshold(p) has probability p (to 2^-32 / 2^-16).
constexpr std::uint32_t threshold32(double p) {
  return p <= 0.0 ? 0u : p >= 1.0 ? 0xffffffffu : static_cast<std::uint32_t>(p * 0x1p32);
}
constexpr std::uint32_t kHoldBelow = static_cast<std::uint32_t>(0.15 * 0x1p16);  // share of answered with a hold
constexpr std::uint32_t kTransferBelow = static_cast<std::uint32_t>(kTransferShare * 0x1p16);
constexpr double unit16(std::uint64_t word, int field) {
  return static_cast<double>((word >> (16 * field)) & 0xffffu) * 0x1p-16;
}

// The tables a queue's handle and wait times are read from.
struct QueueDraws {
  const QuantileTable* handle;  // lognormal of mean 1 with the queue's shape
  const QuantileTable* wait;    // exponential of mean 1
  explicit QueueDraws(const QueueDemand& demand)
      : handle(&lognormal_quantiles(demand.aht_log_sigma)), wait(&exponential_quantiles()) {}
};

// The conversations offered to `queue` in `interval`, whose expectations are `e`, handed to sink(c) in draw
// order; returns how many were offered. The one realisation of the demand model into conversations: after the
// Poisson count, each conversation takes three generator words, whatever it turns out to be —
//   word 1: the offer's millisecond inside the interval (high half), answered or abandoned (low half);
//   word 2: the wait (high half) and the handle time (low half), by their quantile tables;
//   word 3: four 16-bit fields: the ACW share of the handle, whether it held, the hold share, transferred.
// Every time is whole milliseconds, and talk + hold + ACW = handle exactly. A conversation whose last event
// (the abandon, or the end of handling) comes before `from_ms` is drawn but not handed to the sink.
template <class Sink>
std::uint32_t draw_offered(const QueueDemand& demand, const QueueDraws& draws, std::uint64_t interval_seed,
                           std::size_t queue, std::int64_t interval, const IntervalExpectation& e,
                           std::int64_t from_ms, Sink&& sink) {
  if (!(e.offered > 0.0)) return 0;  // Poisson of no mean: no draw at all
  api::Rng rng(api::derive_seed(interval_seed, static_cast<std::uint64_t>(interval)));
  const std::uint32_t n = static_cast<std::uint32_t>(rng.poisson(e.offered));
  if (n == 0) return 0;
  const std::int64_t start_ms = interval * kIntervalMs;
  const std::uint32_t answer_below = threshold32(demand.answer_rate);
  const double answered_wait_ms = demand.mean_wait_seconds * 1000.0;
  const double abandon_wait_ms = demand.mean_wait_seconds * 800.0;
  const double handle_mean_ms = e.aht_seconds * 1000.0;
  for (std::uint32_t k = 0; k < n; ++k) {
    const std::uint64_t w1 = rng.next(), w2 = rng.next(), w3 = rng.next();
    const std::int64_t offered = start_ms + static_cast<std::int64_t>(((w1 >> 32) * kIntervalMs) >> 32);
    const bool answered = static_cast<std::uint32_t>(w1) < answer_below;
    const double wait_draw = (*draws.wait)(static_cast<std::uint32_t>(w2 >> 32));
    const auto wait = static_cast<std::int64_t>(std::min(wait_draw * (answered ? answered_wait_ms : abandon_wait_ms),
                                                         kMaxWaitMs));
    Conversation c;
    c.queue = queue;
    c.interval = interval;
    c.ordinal = k;
    c.offered_ms = static_cast<double>(offered);
    c.wait_ms = static_cast<double>(wait);
    if (!answered) {
      if (offered + wait >= from_ms) sink(c);
      continue;
    }
    const auto handle = static_cast<std::int64_t>(
        std::clamp(handle_mean_ms * (*draws.handle)(static_cast<std::uint32_t>(w2)), 1000.0, kMaxHandleMs));
    if (offered + wait + handle < from_ms) continue;
    const auto acw = static_cast<std::int64_t>(static_cast<double>(handle) * (0.06 + 0.14 * unit16(w3, 0)));
    const auto hold = ((w3 >> 16) & 0xffffu) < kHoldBelow
                          ? static_cast<std::int64_t>(static_cast<double>(handle) * 0.2 * unit16(w3, 2))
                          : std::int64_t{0};
    c.answered = true;
    c.handle_ms = static_cast<double>(handle);
    c.acw_ms = static_cast<double>(acw);
    c.hold_ms = static_cast<double>(hold);
    c.talk_ms = static_cast<double>(handle - acw - hold);
    c.transferred = (w3 >> 48) < kTransferBelow;
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
  const QueueDemand& demand = model.queues()[queue];
  draw_offered(demand, QueueDraws(demand), interval_seed(model, seed, queue), queue, interval, e,
               std::numeric_limits<std::int64_t>::min(), [&](const Conversation& c) { out.push_back(c); });
}

void fill_history_row(const DemandModel& model, std::uint64_t seed, std::size_t queue, std::int64_t first,
                      std::int64_t end, HistoryCell* row) {
  // Whole milliseconds since the epoch to the row's cell holding them, or nullptr outside the row.
  const std::int64_t row_start_ms = first * kIntervalMs;
  const auto row_span_ms = static_cast<std::uint64_t>((end - first) * kIntervalMs);
  auto at = [&](std::int64_t t_ms) -> HistoryCell* {
    const auto offset = static_cast<std::uint64_t>(t_ms - row_start_ms);  // before the row wraps to above it
    return offset < row_span_ms ? row + offset / kIntervalMs : nullptr;
  };
  auto count = [&](const Conversation& c) {
    const auto offered = static_cast<std::int64_t>(c.offered_ms);
    const auto wait = static_cast<std::uint32_t>(c.wait_ms);
    if (!c.answered) {
      if (auto* cell = at(offered + wait)) cell->abandon.add(wait);
      return;
    }
    const std::int64_t answered_at = offered + wait;
    if (auto* cell = at(answered_at)) cell->answered.add(wait);
    const auto handle = static_cast<std::uint32_t>(c.handle_ms);
    if (auto* cell = at(answered_at + handle)) {
      cell->handle.add(handle);
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
  const QueueDraws draws(demand);
  const std::uint64_t iseed = interval_seed(model, seed, queue);
  for (std::int64_t j = from; j < end; ++j) {
    const std::uint32_t n =
        draw_offered(demand, draws, iseed, queue, j, expected[static_cast<std::size_t>(j - from)], row_start_ms, count);
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
      cache_(std::move(cache)) {
  // The quantile tables the draws read are built now (well under a millisecond each, once per process for
  // every media shape), not by the first query.
  for (const auto& queue : model.queues()) QueueDraws{queue};
}

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

namespace {

// One missing day of a LazyHistory::read_days, built by whichever thread claims it first.
struct AheadDay {
  static constexpr int kTodo = 0, kBuilding = 1, kBuilt = 2;
  std::atomic<int> state{kTodo};
  std::vector<HistoryCell> cells;
};

}  // namespace

void HistorySource::read_days(std::span<const std::size_t> queues, std::int64_t first_day, std::int64_t end_day,
                              const DayVisitor& visit) const {
  for (std::size_t queue : queues)
    for (std::int64_t d = first_day; d < end_day; ++d) visit(queue, d, day(queue, d));
}

void LazyHistory::read_days(std::span<const std::size_t> queues, std::int64_t first_day, std::int64_t end_day,
                            const DayVisitor& visit) const {
  if (end_day <= first_day) return;
  const auto days = static_cast<std::size_t>(end_day - first_day);
  // The missing days, in reading order; ahead_of[k] is the index of the k-th day read among them, or npos.
  constexpr std::size_t npos = static_cast<std::size_t>(-1);
  std::vector<std::pair<std::size_t, std::int64_t>> missing;
  std::vector<std::size_t> ahead_of(queues.size() * days, npos);
  for (std::size_t k = 0; k < queues.size(); ++k)
    for (std::size_t d = 0; d < days; ++d)
      if (!cache_->cached(model_, queues[k], first_day + static_cast<std::int64_t>(d))) {
        ahead_of[k * days + d] = missing.size();
        missing.emplace_back(queues[k], first_day + static_cast<std::int64_t>(d));
      }
  const unsigned threads = std::min(kAheadThreads, parallel_threads(missing.size() / 4));
  if (missing.size() < kAheadMinDays || threads < 2) {
    HistorySource::read_days(queues, first_day, end_day, visit);
    return;
  }

  // Built days not read yet hold at most half the cache: more would push out what the reader just cached.
  const std::size_t ahead_limit = std::max<std::size_t>(1, cache_->max_bytes() / 2 / HistoryCache::kDayBytes);
  std::vector<AheadDay> ahead(missing.size());
  // The rows come from the reader's heap, where the cache keeps them, rather than each helper's own arena.
  for (std::size_t i = 0; i < std::min(ahead.size(), ahead_limit); ++i) ahead[i].cells.resize(kIntervalsPerDay);
  std::atomic<std::size_t> next{0};    // the next missing day a helper takes
  std::atomic<std::size_t> reading{0}; // missing days the reader is done with
  std::atomic<bool> stop{false};
  // Builds missing day i if nobody has claimed it yet. A day's cells depend only on its queue and day, so which
  // thread builds it changes nothing.
  auto claim_and_build = [&](std::size_t i) {
    AheadDay& a = ahead[i];
    int todo = AheadDay::kTodo;
    if (!a.state.compare_exchange_strong(todo, AheadDay::kBuilding)) return;
    if (a.cells.empty()) a.cells.resize(kIntervalsPerDay);
    const std::int64_t first = missing[i].second * kIntervalsPerDay;
    fill_history_row(*model_, seed_, missing[i].first, first, first + kIntervalsPerDay, a.cells.data());
    a.state = AheadDay::kBuilt;
    a.state.notify_all();
  };
  // A helper takes the missing days in reading order. Out of memory, it hands its day back and stops: the
  // reader builds it.
  auto help = [&]() noexcept {
    for (std::size_t i = next++; i < missing.size() && !stop; i = next++) {
      for (std::size_t r = reading.load(); i >= r + ahead_limit && !stop; r = reading.load()) reading.wait(r);
      if (stop) return;
      try {
        claim_and_build(i);
      } catch (...) {
        ahead[i].cells = {};
        ahead[i].state = AheadDay::kTodo;
        ahead[i].state.notify_all();
        return;
      }
    }
  };
  std::vector<std::jthread> helpers;
  // Stops and joins the helpers however the reading ends, before what they read leaves scope.
  struct Finish {
    std::atomic<bool>& stop;
    std::atomic<std::size_t>& reading;
    std::vector<std::jthread>& helpers;
    ~Finish() {
      stop = true;
      reading = static_cast<std::size_t>(-1) / 2;
      reading.notify_all();
      helpers.clear();
    }
  } finish{stop, reading, helpers};
  try {
    for (unsigned t = 1; t < threads; ++t) helpers.emplace_back(help);
  } catch (const std::system_error&) {
    // No more threads to be had: the reader and the helpers started build them.
  }

  for (std::size_t k = 0; k < queues.size(); ++k)
    for (std::size_t d = 0; d < days; ++d) {
      const std::int64_t day_index = first_day + static_cast<std::int64_t>(d);
      const std::size_t i = ahead_of[k * days + d];
      if (i == npos) {
        visit(queues[k], day_index, day(queues[k], day_index));
        continue;
      }
      // The reader's day: built by the reader when unclaimed; while a helper builds it, the reader builds the
      // next unclaimed day rather than wait (within the bound), and waits only when there is none.
      AheadDay& a = ahead[i];
      for (int s = a.state.load(); s != AheadDay::kBuilt; s = a.state.load()) {
        if (s == AheadDay::kTodo) {
          claim_and_build(i);
        } else if (const std::size_t bound = std::min(missing.size(), i + ahead_limit); next.load() < bound) {
          // A day taken past the bound in a race is left unclaimed: the reader builds it when it gets there.
          if (const std::size_t later = next++; later < bound) claim_and_build(later);
        } else {
          a.state.wait(AheadDay::kBuilding);
        }
      }
      // Cached in reading order, the same order a serial read caches them.
      auto cells = cache_->get(model_, queues[k], day_index, [&] { return std::move(a.cells); });
      a.cells = {};
      const HistoryCell* base = cells->data();
      reading = i + 1;
      reading.notify_all();
      visit(queues[k], day_index, HistoryRow{std::move(cells), base, day_index * kIntervalsPerDay});
    }
}

}  // namespace mockgc::core::wfm
