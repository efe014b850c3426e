#pragma once
// Lookups shared by the WFM-data handlers (schedules, time off, adherence, forecasts).
#include <optional>
#include <string>

#include "../handler_context.hpp"

namespace mockgc::core {

std::optional<ApiError> wfm_find_bu(const Call& call, const std::string& id, const BusinessUnit*& out);
std::optional<ApiError> wfm_find_mu(const Call& call, const std::string& id, const ManagementUnit*& out);
// A fresh operation id for a synchronous "Complete" answer (deterministic per org and request order).
std::string wfm_operation_id(Call& call);
// The Processing answer of an agent-schedule query or search (`kind` "query" / "search"): `finished` is
// parked in the download store under the operation id (GET /mockgc/downloads/{operationId} stays as a
// convenience), and its downloadUrl goes out on v2.workforcemanagement.users.{requester}.schedules.{kind},
// the requester being the OAuth client for a client-credentials token (README, "Notifications").
Reply wfm_processing(Call& call, std::string_view kind, const std::string& bu_id, std::string finished);
// Whether a result this large is answered Processing without being asked (forceAsync).
bool wfm_answers_async(const Call& call, std::size_t result_bytes);
// The planning group of a queue in a BU (one per queue / media route path).
std::string wfm_planning_group_id(std::uint64_t seed, const std::string& bu_id, const std::string& queue_id);

}  // namespace mockgc::core
