#include "mockgc/core/faults/api_families.hpp"

#include <stdexcept>

#include <fmt/format.h>

namespace mockgc::core::faults {
namespace {


const std::vector<ApiFamily>& table() {
  // Paths from genesys-api.md §6. "**" also matches the bare prefix, so ".../activitycodes/**" covers the
  // collection, single items and /bulk.
  static const std::vector<ApiFamily> families = {
      {"forecast-import",
       {"/api/v2/workforcemanagement/businessunits/*/weeks/*/shorttermforecasts/import/**"}},
      {"forecasts", {"/api/v2/workforcemanagement/businessunits/*/weeks/*/shorttermforecasts/**"}},
      {"historical-import",
       {"/api/v2/workforcemanagement/historicaldata/**", "/api/v2/uploads/workforcemanagement/historicaldata/**"}},
      {"analytics", {"/api/v2/analytics/**"}},
      {"adherence",
       {"/api/v2/workforcemanagement/adherence/**", "/api/v2/workforcemanagement/managementunits/*/adherence",
        "/api/v2/workforcemanagement/teams/*/adherence",
        "/api/v2/workforcemanagement/managementunits/*/historicaladherencequery",
        "/api/v2/workforcemanagement/teams/*/adherence/historical"}},
      {"schedules",
       {"/api/v2/workforcemanagement/businessunits/*/weeks/*/schedules/**",
        "/api/v2/workforcemanagement/businessunits/*/agentschedules/**",
        "/api/v2/workforcemanagement/managementunits/*/agentschedules/**",
        "/api/v2/workforcemanagement/agentschedules/**", "/api/v2/workforcemanagement/schedules/**"}},
      {"time-off",
       {"/api/v2/workforcemanagement/timeoffrequests/**",
        "/api/v2/workforcemanagement/managementunits/*/timeoffrequests/**",
        "/api/v2/workforcemanagement/managementunits/*/users/*/timeoffrequests/**"}},
      {"activity-codes",
       {"/api/v2/workforcemanagement/businessunits/*/activitycodes/**",
        "/api/v2/workforcemanagement/managementunits/*/activitycodes/**"}},
      {"users", {"/api/v2/users/**", "/api/v2/workforcemanagement/businessunits/*/users/**",
                 "/api/v2/workforcemanagement/managementunits/*/users"}},
      {"routing", {"/api/v2/routing/**"}},
      {"workforcemanagement", {"/api/v2/workforcemanagement/**", "/api/v2/uploads/workforcemanagement/**"}},
      {"oauth", {"/oauth/**", "/login/oauth/**", "/api/v2/tokens/**"}},
      {"all", {"/**"}},
  };
  return families;
}

}  // namespace

std::span<const ApiFamily> api_families() { return table(); }

const ApiFamily* find_api_family(std::string_view name) {
  for (const auto& f : table())
    if (f.name == name) return &f;
  return nullptr;
}

std::vector<PathPattern> family_patterns(std::string_view name) {
  const auto* f = find_api_family(name);
  if (!f) throw std::invalid_argument(fmt::format("unknown API family \"{}\"", name));
  std::vector<PathPattern> out;
  for (auto p : f->patterns) out.emplace_back(p);
  return out;
}

}  // namespace mockgc::core::faults
