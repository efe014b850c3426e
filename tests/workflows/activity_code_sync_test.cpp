// Activity-code sync, in-process against mock-gc's core on a virtual clock: calm, lost create answers,
// a 409 mid-apply, dry-run, idempotence, conflicts, and org ids never crossing to another org.
#include <gtest/gtest.h>

#include <set>

#include "mockgc/workflows/activity_code_sync.hpp"
#include "support/sync_world.hpp"

namespace mockgc::workflows {
namespace {

using nlohmann::json;
using testing::SyncWorld;

constexpr const char* kSrc = "eu_central_1";
constexpr const char* kDst = "ap_southeast_2";
constexpr const char* kDst2 = "us_east_1";

json code(const std::string& name, const std::string& category, int length, bool paid) {
  return {{"name", name}, {"category", category}, {"lengthInMinutes", length}, {"countsAsPaidTime", paid}};
}

const json* find_named(const json& codes, const std::string& key) {
  for (const auto& c : codes)
    if (activity_code_name_key(c["name"].get<std::string>()) == key) return &c;
  return nullptr;
}

int count_named(const json& codes, const std::string& key) {
  int n = 0;
  for (const auto& c : codes) n += activity_code_name_key(c["name"].get<std::string>()) == key;
  return n;
}

const OrgSyncReport& report_of(const SyncReport& r, const std::string& region) {
  for (const auto& o : r.orgs)
    if (o.region == region) return o;
  throw std::logic_error("no report for " + region);
}

class ActivityCodeSync : public ::testing::Test {
 protected:
  ActivityCodeSync() : world(testing::sync_scenario({kSrc, kDst, kDst2})) {
    world.create_code(kSrc, code("Team Huddle", "Meeting", 15, true));
    world.create_code(kSrc, code("Coaching", "Training", 30, true));
    world.create_code(kSrc, code("Lunch Walk", "Meal", 45, false));
    // kDst: "team  huddle" drifted, "coaching" in another category (conflict), Lunch Walk missing.
    world.create_code(kDst, code("  team  huddle", "Meeting", 20, true));
    world.create_code(kDst, code("COACHING", "Meeting", 30, true));
    world.create_code(kDst, code("Local Only", "Break", 10, true));
    options.source_region = kSrc;
  }
  SyncWorld world;
  SyncOptions options;
};

TEST_F(ActivityCodeSync, PlanCreatesMissingUpdatesDriftAndReportsConflicts) {
  const auto plan = plan_sync(*world.orgs, options);
  ASSERT_EQ(plan.orgs.size(), 3u);
  EXPECT_EQ(plan.source_org, "ORG1");
  std::map<std::string, std::string> actions;
  for (const auto& o : plan.orgs)
    if (o.region == kDst)
      for (const auto& i : o.items) actions[i.key] = std::string(to_string(i.action));
  EXPECT_EQ(actions, (std::map<std::string, std::string>{
                         {"coaching", "conflict"}, {"lunch walk", "create"}, {"team huddle", "update"}}));
  for (const auto& o : plan.orgs)
    if (o.region == kDst2) {
      EXPECT_EQ(o.items.size(), 3u);  // all three created there
    }
  EXPECT_FALSE(plan.nothing_to_write());
}

TEST_F(ActivityCodeSync, ApplyConvergesAndASecondRunPlansNothing) {
  const auto report = apply_sync(*world.orgs, plan_sync(*world.orgs, options), options);
  const auto& dst = report_of(report, kDst);
  EXPECT_EQ(dst.created, 1);
  EXPECT_EQ(dst.updated, 1);
  EXPECT_EQ(dst.conflicts, 1);
  EXPECT_EQ(dst.errors, 0);
  EXPECT_TRUE(dst.status.is_complete());
  EXPECT_EQ(report_of(report, kDst2).created, 3);
  EXPECT_FALSE(report.any_missing());

  const auto codes = world.codes(kDst);
  ASSERT_NE(find_named(codes, "team huddle"), nullptr);
  EXPECT_EQ((*find_named(codes, "team huddle"))["lengthInMinutes"], 15);
  EXPECT_EQ((*find_named(codes, "team huddle"))["name"], "team  huddle");  // matched codes keep their name (no rename)
  EXPECT_EQ((*find_named(codes, "coaching"))["category"], "Meeting");       // conflict: never overwritten
  EXPECT_EQ((*find_named(codes, "lunch walk"))["lengthInMinutes"], 45);
  EXPECT_NE(find_named(codes, "local only"), nullptr);                       // sync never deletes

  const auto second = plan_sync(*world.orgs, options);
  EXPECT_TRUE(second.nothing_to_write());
  const auto again = apply_sync(*world.orgs, second, options);
  EXPECT_EQ(report_of(again, kDst).conflicts, 1);  // still reported, never resolved by overwriting
  EXPECT_EQ(report_of(again, kDst).unchanged, 2);
}

TEST_F(ActivityCodeSync, DryRunSendsNoWrites) {
  const auto before = world.transport->writes();
  const auto plan = plan_sync(*world.orgs, options);
  const auto report = report_for_dry_run(plan);
  EXPECT_EQ(world.transport->writes(), before);
  EXPECT_TRUE(report.dry_run);
  EXPECT_EQ(report_of(report, kDst).created, 1);
  EXPECT_EQ(report_of(report, kDst).updated, 1);
  EXPECT_EQ(world.codes(kDst).size(), 8u + 3u);  // 8 defaults + 3 custom, untouched
}

TEST_F(ActivityCodeSync, ALostCreateAnswerNeverDuplicates) {
  int lost = 0;
  world.transport->drop_answer = [&](const testing::Exchange& r) {
    if (r.method != "POST" || r.target.find("/activitycodes") == std::string::npos || lost == 2) return false;
    ++lost;
    return true;
  };
  const auto report = apply_sync(*world.orgs, plan_sync(*world.orgs, options), options);
  EXPECT_EQ(lost, 2);
  EXPECT_EQ(report_of(report, kDst).created, 1);
  EXPECT_EQ(report_of(report, kDst2).created, 3);
  EXPECT_EQ(report_of(report, kDst).errors + report_of(report, kDst2).errors, 0);
  for (const auto* region : {kDst, kDst2}) {
    const auto codes = world.codes(region);
    for (const auto* key : {"team huddle", "lunch walk"}) EXPECT_EQ(count_named(codes, key), 1) << region << key;
  }
  // The server refuses duplicate names (409), so "no duplicate" is checked on the wire: after a lost
  // answer the client re-reads instead of re-sending, so every code gets exactly one POST, answered 200.
  std::map<std::string, int> posts;
  for (const auto& s : world.transport->exchanges()) {
    if (s.method != "POST" || s.target.find("/activitycodes") == std::string::npos) continue;
    EXPECT_EQ(s.status, 200) << s.host << " " << s.body;
    ++posts[s.host + "|" + activity_code_name_key(json::parse(s.body)["name"].get<std::string>())];
  }
  EXPECT_EQ(posts.size(), 4u);
  for (const auto& [k, n] : posts) EXPECT_EQ(n, 1) << k;
  EXPECT_TRUE(plan_sync(*world.orgs, options).nothing_to_write());
}

TEST_F(ActivityCodeSync, A409MidApplyReReadsAndAppliesOnTheNewVersion) {
  std::string id;
  for (const auto& c : world.codes(kDst))
    if (activity_code_name_key(c["name"].get<std::string>()) == "team huddle") id = c["id"].get<std::string>();
  const auto plan = plan_sync(*world.orgs, options);
  // Someone else edits the code between plan and apply: the planned version is stale → 409.
  bool interfered = false;
  world.transport->before_send = [&](const client::Endpoint&, const api::HttpRequest& r) {
    if (!interfered && r.method == "PATCH" && r.target.find(id) != std::string::npos) {
      interfered = true;
      auto codes = world.codes(kDst);
      const json* c = find_named(codes, "team huddle");
      world.patch_code(kDst, id, {{"interruptible", true}, {"metadata", {{"version", (*c)["metadata"]["version"]}}}});
    }
  };
  const auto report = apply_sync(*world.orgs, plan, options);
  ASSERT_TRUE(interfered);
  EXPECT_EQ(report_of(report, kDst).updated, 1);
  EXPECT_EQ(report_of(report, kDst).errors, 0);
  int patches_409 = 0;
  for (const auto& s : world.transport->exchanges())
    if (s.method == "PATCH" && s.status == 409) ++patches_409;
  EXPECT_EQ(patches_409, 1);
  EXPECT_EQ((*find_named(world.codes(kDst), "team huddle"))["lengthInMinutes"], 15);
}

TEST_F(ActivityCodeSync, NoIdOfOneOrgIsEverSentToAnother) {
  (void)apply_sync(*world.orgs, plan_sync(*world.orgs, options), options);
  // Ids existing in each org after the run (BU ids, code ids).
  std::map<std::string, std::set<std::string>> ids;
  std::map<std::string, std::string> host_region = {{"api.mypurecloud.de", kSrc},
                                                    {"api.mypurecloud.com.au", kDst},
                                                    {"api.mypurecloud.com", kDst2}};
  for (const auto* region : {kSrc, kDst, kDst2}) {
    ids[region].insert(world.business_unit_id(region));
    for (const auto& c : world.codes(region)) ids[region].insert(c["id"].get<std::string>());
  }
  std::size_t checked = 0;
  for (const auto& s : world.transport->exchanges()) {
    auto it = host_region.find(s.host);
    if (it == host_region.end()) continue;
    for (const auto& [other, other_ids] : ids) {
      if (other == it->second) continue;
      for (const auto& id : other_ids) {
        if (id.size() < 8 || ids[it->second].count(id)) continue;  // default ids "0".."7" exist everywhere
        EXPECT_EQ(s.target.find(id), std::string::npos) << s.method << " " << s.target << " carries " << other;
        EXPECT_EQ(s.body.find(id), std::string::npos) << s.method << " " << s.target << " body carries " << other;
        ++checked;
      }
    }
  }
  EXPECT_GT(checked, 100u);
}

TEST_F(ActivityCodeSync, UnreadableTargetEndsMissingAndOthersStillSync) {
  world.transport->drop_answer = [](const testing::Exchange& r) {
    return r.method == "GET" && r.target.find("/businessunits") != std::string::npos &&
           r.host == "api.mypurecloud.com";
  };
  const auto plan = plan_sync(*world.orgs, options);
  const auto report = apply_sync(*world.orgs, plan, options);
  EXPECT_TRUE(report_of(report, kDst2).status.is_missing());
  EXPECT_TRUE(report.any_missing());
  EXPECT_EQ(report_of(report, kDst).created, 1);
}

TEST_F(ActivityCodeSync, UnknownSourceRegionMakesEveryOrgMissing) {
  options.source_region = "us_west_2";
  const auto plan = plan_sync(*world.orgs, options);
  for (const auto& o : plan.orgs) EXPECT_TRUE(o.status.is_missing());
  EXPECT_EQ(world.transport->writes(), 0u);
}

TEST(ActivityCodeNameKey, TrimsCollapsesAndFoldsAsciiCase) {
  EXPECT_EQ(activity_code_name_key("  Team \t  Huddle "), "team huddle");
  EXPECT_EQ(activity_code_name_key("TEAM HUDDLE"), "team huddle");
  EXPECT_NE(activity_code_name_key("Pause \xC3\x89"), activity_code_name_key("pause \xC3\xA9"));
  EXPECT_EQ(activity_code_name_key(""), "");
}

TEST(RegionStatusJson, NamesEveryKind) {
  EXPECT_EQ(json(RegionStatus::complete()), (json{{"status", "complete"}}));
  EXPECT_EQ(json(RegionStatus::missing("x")), (json{{"status", "missing"}, {"why", "x"}}));
  EXPECT_EQ(json(RegionStatus::partial("a", "b")), (json{{"status", "partial"}, {"what", "a"}, {"why", "b"}}));
}

}  // namespace
}  // namespace mockgc::workflows
