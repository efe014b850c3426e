// Local time along a run of instants in one time zone, with the zone's rules from date/tz.h.
#pragma once

#include <chrono>

#include <date/tz.h>

namespace mockgc::api {

// Converts instants of one zone to local time as time_zone::to_local does (the instant plus the offset of the
// zone period holding it), looking a period up only when an instant leaves the last one: a run of intervals
// costs one lookup per DST period instead of one per instant. Any order of instants gives the right answer;
// nearby instants are what make it cheap.
class ZoneCursor {
 public:
  explicit ZoneCursor(const date::time_zone& zone) : zone_(&zone) {}

  template <class Duration>
  date::local_time<std::common_type_t<Duration, std::chrono::seconds>> to_local(date::sys_time<Duration> t) {
    const auto s = date::floor<std::chrono::seconds>(t);
    if (!have_period_ || s < period_.begin || s >= period_.end) {
      period_ = zone_->get_info(s);
      have_period_ = true;
    }
    return date::local_time<std::common_type_t<Duration, std::chrono::seconds>>{(t + period_.offset).time_since_epoch()};
  }

 private:
  const date::time_zone* zone_;
  date::sys_info period_{};
  bool have_period_ = false;
};

}  // namespace mockgc::api
