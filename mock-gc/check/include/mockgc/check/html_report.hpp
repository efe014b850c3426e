#pragma once
// report.html for `mock-gc check`, `mock-gc verify` and `mock-gc run`, drawn by mockgc::reports
// (reports/README.md): the scenario's regions and fault windows, the run's journal digested as it streams
// (harness-own entries skipped, as the rules skip them), and the verdicts.
#include <string>
#include <vector>

#include "mockgc/check/result.hpp"
#include "mockgc/core/journal/request_journal.hpp"
#include "mockgc/core/scenario.hpp"
#include "mockgc/reports/run_report.hpp"

namespace mockgc::check {

// What a fault does, as a clause for the narration: "every route answers 503", "analytics routes answer 504
// to about half of the requests", "logins and tokens: every token is revoked".
std::string fault_effect(const core::faults::Fault& fault);

class HtmlReport {
 public:
  // `label` names the scenario in the page (the file as given); `seed` is the run's.
  HtmlReport(const core::Scenario& scenario, std::string label, std::uint64_t seed);

  // Feed every journal entry in seq order.
  void observe(const core::journal::JournalEntry& entry);

  // The header with scenario, seed, run start, regions and faults filled; the caller adds the verdicts.
  [[nodiscard]] const reports::ReportHeader& header() const { return header_; }
  [[nodiscard]] const reports::JournalDigest& digest() const { return digest_; }

  // The page for a check/verify outcome: one verdict per rule and region, findings as evidence.
  [[nodiscard]] std::string html(const CheckReport& report) const;
  // The page for any other verdicts (`mock-gc run`'s probes and counters).
  [[nodiscard]] std::string html(reports::ReportHeader header) const;

 private:
  reports::ReportHeader header_;
  reports::JournalDigest digest_;
};

}  // namespace mockgc::check
