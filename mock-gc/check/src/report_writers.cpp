#include "mockgc/check/report_writers.hpp"

#include <fmt/format.h>

#include <cmath>
#include <map>
#include <nlohmann/json.hpp>

#include "mockgc/api/time.hpp"
#include "mockgc/reports/junit.hpp"

namespace mockgc::check {
namespace {

using ojson = nlohmann::ordered_json;

// "2026-01-05T09:00:01.500Z seq 12 GET /api/v2/users -> 429: message"; a finding about the run is its message.
std::string finding_text(const Finding& f) {
  if (f.seq == 0) return f.message;
  return fmt::format("{} seq {} {} {} -> {}: {}", api::format_instant(f.at), f.seq, f.method, f.path, f.status,
                     f.message);
}

std::string region_label(const RuleResult& r) { return r.region ? *r.region : "run"; }

const char* console_status(RuleStatus s) {
  switch (s) {
    case RuleStatus::pass: return "pass";
    case RuleStatus::fail: return "FAIL";
    case RuleStatus::warn: return "warn";
    case RuleStatus::not_applicable: return "n/a";
  }
  return "n/a";
}

std::string all_findings(const RuleResult& r) {
  std::string body;
  for (const auto& f : r.findings) body += finding_text(f) + "\n";
  if (r.finding_count > r.findings.size())
    body += fmt::format("… and {} more\n", r.finding_count - r.findings.size());
  return body;
}

}  // namespace

std::string report_json(const CheckReport& report) {
  ojson rules = ojson::array();
  for (const auto& r : report.rules) {
    ojson findings = ojson::array();
    for (const auto& f : r.findings) {
      ojson jf;
      jf["at"] = api::format_instant(f.at);
      jf["seq"] = f.seq;
      jf["method"] = f.method;
      jf["path"] = f.path;
      jf["status"] = f.status;
      jf["message"] = f.message;
      findings.push_back(std::move(jf));
    }
    ojson jr;
    jr["id"] = r.id;
    jr["severity"] = to_string(r.severity);
    jr["region"] = r.region ? ojson(*r.region) : ojson(nullptr);
    jr["status"] = to_string(r.status);
    jr["findings"] = std::move(findings);
    jr["finding_count"] = r.finding_count;
    jr["note"] = r.note;
    rules.push_back(std::move(jr));
  }
  ojson j;
  j["scenario"] = report.scenario;
  j["seed"] = report.seed;
  // The one float: written through fmt's shortest round-trip form, so 60 stays "60" and 0.5 "0.5".
  j["speed"] = std::isfinite(report.speed) ? ojson::parse(fmt::format("{}", report.speed)) : ojson(nullptr);
  j["command"] = report.run.command;
  j["exit_code"] = report.run.exit_code;
  j["timed_out"] = report.run.timed_out;
  j["verdict"] = report.verdict();
  j["rules"] = std::move(rules);
  j["untested_faults"] = report.untested_faults;
  j["requests"] = report.requests;
  return j.dump(2, ' ', false, ojson::error_handler_t::replace) + "\n";
}

std::string junit_xml(const CheckReport& report) {
  std::map<std::string, reports::JunitSuite> suites;  // by region; "run" for region-less rules
  for (const auto& r : report.rules) {
    const std::string label = region_label(r);
    auto& suite = suites[label];
    suite.name = label;
    reports::JunitCase c;
    c.classname = "mock-gc.check." + r.id;
    c.name = fmt::format("{} [{}]", r.id, label);
    const bool failed = r.status == RuleStatus::fail || (report.strict && r.status == RuleStatus::warn);
    if (failed) {
      c.failure = reports::JunitFailure{r.findings.empty() ? r.note : finding_text(r.findings.front()),
                                        all_findings(r)};
    } else if (r.status == RuleStatus::warn) {
      c.system_out = fmt::format("warn: {}\n{}", r.note, all_findings(r));
    } else if (r.status == RuleStatus::not_applicable) {
      c.system_out = fmt::format("not applicable: {}\n", r.note);
    }
    suite.cases.push_back(std::move(c));
  }
  std::vector<reports::JunitSuite> ordered;
  for (auto& [name, suite] : suites)
    if (name != "run") ordered.push_back(std::move(suite));
  if (const auto it = suites.find("run"); it != suites.end()) ordered.push_back(std::move(it->second));
  return reports::junit_xml(fmt::format("mock-gc check {}", report.scenario), ordered);
}

std::string console_line(const RuleResult& r) {
  const std::string detail = (r.status == RuleStatus::fail || r.status == RuleStatus::warn) && !r.findings.empty()
                                 ? finding_text(r.findings.front())
                                 : r.note;
  return fmt::format("{:<4}  {:<19}  {:<14}  {}", console_status(r.status), r.id, r.region ? *r.region : "-", detail);
}

std::string verdict_line(const CheckReport& report) {
  const auto t = report.tally();
  std::string untested;
  for (const auto& f : report.untested_faults) untested += (untested.empty() ? "" : ", ") + f;
  return fmt::format("verdict: {} ({} rules failed, {} warnings, {} not applicable; untested faults: {})",
                     report.verdict(), t.failed, t.warnings, t.not_applicable, untested.empty() ? "none" : untested);
}

std::string console_text(const CheckReport& report) {
  std::string out;
  for (const auto& r : report.rules) out += console_line(r) + "\n";
  return out + verdict_line(report) + "\n";
}

}  // namespace mockgc::check
