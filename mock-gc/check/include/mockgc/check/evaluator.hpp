#pragma once
// The conformance rules over a journal of an integration's own traffic. One Evaluator per run: entries are
// fed in seq order as they are appended (streaming: state per client/route/region, never per entry), then
// finish() turns the state into one RuleResult per rule and region. Used live by `mock-gc check` (through the
// journal's sink) and offline by `mock-gc verify` (from a JSON Lines export). Rules are documented in
// mock-gc/check/RULES.md.
#include <memory>

#include "mockgc/check/result.hpp"
#include "mockgc/check/rules_config.hpp"
#include "mockgc/core/journal/request_journal.hpp"

namespace mockgc::check {

class Evaluator {
 public:
  Evaluator(CheckContext context, RulesConfig config);
  ~Evaluator();
  Evaluator(const Evaluator&) = delete;
  Evaluator& operator=(const Evaluator&) = delete;

  // Entries under /mockgc/ (the admin API, the console) are the harness's own and are ignored.
  void observe(const core::journal::JournalEntry& entry);
  // How the integration's process ended: feeds the `exit-code` rule and the verdict.
  CheckReport finish(const RunOutcome& outcome);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace mockgc::check
