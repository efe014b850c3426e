#pragma once
// gc-hub schedules push: a central schedule plan pushed into every org (resolved to each org's own ids).
#include <iosfwd>
#include <optional>
#include <string>

#include "workflow/workflow_context.hpp"

namespace gchub {

struct SchedulesPushArgs {
  WorkflowFlags common;
  std::string plan;                 // --plan FILE
  bool publish = false;
  bool dry_run = false;
  std::optional<std::string> html;  // --html FILE
  bool no_notifications = false;    // --no-notifications: complete by polling only
};

CLI::App* declare_schedules_push(CLI::App& root, SchedulesPushArgs& args);
int run_schedules_push(const SchedulesPushArgs& args, std::ostream& out, std::ostream& err);

}  // namespace gchub
