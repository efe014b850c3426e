#pragma once
// The demand model: the one ground truth that conversation history, forecasts and schedules agree on.
// Expected offered volume and handle time per queue per 15-minute interval are a pure function of
// (seed, queue, instant): intraday curves and weekday effects in the queue's business-unit time zone
// (so DST days have 92/100 intervals of local-time shape), a yearly season, and a week-level level shift.
// Realised history adds Poisson/lognormal noise around it; forecasts estimate it; schedules staff it.
#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "mockgc/core/clock.hpp"

namespace date {
class time_zone;
}

namespace mockgc::core {
struct OrgWorld;
}

namespace mockgc::core::wfm {

inline constexpr Millis kInterval = std::chrono::minutes(15);

// Analytics' mediaType values.
enum class MediaType { Voice, Chat, Email, Message, Callback };
std::string_view to_string(MediaType m);              // "voice", "chat", "email", "message", "callback"
MediaType media_for_queue_channel(std::string_view media);  // Queue::media ("call", "chat", …) -> MediaType

struct QueueDemand {
  std::string queue_id;
  std::string queue_name;
  MediaType media = MediaType::Voice;
  const date::time_zone* zone = nullptr;  // the BU zone whose local time shapes the curves
  double weekly_offered = 0;              // mean offered per (average) week
  double aht_seconds = 0;                 // mean handle time (talk + hold + ACW)
  double aht_log_sigma = 0;               // lognormal shape of individual handle times
  double answer_rate = 0;                 // share of offered conversations that are handled
  double mean_wait_seconds = 0;           // mean queue wait of handled conversations
  std::array<double, 7> weekday_weight{};  // local weekday Monday..Sunday, mean 1
};

// What the model expects of one queue's 15-minute interval.
struct IntervalExpectation {
  double offered = 0;      // expected_offered
  double aht_seconds = 0;  // expected_aht_seconds
};

class DemandModel {
 public:
  // Derives one QueueDemand per queue of `org` (in the org's queue order) from the seed. The zone is
  // that of the org's first business unit (queues are org-wide; WFM reads dates in the BU zone).
  static DemandModel build(const OrgWorld& org, std::uint64_t seed);

  const std::vector<QueueDemand>& queues() const { return queues_; }
  std::size_t find(std::string_view queue_id) const;  // index, or queues().size()

  // Expected offered conversations in [start, start + 15 min); `start` must be 15-minute aligned (UTC).
  double expected_offered(std::size_t queue, Instant start) const;
  // Expected mean handle time, seconds, of conversations offered in that interval.
  double expected_aht_seconds(std::size_t queue, Instant start) const;
  // Both of them for the intervals [first, end) (15-minute indices since the epoch) into
  // out[0 .. end - first), equal value for value; the zone's offset and the day's level are looked up once
  // per change instead of once per interval (what a run of intervals costs).
  void expectations(std::size_t queue, std::int64_t first, std::int64_t end, IntervalExpectation* out) const;

 private:
  double level(std::size_t queue, Instant start) const;
  std::uint64_t seed_ = 0;
  std::string region_;
  std::vector<QueueDemand> queues_;
};

// Share of a local day's volume in the 15-minute slot starting `minute_of_day` local minutes after
// midnight, for a media type. Shares over the 96 slots of a day sum to 1.
double intraday_share(MediaType media, int minute_of_day);

}  // namespace mockgc::core::wfm
