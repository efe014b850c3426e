// gc-hub volume end to end against a spawned `mock-gc serve --port 0 --write-orgs F`: the JSON report over
// real sockets, the summary table, and --write-volume output accepted by `gc-hub capacity --volume`.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include <nlohmann/json.hpp>

#include "support/orgs_file.hpp"
#include "support/served_world.hpp"

namespace mockgc::workflows {
namespace {

using nlohmann::json;

TEST(GcHubVolume, EndToEndAgainstASpawnedMockGcAndIntoCapacity) {
  const auto dir = std::filesystem::path(::testing::TempDir());
  const auto volume = dir / "gc-hub-volume-capacity.json";
  std::filesystem::remove(volume);
  testing::ServedWorld server("gc-hub-volume");
  const auto& orgs = server.orgs;
  ASSERT_TRUE(std::filesystem::exists(orgs));

  int code = -1;
  const auto report = json::parse(testing::run_and_capture({GC_HUB_BIN, "volume", "--orgs", orgs.string(), "--weeks", "2",
                                                    "--json", "--write-volume", volume.string()},
                                                   code),
                                  nullptr, false);
  ASSERT_FALSE(report.is_discarded());
  EXPECT_EQ(code, 0);
  EXPECT_EQ(report["intervals"], 14 * 96);
  ASSERT_EQ(report["orgs"].size(), 2u);
  for (const auto& o : report["orgs"]) {
    EXPECT_EQ(o["status"], "complete") << o.dump();
    EXPECT_GT(o["offered"].get<long long>(), 0);
    EXPECT_FALSE(o["localDays"].empty());
  }
  EXPECT_FALSE(report["queueGroups"].empty());
  std::size_t shared = 0;
  for (const auto& g : report["queueGroups"]) shared += g["regions"].size() == 2;
  EXPECT_GT(shared, 0u);  // "EMEA X" and "APAC X" land in group "x"
  ASSERT_TRUE(std::filesystem::exists(volume));

  (void)testing::run_and_capture({GC_HUB_BIN, "capacity", "--volume", volume.string(), "--draws", "50",
                          "--attribution-draws", "20", "--json"},
                         code);
  EXPECT_EQ(code, 0);

  const auto table = testing::run_and_capture({GC_HUB_BIN, "volume", "--orgs", orgs.string(), "--weeks", "1"}, code);
  EXPECT_EQ(code, 0);
  EXPECT_NE(table.find("queue groups"), std::string::npos) << table;
  EXPECT_NE(table.find("complete"), std::string::npos) << table;

  (void)testing::run_and_capture({GC_HUB_BIN, "volume", "--orgs", orgs.string(), "--weeks", "2", "--granularity", "P2D"}, code);
  EXPECT_EQ(code, 2);

  // Without --weeks: the 26 weeks `gc-hub capacity` plans on.
  const auto half_year =
      json::parse(testing::run_and_capture({GC_HUB_BIN, "volume", "--orgs", orgs.string(), "--json"}, code), nullptr, false);
  EXPECT_EQ(code, 0);
  ASSERT_FALSE(half_year.is_discarded());
  EXPECT_EQ(half_year["intervals"], 26 * 7 * 96);

  // A region that cannot be read (refused credentials) ends `missing` with a reason; exit 1; others complete.
  const auto broken_file = testing::write_orgs_with_broken_org(orgs, dir / "gc-hub-volume-broken.json");
  const auto with_missing = json::parse(
      testing::run_and_capture({GC_HUB_BIN, "volume", "--orgs", broken_file.string(), "--weeks", "1", "--json"}, code),
      nullptr, false);
  EXPECT_EQ(code, 1);
  ASSERT_FALSE(with_missing.is_discarded());
  ASSERT_EQ(with_missing["orgs"].size(), 3u);
  EXPECT_EQ(with_missing["orgs"][2]["status"], "missing");
  EXPECT_FALSE(with_missing["orgs"][2]["why"].get<std::string>().empty());
  EXPECT_EQ(with_missing["orgs"][0]["status"], "complete");
  std::filesystem::remove(broken_file);
}

}  // namespace
}  // namespace mockgc::workflows
