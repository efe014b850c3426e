#pragma once
// gc-hub timeoff: every org's time-off requests of one week (each MU's own zone and week start), merged.
#include <iosfwd>
#include <string>
#include <vector>

#include "workflow/workflow_context.hpp"

namespace gchub {

struct TimeoffArgs {
  WorkflowFlags common;
  std::string week = "current";     // YYYY-MM-DD (a day inside the week) or current
  std::vector<std::string> statuses;  // empty = every status
};

CLI::App* declare_timeoff(CLI::App& root, TimeoffArgs& args);
int run_timeoff(const TimeoffArgs& args, std::ostream& out, std::ostream& err);

}  // namespace gchub
