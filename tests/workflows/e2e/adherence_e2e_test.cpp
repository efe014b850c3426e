// Global adherence snapshot over real sockets against mock-gc on a virtual clock: calm counts equal what the
// server says through other routes (MU user lists, adherence by user id, the user directory); under a 429
// storm every region completes with the same roster; one region down (whole run / from its second MU on) is
// missing / partial with why; a token revoked mid-run costs one login per org; bi-regional people are
// counted once globally and in each region they work in.
#include <gtest/gtest.h>

#include <map>
#include <set>

#include "mockgc/api/text.hpp"
#include "mockgc/client/json_calls.hpp"
#include "mockgc/workflows/adherence_snapshot.hpp"
#include "fault_runs.hpp"

namespace mockgc::workflows {
namespace {

using nlohmann::json;
using e2e::LoopbackWorld;

constexpr const char* kMonday = "2026-03-02T09:00:00Z";  // shifts running in London
constexpr std::string_view kMus = "/api/v2/workforcemanagement/managementunits";

AdherenceSnapshot snapshot(client::OrgClients& orgs) { return take_adherence_snapshot(orgs, {}); }

// user id → e-mail (lower case), from the org's user directory.
std::map<std::string, std::string> directory(LoopbackWorld& w, std::size_t org) {
  auto c = w.direct_client(org);
  auto users = client::get_all_entities(*c, "/api/v2/users", {{"pageSize", "100"}, {"state", "any"}});
  EXPECT_TRUE(users.has_value());
  std::map<std::string, std::string> out;
  if (!users) return out;
  for (const auto& u : *users) {
    out[u["id"].get<std::string>()] = api::lower(u.value("email", ""));
  }
  return out;
}

// The org's agents by another route: each MU's user list, then adherence by user id (state per user).
std::map<std::string, std::string> states_by_user_ids(LoopbackWorld& w, std::size_t org) {
  auto c = w.direct_client(org);
  std::map<std::string, std::string> out;
  auto mus = client::get_wfm_listing(*c, kMus);
  EXPECT_TRUE(mus.has_value());
  if (!mus) return out;
  for (const auto& mu : (*mus)["entities"]) {
    auto users = client::get_wfm_listing(*c, std::string(kMus) + "/" + mu["id"].get<std::string>() + "/users");
    EXPECT_TRUE(users.has_value());
    if (!users) continue;
    std::string ids;
    for (const auto& u : (*users)["entities"]) ids += (ids.empty() ? "" : ",") + u["id"].get<std::string>();
    EXPECT_LE((*users)["entities"].size(), 100u);
    auto r = client::get_json(*c, "/api/v2/workforcemanagement/adherence", {{"userId", ids}});
    EXPECT_TRUE(r.has_value() && r->is_array());
    if (!r) continue;
    for (const auto& a : *r) out[a["user"]["id"].get<std::string>()] = a.value("adherenceState", "");
  }
  return out;
}

std::map<std::string, std::set<std::string>> rosters(const AdherenceSnapshot& s) {
  std::map<std::string, std::set<std::string>> out;
  for (const auto& o : s.orgs)
    for (const auto& a : o.agents) out[o.org].insert(a.user_id + " " + a.person_key);
  return out;
}

TEST(AdherenceE2E, CalmCountsEqualTheServersOtherRoutes) {
  LoopbackWorld w(e2e::calm_scenario("default", kMonday));
  const auto s = snapshot(w.orgs());
  ASSERT_EQ(w.clock().now(), w.start());  // no latency: the snapshot and the checks see the same instant
  ASSERT_EQ(s.orgs.size(), 2u);
  std::map<std::string, int> orgs_of_person;
  int total = 0;
  for (std::size_t i = 0; i < s.orgs.size(); ++i) {
    const auto& o = s.orgs[i];
    SCOPED_TRACE(o.org);
    EXPECT_TRUE(o.status.is_complete()) << describe(o.status);
    const auto truth = states_by_user_ids(w, i);
    const auto emails = directory(w, i);
    ASSERT_EQ(o.agents.size(), truth.size());
    std::map<std::string, int> states;
    for (const auto& a : o.agents) {
      ASSERT_TRUE(truth.count(a.user_id)) << a.user_id;
      EXPECT_EQ(a.adherence_state, truth.at(a.user_id)) << a.user_id;
      EXPECT_EQ(a.person_key, emails.at(a.user_id));
      ++states[a.adherence_state];
      ++orgs_of_person[a.person_key];
    }
    EXPECT_EQ(o.counts.states, states);
    EXPECT_EQ(o.counts.agents, static_cast<int>(truth.size()));
    total += o.counts.agents;
  }
  int multi = 0;
  for (const auto& [key, n] : orgs_of_person) multi += n > 1;
  EXPECT_EQ(s.multi_region_people, multi);
  EXPECT_EQ(s.people, static_cast<int>(orgs_of_person.size()));
  EXPECT_EQ(s.global.agents, total - s.duplicates);
}

TEST(AdherenceE2E, RateLimitStormEveryRegionCompletesWithTheCalmRoster) {
  const auto storm = e2e::shipped_scenario("rate-limit-storm");
  LoopbackWorld calm(storm);
  const auto expected = snapshot(calm.orgs());
  LoopbackWorld w(storm);
  w.storm_before([](const std::string&, int n) { return n % 2 == 1; });
  const auto s = snapshot(w.orgs());
  for (const auto& o : s.orgs) EXPECT_TRUE(o.status.is_complete()) << o.org << ": " << describe(o.status);
  // Adherence is "now": the storm's waits moved the clock, so states may differ; who is counted may not.
  EXPECT_EQ(rosters(s), rosters(expected));
  EXPECT_EQ(s.people, expected.people);
  EXPECT_EQ(s.multi_region_people, expected.multi_region_people);
  EXPECT_EQ(s.duplicates, expected.duplicates);
  EXPECT_GT(w.clock().now(), w.start() + std::chrono::seconds(60));
  e2e::expect_polite_under_storm(w, 300);
}

TEST(AdherenceE2E, OneRegionDownIsMissingTheOtherCompleteAndUnchanged) {
  LoopbackWorld calm(e2e::calm_scenario("default", kMonday));
  const auto expected = snapshot(calm.orgs());
  LoopbackWorld w(e2e::with_fault(e2e::calm_scenario("default", kMonday),
                                  {{"type", "outage"}, {"region", "ap_southeast_2"}}));
  const auto s = snapshot(w.orgs());
  ASSERT_EQ(s.orgs.size(), 2u);
  EXPECT_TRUE(s.any_missing());
  EXPECT_TRUE(s.orgs[1].status.is_missing()) << describe(s.orgs[1].status);
  EXPECT_NE(s.orgs[1].status.why.find("unavailable"), std::string::npos) << s.orgs[1].status.why;
  EXPECT_EQ(s.orgs[1].counts.agents, 0);
  EXPECT_TRUE(s.orgs[0].status.is_complete());
  // Same counts as the calm run; only its staleness grew (the snapshot waited for APAC's retries).
  EXPECT_EQ(to_json(s)["orgs"][0]["counts"], to_json(expected)["orgs"][0]["counts"]);
  EXPECT_GT(*s.orgs[0].staleness, *expected.orgs[0].staleness);
  EXPECT_EQ(to_json(s)["orgs"][1]["status"], "missing");
  EXPECT_EQ(s.global.agents, s.orgs[0].counts.agents);  // nobody counted from the missing region
}

TEST(AdherenceE2E, RegionDownFromItsSecondManagementUnitIsPartialWithWhy) {
  const auto base = e2e::with_latency(e2e::calm_scenario("default", kMonday));
  std::string outage_at;
  {
    LoopbackWorld calm(base);
    (void)snapshot(calm.orgs());
    const auto reads = e2e::requests_matching(calm.journal(), "ap_southeast_2", "/adherence");
    ASSERT_GE(reads.size(), 4u);
    outage_at = "PT" + std::to_string((reads[1].time - calm.start()).count() / 1000) + "S";
  }
  LoopbackWorld w(e2e::with_fault(base, {{"type", "outage"}, {"region", "ap_southeast_2"}, {"at", outage_at}}));
  const auto s = snapshot(w.orgs());
  const auto& apac = s.orgs.at(1);
  EXPECT_EQ(apac.status.kind, RegionStatus::Kind::partial) << describe(apac.status);
  EXPECT_EQ(apac.status.what, "3 of 4 management units");
  EXPECT_FALSE(apac.status.why.empty());
  EXPECT_GT(apac.counts.agents, 0);  // the first MU's agents are kept
  std::set<std::string> mus;
  for (const auto& a : apac.agents) mus.insert(a.management_unit_id);
  EXPECT_EQ(mus.size(), 1u);
  EXPECT_TRUE(s.orgs.at(0).status.is_complete());
}

TEST(AdherenceE2E, TokenRevokedMidRunOneReloginPerOrgSameRoster) {
  const auto base = e2e::with_latency(e2e::calm_scenario("default", kMonday));
  AdherenceSnapshot expected;
  json scenario = base;
  {
    LoopbackWorld calm(base);
    expected = snapshot(calm.orgs());
    scenario = e2e::with_token_revoked_mid_run(scenario, calm);
  }
  LoopbackWorld w(scenario);
  const auto s = snapshot(w.orgs());
  for (const auto& o : s.orgs) EXPECT_TRUE(o.status.is_complete()) << o.org << ": " << describe(o.status);
  EXPECT_EQ(rosters(s), rosters(expected));
  e2e::expect_one_relogin_per_org(w);
}

TEST(AdherenceE2E, BiRegionalPeopleCountedOnceGloballyAndInEachRegion) {
  LoopbackWorld w(e2e::shipped_scenario("bi-regional-agents"));
  const auto s = snapshot(w.orgs());
  // Ground truth: e-mails present in both orgs' user directories (the scenario shares 20 people).
  const auto emea = directory(w, 0), apac = directory(w, 1);
  std::set<std::string> emea_emails, shared;
  for (const auto& [id, email] : emea) emea_emails.insert(email);
  for (const auto& [id, email] : apac)
    if (emea_emails.count(email)) shared.insert(email);
  ASSERT_EQ(shared.size(), 20u);
  std::set<std::string> people;
  int total = 0;
  for (const auto& o : s.orgs) {
    EXPECT_TRUE(o.status.is_complete()) << o.org << ": " << describe(o.status);
    std::set<std::string> keys;
    for (const auto& a : o.agents) keys.insert(a.person_key);
    EXPECT_EQ(keys.size(), o.agents.size()) << o.org;  // each person once per region
    for (const auto& email : shared) EXPECT_TRUE(keys.count(email)) << o.org << " lacks " << email;
    people.insert(keys.begin(), keys.end());
    total += o.counts.agents;
  }
  EXPECT_EQ(s.multi_region_people, 20);
  EXPECT_EQ(s.duplicates, 20);
  EXPECT_EQ(s.people, static_cast<int>(people.size()));
  EXPECT_EQ(s.global.agents, total - 20);
  EXPECT_EQ(to_json(s)["global"]["agents"], total - 20);
}

}  // namespace
}  // namespace mockgc::workflows
