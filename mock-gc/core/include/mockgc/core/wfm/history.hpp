#pragma once
// Conversation history: the demand model realised with noise, per queue per 15-minute UTC interval.
// Each offer interval's conversations are a pure function of (seed, queue id, interval index): offered ~
// Poisson(expected), each answered with the queue's answer rate (else abandoned), an exponential wait, a
// lognormal handle time split into talk/hold/ACW. Metrics land where Genesys counts them:
//   nOffered      in the interval of the offer
//   tAnswered     in the interval of the answer (offer + wait)
//   tAbandon      in the interval of the abandon
//   tHandle/tTalk/tAcw/nTransferred  in the interval where handling ENDS (answer + handle)
// so per-interval nOffered and tHandle.count describe different conversations (genesys-api.md §8.6).
// The store covers a fixed window; a cell's value never depends on the window (a day of margin before
// it collects conversations that end inside it).
#include <cstdint>
#include <limits>
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

class HistoryStore {
 public:
  // Generation lookback: waits and handles are capped so every conversation ends within this span.
  static constexpr Millis kMargin = std::chrono::hours(24);
  static constexpr Millis kMaxWait = std::chrono::hours(2);
  static constexpr Millis kMaxHandle = std::chrono::hours(4);

  // Cells for [first, end) (15-minute aligned, UTC) for every queue of `model`.
  static HistoryStore build(const DemandModel& model, std::uint64_t seed, Instant first, Instant end);
  // The default window around a service start: 190 days before `start` (26-week lookbacks plus a
  // week of slack) and 14 days after it, so a moving clock keeps finding data.
  static HistoryStore build_around(const DemandModel& model, std::uint64_t seed, Instant start);

  Instant first() const { return first_; }
  Instant end() const { return end_; }
  std::size_t queue_count() const { return queues_; }
  std::size_t cell_count() const { return cells_.size(); }
  // The cell of the 15-minute interval starting at `start` (aligned), or nullptr outside the window.
  const HistoryCell* cell(std::size_t queue, Instant start) const;
  // Ground truth: every cell of `queue` whose interval lies in [from, to) (aligned), inside the window.
  HistoryTotals totals(std::size_t queue, Instant from, Instant to) const;

 private:
  Instant first_{}, end_{};
  std::size_t intervals_ = 0, queues_ = 0;
  std::vector<HistoryCell> cells_;  // queue-major
};

// Floors an instant to its 15-minute UTC interval.
Instant floor_interval(Instant t);

}  // namespace mockgc::core::wfm
