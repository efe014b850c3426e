#pragma once
// gc-hub overview: the planning director's consolidated week — headcount, scheduled paid hours, shrinkage by
// cause, occupancy and adherence per region and globally, each region's data coverage.
#include <iosfwd>
#include <optional>
#include <string>

#include "workflow/workflow_context.hpp"

namespace gchub {

struct OverviewArgs {
  WorkflowFlags common;
  std::string week = "current";     // YYYY-MM-DD (a day inside the week) or current
  std::optional<std::string> html;  // also write the report page to this file
};

CLI::App* declare_overview(CLI::App& root, OverviewArgs& args);
int run_overview(const OverviewArgs& args, std::ostream& out, std::ostream& err);

}  // namespace gchub
