#pragma once
// gc-hub forecast: short-term forecast sync with an import-file fallback during maintenance.
#include <iosfwd>
#include <optional>
#include <string>

#include "mockgc/workflows/forecast_sync.hpp"
#include "workflow/workflow_context.hpp"

namespace gchub {

struct ForecastArgs {
  WorkflowFlags common;
  std::optional<std::string> business_unit;
  std::string week = "next";  // YYYY-MM-DD (a day inside the week) or next
  int history_weeks = mockgc::workflows::ForecastSyncOptions{}.history_weeks;
  std::string output_dir = mockgc::workflows::ForecastSyncOptions{}.output_dir.string();
  std::optional<std::string> retry_for;      // ISO-8601 duration
  std::optional<std::string> retry_initial;  // ISO-8601 duration
};

CLI::App* declare_forecast(CLI::App& root, ForecastArgs& args);
int run_forecast(const ForecastArgs& args, std::ostream& out, std::ostream& err);

}  // namespace gchub
