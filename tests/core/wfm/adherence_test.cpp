// Live adherence over every harness kind at fixed ManualClock instants: the userId rules (1..100, bare
// array, comma / %2C / repeated), MU and team listings, downloadUrl, and that each record agrees with itself.
#include "core/endpoint_fixture.hpp"

namespace mockgc::testing {
namespace {

using nlohmann::json;
constexpr const char* kWfm = "/api/v2/workforcemanagement";

class Adherence : public EndpointTest {
 protected:
  std::string mu(const std::string& region) {
    auto j = get_json(region, std::string(kWfm) + "/businessunits/" + bu_id(region) + "/managementunits");
    return j["entities"][0]["id"];
  }
  json mu_adherence(const std::string& region) {
    return get_json(region, std::string(kWfm) + "/managementunits/" + mu(region) + "/adherence")["entities"];
  }
  // The documented rule: state and impact follow from the scheduled and actual categories.
  static void expect_consistent(const json& a) {
    const std::string sched = a["scheduledActivityCategory"], actual = a["actualActivityCategory"];
    const std::string state = a["adherenceState"], impact = a["impact"];
    if (sched == "Unscheduled" && actual == "Unscheduled") {
      EXPECT_EQ(state, "Unscheduled");
    } else if (sched == actual || (sched == "TimeOff" && actual == "Unscheduled")) {
      EXPECT_EQ(state, "InAdherence");
    } else {
      EXPECT_EQ(state, "OutOfAdherence");
      if (actual == "OnQueueWork") {
        EXPECT_EQ(impact, "Positive");
      } else if (sched != "Unscheduled") {
        EXPECT_EQ(impact, "Negative");
      }
    }
    EXPECT_EQ(a["systemPresence"] == "OnQueue", actual == "OnQueueWork");
    EXPECT_EQ(a["routingStatus"] == "IDLE" || a["routingStatus"] == "INTERACTING", actual == "OnQueueWork");
    EXPECT_EQ(a.contains("scheduledActivityCode"), sched != "Unscheduled");
  }
};

TEST_P(Adherence, MostScheduledAgentsFollowTheScheduleOnMondayMorning) {
  // 2026-03-02T09:00Z = 09:00 in London.
  auto entities = mu_adherence(kEmea);
  ASSERT_GT(entities.size(), 20u);
  int on_queue = 0, in_adherence = 0, scheduled = 0;
  const auto now = clock_->now();
  for (const auto& a : entities) {
    expect_consistent(a);
    on_queue += a["systemPresence"] == "OnQueue";
    in_adherence += a["adherenceState"] == "InAdherence";
    scheduled += a["scheduledActivityCategory"] != "Unscheduled";
    EXPECT_LE(*api::parse_instant(a["timeOfAdherenceChange"].get<std::string>()), now);
    EXPECT_LE(*api::parse_instant(a["presenceUpdateTime"].get<std::string>()), now);
    EXPECT_TRUE(a.contains("managementUnit"));
    EXPECT_TRUE(a.contains("businessUnit"));
  }
  EXPECT_GT(scheduled, 5);
  EXPECT_GT(on_queue, 0);
  EXPECT_GT(in_adherence, scheduled / 2);
}

TEST_P(Adherence, NightInLondonIsUnscheduled) {
  clock_->set(*api::parse_instant("2026-03-03T03:00:00Z"));
  for (const auto& a : mu_adherence(kEmea)) {
    if (a["scheduledActivityCategory"] == "TimeOff") continue;  // a full-day time-off marker today
    EXPECT_EQ(a["scheduledActivityCategory"], "Unscheduled");
    EXPECT_EQ(a["systemPresence"], "Offline");
    EXPECT_EQ(a["adherenceState"], "Unscheduled");
    EXPECT_EQ(a["impact"], "Neutral");
    // The state began when the last shift (or its overtime) ended, not "now".
    EXPECT_LT(*api::parse_instant(a["timeOfAdherenceChange"].get<std::string>()), clock_->now());
  }
}

TEST_P(Adherence, UserIdForms) {
  auto entities = mu_adherence(kEmea);
  ASSERT_GE(entities.size(), 2u);
  const std::string a = entities[0]["id"], b = entities[1]["id"];
  const std::string base = std::string(kWfm) + "/adherence?";
  auto comma = get_json(kEmea, base + "userId=" + a + "," + b);
  ASSERT_TRUE(comma.is_array());
  ASSERT_EQ(comma.size(), 2u);
  EXPECT_EQ(comma[0], entities[0]);
  EXPECT_EQ(get_json(kEmea, base + "userId=" + a + "%2C" + b), comma);
  EXPECT_EQ(get_json(kEmea, base + "userId=" + a + "&userId=" + b), comma);
  // Unknown ids are omitted.
  EXPECT_EQ(get_json(kEmea, base + "userId=" + a + ",not-a-user").size(), 1u);
  EXPECT_ERROR_BODY(get(kEmea, std::string(kWfm) + "/adherence"), 400, "bad.request");
  std::string many = base + "userId=";
  for (int i = 0; i < 101; ++i) many += (i ? "," : "") + std::to_string(i);
  EXPECT_ERROR_BODY(get(kEmea, many), 400, "bad.request");
}

TEST_P(Adherence, TeamListingAndDownload) {
  auto entities = mu_adherence(kEmea);
  ASSERT_FALSE(entities.empty());
  ASSERT_TRUE(entities[0].contains("team"));
  const std::string team = entities[0]["team"]["id"];
  auto t = get_json(kEmea, std::string(kWfm) + "/teams/" + team + "/adherence");
  ASSERT_FALSE(t["entities"].empty());
  for (const auto& a : t["entities"]) EXPECT_EQ(a["team"]["id"], team);
  EXPECT_ERROR_BODY(get(kEmea, std::string(kWfm) + "/teams/nope/adherence"), 404, "not.found");
  EXPECT_ERROR_BODY(get(kEmea, std::string(kWfm) + "/managementunits/nope/adherence"), 404, "not.found");
  auto forced = get_json(kEmea, std::string(kWfm) + "/managementunits/" + mu(kEmea) + "/adherence?forceDownloadService=true");
  ASSERT_TRUE(forced.contains("downloadUrl"));
  auto res = h().send(kEmea, get_request(path_of_url(forced["downloadUrl"].get<std::string>()), ""));
  EXPECT_EQ(body_json(res)["entities"], entities);
}

TEST_P(Adherence, ChangesWithTheClock) {
  auto morning = mu_adherence(kEmea);
  clock_->advance(std::chrono::hours(4));
  auto later = mu_adherence(kEmea);
  ASSERT_EQ(morning.size(), later.size());
  EXPECT_NE(morning, later);
  for (const auto& a : later) expect_consistent(a);
  // Sydney evening at the same instant: a different picture, still consistent.
  for (const auto& a : mu_adherence(kApac)) expect_consistent(a);
}

MOCKGC_INSTANTIATE_FOR_HARNESSES(Adherence);

}  // namespace
}  // namespace mockgc::testing
