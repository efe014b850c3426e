// `mock-gc check` and `mock-gc verify` end to end: a real world served on 127.0.0.1, a small Python integration
// (data/integration.py) as the COMMAND, and the files, exit codes and verdicts the drivers produce.
#include <gtest/gtest.h>
#include <signal.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "mockgc/check/drivers.hpp"
#include "mockgc/core/journal/request_journal.hpp"
#include "scenario_runner.hpp"
#include "scratch_dir.hpp"

namespace mockgc::check {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;
using namespace std::chrono_literals;

const fs::path kData = MOCKGC_CHECK_TEST_DATA;

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

std::vector<std::string> read_lines(const fs::path& path) {
  std::ifstream in(path);
  std::vector<std::string> out;
  for (std::string line; std::getline(in, line);) out.push_back(line);
  return out;
}

// The value after `key ` on the integration's log line that starts with it.
std::string logged(const std::string& log, const std::string& key) {
  std::istringstream in(log);
  for (std::string line; std::getline(in, line);)
    if (line.rfind(key + " ", 0) == 0) return line.substr(key.size() + 1);
  return {};
}

// (rule id, region or "-") -> status, from report.json.
std::map<std::string, std::string> statuses(const json& report) {
  std::map<std::string, std::string> out;
  for (const auto& r : report.at("rules"))
    out[r.at("id").get<std::string>() + " " + (r.at("region").is_null() ? "-" : r.at("region").get<std::string>())] =
        r.at("status").get<std::string>();
  return out;
}

bool process_gone(pid_t pid) {
  for (int i = 0; i < 200; ++i) {  // a reparented zombie is reaped by init shortly
    std::ifstream stat("/proc/" + std::to_string(pid) + "/stat");
    std::string text;
    if (!stat || !std::getline(stat, text)) return true;
    const auto state = text.substr(text.rfind(')') + 2, 1);
    if (state == "Z") return true;
    std::this_thread::sleep_for(10ms);
  }
  return false;
}

class CheckDriver : public ::testing::Test {
 protected:

  CheckOptions options(std::vector<std::string> args = {}) const {
    CheckOptions o;
    o.scenario = kData / "two_orgs.json";
    o.report_dir = report_;
    o.time_limit = 60s;
    o.command = {"python3", (kData / "integration.py").string()};
    o.command.insert(o.command.end(), args.begin(), args.end());
    return o;
  }

  struct Run {
    int code = -1;
    std::string out, err;
    std::chrono::milliseconds took{0};
  };
  static Run check(const CheckOptions& o) {
    std::ostringstream out, err;
    const auto start = std::chrono::steady_clock::now();
    Run r;
    r.code = run_check(o, out, err);
    r.took = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - start);
    r.out = out.str();
    r.err = err.str();
    return r;
  }

  json report() const { return json::parse(read_file(report_ / "report.json")); }
  fs::path write(const std::string& name, const std::string& text) const {
    std::ofstream(tmp_ / name) << text;
    return tmp_ / name;
  }

  testing::ScratchDir scratch_;
  const fs::path& tmp_ = scratch_.path();
  const fs::path report_ = tmp_ / "report";
};

