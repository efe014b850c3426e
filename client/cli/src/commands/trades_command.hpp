#pragma once
// gc-hub trades: pending shift trades per region, decided by a simple approval rule (plan, then apply),
// touching only the region named.
#include <iosfwd>
#include <optional>
#include <string>

#include "workflow/workflow_context.hpp"

namespace gchub {

struct TradesArgs {
  WorkflowFlags common;
  std::string week = "next";          // YYYY-MM-DD (a day inside the week) or next
  std::optional<std::string> region;  // only this region is read and written
  std::optional<std::string> rule;    // --approve-if: matched | paid-hours; none = list only
};

CLI::App* declare_trades(CLI::App& root, TradesArgs& args);
int run_trades(const TradesArgs& args, std::ostream& out, std::ostream& err);

}  // namespace gchub
