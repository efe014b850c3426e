// Activity-code sync over real sockets: a mock-gc core behind the network shell on 127.0.0.1:0, the
// reference client's BeastTransport and system clock; and gc-hub sync-codes end to end against a spawned
// `mock-gc serve --port 0 --write-orgs F`.
#include <gtest/gtest.h>

#include <csignal>
#include <filesystem>
#include <fstream>

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "mockgc/client/beast_transport.hpp"
#include "mockgc/client/json_calls.hpp"
#include "mockgc/workflows/activity_code_sync.hpp"
#include "support/loopback_world.hpp"
#include "support/orgs_file.hpp"
#include "support/served_world.hpp"
#include "support/sync_world.hpp"

namespace mockgc::workflows {
namespace {

using nlohmann::json;

using testing::LoopbackWorld;

TEST(ActivityCodeSyncLoopback, CalmSyncOverSocketsConvergesAndIsIdempotent) {
  LoopbackWorld world(testing::sync_scenario({"eu_central_1", "ap_southeast_2"}, 3));
  client::BeastTransport transport;
  client::SystemClock clock;
  client::OrgClients orgs(world.configs(), transport, clock, {}, 1);
  SyncOptions options;
  options.source_region = "eu_central_1";
  const auto plan = plan_sync(orgs, options);
  ASSERT_EQ(plan.orgs.size(), 2u);
  for (const auto& o : plan.orgs) ASSERT_FALSE(o.status.is_missing()) << describe(o.status);
  const auto report = apply_sync(orgs, plan, options);
  EXPECT_FALSE(report.any_missing());
  for (const auto& o : report.orgs) EXPECT_EQ(o.errors, 0) << o.org;
  // Every source custom code was looked at in the target: created, updated, unchanged or a conflict.
  const auto& src = report.orgs.at(0);
  const auto& dst = report.orgs.at(1);
  ASSERT_TRUE(src.is_source);
  EXPECT_EQ(src.unchanged, 3);
  EXPECT_EQ(dst.created + dst.updated + dst.unchanged + dst.conflicts, 3);
  EXPECT_GT(dst.created + dst.updated, 0);
  EXPECT_TRUE(plan_sync(orgs, options).nothing_to_write());
}

using testing::run_and_capture;

TEST(GcHubSyncCodes, EndToEndAgainstASpawnedMockGc) {
  testing::ServedWorld server("gc-hub-sync-codes");
  const auto& file = server.orgs;
  ASSERT_TRUE(std::filesystem::exists(file));

  int code = -1;
  const auto first = json::parse(
      run_and_capture({GC_HUB_BIN, "sync-codes", "--orgs", file.string(), "--source", "eu_central_1", "--json"}, code),
      nullptr, false);
  ASSERT_FALSE(first.is_discarded());
  EXPECT_EQ(code, 0);
  EXPECT_EQ(first["source"], "EMEA");
  EXPECT_EQ(first["dryRun"], false);
  EXPECT_EQ(first["seed"], 1);
  ASSERT_EQ(first["orgs"].size(), 2u);
  for (const auto& o : first["orgs"]) EXPECT_EQ(o["status"], "complete") << o.dump();

  const auto second = json::parse(
      run_and_capture(
          {GC_HUB_BIN, "sync-codes", "--orgs", file.string(), "--source", "eu_central_1", "--dry-run", "--json"}, code),
      nullptr, false);
  ASSERT_FALSE(second.is_discarded());
  EXPECT_EQ(code, 0);
  EXPECT_EQ(second["dryRun"], true);
  for (const auto& o : second["orgs"]) {
    EXPECT_EQ(o["created"], 0) << o.dump();
    EXPECT_EQ(o["updated"], 0) << o.dump();
  }

  const auto table = run_and_capture({GC_HUB_BIN, "sync-codes", "--orgs", file.string(), "--source", "eu_central_1"}, code);
  EXPECT_EQ(code, 0);
  EXPECT_NE(table.find("EMEA (source)"), std::string::npos) << table;
  EXPECT_NE(table.find("conflicts"), std::string::npos) << table;

  (void)run_and_capture({GC_HUB_BIN, "sync-codes", "--orgs", file.string(), "--source", "us_west_2"}, code);
  EXPECT_EQ(code, 2);  // usage: no org has that region

  // Without --source the first org of ORGS.json is the source.
  std::string first_org;
  {
    std::ifstream in(file);
    first_org = json::parse(in)["orgs"][0]["name"].get<std::string>();
  }
  const auto defaulted =
      json::parse(run_and_capture({GC_HUB_BIN, "sync-codes", "--orgs", file.string(), "--dry-run", "--json"}, code),
                  nullptr, false);
  ASSERT_FALSE(defaulted.is_discarded());
  EXPECT_EQ(code, 0);
  EXPECT_EQ(defaulted["source"], first_org);

  std::string err;
  (void)run_and_capture(
      {GC_HUB_BIN, "sync-codes", "--orgs", file.string(), "--source", "eu_central_1", "--json", "--progress"}, code,
      &err);
  EXPECT_EQ(code, 0);
  EXPECT_NE(err.find("reading ["), std::string::npos) << err;

  // A region that cannot be read (refused credentials) ends `missing` and the exit status says so.
  const auto broken_file = testing::write_orgs_with_broken_org(
      file, std::filesystem::path(::testing::TempDir()) / "gc-hub-sync-codes-broken.json");
  const auto with_missing = json::parse(
      run_and_capture({GC_HUB_BIN, "sync-codes", "--orgs", broken_file.string(), "--source", "eu_central_1", "--json"},
                      code),
      nullptr, false);
  EXPECT_EQ(code, 1);
  ASSERT_FALSE(with_missing.is_discarded());
  ASSERT_EQ(with_missing["orgs"].size(), 3u);
  EXPECT_EQ(with_missing["orgs"][2]["status"], "missing");
  EXPECT_EQ(with_missing["orgs"][0]["status"], "complete");
  std::filesystem::remove(broken_file);
}

}  // namespace
}  // namespace mockgc::workflows
