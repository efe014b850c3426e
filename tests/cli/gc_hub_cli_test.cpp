// gc-hub as a user runs it: exit codes, usage on stderr, deterministic --json, seeds printed.
#include <gtest/gtest.h>

#include <sys/wait.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include <nlohmann/json.hpp>

namespace {

struct Run {
  int code = -1;
  std::string out;
  std::string err;
};

Run gc_hub(const std::string& args) {
  const auto err_path = std::filesystem::temp_directory_path() /
                        ("gc_hub_err_" + std::to_string(::getpid()) + ".txt");
  const std::string cmd = std::string("'") + GC_HUB_PATH + "' " + args + " 2>'" + err_path.string() + "'";
  Run r;
  FILE* p = ::popen(cmd.c_str(), "r");
  if (p == nullptr) return r;
  char buf[4096];
  std::size_t n = 0;
  while ((n = std::fread(buf, 1, sizeof buf, p)) > 0) r.out.append(buf, n);
  const int status = ::pclose(p);
  r.code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  std::ifstream e(err_path);
  std::stringstream ss;
  ss << e.rdbuf();
  r.err = ss.str();
  std::filesystem::remove(err_path);
  return r;
}

}  // namespace

TEST(GcHubCli, ErlangSearchPrintsTheE1Staffing) {
  const auto r = gc_hub("erlang --calls 100 --interval-min 30 --aht 180 --sl 0.8 --sl-seconds 20");
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.out.find("agents           14"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("P(wait)          0.1741"), std::string::npos) << r.out;
}

TEST(GcHubCli, ErlangJsonIsDeterministicAndEvaluatesGivenAgents) {
  const std::string args = "erlang --calls 100 --interval-min 30 --aht 180 --agents 13 --json";
  const auto a = gc_hub(args);
  const auto b = gc_hub(args);
  ASSERT_EQ(a.code, 0) << a.err;
  EXPECT_EQ(a.out, b.out);
  const auto j = nlohmann::json::parse(a.out);
  EXPECT_EQ(j["mode"], "evaluate");
  EXPECT_EQ(j["agents"], 13);
  EXPECT_NEAR(j["service_level"].get<double>(), 0.7955948, 1e-6);
}

TEST(GcHubCli, ErlangWithPatienceReportsAbandonment) {
  const auto r = gc_hub("erlang --calls 100 --interval-min 30 --aht 180 --agents 14 --patience 300 --json");
  ASSERT_EQ(r.code, 0) << r.err;
  const auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["model"], "erlang-a");
  EXPECT_NEAR(j["p_abandon"].get<double>(), 0.013984, 1e-6);
  EXPECT_NEAR(j["service_level"].get<double>(), 0.916792, 1e-6);
}

TEST(GcHubCli, ErlangUnstableStaffingIsReportedNotNan) {
  const auto r = gc_hub("erlang --calls 100 --interval-min 30 --aht 180 --agents 9 --json");
  ASSERT_EQ(r.code, 0) << r.err;
  const auto j = nlohmann::json::parse(r.out);
  EXPECT_TRUE(j["asa_seconds"].is_null());
  EXPECT_EQ(j["stable"], false);
}

TEST(GcHubCli, BadInputsExitTwoWithAClearMessage) {
  for (const char* args : {"erlang --calls -5 --interval-min 30 --aht 180", "erlang --calls 100 --interval-min 30 --aht 0",
                           "erlang --calls 100 --interval-min 30 --aht 180 --sl 1.2",
                           "erlang --calls nan --interval-min 30 --aht 180", "erlang --calls 100 --interval-min 30",
                           "erlang --calls 100 --interval-min 30 --aht 180 --bogus 1",
                           "capacity --synthetic-weeks 0", "capacity", "capacity --volume /nonexistent/volume.json"}) {
    const auto r = gc_hub(args);
    EXPECT_EQ(r.code, 2) << args;
    EXPECT_TRUE(r.out.empty()) << args;
    EXPECT_NE(r.err.find("gc-hub"), std::string::npos) << args;
  }
  const auto unknown = gc_hub("frobnicate");
  EXPECT_EQ(unknown.code, 2);
  EXPECT_NE(unknown.err.find("unknown command 'frobnicate'"), std::string::npos) << unknown.err;
  const auto help = gc_hub("erlang --help");
  EXPECT_EQ(help.code, 0);
  EXPECT_NE(help.out.find("--sl-seconds"), std::string::npos) << help.out;
  EXPECT_NE(gc_hub("erlang --calls 100 --interval-min 30 --aht 0").err.find("AHT"), std::string::npos);
}

