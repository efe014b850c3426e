// Activity-code sync (source EMEA → APAC) over real sockets against mock-gc on a virtual clock: calm makes
// the target's codes match the source (read back from the server) and is idempotent; a 429 storm gives the
// same report and the same final codes; a target down for the whole run gets no writes and a clear
// per-region error; an outage during apply leaves the target unchanged (every write refused, reported);
// a token revoked during apply costs one login and changes nothing in the outcome.
#include <gtest/gtest.h>

#include <map>

#include "mockgc/client/json_calls.hpp"
#include "mockgc/workflows/activity_code_sync.hpp"
#include "fault_runs.hpp"

namespace mockgc::workflows {
namespace {

using nlohmann::json;
using e2e::LoopbackWorld;

constexpr const char* kMonday = "2026-03-02T09:00:00Z";

SyncOptions from_emea() {
  SyncOptions o;
  o.source_region = "eu_central_1";
  return o;
}

SyncReport plan_and_apply(client::OrgClients& orgs) {
  const auto plan = plan_sync(orgs, from_emea());
  return apply_sync(orgs, plan, from_emea());
}

// The org's codes as the server has them: name key → {name, category, synced attributes, default?}.
std::map<std::string, json> codes_of(LoopbackWorld& w, std::size_t org) {
  auto c = w.direct_client(org);
  std::map<std::string, json> out;
  auto bus = client::get_json(*c, "/api/v2/workforcemanagement/businessunits");
  EXPECT_TRUE(bus.has_value());
  if (!bus) return out;
  const auto bu = (*bus)["entities"][0]["id"].get<std::string>();
  auto listing = client::get_wfm_listing(*c, "/api/v2/workforcemanagement/businessunits/" + bu + "/activitycodes");
  EXPECT_TRUE(listing.has_value());
  if (!listing) return out;
  for (const auto& code : parse_activity_codes(*listing))
    out[activity_code_name_key(code.name)] = {
        {"category", code.category}, {"attributes", code.attributes}, {"default", code.default_code}};
  return out;
}

TEST(SyncCodesE2E, CalmTargetMatchesTheSourceOnTheServerAndASecondRunWritesNothing) {
  LoopbackWorld w(e2e::calm_scenario("default", kMonday));
  // The default world's orgs share their six code names with drifted attributes (updates); one code only
  // the source has is added first (a create).
  {
    auto emea = w.direct_client(0);
    auto bus = client::get_json(*emea, "/api/v2/workforcemanagement/businessunits");
    ASSERT_TRUE(bus.has_value());
    const auto bu = (*bus)["entities"][0]["id"].get<std::string>();
    auto made = client::send_json(*emea, "POST", "/api/v2/workforcemanagement/businessunits/" + bu + "/activitycodes",
                                  {{"name", "E2E Coaching"}, {"category", "Training"}, {"lengthInMinutes", 30},
                                   {"countsAsPaidTime", true}});
    ASSERT_TRUE(made.has_value()) << made.error().message();
  }
  const auto report = plan_and_apply(w.orgs());
  ASSERT_EQ(report.orgs.size(), 2u);
  for (const auto& o : report.orgs) {
    EXPECT_TRUE(o.status.is_complete()) << o.org << ": " << describe(o.status);
    EXPECT_EQ(o.errors, 0) << o.org;
  }
  const auto source = codes_of(w, 0), target = codes_of(w, 1);
  int custom = 0, matched = 0, conflicts = 0;
  for (const auto& [key, code] : source) {
    if (code["default"].get<bool>()) continue;
    ++custom;
    ASSERT_TRUE(target.count(key)) << "not synced: " << key;
    const auto& t = target.at(key);
    if (t["category"] != code["category"] || t["default"].get<bool>()) {
      ++conflicts;  // reported, never overwritten
      continue;
    }
    EXPECT_EQ(t["attributes"], code["attributes"]) << key;
    ++matched;
  }
  const auto& dst = report.orgs[1];
  EXPECT_EQ(dst.created + dst.updated + dst.unchanged, matched);
  EXPECT_EQ(dst.conflicts, conflicts);
  EXPECT_EQ(custom, matched + conflicts);
  EXPECT_EQ(dst.created, 1);
  EXPECT_GT(dst.updated, 0);
  EXPECT_TRUE(plan_sync(w.orgs(), from_emea()).nothing_to_write());
}

TEST(SyncCodesE2E, RateLimitStormSameReportAndSameFinalCodesAsCalm) {
  const auto storm = e2e::shipped_scenario("rate-limit-storm");
  LoopbackWorld calm(storm);
  const auto expected = to_json(plan_and_apply(calm.orgs()));
  const auto expected_codes = codes_of(calm, 1);
  LoopbackWorld w(storm);
  w.storm_before([](const std::string&, int n) { return n % 2 == 1; });
  const auto report = plan_and_apply(w.orgs());
  for (const auto& o : report.orgs) EXPECT_TRUE(o.status.is_complete()) << o.org << ": " << describe(o.status);
  EXPECT_EQ(to_json(report), expected);
  EXPECT_EQ(codes_of(w, 1), expected_codes);
  e2e::expect_polite_under_storm(w, 300);
}

TEST(SyncCodesE2E, TargetDownForTheWholeRunGetsNoWritesAndAClearError) {
  LoopbackWorld w(e2e::with_fault(e2e::calm_scenario("default", kMonday),
                                  {{"type", "outage"}, {"region", "ap_southeast_2"}}));
  const auto plan = plan_sync(w.orgs(), from_emea());
  ASSERT_EQ(plan.orgs.size(), 2u);
  EXPECT_TRUE(plan.orgs[1].status.is_missing());
  const auto report = apply_sync(w.orgs(), plan, from_emea());
  EXPECT_TRUE(report.any_missing());
  EXPECT_TRUE(report.orgs[0].status.is_complete());
  const auto& apac = report.orgs[1];
  EXPECT_TRUE(apac.status.is_missing());
  EXPECT_NE(apac.status.why.find("unavailable"), std::string::npos) << apac.status.why;
  EXPECT_EQ(apac.created + apac.updated, 0);
  EXPECT_EQ(to_json(report)["orgs"][1]["status"], "missing");
  for (const auto& e : w.journal())
    if (e.region == "ap_southeast_2") {
      EXPECT_TRUE(e.method == "GET" || e.path == "/oauth/token") << e.method << " " << e.path;
      EXPECT_EQ(e.status, 503);
    }
}

TEST(SyncCodesE2E, OutageDuringApplyRefusesEveryWriteAndLeavesTheTargetUnchanged) {
  auto scenario = e2e::with_fault(e2e::calm_scenario("default", kMonday),
                                  {{"type", "outage"}, {"region", "ap_southeast_2"}, {"at", "PT1H"}, {"for", "PT1H"}});
  LoopbackWorld w(scenario);
  const auto before = codes_of(w, 1);
  const auto plan = plan_sync(w.orgs(), from_emea());
  ASSERT_FALSE(plan.orgs[1].status.is_missing());
  ASSERT_FALSE(plan.orgs[1].items.empty());
  w.virtual_clock().set(w.start() + std::chrono::hours(1));  // the target goes down between plan and apply
  const auto report = apply_sync(w.orgs(), plan, from_emea());
  const auto& apac = report.orgs[1];
  EXPECT_EQ(apac.created + apac.updated, 0);
  EXPECT_GT(apac.errors, 0);
  ASSERT_FALSE(apac.notes.empty());
  EXPECT_NE(apac.notes.front().find("503"), std::string::npos) << apac.notes.front();
  EXPECT_FALSE(apac.status.is_complete()) << describe(apac.status);
  int writes = 0;
  for (const auto& e : w.journal())
    if (e.region == "ap_southeast_2" && (e.method == "POST" || e.method == "PATCH") && e.path != "/oauth/token") {
      ++writes;
      EXPECT_EQ(e.status, 503) << e.method << " " << e.path;
    }
  EXPECT_GT(writes, 0);
  w.virtual_clock().set(w.start() + std::chrono::hours(2));  // back up: nothing was applied
  EXPECT_EQ(codes_of(w, 1), before);
}

TEST(SyncCodesE2E, TokenRevokedDuringApplyOneReloginSameOutcome) {
  LoopbackWorld calm(e2e::calm_scenario("default", kMonday));
  const auto expected = to_json(plan_and_apply(calm.orgs()));
  const auto expected_codes = codes_of(calm, 1);
  LoopbackWorld w(e2e::with_fault(e2e::calm_scenario("default", kMonday),
                                  {{"type", "token"}, {"action", "revoke_at"}, {"region", "ap_southeast_2"},
                                   {"at", "PT1H"}}));
  const auto plan = plan_sync(w.orgs(), from_emea());
  w.virtual_clock().set(w.start() + std::chrono::hours(1));
  const auto report = apply_sync(w.orgs(), plan, from_emea());
  const auto tokens = e2e::token_requests(w.journal());  // before codes_of() logs in a checking client
  EXPECT_EQ(to_json(report), expected);
  EXPECT_EQ(codes_of(w, 1), expected_codes);
  EXPECT_EQ(tokens.at("eu_central_1"), 1);
  EXPECT_EQ(tokens.at("ap_southeast_2"), 2);  // the first write met the revoked token; one re-login
  EXPECT_EQ(w.orgs().at(1).stats().relogins_on_401, 1u);
}

}  // namespace
}  // namespace mockgc::workflows
