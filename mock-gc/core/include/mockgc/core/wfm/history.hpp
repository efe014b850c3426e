#pragma once
// Conversation history: the demand model realised with noise, per queue per 15-minute UTC interval.
// Each offer interval's conversations are a pure function of (seed, queue id, interval index): offered ~
// Poisson(expected), each answered with the queue's answer rate (else abandoned), an exponential wait, a
// lognormal handle time split into talk/hold/ACW, in whole milliseconds, the times read through quantile
// tables (history.cpp says which generator words hold what). Metrics land where Genesys counts them:
//   nOffered      in the interval of the offer
//   tAnswered     in the interval of the answer (offer + wait)
//   tAbandon      in the interval of the abandon
//   tHandle/tTalk/tAcw/nTransferred  in the interval where handling ENDS (answer + handle)
// so per-interval nOffered and tHandle.count describe different conversations (genesys-api.md §8.6).
// A cell's value never depends on the window it is built in: the conversations offered up to
// kMaxWait + kMaxHandle (and one interval) before a window's first cell are drawn to collect those that end
// inside it. Two sources hold the cells: HistoryStore (a whole window at once: the tests' ground truth) and
// LazyHistory (the service's: one queue's day at a time, built on first read and kept in a bounded
// HistoryCache).
#include <cstdint>
#include <functional>
#include <limits>
#include <memory>
#include <span>
#include <vector>

#include "mockgc/core/clock.hpp"
#include "mockgc/core/wfm/demand.hpp"