TEST(GcHubCli, CapacitySyntheticPrintsSentenceTablesAndSeed) {
  const auto r = gc_hub("capacity --synthetic-weeks 6 --seed 5 --draws 2000 --attribution-draws 500");
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.out.find("FTE (P10–P90"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("driven mostly by"), std::string::npos);
  EXPECT_NE(r.out.find("seed 5"), std::string::npos);
  EXPECT_NE(r.out.find("month"), std::string::npos);
  EXPECT_NE(r.out.find("risk factor"), std::string::npos);
}

TEST(GcHubCli, CapacityJsonIsByteDeterministicAndReadsVolumeFiles) {
  const std::string args = "capacity --synthetic-weeks 3 --seed 9 --draws 1000 --attribution-draws 300 --json";
  const auto a = gc_hub(args);
  const auto b = gc_hub(args);
  ASSERT_EQ(a.code, 0) << a.err;
  EXPECT_EQ(a.out, b.out);
  const auto j = nlohmann::json::parse(a.out);
  EXPECT_EQ(j["seed"], 9);
  EXPECT_EQ(j["weekly"].size(), 3u);

  const auto path = std::filesystem::temp_directory_path() / ("gc_hub_volume_" + std::to_string(::getpid()) + ".json");
  {
    std::ofstream f(path);
    f << R"({"format":"mockgc.capacity.volume/1","interval_minutes":30,"queue_groups":[)"
         R"({"name":"Q","start":"2026-03-02T00:00:00Z","offered":[)";
    for (int i = 0; i < 336; ++i) f << (i ? "," : "") << (i % 48 >= 16 && i % 48 < 36 ? 120 : 5);
    f << R"(],"aht_seconds":[)";
    for (int i = 0; i < 336; ++i) f << (i ? "," : "") << 240;
    f << "]}]}";
  }
  const auto r = gc_hub("capacity --volume '" + path.string() + "' --draws 500 --attribution-draws 200 --json");
  std::filesystem::remove(path);
  ASSERT_EQ(r.code, 0) << r.err;
  const auto v = nlohmann::json::parse(r.out);
  EXPECT_EQ(v["start"], "2026-03-02T00:00:00Z");
  EXPECT_EQ(v["weeks"], 1);
  EXPECT_GT(v["horizon"]["plan_fte"].get<double>(), 10.0);
}

TEST(GcHubCli, ErlangSimulateShowsErlangCOptimismWithLognormalService) {
  const std::string args =
      "erlang --calls 100 --interval-min 30 --aht 180 --simulate --service lognormal --service-cv 2 --seed 3 --json";
  const auto a = gc_hub(args);
  ASSERT_EQ(a.code, 0) << a.err;
  EXPECT_EQ(a.out, gc_hub(args).out);  // seeded: same bytes
  const auto j = nlohmann::json::parse(a.out);
  const auto& sim = j["simulation"];
  EXPECT_EQ(sim["seed"], 3);
  EXPECT_GT(sim["asa_seconds"]["low"].get<double>(), j["asa_seconds"].get<double>());
  EXPECT_EQ(gc_hub("erlang --calls 100 --interval-min 30 --aht 180 --simulate --service gamma").code, 2);
  EXPECT_EQ(gc_hub("erlang --calls 100 --interval-min 30 --aht 180 --agents 9 --simulate").code, 2);  // unstable
}
