#include "mockgc/check/report_writers.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "journal_builder.hpp"

namespace mockgc::check {
namespace {

using namespace testing;

CheckReport small_report() {
  CheckReport r;
  r.scenario = "demo.json";
  r.seed = 7;
  r.speed = 60;
  r.run = {"python3 careless.py", 0, false, true};
  r.requests = 12;
  r.untested_faults = {"ap-outage"};
  const auto at = kStart + core::Millis(1500);
  r.rules.push_back({"exit-code", Severity::error, std::nullopt, RuleStatus::pass, {}, 0, "the command exited 0"});
  r.rules.push_back({"paging", Severity::warn, std::string(kEu), RuleStatus::warn,
                     {Finding{at, 3, "GET", "/api/v2/users", 200, "page 1/3 only"}}, 1, "1 answer with more"});
  r.rules.push_back({"retry-after", Severity::error, std::string(kEu), RuleStatus::fail,
                     {Finding{at, 5, "GET", "/api/v2/users?<x>", 200, "sent \"early\""},
                      Finding{at, 6, "GET", "/api/v2/users", 200, "again"}},
                     60, "2 answers 429"});
  r.rules.push_back({"retry-after", Severity::error, std::string(kAp), RuleStatus::not_applicable, {}, 0, "no 429"});
  return r;
}

TEST(ReportJson, KeysInTheDesignOrderAndDeterministic) {
  const auto text = report_json(small_report());
  EXPECT_EQ(text, report_json(small_report()));
  EXPECT_EQ(text.back(), '\n');
  const auto j = nlohmann::ordered_json::parse(text);
  std::vector<std::string> keys;
  for (const auto& [k, v] : j.items()) keys.push_back(k);
  EXPECT_EQ(keys, (std::vector<std::string>{"scenario", "seed", "speed", "command", "exit_code", "timed_out", "verdict",
                                            "rules", "untested_faults", "requests"}));
  std::vector<std::string> rule_keys, finding_keys;
  for (const auto& [k, v] : j["rules"][1].items()) rule_keys.push_back(k);
  for (const auto& [k, v] : j["rules"][1]["findings"][0].items()) finding_keys.push_back(k);
  EXPECT_EQ(rule_keys, (std::vector<std::string>{"id", "severity", "region", "status", "findings", "finding_count", "note"}));
  EXPECT_EQ(finding_keys, (std::vector<std::string>{"at", "seq", "method", "path", "status", "message"}));
  EXPECT_EQ(j["verdict"], "fail");
  EXPECT_TRUE(j["rules"][0]["region"].is_null());
  EXPECT_EQ(j["rules"][1]["findings"][0]["at"], "2026-01-05T09:00:01.500Z");
  EXPECT_EQ(j["rules"][2]["finding_count"], 60);
  EXPECT_NE(text.find("\"speed\": 60,"), std::string::npos) << "whole speeds print without a fraction";
  auto half = small_report();
  half.speed = 0.5;
  EXPECT_NE(report_json(half).find("\"speed\": 0.5,"), std::string::npos);
}

TEST(ReportJson, InvalidUtf8InEvidenceDoesNotThrow) {
  auto r = small_report();
  r.rules[1].findings[0].path = "/api/v2/users/\xff";
  EXPECT_NO_THROW(report_json(r));
}

TEST(JunitXml, OneSuitePerRegionAndRunLastWithFailuresAndReasons) {
  const auto xml = junit_xml(small_report());
  const auto ap = xml.find("<testsuite name=\"ap_southeast_2\" tests=\"1\" failures=\"0\"");
  const auto eu = xml.find("<testsuite name=\"eu_central_1\" tests=\"2\" failures=\"1\"");
  const auto run = xml.find("<testsuite name=\"run\" tests=\"1\" failures=\"0\"");
  ASSERT_NE(ap, std::string::npos) << xml;
  ASSERT_NE(eu, std::string::npos) << xml;
  ASSERT_NE(run, std::string::npos) << xml;
  EXPECT_LT(ap, eu);
  EXPECT_LT(eu, run);
  EXPECT_NE(xml.find("<testcase classname=\"mock-gc.check.retry-after\" name=\"retry-after [eu_central_1]\">"),
            std::string::npos);
  EXPECT_NE(xml.find("<failure message=\"2026-01-05T09:00:01.500Z seq 5 GET /api/v2/users?&lt;x&gt; -&gt; 200: sent "
                     "&quot;early&quot;\">"),
            std::string::npos)
      << xml;
  EXPECT_NE(xml.find("seq 6 GET /api/v2/users -&gt; 200: again\n… and 58 more\n</failure>"), std::string::npos) << xml;
  EXPECT_NE(xml.find("<system-out>warn: 1 answer with more\n2026-01-05T09:00:01.500Z seq 3"), std::string::npos) << xml;
  EXPECT_NE(xml.find("<system-out>not applicable: no 429\n</system-out>"), std::string::npos) << xml;
  EXPECT_NE(xml.find("name=\"exit-code [run]\""), std::string::npos);
}

TEST(JunitXml, StrictTurnsWarningsIntoFailures) {
  auto r = small_report();
  r.strict = true;
  EXPECT_NE(junit_xml(r).find("<testsuite name=\"eu_central_1\" tests=\"2\" failures=\"2\""), std::string::npos);
}

TEST(Console, LinesAndVerdict) {
  const auto r = small_report();
  EXPECT_EQ(console_line(r.rules[0]), "pass  exit-code            -               the command exited 0");
  EXPECT_EQ(console_line(r.rules[2]),
            "FAIL  retry-after          eu_central_1    2026-01-05T09:00:01.500Z seq 5 GET /api/v2/users?<x> -> 200: sent "
            "\"early\"");
  EXPECT_EQ(console_line(r.rules[3]), "n/a   retry-after          ap_southeast_2  no 429");
  EXPECT_EQ(verdict_line(r), "verdict: fail (1 rules failed, 1 warnings, 1 not applicable; untested faults: ap-outage)");
  const auto text = console_text(r);
  EXPECT_EQ(std::count(text.begin(), text.end(), '\n'), 5);
}

TEST(Verdict, WarningsPassUnlessStrictAndTheCommandMustExitZero) {
  auto r = small_report();
  r.rules.erase(r.rules.begin() + 2);  // no failure left, one warning
  EXPECT_TRUE(r.passed());
  r.strict = true;
  EXPECT_FALSE(r.passed());
  r.strict = false;
  r.run.exit_code = 1;
  EXPECT_FALSE(r.passed());
  r.run.exit_code = 0;
  r.run.timed_out = true;
  EXPECT_FALSE(r.passed());
}

}  // namespace
}  // namespace mockgc::check
