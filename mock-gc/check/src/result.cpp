#include "mockgc/check/result.hpp"

#include <algorithm>

namespace mockgc::check {

const char* to_string(RuleStatus s) {
  switch (s) {
    case RuleStatus::pass: return "pass";
    case RuleStatus::fail: return "fail";
    case RuleStatus::warn: return "warn";
    case RuleStatus::not_applicable: return "not_applicable";
  }
  return "not_applicable";
}

const char* to_string(Severity s) { return s == Severity::error ? "error" : "warn"; }

CheckReport::Tally CheckReport::tally() const {
  Tally t;
  for (const auto& r : rules) {
    switch (r.status) {
      case RuleStatus::pass: ++t.passed; break;
      case RuleStatus::fail: ++t.failed; break;
      case RuleStatus::warn: ++t.warnings; break;
      case RuleStatus::not_applicable: ++t.not_applicable; break;
    }
  }
  return t;
}

std::vector<std::string> CheckReport::flagged_rules() const {
  std::vector<std::string> out;
  for (const auto& r : rules)
    if (r.status == RuleStatus::fail || r.status == RuleStatus::warn) out.push_back(r.id);
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

bool CheckReport::passed() const {
  const auto t = tally();
  if (t.failed > 0 || (strict && t.warnings > 0)) return false;
  return run.started && !run.timed_out && run.exit_code == 0;
}

}  // namespace mockgc::check
