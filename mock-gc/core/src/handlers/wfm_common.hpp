#pragma once
// Lookups shared by the WFM-data handlers (schedules, time off, adherence, forecasts).
#include <optional>
#include <string>

#include "../service_impl.hpp"

namespace mockgc::core {

std::optional<ApiError> wfm_find_bu(const Call& call, const std::string& id, const BusinessUnit*& out);
std::optional<ApiError> wfm_find_mu(const Call& call, const std::string& id, const ManagementUnit*& out);
// A fresh operation id for a synchronous "Complete" answer (deterministic per org and request order).
std::string wfm_operation_id(Call& call);
// The planning group of a queue in a BU (one per queue / media route path).
std::string wfm_planning_group_id(std::uint64_t seed, const std::string& bu_id, const std::string& queue_id);

}  // namespace mockgc::core
