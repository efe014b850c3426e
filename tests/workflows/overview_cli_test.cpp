// gc-hub overview end to end against a spawned `mock-gc serve --port 0 --speed 60` (real sockets, the system
// clock; the world runs 60x from its start on 2026-01-05, so the historical adherence jobs finish within the
// first poll): the JSON, the table and the --html file of the week before the world's start (--week), whose
// actuals the world has.
#include <filesystem>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "support/child_process.hpp"
#include "support/served_world.hpp"

namespace mockgc::workflows {
namespace {

using nlohmann::json;

constexpr const char* kWeek = "2025-12-31";  // EMEA's week from Monday 2025-12-29, APAC's from Sunday 2025-12-28

using testing::run_and_capture;

TEST(GcHubOverview, JsonTableAndHtmlOfTheDefaultWorld) {
  testing::ServedWorld world("gc-hub-overview", {"--speed", "60"});
  const auto html = std::filesystem::path(::testing::TempDir()) / "gc-hub-overview.html";
  std::filesystem::remove(html);
  int code = -1;
  const auto j = json::parse(run_and_capture({GC_HUB_BIN, "overview", "--orgs", world.orgs.string(), "--week", kWeek,
                                              "--json", "--html", html.string()},
                                             code),
                             nullptr, false);
  ASSERT_FALSE(j.is_discarded());
  EXPECT_EQ(code, 0);
  ASSERT_EQ(j["regions"].size(), 2u);
  int headcount = 0;
  for (const auto& r : j["regions"]) {
    EXPECT_EQ(r["status"], "complete") << r.dump();
    const auto& f = r["figures"];
    headcount += f["headcount"].get<int>();
    EXPECT_GT(f["scheduledPaidHours"].get<double>(), 0.0);
    EXPECT_GT(f["shrinkage"]["breaksAndMeals"]["paidHours"].get<double>(), 0.0);
    EXPECT_TRUE(f["occupancy"]["percent"].is_number()) << f.dump();
    EXPECT_TRUE(f["adherence"]["percent"].is_number()) << f.dump();
    EXPECT_EQ(r["businessUnits"][0]["firstDay"], r["region"] == "eu_central_1" ? "2025-12-29" : "2025-12-28");
    for (const char* part : {"schedule", "occupancy", "adherence", "emails"})
      EXPECT_EQ(r["parts"][part]["status"], "complete");
  }
  const auto& g = j["global"];
  EXPECT_EQ(g["complete"], true);
  EXPECT_EQ(g["biRegionalPeople"].size(), 5u);  // the default world's shared agents
  EXPECT_EQ(g["figures"]["headcount"].get<int>(), headcount - g["duplicatesMerged"].get<int>());
  EXPECT_EQ(g["duplicatesMerged"], 5);

  const auto page = testing::read_file(html);
  EXPECT_NE(page.find("<title>gc-hub overview</title>"), std::string::npos);
  EXPECT_NE(page.find("<svg"), std::string::npos);
  EXPECT_NE(page.find("Bi-regional people (5"), std::string::npos);

  const auto table = run_and_capture({GC_HUB_BIN, "overview", "--orgs", world.orgs.string(), "--week", kWeek}, code);
  EXPECT_EQ(code, 0);
  EXPECT_NE(table.find("GLOBAL"), std::string::npos) << table;
  EXPECT_NE(table.find("complete (5 duplicates merged)"), std::string::npos) << table;
  EXPECT_NE(table.find("bi-regional people (5, counted once globally)"), std::string::npos) << table;

  (void)run_and_capture({GC_HUB_BIN, "overview", "--orgs", world.orgs.string(), "--week", "last"}, code);
  EXPECT_EQ(code, 2);
}

}  // namespace
}  // namespace mockgc::workflows
