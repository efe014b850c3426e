#include "support/instant_entry_points.hpp"

#include <nlohmann/json.hpp>

#include "mockgc/api/error_body.hpp"
#include "mockgc/core/scenario.hpp"
#include "support/session.hpp"

namespace mockgc::testing {
namespace {

using nlohmann::json;

constexpr const char* kRegion = "eu_central_1";

core::ServiceOptions unthrottled(api::Clock* clock) {
  core::ServiceOptions o;
  o.scenario_text = unthrottled_default_scenario();
  o.clock = clock;
  return o;
}

}  // namespace

InstantEntryPoints::InstantEntryPoints()
    : api_(make_inprocess_harness(unthrottled(nullptr))),
      token_(login(*api_, kRegion)),
      // Far in the past, so that nearly every accepted instant moves the clock forwards (200).
      clock_(std::make_unique<api::ManualClock>(*api::parse_instant("0001-01-01T00:00:00Z"))),
      admin_(make_inprocess_harness(unthrottled(clock_.get()))) {}

InstantVerdicts InstantEntryPoints::verdicts(std::string_view text) {
  InstantVerdicts v;
  const std::string instant(text);

  // The same instant at both ends: a parsed interval is refused for being empty, never as a date.
  auto body = json_request("POST", "/api/v2/analytics/conversations/aggregates/query", token_,
                           json{{"interval", instant + "/" + instant}, {"granularity", "PT15M"}});
  const auto answer = api::error_body_of(api_->send(kRegion, std::move(body)));
  v.request_body = answer.code != "invalid.date";

  json scenario = json::parse(core::default_scenario_text());
  scenario["clock"] = {{"mode", "virtual"}, {"start", instant}};
  try {
    v.scenario_start = core::parse_scenario(scenario.dump(), "instant.json").clock.start;
    v.scenario = true;
  } catch (const core::ScenarioError&) {
    v.scenario = false;
  }

  api::HttpRequest set;
  set.method = "POST";
  set.target = "/mockgc/admin/clock/set";
  set.headers.set("Content-Type", "application/json");
  set.body = json{{"to", instant}}.dump();
  const auto res = admin_->send(kRegion, std::move(set));
  v.admin = res.status != 400;
  if (res.status == 200) v.admin_now = clock_->now();
  return v;
}

}  // namespace mockgc::testing
