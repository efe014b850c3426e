// BU schedule import and update under a maintenance window of the WFM API family (eu_central_1, from the first
// minute for ten): every step answers 503 service.unavailable and nothing is imported or changed; APAC is not
// touched; after the window the same calls import and update.
#include "mockgc/core/scenario.hpp"
#include "schedule_fixture.hpp"

namespace mockgc::testing {
namespace {

class ScheduleMaintenance : public ScheduleUploadTest {
 protected:
  core::ServiceOptions options() override {
    json s = json::parse(core::default_scenario_text());
    s.erase("clock");  // the fixture's ManualClock: fault offsets count from its start
    s.erase("expect");
    s["faults"] = json::array({{{"id", "wfm-maintenance"}, {"type", "maintenance"}, {"family", "workforcemanagement"},
                                {"region", kEmea}, {"at", "PT1M"}, {"for", "PT10M"}}});
    core::ServiceOptions o;
    o.scenario_text = s.dump();
    return o;
  }
};

TEST_P(ScheduleMaintenance, ImportAndUpdateAnswer503DuringTheWindowAndWorkAfterIt) {
  // Set up before the window opens (the window covers every WFM read too).
  const auto users = agents(2);
  const std::string body = api::gzip(valid_body(users, "0").dump());
  const std::string b = base(), t = topic();
  const std::string apac_week = std::string(kWfm) + "/businessunits/" + bu_id(kApac) + "/weeks/2026-03-08/schedules";
  clock_->advance(std::chrono::minutes(1));
  EXPECT_ERROR_BODY(send_json(kEmea, "POST", b + "/import/uploadurl", {{"contentLengthBytes", body.size()}}), 503,
                    "service.unavailable");
  EXPECT_ERROR_BODY(send_json(kEmea, "POST", b + "/import", {{"uploadKey", "k"}}), 503, "service.unavailable");
  EXPECT_ERROR_BODY(send_json(kEmea, "POST", b + "/some-schedule/update/uploadurl", {{"contentLengthBytes", 10}}), 503,
                    "service.unavailable");
  EXPECT_ERROR_BODY(send_json(kEmea, "POST", b + "/some-schedule/update", {{"uploadKey", "k"}}), 503,
                    "service.unavailable");
  // APAC is outside the window.
  EXPECT_EQ(send_json(kApac, "POST", apac_week + "/import/uploadurl", {{"contentLengthBytes", 10}}).status, 200);

  clock_->advance(std::chrono::minutes(10));
  auto stream = listen(t);
  accepted(b, body);
  clock_->advance(std::chrono::seconds(5));
  auto got = events(*stream);
  ASSERT_EQ(got.size(), 1u);
  EXPECT_EQ(got[0]["eventBody"]["status"], "Complete");
  const std::string id = got[0]["eventBody"]["result"]["id"];
  accepted(b, api::gzip(json{{"metadata", {{"version", 1}}}, {"description", "After the window"}}.dump()),
           id + "/update");
  clock_->advance(std::chrono::seconds(5));
  got = events(*stream);
  ASSERT_EQ(got.size(), 1u);
  EXPECT_EQ(got[0]["eventBody"]["eventType"], "Update");
  EXPECT_EQ(got[0]["eventBody"]["status"], "Complete");
  EXPECT_EQ(get_json(kEmea, b + "/" + id)["description"], "After the window");
}

MOCKGC_INSTANTIATE_FOR_HARNESSES(ScheduleMaintenance);

}  // namespace
}  // namespace mockgc::testing
