// The world follows the schedule in force over every harness kind: once a published import of the current
// week completes, REST adherence, the agent state and the adherence topic follow the imported shifts from
// that instant on (an agent it leaves without shifts is unscheduled at once, with an event at the completion
// instant; an agent it gives a shift on a day off works it), while the instants before keep the generated
// schedule.
#include "import_fixture.hpp"

namespace mockgc::testing {
namespace {

using nlohmann::json;
constexpr const char* kWfm = "/api/v2/workforcemanagement";
constexpr const char* kWeek = "2026-03-02";  // the clock's week (Monday 09:00 UTC)

class ScheduleInForce : public ImportTest {
 protected:
  // The frames due now that carry a topic's event (heartbeats and channel metadata left out).
  std::vector<json> topic_events(core::notifications::Stream& stream) {
    std::vector<json> out;
    for (auto& f : pull(stream))
      if (f.contains("topicName") && f["topicName"] != "channel.metadata") out.push_back(std::move(f));
    return out;
  }
  json rta(const std::string& user) {
    auto j = get_json(kEmea, std::string(kWfm) + "/adherence?userId=" + user);
    return j.empty() ? json::object() : j[0];
  }
  // Shift count of `user` on the clock's day in the schedule routes.
  std::size_t shifts_today(const std::string& user) {
    auto s = send_json(kEmea, "POST", std::string(kWfm) + "/businessunits/" + bu_id(kEmea) + "/agentschedules/search",
                       {{"startDate", "2026-03-02T00:00:00Z"}, {"endDate", "2026-03-03T00:00:00Z"}, {"userIds", {user}}});
    EXPECT_EQ(s.status, 200) << s.body;
    std::size_t n = 0;
    const json found = body_json(s);
    for (const auto& a : found["result"]["agentSchedules"]) n += a["shifts"].size();
    return n;
  }
};

TEST_P(ScheduleInForce, AnImportedScheduleDrivesAdherenceAndAgentStateFromItsCompletion) {
  // Y is on queue and scheduled now; X has no shift today.
  std::string x, y;
  const json adherence = get_json(kEmea, std::string(kWfm) + "/managementunits/" + mu_id(kEmea) + "/adherence");
  for (const auto& a : adherence["entities"]) {
    const std::string id = a["id"];
    if (y.empty() && a["scheduledActivityCategory"] == "OnQueueWork") y = id;
    else if (x.empty() && a["scheduledActivityCategory"] == "Unscheduled" && shifts_today(id) == 0) x = id;
  }
  ASSERT_FALSE(x.empty());
  ASSERT_FALSE(y.empty());
  const std::string adherence_x = "v2.users." + x + ".workforcemanagement.adherence";
  const std::string adherence_y = "v2.users." + y + ".workforcemanagement.adherence";
  auto channel = create();
  subscribe(channel["id"], {adherence_x, adherence_y});
  auto stream = connect(channel);
  topic_events(*stream);

  // X gets an on-queue shift from 09:30; Y stays in the schedule without shifts.
  const json act{{"startDate", "2026-03-02T09:30:00Z"}, {"lengthMinutes", 480}, {"activityCodeId", "0"}};
  const json body{{"description", "Central plan"},
                  {"weekCount", 1},
                  {"published", true},
                  {"agentSchedules",
                   {{{"userId", x},
                     {"shifts", {{{"startDate", "2026-03-02T09:30:00Z"}, {"lengthMinutes", 480}, {"activities", {act}}}}}},
                    {{"userId", y}}}}};
  const std::string base = std::string(kWfm) + "/businessunits/" + bu_id(kEmea) + "/weeks/" + kWeek + "/schedules";
  EXPECT_EQ(import(base, upload(base, api::gzip(body.dump()))).status, 202);
  // Until the import completes, the generated schedule is in force.
  EXPECT_EQ(rta(y)["scheduledActivityCategory"], "OnQueueWork");
  for (const auto& e : topic_events(*stream)) EXPECT_NE(e["topicName"], adherence_y) << "no change before completion";

  clock_->advance(std::chrono::seconds(5));
  const std::string completed = "2026-03-02T09:00:05.000Z";
  EXPECT_EQ(rta(y)["scheduledActivityCategory"], "Unscheduled");
  EXPECT_EQ(rta(y)["timeOfAdherenceChange"], completed);
  bool y_event = false;
  for (const auto& e : topic_events(*stream))
    if (e["topicName"] == adherence_y) {
      y_event = true;
      EXPECT_EQ(e["eventBody"]["scheduledActivityCategory"], "Unscheduled");
      EXPECT_EQ(e["eventBody"]["adherenceChangeTime"], completed);
    }
  EXPECT_TRUE(y_event) << "the adherence topic says so at the completion instant";
  EXPECT_EQ(rta(x)["scheduledActivityCategory"], "Unscheduled");  // X's shift starts at 09:30

  // X works the imported shift: scheduled, on queue (a late start is at most 15 minutes), and told so.
  clock_->set(*api::parse_instant("2026-03-02T10:00:00Z"));
  const json now_x = rta(x);
  EXPECT_EQ(now_x["scheduledActivityCategory"], "OnQueueWork");
  EXPECT_EQ(now_x["systemPresence"], "OnQueue");
  EXPECT_EQ(now_x["adherenceState"], "InAdherence");
  const json user = get_json(kEmea, "/api/v2/users/" + x + "?expand=routingStatus");
  EXPECT_NE(user["routingStatus"]["status"], "OFF_QUEUE");
  bool x_event = false;
  for (const auto& e : topic_events(*stream))
    if (e["topicName"] == adherence_x && e["eventBody"]["scheduledActivityCategory"] == "OnQueueWork") x_event = true;
  EXPECT_TRUE(x_event);
  // The schedule routes agree: X has today's imported shift.
  EXPECT_EQ(shifts_today(x), 1u);
}

}  // namespace

MOCKGC_INSTANTIATE_FOR_HARNESSES(ScheduleInForce);

}  // namespace mockgc::testing
