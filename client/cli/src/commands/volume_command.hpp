#pragma once
// gc-hub volume: cross-org volume aggregation and the capacity model's volume input.
#include <iosfwd>
#include <optional>
#include <string>

#include "workflow/workflow_context.hpp"

namespace gchub {

struct VolumeArgs {
  WorkflowFlags common;
  int weeks = 26;  // half a year: what `gc-hub capacity` plans on
  std::optional<std::string> end;
  std::string granularity = "PT15M";
  std::optional<std::string> business_unit;
  std::optional<std::string> write_volume;
  bool keep_org_prefix = false;
  std::optional<std::string> html;  // also write the per-local-day charts to this file
};

CLI::App* declare_volume(CLI::App& root, VolumeArgs& args);
int run_volume(const VolumeArgs& args, std::ostream& out, std::ostream& err);

}  // namespace gchub
