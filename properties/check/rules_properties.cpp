#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include "mockgc/check/evaluator.hpp"
#include "support/check_traffic.hpp"

namespace mockgc::properties {
namespace {

check::CheckReport judge(const std::vector<core::journal::JournalEntry>& journal, const check::CheckContext& context,
                         const check::RunOutcome& outcome) {
  check::Evaluator ev(context, {});
  for (const auto& e : journal) ev.observe(e);
  return ev.finish(outcome);
}

RC_GTEST_PROP(CheckRules, PoliteTrafficPassesEveryRule, ()) {
  const auto model = *polite_traffic();
  RC_LOG() << show(model) << "\n";
  const auto journal = polite_journal(model);
  const auto report = judge(journal, traffic_context(model), {"polite", 0, false, true});
  RC_ASSERT(report.flagged_rules() == std::vector<std::string>{});
  RC_ASSERT(report.passed());
  // Not vacuous: the rules every polite run triggers passed in every region.
  for (const auto& r : report.rules)
    if (r.id == "region-coverage" || r.id == "token-reuse" || r.id == "valid-requests" || r.id == "rate-budget" ||
        r.id == "concurrency" || r.id == "token-leak")
      RC_ASSERT(r.status == check::RuleStatus::pass);
}

RC_GTEST_PROP(CheckRules, OneInjectedViolationFailsExactlyThatRule, ()) {
  const auto model = *polite_traffic();
  const auto rule = *rc::gen::elementOf(injectable_rules(model));
  RC_LOG() << show(model) << " violation=" << rule << "\n";
  auto journal = polite_journal(model);
  auto context = traffic_context(model);
  check::RunOutcome outcome{"polite", 0, false, true};
  inject_violation(rule, model.seed, journal, context, outcome);
  const auto report = judge(journal, context, outcome);
  RC_ASSERT(report.flagged_rules() == std::vector<std::string>{rule});
  RC_ASSERT(report.passed() == (check::find_rule(rule)->severity == check::Severity::warn));
}

}  // namespace
}  // namespace mockgc::properties
