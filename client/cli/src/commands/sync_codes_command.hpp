#pragma once
// gc-hub sync-codes: align every org's activity codes with a source org's (plan, then apply).
#include <iosfwd>
#include <optional>
#include <string>

#include "workflow/workflow_context.hpp"

namespace gchub {

struct SyncCodesArgs {
  WorkflowFlags common;
  std::optional<std::string> source;  // region key; default: the first org of ORGS.json
  bool dry_run = false;
  std::optional<std::string> business_unit;
};

CLI::App* declare_sync_codes(CLI::App& root, SyncCodesArgs& args);
int run_sync_codes(const SyncCodesArgs& args, std::ostream& out, std::ostream& err);

}  // namespace gchub