TEST_F(CheckDriver, APoliteRunWritesEveryFileAndPasses) {
  const auto r = check(options());
  ASSERT_EQ(r.code, 0) << r.out << r.err << read_file(report_ / "integration.log")
                       << read_file(report_ / "journal.jsonl");
  EXPECT_NE(r.out.find("seed=7"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("speed=1"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("verdict: pass"), std::string::npos) << r.out;

  const auto orgs = json::parse(read_file(report_ / "orgs.json")).at("orgs");
  ASSERT_EQ(orgs.size(), 2U);
  EXPECT_EQ(orgs[0].at("region"), "eu_central_1");
  EXPECT_EQ(orgs[0].at("base_url").get<std::string>().rfind("http://127.0.0.1:", 0), 0U);

  // Two logins and two reads per org, each streamed as the admin export would write it.
  const auto lines = read_lines(report_ / "journal.jsonl");
  ASSERT_EQ(lines.size(), 6U);
  std::uint64_t previous = 0;
  for (const auto& line : lines) {
    const auto entry = core::journal::entry_from_json(json::parse(line));
    EXPECT_GT(entry.seq, previous);
    previous = entry.seq;
    EXPECT_EQ(core::journal::entry_jsonl_line(entry), line + "\n");
  }

  const auto rep = report();
  EXPECT_EQ(rep.at("verdict"), "pass");
  EXPECT_EQ(rep.at("exit_code"), 0);
  EXPECT_EQ(rep.at("timed_out"), false);
  EXPECT_EQ(rep.at("seed"), 7);
  EXPECT_EQ(rep.at("requests"), 6);
  EXPECT_EQ(statuses(rep).at("exit-code -"), "pass");
  EXPECT_EQ(read_file(report_ / "junit.xml").rfind("<?xml", 0), 0U);
  const auto page = read_file(report_ / "report.html");
  EXPECT_EQ(page.rfind("<!doctype html>", 0), 0U);
  EXPECT_NE(page.find("data-rule=\"exit-code\" data-region=\"run\" data-status=\"pass\""), std::string::npos);
  EXPECT_NE(page.find("<figure class=\"timeline\" data-region=\"eu_central_1\">"), std::string::npos);
}

TEST_F(CheckDriver, TheCommandGetsTheOrgsPathAClosedStdinAndOneLog) {
  auto o = options({"--orgs", "{orgs}"});
  const auto r = check(o);
  ASSERT_EQ(r.code, 0) << r.err;
  const auto orgs = fs::absolute(report_ / "orgs.json").string();
  const auto log = read_file(report_ / "integration.log");
  EXPECT_EQ(json::parse(logged(log, "argv")), json::array({"--orgs", orgs})) << log;
  EXPECT_EQ(logged(log, "MOCKGC_ORGS"), orgs);
  EXPECT_EQ(logged(log, "stdin"), "''");
  EXPECT_NE(log.find("stderr reaches the log too"), std::string::npos);
  // The report names the command as given, not the run's paths.
  EXPECT_EQ(report().at("command"), "python3 " + (kData / "integration.py").string() + " --orgs {orgs}");
}

TEST_F(CheckDriver, AFailingCommandFailsTheVerdict) {
  const auto r = check(options({"--exit", "3"}));
  EXPECT_EQ(r.code, 1) << r.out << r.err;
  const auto rep = report();
  EXPECT_EQ(rep.at("exit_code"), 3);
  EXPECT_EQ(rep.at("verdict"), "fail");
  EXPECT_EQ(statuses(rep).at("exit-code -"), "fail");
  EXPECT_NE(r.out.find("verdict: fail"), std::string::npos) << r.out;
}

TEST_F(CheckDriver, TheTimeLimitStopsTheCommandAndEverythingItStarted) {
  auto o = options({"--sleeper", "--sleep", "30"});
  o.time_limit = 4s;  // Python is up and has started its sleeper well before
  const auto r = check(o);
  EXPECT_EQ(r.code, 1) << r.out << r.err;
  EXPECT_LT(r.took, o.time_limit + kKillGrace) << "SIGTERM alone ends a default Python process";
  const auto rep = report();
  EXPECT_EQ(rep.at("timed_out"), true);
  EXPECT_EQ(rep.at("exit_code"), -SIGTERM);
  EXPECT_EQ(statuses(rep).at("exit-code -"), "fail");
  const auto sleeper = logged(read_file(report_ / "integration.log"), "sleeper");
  ASSERT_FALSE(sleeper.empty());
  EXPECT_TRUE(process_gone(std::stoi(sleeper))) << "the grandchild outlived the run: " << sleeper;
}

TEST_F(CheckDriver, ACommandThatIgnoresSigtermIsKilledAfterTheGrace) {
  auto o = options({"--ignore-term", "--sleep", "30"});
  o.time_limit = 4s;  // Python ignores SIGTERM well before
  const auto r = check(o);
  EXPECT_EQ(r.code, 1) << r.err;
  EXPECT_GE(r.took, o.time_limit + kKillGrace);
  EXPECT_LT(r.took, o.time_limit + kKillGrace + 5s);
  EXPECT_EQ(report().at("exit_code"), -SIGKILL) << read_file(report_ / "integration.log");
  EXPECT_EQ(report().at("timed_out"), true);
}

TEST_F(CheckDriver, ACommandThatCannotBeStartedIsBadInput) {
  auto o = options();
  o.command = {"mockgc-no-such-command-xyz", "{orgs}"};
  const auto r = check(o);
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.err.find("mockgc-no-such-command-xyz"), std::string::npos) << r.err;
  EXPECT_FALSE(fs::exists(report_ / "report.json"));

  o.command = {};
  EXPECT_EQ(check(o).code, 2);
}

TEST_F(CheckDriver, ABadScenarioIsBadInputNamingFileAndKey) {
  auto o = options();
  o.scenario = write("bad.json", R"({"seed": 1, "wrold": {}})");
  const auto r = check(o);
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.err.find("bad.json"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("wrold"), std::string::npos) << r.err;

  o.scenario = tmp_ / "missing.json";
  EXPECT_EQ(check(o).code, 2);
}

TEST_F(CheckDriver, ABadConformanceSectionOrRulesFileIsBadInputNamingTheKey) {
  auto scenario = json::parse(read_file(kData / "two_orgs.json"));
  scenario["conformance"] = {{"rules", {{"no-such-rule", true}}}};
  auto o = options();
  o.scenario = write("conformance.json", scenario.dump());
  auto r = check(o);
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.err.find("conformance.json"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("no-such-rule"), std::string::npos) << r.err;

  o = options();
  o.rules_file = write("rules.json", R"({"rules": {"retry-after": {"colour": 1}}})");
  r = check(o);
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.err.find("rules.json"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("colour"), std::string::npos) << r.err;

  o.rules_file = write("broken.json", "{");
  EXPECT_EQ(check(o).code, 2);
}

TEST_F(CheckDriver, TheSameTrafficGivesTheSameReportBytes) {
  ASSERT_EQ(check(options()).code, 0);
  const auto first_report = read_file(report_ / "report.json");
  const auto first_junit = read_file(report_ / "junit.xml");
  ASSERT_EQ(check(options()).code, 0);
  EXPECT_EQ(read_file(report_ / "report.json"), first_report);
  EXPECT_EQ(read_file(report_ / "junit.xml"), first_junit);
}

TEST_F(CheckDriver, AFloodIsJudgedEntryByEntryAndTheReportIsWritten) {
  const auto r = check(options({"--requests", "0", "--flood", "2"}));
  ASSERT_NE(r.code, 2) << r.err;
  const auto sent = logged(read_file(report_ / "integration.log"), "sent");
  ASSERT_FALSE(sent.empty());
  // Far more entries than the scenario's 20-entry ring: the sink saw every one.
  EXPECT_GT(std::stoul(sent), 100U);
  EXPECT_EQ(read_lines(report_ / "journal.jsonl").size(), std::stoul(sent));
  EXPECT_EQ(report().at("requests"), std::stoul(sent));
}

TEST_F(CheckDriver, VerifyOnTheExportedJournalAgreesWithTheLiveCheck) {
  ASSERT_EQ(check(options({"--exit", "3"})).code, 1);
  auto live = statuses(report());
  VerifyOptions v;
  v.journal = report_ / "journal.jsonl";
  v.scenario = kData / "two_orgs.json";
  v.report_dir = tmp_ / "verify";
  std::ostringstream out, err;
  EXPECT_EQ(run_verify(v, out, err), 0) << out.str() << err.str();
  auto offline = statuses(json::parse(read_file(tmp_ / "verify" / "report.json")));
  EXPECT_EQ(offline.at("exit-code -"), "not_applicable");
  live.erase("exit-code -");
  offline.erase("exit-code -");
  EXPECT_EQ(offline, live);
  EXPECT_NE(out.str().find("verdict: pass"), std::string::npos) << out.str();

  // The same journal judged again gives the same report.html, byte for byte.
  const auto page = read_file(tmp_ / "verify" / "report.html");
  EXPECT_NE(page.find("mock-gc check "), std::string::npos);
  std::ostringstream out2, err2;
  ASSERT_EQ(run_verify(v, out2, err2), 0) << err2.str();
  EXPECT_EQ(read_file(tmp_ / "verify" / "report.html"), page);
}

TEST_F(CheckDriver, RunWritesTheSameHtmlReportForTheSameSeed) {
  app::RunOptions o;
  o.scenario = kData / ".." / ".." / ".." / "scenarios" / "apac-outage.json";
  o.html = tmp_ / "run.html";
  ASSERT_TRUE(app::run_scenario(o).passed());
  const auto page = read_file(*o.html);
  EXPECT_NE(page.find("<figure class=\"timeline\" data-region=\"ap_southeast_2\">"), std::string::npos);
  EXPECT_NE(page.find("APAC outage begins (apac-down): every route answers 503."), std::string::npos);
  EXPECT_NE(page.find("data-region=\"ap_southeast_2\" data-status=\"pass\""), std::string::npos);
  ASSERT_TRUE(app::run_scenario(o).passed());
  EXPECT_EQ(read_file(*o.html), page);
}

TEST_F(CheckDriver, VerifyNamesAMalformedLine) {
  ASSERT_EQ(check(options()).code, 0);
  const auto lines = read_lines(report_ / "journal.jsonl");
  VerifyOptions v;
  v.journal = write("journal.jsonl", lines.at(0) + "\n{\"seq\": \"one\"}\n");
  v.scenario = kData / "two_orgs.json";
  std::ostringstream out, err;
  EXPECT_EQ(run_verify(v, out, err), 2);
  EXPECT_NE(err.str().find("journal.jsonl:2:"), std::string::npos) << err.str();

  v.journal = write("not-json.jsonl", "\nnot json\n");
  std::ostringstream out2, err2;
  EXPECT_EQ(run_verify(v, out2, err2), 2);
  EXPECT_NE(err2.str().find("not-json.jsonl:2:"), std::string::npos) << err2.str();
}

}  // namespace
}  // namespace mockgc::check
