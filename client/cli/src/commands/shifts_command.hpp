#pragma once
// gc-hub shifts: every org's agent schedules of one week (each BU's zone and week start), read with
// agentschedules/search; a Processing answer is finished through its notification.
#include <iosfwd>
#include <string>

#include "workflow/workflow_context.hpp"

namespace gchub {

struct ShiftsArgs {
  WorkflowFlags common;
  std::string week = "current";  // YYYY-MM-DD (a day inside the week) or current
  bool force_async = false;      // forceAsync=true on every search
  double wait_seconds = 60;      // how long a Processing answer waits for its notification
};

CLI::App* declare_shifts(CLI::App& root, ShiftsArgs& args);
int run_shifts(const ShiftsArgs& args, std::ostream& out, std::ostream& err);

}  // namespace gchub
