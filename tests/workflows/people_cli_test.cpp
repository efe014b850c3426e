// gc-hub adherence and gc-hub timeoff end to end against a spawned `mock-gc serve --port 0 --write-orgs F`
// (real sockets, the system clock): JSON shape, exit codes, the table, usage errors.
#include <gtest/gtest.h>

#include <csignal>
#include <filesystem>
#include <fstream>
#include <set>

#include <nlohmann/json.hpp>

#include "support/child_process.hpp"
#include "support/served_world.hpp"

namespace mockgc::workflows {
namespace {

using nlohmann::json;

using testing::run_and_capture;

class GcHubPeople : public ::testing::Test {
 protected:
  testing::ServedWorld world{std::string("gc-hub-people-") +
                             ::testing::UnitTest::GetInstance()->current_test_info()->name()};
  const std::filesystem::path& file = world.orgs;
};

int sum(const json& m) {
  int n = 0;
  for (const auto& [k, v] : m.items()) n += v.get<int>();
  return n;
}

TEST_F(GcHubPeople, AdherenceSnapshotAndPolling) {
  int code = -1;
  const auto j = json::parse(run_and_capture({GC_HUB_BIN, "adherence", "--orgs", file.string(), "--json"}, code),
                             nullptr, false);
  ASSERT_FALSE(j.is_discarded());
  EXPECT_EQ(code, 0);
  ASSERT_EQ(j["orgs"].size(), 2u);
  int total = 0;
  for (const auto& o : j["orgs"]) {
    EXPECT_EQ(o["status"], "complete") << o.dump();
    EXPECT_EQ(sum(o["counts"]["states"]), o["counts"]["agents"].get<int>());
    total += o["counts"]["agents"].get<int>();
  }
  EXPECT_EQ(j["multiRegionPeople"], 5);
  EXPECT_EQ(j["global"]["agents"].get<int>(), total - j["duplicates"].get<int>());
  EXPECT_EQ(j["outlierMinutes"], 10);

  const auto table = run_and_capture(
      {GC_HUB_BIN, "adherence", "--orgs", file.string(), "--outlier-minutes", "5", "--poll", "2", "--interval", "1"},
      code);
  EXPECT_EQ(code, 0);
  std::size_t rounds = 0;
  for (auto at = table.find("GLOBAL"); at != std::string::npos; at = table.find("GLOBAL", at + 1)) ++rounds;
  EXPECT_EQ(rounds, 2u) << table;
  EXPECT_NE(table.find(">= 5 min"), std::string::npos) << table;

  (void)run_and_capture({GC_HUB_BIN, "adherence", "--orgs", file.string(), "--poll", "0"}, code);
  EXPECT_EQ(code, 2);
}

TEST_F(GcHubPeople, TimeOffWeek) {
  int code = -1;
  const auto j = json::parse(
      run_and_capture({GC_HUB_BIN, "timeoff", "--orgs", file.string(), "--week", "current", "--json"}, code), nullptr,
      false);
  ASSERT_FALSE(j.is_discarded());
  EXPECT_EQ(code, 0);
  ASSERT_EQ(j["orgs"].size(), 2u);
  for (const auto& o : j["orgs"]) {
    EXPECT_EQ(o["status"], "complete") << o.dump();
    EXPECT_FALSE(o["weeks"].empty());
  }
  EXPECT_FALSE(j["requests"].empty());
  std::string last;
  std::set<std::string> ids;
  for (const auto& r : j["requests"]) {
    EXPECT_LE(last, r["submittedUtc"].get<std::string>());
    last = r["submittedUtc"].get<std::string>();
    EXPECT_TRUE(ids.insert(r["id"].get<std::string>()).second);
  }
  const auto pending = json::parse(
      run_and_capture({GC_HUB_BIN, "timeoff", "--orgs", file.string(), "--week", "current", "--statuses", "PENDING", "--json"},
                      code),
      nullptr, false);
  ASSERT_FALSE(pending.is_discarded());
  for (const auto& r : pending["requests"]) EXPECT_EQ(r["status"], "PENDING");
  EXPECT_LE(pending["requests"].size(), j["requests"].size());

  const auto table = run_and_capture({GC_HUB_BIN, "timeoff", "--orgs", file.string(), "--week", "current"}, code);
  EXPECT_EQ(code, 0);
  EXPECT_NE(table.find("submitted (UTC)"), std::string::npos) << table;

  (void)run_and_capture({GC_HUB_BIN, "timeoff", "--orgs", file.string(), "--week", "2024-02-30"}, code);
  EXPECT_EQ(code, 2);
  (void)run_and_capture({GC_HUB_BIN, "timeoff", "--orgs", file.string(), "--week", "current", "--statuses", "NOPE"}, code);
  EXPECT_EQ(code, 2);
}

}  // namespace
}  // namespace mockgc::workflows
