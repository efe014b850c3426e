// gc-hub trades end to end against a spawned `mock-gc serve --port 0 --write-orgs F` over real sockets:
// listing pending trades per region, approving EMEA's by a rule without touching APAC's, and a region that
// cannot be reached reported missing.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <set>

#include <nlohmann/json.hpp>

#include "support/child_process.hpp"
#include "support/served_world.hpp"

namespace mockgc::workflows {
namespace {

using nlohmann::json;

constexpr const char* kWeek = "2027-01-06";  // a week after the wall clock: its generated offers are open

json run_trades(const std::vector<std::string>& extra, const std::string& orgs, int& exit_code) {
  std::vector<std::string> argv{GC_HUB_BIN, "trades", "--orgs", orgs, "--week", kWeek, "--json"};
  argv.insert(argv.end(), extra.begin(), extra.end());
  return json::parse(testing::run_and_capture(argv, exit_code), nullptr, false);
}

const json* org_named(const json& report, const std::string& region) {
  for (const auto& o : report["orgs"])
    if (o["region"] == region) return &o;
  return nullptr;
}

std::set<std::string> pending_ids(const json& org) {
  std::set<std::string> out;
  for (const auto& t : org["pending"]) out.insert(t["id"].get<std::string>());
  return out;
}

// `--week next` is the week after the served world's date (its Date header), not the machine's.
TEST(GcHubTrades, NextWeekIsTheServedWorldsNextWeek) {
  testing::ServedWorld world("gc-hub-trades-world-week",
                             {"--scenario", MOCKGC_SOURCE_DIR "/scenarios/bi-regional-agents.json"});  // 2026-03-02
  int code = -1;
  const json report = json::parse(testing::run_and_capture({GC_HUB_BIN, "trades", "--orgs", world.orgs.string(), "--week", "next", "--json"}, code),
                                  nullptr, false);
  ASSERT_FALSE(report.is_discarded());
  EXPECT_EQ(code, 0);
  std::size_t seen = 0;
  for (const auto& o : report["orgs"])
    for (const auto& t : o["pending"]) {
      const std::string week = t["weekDate"];
      EXPECT_GE(week, "2026-03-03") << t;
      EXPECT_LE(week, "2026-03-09") << t;
      ++seen;
    }
  EXPECT_GT(seen, 0u) << report.dump();
}

TEST(GcHubTrades, LondonApprovesEmeaTradesWithoutTouchingApac) {
  testing::ServedWorld world("gc-hub-trades");
  const auto& file = world.orgs;

  int code = -1;
  const json before = run_trades({}, file.string(), code);
  ASSERT_FALSE(before.is_discarded());
  EXPECT_EQ(code, 0);
  EXPECT_EQ(before["applied"], false);
  ASSERT_EQ(before["orgs"].size(), 2u);
  const json* emea = org_named(before, "eu_central_1");
  const json* apac = org_named(before, "ap_southeast_2");
  ASSERT_TRUE(emea && apac);
  EXPECT_EQ((*emea)["status"], "complete");
  EXPECT_GT((*emea)["pending"].size(), 0u);
  EXPECT_GT((*apac)["pending"].size(), 0u);

  // EMEA only, every pending trade approved by the rule; APAC is not in the report at all.
  const json approved = run_trades({"--region", "eu_central_1", "--approve-if", "matched"}, file.string(), code);
  ASSERT_FALSE(approved.is_discarded());
  EXPECT_EQ(code, 0);
  EXPECT_EQ(approved["applied"], true);
  ASSERT_EQ(approved["orgs"].size(), 1u);
  EXPECT_EQ(approved["orgs"][0]["region"], "eu_central_1");
  EXPECT_EQ(approved["orgs"][0]["approved"], (*emea)["pending"].size());
  EXPECT_EQ(approved["orgs"][0]["failed"], 0);
  for (const auto& t : approved["orgs"][0]["pending"]) EXPECT_EQ(t["outcome"], "approved") << t;

  // Afterwards: EMEA has nothing pending, APAC's pending trades are exactly those of before.
  const json after = run_trades({}, file.string(), code);
  EXPECT_TRUE(org_named(after, "eu_central_1")->at("pending").empty());
  EXPECT_EQ(pending_ids(*org_named(after, "ap_southeast_2")), pending_ids(*apac));

  // The paid-hours rule holds what it rejects, with the reason, and writes nothing without approvals.
  const json held = run_trades({"--region", "ap_southeast_2", "--approve-if", "paid-hours"}, file.string(), code);
  for (const auto& t : held["orgs"][0]["pending"]) {
    if (t["decision"] == "hold") {
      EXPECT_TRUE(t.contains("heldBecause")) << t;
    }
  }

  // A region that cannot be reached ends missing (exit 1); the other is still read.
  auto doc = json::parse(std::ifstream(file));
  for (auto& o : doc["orgs"])
    if (o["region"] == "ap_southeast_2") o["base_url"] = "http://127.0.0.1:1", o["login_url"] = "http://127.0.0.1:1";
  const auto broken = std::filesystem::path(::testing::TempDir()) / "gc-hub-trades-broken-orgs.json";
  std::ofstream(broken) << doc.dump();
  const json partial = run_trades({}, broken.string(), code);
  EXPECT_EQ(code, 1);
  EXPECT_EQ(org_named(partial, "ap_southeast_2")->at("status"), "missing");
  EXPECT_EQ(org_named(partial, "eu_central_1")->at("status"), "complete");
}

}  // namespace
}  // namespace mockgc::workflows
