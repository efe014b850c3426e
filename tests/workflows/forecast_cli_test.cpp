// gc-hub forecast end to end against a spawned `mock-gc serve --port 0 --write-orgs F` (real sockets, the
// system clock): calm imports with the JSON report and the table, a region that cannot log in → missing
// and exit 1, usage errors → exit 2; and against a served maintenance scenario (forecast import in EMEA
// under maintenance from start-up): the import file and RUNBOOK.txt are written, the runbook line is
// printed, and the exit status stays 0 (a fallback is not a missing region). Also the --progress bar of
// gc-hub forecast and gc-hub timeoff.
#include <gtest/gtest.h>

#include <csignal>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "support/orgs_file.hpp"
#include "support/served_world.hpp"

namespace mockgc::workflows {
namespace {

using nlohmann::json;

struct Run {
  std::string out, err;
  int code = -1;
};

Run run_gc_hub(const std::vector<std::string>& argv) {
  Run r;
  r.out = testing::run_and_capture(argv, r.code, &r.err);
  return r;
}

using testing::read_file;

class GcHubForecast : public ::testing::Test {
 protected:
  void start(std::vector<std::string> extra = {}) {
    const std::string name = ::testing::UnitTest::GetInstance()->current_test_info()->name();
    dir = std::filesystem::path(::testing::TempDir()) / ("gc-hub-forecast-" + name);
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
    server = std::make_unique<testing::ServedWorld>("gc-hub-forecast-" + name, extra);
    orgs = server->orgs;
    ASSERT_TRUE(std::filesystem::exists(orgs));
  }
  void TearDown() override { server.reset(); }
  std::filesystem::path dir, orgs;
  std::unique_ptr<testing::ServedWorld> server;
};

TEST_F(GcHubForecast, CalmImportJsonTableMissingRegionAndUsage) {
  start();
  const auto out_dir = dir / "fallback";
  auto r = run_gc_hub({GC_HUB_BIN, "forecast", "--orgs", orgs.string(), "--json", "--history-weeks", "2",
                       "--output-dir", out_dir.string()});
  EXPECT_EQ(r.code, 0) << r.err;
  const auto j = json::parse(r.out, nullptr, false);
  ASSERT_FALSE(j.is_discarded()) << r.out;
  ASSERT_EQ(j["orgs"].size(), 2u);
  for (const auto& o : j["orgs"]) {
    EXPECT_EQ(o["outcome"], "imported") << o.dump();
    ASSERT_FALSE(o["businessUnits"].empty());
    const auto& u = o["businessUnits"][0];
    EXPECT_FALSE(u["forecastId"].get<std::string>().empty());
    EXPECT_EQ(u["jobStatus"], "Complete");
    EXPECT_GT(u["planningGroups"].get<int>(), 0);
  }
  EXPECT_TRUE(j["runbookFile"].is_null());
  EXPECT_FALSE(std::filesystem::exists(out_dir));

  r = run_gc_hub({GC_HUB_BIN, "forecast", "--orgs", orgs.string(), "--history-weeks", "1", "--week", "2026-06-03",
                  "--output-dir", out_dir.string()});
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.out.find("imported (forecast"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("2026-06-01"), std::string::npos) << r.out;  // EMEA: the Monday week of June 3rd
  EXPECT_NE(r.out.find("2026-05-31"), std::string::npos) << r.out;  // APAC: the Sunday week

  // A region that cannot log in ends missing with a reason; exit 1; the other org is still imported.
  const auto broken_file = testing::write_orgs_with_broken_org(orgs, dir / "broken.json");
  r = run_gc_hub({GC_HUB_BIN, "forecast", "--orgs", broken_file.string(), "--json", "--history-weeks", "1",
                  "--output-dir", out_dir.string()});
  EXPECT_EQ(r.code, 1);
  const auto k = json::parse(r.out, nullptr, false);
  ASSERT_FALSE(k.is_discarded()) << r.out;
  ASSERT_EQ(k["orgs"].size(), 3u);
  EXPECT_EQ(k["orgs"][2]["outcome"], "missing");
  EXPECT_FALSE(k["orgs"][2]["why"].get<std::string>().empty());
  EXPECT_EQ(k["orgs"][0]["outcome"], "imported");

  // --progress draws the bar on stderr (here and on gc-hub timeoff); stdout stays the report.
  r = run_gc_hub({GC_HUB_BIN, "forecast", "--orgs", orgs.string(), "--history-weeks", "1", "--progress", "--json",
                  "--output-dir", out_dir.string()});
  EXPECT_EQ(r.code, 0);
  EXPECT_NE(r.err.find("forecast ["), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("import "), std::string::npos) << r.err;
  EXPECT_FALSE(json::parse(r.out, nullptr, false).is_discarded());
  r = run_gc_hub({GC_HUB_BIN, "timeoff", "--orgs", orgs.string(), "--week", "current", "--progress"});
  EXPECT_EQ(r.code, 0);
  EXPECT_NE(r.err.find("reading ["), std::string::npos) << r.err;
  EXPECT_EQ(r.out.find("reading ["), std::string::npos);

  EXPECT_EQ(run_gc_hub({GC_HUB_BIN, "forecast", "--orgs", orgs.string(), "--retry-for", "2h"}).code, 2);
  EXPECT_EQ(run_gc_hub({GC_HUB_BIN, "forecast", "--orgs", orgs.string(), "--week", "soon"}).code, 2);
  EXPECT_EQ(run_gc_hub({GC_HUB_BIN, "forecast", "--orgs", orgs.string(), "--history-weeks", "0"}).code, 2);
}

// A world whose clock is months from the machine's: the report starts at the world's time (the history read
// up to it), not the machine's, although no week is given.
TEST_F(GcHubForecast, StartsAtTheWorldsTime) {
  json scenario = json::parse(read_file(std::filesystem::path(MOCKGC_SOURCE_DIR) / "scenarios/default.json"));
  scenario["clock"] = {{"mode", "real"}, {"start", "2026-03-04T12:00:00Z"}};
  const auto file = std::filesystem::path(::testing::TempDir()) / "gc-hub-forecast-world-time-scenario.json";
  std::ofstream(file) << scenario.dump(1);
  start({"--scenario", file.string()});
  const auto r = run_gc_hub({GC_HUB_BIN, "forecast", "--orgs", orgs.string(), "--json", "--history-weeks", "1",
                             "--output-dir", (dir / "fallback").string()});
  EXPECT_EQ(r.code, 0) << r.err;
  const auto j = json::parse(r.out, nullptr, false);
  ASSERT_FALSE(j.is_discarded()) << r.out;
  EXPECT_EQ(j["started"].get<std::string>().substr(0, 10), "2026-03-04") << j["started"];
  for (const auto& o : j["orgs"]) EXPECT_EQ(o["outcome"], "imported") << o.dump();
}

TEST_F(GcHubForecast, MaintenanceWritesTheImportFileAndRunbook) {
  // scenarios/forecast-maintenance.json on the real clock: the window starts at start-up and lasts 2 h.
  json scenario = json::parse(read_file(std::filesystem::path(MOCKGC_SOURCE_DIR) / "scenarios/forecast-maintenance.json"));
  scenario.erase("clock");
  scenario.erase("expect");
  scenario["faults"][0]["at"] = "PT0S";
  scenario["faults"][0]["for"] = "PT2H";
  const auto file = std::filesystem::path(::testing::TempDir()) / "gc-hub-forecast-maintenance-scenario.json";
  std::ofstream(file) << scenario.dump(1);
  start({"--scenario", file.string()});
  const auto out_dir = dir / "fallback";
  const auto r = run_gc_hub({GC_HUB_BIN, "forecast", "--orgs", orgs.string(), "--json", "--history-weeks", "1",
                             "--output-dir", out_dir.string()});
  EXPECT_EQ(r.code, 0) << r.err;
  const auto j = json::parse(r.out, nullptr, false);
  ASSERT_FALSE(j.is_discarded()) << r.out;
  ASSERT_EQ(j["orgs"].size(), 2u);
  const auto& emea = j["orgs"][0]["region"] == "eu_central_1" ? j["orgs"][0] : j["orgs"][1];
  const auto& apac = j["orgs"][0]["region"] == "eu_central_1" ? j["orgs"][1] : j["orgs"][0];
  EXPECT_EQ(emea["outcome"], "fallback_written") << emea.dump();
  EXPECT_EQ(apac["outcome"], "imported") << apac.dump();
  const auto& u = emea["businessUnits"][0];
  EXPECT_NE(u["why"].get<std::string>().find("503 service.unavailable"), std::string::npos);
  EXPECT_TRUE(u["nextRetry"].is_null());  // --retry-for defaults to PT0S
  const std::filesystem::path fallback = u["fallbackFile"].get<std::string>();
  ASSERT_TRUE(std::filesystem::exists(fallback));
  EXPECT_EQ(fallback.parent_path(), out_dir);
  const auto bytes = read_file(fallback);
  ASSERT_GE(bytes.size(), 2u);
  EXPECT_EQ(static_cast<unsigned char>(bytes[0]), 0x1f);  // the gzip upload body, as is
  ASSERT_FALSE(j["runbookFile"].is_null());
  const auto runbook = read_file(j["runbookFile"].get<std::string>());
  EXPECT_NE(runbook.find(u["runbook"].get<std::string>()), std::string::npos);
  EXPECT_NE(r.err.find("RUNBOOK [eu_central_1"), std::string::npos) << r.err;  // printed at once
}

}  // namespace
}  // namespace mockgc::workflows