namespace mockgc::core::wfm {

// Durations in milliseconds, as analytics reports them.
struct TimeStat {
  std::uint32_t sum_ms = 0;
  std::uint32_t min_ms = std::numeric_limits<std::uint32_t>::max();
  std::uint32_t max_ms = 0;
  std::uint32_t count = 0;
  void add(std::uint32_t ms);
  void merge(const TimeStat& other);
  bool operator==(const TimeStat&) const = default;
};

// A wider accumulator for sums over many cells.
struct TimeTotal {
  std::uint64_t sum_ms = 0;
  std::uint32_t min_ms = std::numeric_limits<std::uint32_t>::max();
  std::uint32_t max_ms = 0;
  std::uint64_t count = 0;
  void merge(const TimeStat& s);
  void merge(const TimeTotal& s);
  bool operator==(const TimeTotal&) const = default;
};

struct HistoryCell {
  std::uint32_t offered = 0;
  std::uint32_t transferred = 0;
  TimeStat answered, abandon, handle, talk, acw;
};

struct HistoryTotals {
  std::uint64_t offered = 0;
  std::uint64_t transferred = 0;
  TimeTotal answered, abandon, handle, talk, acw;
  void merge(const HistoryCell& c);
  void merge(const HistoryTotals& c);
  bool operator==(const HistoryTotals&) const = default;
};

// One conversation of the history, drawn in the 15-minute interval of its offer. Times are milliseconds
// since the epoch (offered) or durations; `wait_ms` is the queue wait of an answered conversation or the
// time to abandon of an abandoned one.
struct Conversation {
  std::size_t queue = 0;       // index into DemandModel::queues()
  std::int64_t interval = 0;   // offer interval: 15-minute intervals since the epoch
  std::uint32_t ordinal = 0;   // draw order inside the interval
  double offered_ms = 0;
  double wait_ms = 0;
  bool answered = false;
  bool transferred = false;
  double handle_ms = 0, talk_ms = 0, hold_ms = 0, acw_ms = 0;  // talk + hold + acw = handle
  Instant offered_at() const { return Instant(Millis(static_cast<std::int64_t>(offered_ms))); }
  Instant answered_at() const { return Instant(Millis(static_cast<std::int64_t>(offered_ms + wait_ms))); }
  Instant ended_at() const { return Instant(Millis(static_cast<std::int64_t>(offered_ms + wait_ms + handle_ms))); }
};

// The conversations offered to `queue` in the 15-minute interval `interval` (index since the epoch), in draw
// order: a pure function of (seed, queue id, interval). `out` is cleared first.
void conversations_offered(const DemandModel& model, std::uint64_t seed, std::size_t queue, std::int64_t interval,
                           std::vector<Conversation>& out);
// Index of the 15-minute interval containing t (floor), and the start of an interval index.
std::int64_t interval_index(Instant t);
Instant interval_start(std::int64_t index);

inline constexpr std::int64_t kIntervalsPerDay = 96;
// The UTC day (days since the epoch) of a 15-minute interval index (floor, before the epoch too).
constexpr std::int64_t day_index(std::int64_t interval) {
  return interval >= 0 ? interval / kIntervalsPerDay : -((-interval + kIntervalsPerDay - 1) / kIntervalsPerDay);
}

// Cells of one queue from some interval on, as a query reads them: `at(i)` is the cell of interval index i.
// Only intervals inside the source's window and the day asked for are meaningful. `keep` holds the cells alive.
struct HistoryRow {
  std::shared_ptr<const void> keep;
  const HistoryCell* base = nullptr;  // the cell of interval index `base_index`
  std::int64_t base_index = 0;
  const HistoryCell& at(std::int64_t interval) const { return base[interval - base_index]; }
};

// Read access to the history cells of the queues of one demand model inside a window [first, end)
// (15-minute aligned, UTC), one queue's UTC day at a time.
class HistorySource {
 public:
  virtual ~HistorySource() = default;
  virtual Instant first() const = 0;
  virtual Instant end() const = 0;
  virtual std::size_t queue_count() const = 0;
  // The cells of `queue` on UTC day `day` (days since the epoch: intervals [day * 96, day * 96 + 96)).
  virtual HistoryRow day(std::size_t queue, std::int64_t day) const = 0;
  // Hands the cells of the days [first_day, end_day) of each of `queues` to visit(queue, day, row) on the
  // caller's thread, queue by queue (in the order given) and day by day. A source that builds days on first
  // read may build the days ahead on other cores while the caller reads: same visits, same cells either way.
  // An exception from `visit` (or from building a day) ends the reading and reaches the caller.
  using DayVisitor = std::function<void(std::size_t queue, std::int64_t day, const HistoryRow& row)>;
  virtual void read_days(std::span<const std::size_t> queues, std::int64_t first_day, std::int64_t end_day,
                         const DayVisitor& visit) const;
};

class HistoryStore final : public HistorySource {
 public:
  // Waits and handles are capped so every conversation ends within kMaxWait + kMaxHandle of its offer;
  // kMargin is a day that surely holds that span (what readers of conversations look back).
  static constexpr Millis kMargin = std::chrono::hours(24);
  static constexpr Millis kMaxWait = std::chrono::hours(2);
  static constexpr Millis kMaxHandle = std::chrono::hours(4);

  // Cells for [first, end) (15-minute aligned, UTC) for every queue of `model`.
  static HistoryStore build(const DemandModel& model, std::uint64_t seed, Instant first, Instant end);
  // The default window around a service start: 190 days before `start` (26-week lookbacks plus a
  // week of slack) and 14 days after it, so a moving clock keeps finding data.
  static HistoryStore build_around(const DemandModel& model, std::uint64_t seed, Instant start);
  static std::pair<Instant, Instant> window_around(Instant start);

  Instant first() const override { return first_; }
  Instant end() const override { return end_; }
  std::size_t queue_count() const override { return queues_; }
  std::size_t cell_count() const { return cells_.size(); }
  HistoryRow day(std::size_t queue, std::int64_t day) const override;
  // The cell of the 15-minute interval starting at `start` (aligned), or nullptr outside the window.
  const HistoryCell* cell(std::size_t queue, Instant start) const;
  // Ground truth: every cell of `queue` whose interval lies in [from, to) (aligned), inside the window.
  HistoryTotals totals(std::size_t queue, Instant from, Instant to) const;

