#pragma once
// gc-hub adherence: a global real-time adherence snapshot across orgs (optionally polled).
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
  std::optional<std::string> html;  // also write the adherence chart and outliers to this file
};

CLI::App* declare_adherence(CLI::App& root, AdherenceArgs& args);
int run_adherence(const AdherenceArgs& args, std::ostream& out, std::ostream& err);

}  // namespace gchub
