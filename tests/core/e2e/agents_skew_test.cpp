// Data faults add_agents / remove_agents observed through the public endpoints before and after their
// `at` (MU users, users directory, MU adherence, MU schedule search, per-user time off), timeline and
// injected; and clock_skew of one region observed in the "now" handlers render (activity code
// metadata.dateCreated) during its window only, while the other region is not skewed.
#include <gtest/gtest.h>

#include <algorithm>
#include <nlohmann/json.hpp>
#include <set>

#include "admin_support.hpp"
#include "mockgc/api/time.hpp"

namespace mockgc::testing {
namespace {

using nlohmann::json;
using namespace std::chrono_literals;

const std::string kWfm = "/api/v2/workforcemanagement";
constexpr const char* kMuName = "EMEA Customer Care MU 1";

class AgentsTest : public AdminFixture {
 protected:
  json sections() override {
    return {{"faults", json::array({{{"type", "data"}, {"action", "add_agents"}, {"id", "hire"}, {"at", "PT10M"},
                                     {"management_unit", kMuName}, {"count", 3}},
                                    {{"type", "data"}, {"action", "remove_agents"}, {"id", "leave"}, {"at", "PT10M"},
                                     {"management_unit", kMuName}, {"count", 2}}})}};
  }
  std::string mu_id() {
    const json list = get_json(kEmea, kWfm + "/managementunits");  // kept alive for the loop
    for (const auto& mu : list["entities"])
      if (mu["name"] == kMuName) return mu["id"];
    ADD_FAILURE() << "no MU " << kMuName;
    return "missing";
  }
  std::set<std::string> ids_of(const json& entities, const char* key = nullptr) {
    std::set<std::string> out;
    for (const auto& e : entities) out.insert(key ? e[key]["id"].get<std::string>() : e["id"].get<std::string>());
    return out;
  }
  std::set<std::string> mu_users(const std::string& mu) {
    return ids_of(get_json(kEmea, kWfm + "/managementunits/" + mu + "/users")["entities"]);
  }
  std::set<std::string> mu_adherence(const std::string& mu) {
    return ids_of(get_json(kEmea, kWfm + "/managementunits/" + mu + "/adherence")["entities"]);
  }
  std::set<std::string> mu_scheduled(const std::string& mu) {
    auto res = send_json(kEmea, "POST", kWfm + "/managementunits/" + mu + "/agentschedules/search",
                         {{"startDate", "2026-03-02T00:00:00Z"}, {"endDate", "2026-03-03T00:00:00Z"}});
    EXPECT_EQ(res.status, 200) << res.body;
    auto j = body_json(res);
    std::set<std::string> out;
    if (j.contains("result"))
      for (const auto& s : j["result"]["agentSchedules"]) out.insert(s["user"]["id"].get<std::string>());
    return out;
  }
  static std::vector<std::string> minus(const std::set<std::string>& a, const std::set<std::string>& b) {
    std::vector<std::string> out;
    std::set_difference(a.begin(), a.end(), b.begin(), b.end(), std::back_inserter(out));
    return out;
  }
};

TEST_P(AgentsTest, MembershipChangesAtItsInstantOnly) {
  const std::string mu = mu_id();
  const auto before = mu_users(mu);
  const auto total_before = get_json(kEmea, "/api/v2/users?pageSize=1")["total"].get<int>();
  const auto apac_total = get_json(kApac, "/api/v2/users?pageSize=1")["total"].get<int>();
  ASSERT_GE(before.size(), 2u);
  EXPECT_EQ(mu_adherence(mu), before);
  const auto scheduled_before = mu_scheduled(mu);
  clock_->advance(10min - 1ms);
  EXPECT_EQ(mu_users(mu), before) << "unchanged before `at`";

  clock_->advance(1ms);
  const auto after = mu_users(mu);
  const auto added = minus(after, before);
  const auto removed = minus(before, after);
  ASSERT_EQ(added.size(), 3u);
  ASSERT_EQ(removed.size(), 2u);
  EXPECT_EQ(after.size(), before.size() + 1);
  // Added agents are full users; removed ones left the MU but still exist in the directory.
  for (const auto& id : added) {
    auto user = get_json(kEmea, "/api/v2/users/" + id);
    EXPECT_EQ(user["state"], "active");
    EXPECT_FALSE(user["name"].get<std::string>().empty());
    EXPECT_EQ(get_json(kEmea, kWfm + "/agents/" + id + "/managementunit")["managementUnit"]["id"], mu);
  }
  for (const auto& id : removed) {
    EXPECT_EQ(get(kEmea, "/api/v2/users/" + id).status, 200);
    EXPECT_EQ(get(kEmea, kWfm + "/agents/" + id + "/managementunit").status, 404);
    EXPECT_EQ(get(kEmea, kWfm + "/managementunits/" + mu + "/users/" + id + "/timeoffrequests").status, 404);
    EXPECT_TRUE(scheduled_before.count(id) == 0 || mu_scheduled(mu).count(id) == 0) << "removed from schedules";
  }
  EXPECT_EQ(get_json(kEmea, "/api/v2/users?pageSize=1")["total"], total_before + 3);
  EXPECT_EQ(get_json(kApac, "/api/v2/users?pageSize=1")["total"], apac_total) << "other region unchanged";
  EXPECT_EQ(mu_adherence(mu), after);
  // Added agents have no published schedule; removed agents drop out of the MU's schedules.
  const auto scheduled_after = mu_scheduled(mu);
  for (const auto& id : removed) EXPECT_EQ(scheduled_after.count(id), 0u);
  EXPECT_EQ(get(kEmea, kWfm + "/managementunits/" + mu + "/users/" + added[0] + "/timeoffrequests").status, 200);
}

TEST_P(AgentsTest, SameSeedSameAgents) {
  clock_->advance(10min);
  const std::string mu = mu_id();
  const auto first = mu_users(mu);
  api::ManualClock other(*api::parse_instant(kAdminStart) + 10min);
  core::ServiceOptions o = options();
  o.clock = &other;
  auto twin = GetParam().make(o);
  const std::string tok = login(*twin, kEmea);
  auto res = twin->send(kEmea, get_request(kWfm + "/managementunits/" + mu + "/users", tok));
  ASSERT_EQ(res.status, 200);
  EXPECT_EQ(ids_of(body_json(res)["entities"]), first);
}

TEST_P(AgentsTest, InjectedRemovalByUserIdAppliesAtOnce) {
  const std::string mu = mu_id();
  const auto before = mu_users(mu);
  const std::string leaver = *before.begin();
  json fault{{"type", "data"}, {"action", "remove_agents"}, {"management_unit", mu}, {"users", {leaver}}};
  admin_json("POST", "/mockgc/admin/faults", fault.dump(), 201);
  const auto after = mu_users(mu);
  EXPECT_EQ(after.size(), before.size() - 1);
  EXPECT_EQ(after.count(leaver), 0u);
  // An injected addition in the future waits for its time.
  admin_json("POST", "/mockgc/admin/faults",
             json{{"type", "data"}, {"action", "add_agents"}, {"management_unit", mu}, {"count", 1}, {"at", "PT1M"},
                  {"region", "eu_central_1"}}
                 .dump(),
             201);
  EXPECT_EQ(mu_users(mu).size(), after.size());
  clock_->advance(1min);
  EXPECT_EQ(mu_users(mu).size(), after.size() + 1);
}
MOCKGC_INSTANTIATE_FOR_HARNESSES(AgentsTest);

// --- clock skew ------------------------------------------------------------------------------------
class ClockSkewTest : public AdminFixture {
 protected:
  json sections() override {
    return {{"faults", json::array({{{"type", "clock_skew"}, {"region", "ap_southeast_2"}, {"skew", "-PT90S"},
                                     {"at", "PT5M"}, {"for", "PT15M"}}})}};
  }
  // The "now" a region renders: metadata.dateCreated of an activity code created now.
  std::string rendered_now(const std::string& region) {
    auto res = send_json(region, "POST", codes_path(region),
                         {{"name", "Skew probe " + std::to_string(++probes_)}, {"category", "Meeting"}});
    EXPECT_EQ(res.status, 200) << res.body;
    return body_json(res)["metadata"]["dateCreated"].get<std::string>();
  }
  std::string at(std::chrono::milliseconds offset) {
    return api::format_instant(*api::parse_instant(kAdminStart) + offset);
  }
  int probes_ = 0;
};

TEST_P(ClockSkewTest, SkewedRegionRendersShiftedNowDuringTheWindowOnly) {
  clock_->advance(1min);
  EXPECT_EQ(rendered_now(kApac), at(1min)) << "before the window";
  clock_->advance(5min);  // t0 + 6 min: inside
  EXPECT_EQ(rendered_now(kApac), at(6min - 90s));
  EXPECT_EQ(rendered_now(kEmea), at(6min)) << "the other region is not skewed";
  clock_->advance(14min - 1ms);  // last instant inside
  EXPECT_EQ(rendered_now(kApac), at(20min - 1ms - 90s));
  clock_->advance(1ms);  // the window end is exclusive
  EXPECT_EQ(rendered_now(kApac), at(20min));
  EXPECT_EQ(rendered_now(kEmea), at(20min));
}

// Live adherence is computed at the rendered now: inside the window the skewed region answers what an
// unskewed twin world answers 90 s earlier. The probe (09:15:30Z, skewed 09:14:00Z) straddles a
// quarter-hour activity boundary, so the two instants really differ for some agents.
TEST_P(ClockSkewTest, AdherenceFollowsTheSkewedNow) {
  const json users = get_json(kApac, "/api/v2/users?pageSize=100")["entities"];
  std::string query = "/api/v2/workforcemanagement/adherence?";
  for (const auto& u : users) query += "userId=" + u["id"].get<std::string>() + "&";
  clock_->advance(15min + 30s);
  const json skewed = get_json(kApac, query);
  api::ManualClock twin_clock(*api::parse_instant(kAdminStart) + 15min + 30s - 90s);
  core::ServiceOptions o;
  o.scenario_text = default_scenario_with({});
  o.clock = &twin_clock;
  auto twin = GetParam().make(o);
  auto res = twin->send(kApac, get_request(query, login(*twin, kApac)));
  ASSERT_EQ(res.status, 200);
  EXPECT_EQ(skewed, body_json(res));
  // The unskewed region matches its twin at the same instant, not 90 s earlier.
  const json emea_users = get_json(kEmea, "/api/v2/users?pageSize=100")["entities"];
  std::string emea_query = "/api/v2/workforcemanagement/adherence?";
  for (const auto& u : emea_users) emea_query += "userId=" + u["id"].get<std::string>() + "&";
  twin_clock.advance(90s);
  res = twin->send(kEmea, get_request(emea_query, login(*twin, kEmea)));
  EXPECT_EQ(get_json(kEmea, emea_query), body_json(res));
  // And the skew is visible at all: the twin at the same instant answers differently for APAC.
  res = twin->send(kApac, get_request(query, login(*twin, kApac)));
  EXPECT_NE(skewed, body_json(res)) << "pick an instant where some agent's adherence changes within 90 s";
}

TEST_P(ClockSkewTest, InjectedSkewOfOneRegion) {
  admin_json("POST", "/mockgc/admin/faults",
             R"({"type":"clock_skew","region":"eu_central_1","skew":"PT2M","for":"PT1M","id":"eu-skew"})", 201);
  EXPECT_EQ(rendered_now(kEmea), at(2min));
  EXPECT_EQ(rendered_now(kApac), at(0min));
  clock_->advance(1min);
  EXPECT_EQ(rendered_now(kEmea), at(1min));
}
// The HTTP Date header is the region's clock too (whole seconds, IMF-fixdate), on errors as well.
TEST_P(ClockSkewTest, DateHeaderIsTheRegionsClock) {
  auto date_of = [&](const std::string& region) {
    auto res = h().send(region, get_request("/api/v2/users?pageSize=1", login(h(), region)));
    EXPECT_EQ(res.status, 200);
    auto unauthorised = h().send(region, get_request("/api/v2/users?pageSize=1", "not-a-token"));
    EXPECT_EQ(unauthorised.status, 401);
    EXPECT_EQ(unauthorised.headers.get("Date"), res.headers.get("Date"));
    return api::parse_http_date(std::string(res.headers.get("Date").value_or("")));
  };
  const auto t0 = *api::parse_instant(kAdminStart);
  EXPECT_EQ(date_of(kApac), t0);
  clock_->advance(6min);
  EXPECT_EQ(date_of(kApac), t0 + 6min - 90s) << "skewed inside the window";
  EXPECT_EQ(date_of(kEmea), t0 + 6min);
}
MOCKGC_INSTANTIATE_FOR_HARNESSES(ClockSkewTest);

}  // namespace
}  // namespace mockgc::testing
