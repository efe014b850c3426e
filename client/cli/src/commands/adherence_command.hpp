#pragma once
// gc-hub adherence: a global real-time adherence snapshot across orgs (optionally polled, or watched live).
#include <iosfwd>
#include <optional>
#include <string>

#include "mockgc/workflows/adherence_snapshot.hpp"
#include "workflow/workflow_context.hpp"

namespace gchub {

struct AdherenceArgs {
  WorkflowFlags common;
  int outlier_minutes = mockgc::workflows::AdherenceOptions{}.outlier_minutes;
  std::optional<int> polls;   // --poll N: N snapshots instead of one
  double interval_seconds = 60;
  bool watch = false;                    // --watch: live over notification channels (REST fallback per region)
  std::optional<std::string> watch_for;  // --for DURATION (ISO-8601, e.g. PT30S): end the watch after it
  std::optional<std::string> html;  // also write the adherence chart and outliers to this file
};

CLI::App* declare_adherence(CLI::App& root, AdherenceArgs& args);
int run_adherence(const AdherenceArgs& args, std::ostream& out, std::ostream& err);

}  // namespace gchub