 private:
  Instant first_{}, end_{};
  std::size_t intervals_ = 0, queues_ = 0;
  std::vector<HistoryCell> cells_;  // queue-major
};

// The cells of `queue` for the intervals [first, end) (indices since the epoch) into row[0 .. end - first),
// which starts zeroed: the one realisation of conversations into cells.
void fill_history_row(const DemandModel& model, std::uint64_t seed, std::size_t queue, std::int64_t first,
                      std::int64_t end, HistoryCell* row);

// A bounded least-recently-used cache of history days (one queue's 96 cells of one UTC day, 8.4 KB), shared by
// the orgs of a service: at most `max_bytes` of cells (kDefaultBytes: 256 MiB, about 31,000 queue-days) stay
// cached; a day evicted and read again is built again, with the same values. Rows handed out stay valid while
// their reader holds them, evicted or not. Thread-safe; a day two readers miss at once may be built twice.
class HistoryCache {
 public:
  static constexpr std::size_t kDefaultBytes = std::size_t{256} << 20;
  static constexpr std::size_t kDayBytes = sizeof(HistoryCell) * kIntervalsPerDay;
  explicit HistoryCache(std::size_t max_bytes = kDefaultBytes);
  ~HistoryCache();
  using Day = std::shared_ptr<const std::vector<HistoryCell>>;
  // The day of (owner, queue, day), built by `build` when not cached.
  template <class Build>
  Day get(const void* owner, std::size_t queue, std::int64_t day, Build&& build) {
    const Key key{owner, queue, day};
    if (Day hit = find(key)) return hit;
    return insert(key, std::make_shared<const std::vector<HistoryCell>>(build()));
  }
  // Whether the day of (owner, queue, day) is cached now (without touching its place in the LRU order).
  bool cached(const void* owner, std::size_t queue, std::int64_t day) const;
  std::size_t max_bytes() const { return max_bytes_; }
  std::size_t bytes() const;    // cells cached now
  std::size_t builds() const;   // days built so far (misses)

 private:
  struct Key {
    const void* owner;
    std::size_t queue;
    std::int64_t day;
    bool operator==(const Key&) const = default;
  };
  struct KeyHash {
    std::size_t operator()(const Key& k) const;
  };
  struct Days;  // the cached days, least recently used out first (history.cpp)
  Day find(const Key& key);
  Day insert(const Key& key, Day value);
  std::size_t max_bytes_;
  std::unique_ptr<Days> days_;
};

// The history of one demand model in a window, built one queue-day at a time on first read into `cache`.
// Same cells as HistoryStore::build over the same window (they never depend on the window).
class LazyHistory final : public HistorySource {
 public:
  LazyHistory(const DemandModel& model, std::uint64_t seed, Instant first, Instant end,
              std::shared_ptr<HistoryCache> cache);
  // The window of HistoryStore::build_around.
  static LazyHistory around(const DemandModel& model, std::uint64_t seed, Instant start,
                            std::shared_ptr<HistoryCache> cache);
  Instant first() const override { return first_; }
  Instant end() const override { return end_; }
  std::size_t queue_count() const override;
  HistoryRow day(std::size_t queue, std::int64_t day) const override;
  // Reads as HistorySource::read_days says; when at least kAheadMinDays of the days are missing, up to
  // kAheadThreads - 1 other threads build them in reading order while the caller reads. The caller builds its
  // next missing day itself when it gets there first, and a later unclaimed one while another thread finishes
  // its own. Days built ahead and not read yet stay within half the cache.
  void read_days(std::span<const std::size_t> queues, std::int64_t first_day, std::int64_t end_day,
                 const DayVisitor& visit) const override;
  static constexpr unsigned kAheadThreads = 4;
  static constexpr std::size_t kAheadMinDays = 8;

 private:
  const DemandModel* model_;
  std::uint64_t seed_;
  Instant first_{}, end_{};
  std::shared_ptr<HistoryCache> cache_;
};

// Floors an instant to its 15-minute UTC interval.
Instant floor_interval(Instant t);

}  // namespace mockgc::core::wfm
