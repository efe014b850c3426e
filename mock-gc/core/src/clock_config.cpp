#include <stdexcept>
#include <string>

#include <nlohmann/json.hpp>

#include "mockgc/core/clock.hpp"
#include "mockgc/core/clock_edges.hpp"
#include "mockgc/api/time.hpp"
#include "strict_json.hpp"

namespace mockgc::core {

ClockConfig clock_config_from_json(const nlohmann::json& j) {
  detail::JsonReader r(j, "/clock");
  r.allow_keys({"mode", "start", "speed"});
  ClockConfig c;
  auto mode = r.optional_string("mode").value_or("real");
  if (mode == "real") c.mode = ClockMode::real;
  else if (mode == "virtual") c.mode = ClockMode::virtual_time;
  else r.fail("mode", "must be \"real\" or \"virtual\"");
  if (r.has("start")) {
    const auto& s = r.at("start");
    if (s.is_object()) {
      // The edge reader names places from "/start"; inside a scenario they live under "/clock".
      try {
        c.start = resolve_edge(start_edge_from_json(s));
      } catch (const detail::StrictJsonError& e) {
        throw e.under("/clock");
      }
    }
    else c.start = r.optional_instant("start");
  }
  if (auto speed = r.optional_number("speed")) {
    if (c.mode != ClockMode::real) r.fail("speed", "only applies to \"mode\": \"real\"");
    if (!(*speed > 0)) r.fail("speed", "must be > 0");
    c.speed = *speed;
  }
  if (c.mode == ClockMode::virtual_time && !c.start) r.fail("start", "is required for a virtual clock");
  return c;
}

nlohmann::json clock_config_to_json(const ClockConfig& c) {
  nlohmann::json j = {{"mode", c.mode == ClockMode::real ? "real" : "virtual"}};
  if (c.start) j["start"] = api::format_instant(*c.start);
  if (c.mode == ClockMode::real) j["speed"] = c.speed;
  return j;
}

std::unique_ptr<api::Clock> make_clock(const ClockConfig& c) {
  if (c.mode == ClockMode::virtual_time) {
    if (!c.start) throw detail::StrictJsonError("/clock/start", "is required for a virtual clock");
    return std::make_unique<api::ManualClock>(*c.start);
  }
  if (c.start) return std::make_unique<RealClock>(*c.start, c.speed);
  if (c.speed != 1.0) {
    auto now = std::chrono::time_point_cast<Millis>(std::chrono::system_clock::now());
    return std::make_unique<RealClock>(now, c.speed);
  }
  return std::make_unique<RealClock>();
}

}  // namespace mockgc::core
