#include "wfm_common.hpp"

#include <fmt/format.h>

#include <mutex>

#include "../call_helpers.hpp"
#include "mockgc/api/random.hpp"

namespace mockgc::core {

std::optional<ApiError> wfm_find_bu(const Call& call, const std::string& id, const BusinessUnit*& out) {
  if (auto e = reject_mine(id, "business unit")) return e;
  out = call.org->world->find_business_unit(id);
  if (!out) return not_found(fmt::format("Business unit {} was not found.", id));
  return std::nullopt;
}

std::optional<ApiError> wfm_find_mu(const Call& call, const std::string& id, const ManagementUnit*& out) {
  if (auto e = reject_mine(id, "management unit")) return e;
  out = call.org->world->find_management_unit(id);
  if (!out) return not_found(fmt::format("Management unit {} was not found.", id));
  return std::nullopt;
}

std::string wfm_planning_group_id(std::uint64_t seed, const std::string& bu_id, const std::string& queue_id) {
  api::Rng rng(api::derive_seed(seed, {"planning-group", bu_id, queue_id}));
  return api::make_uuid(rng);
}

std::string wfm_operation_id(Call& call) {
  std::unique_lock lock(call.org->mutex);
  return api::make_uuid(call.org->id_rng);
}

Reply wfm_processing(Call& call, std::string_view kind, const std::string& bu_id, std::string finished) {
  const std::string op = call.epoch.downloads().put(std::move(finished), call.now);
  const std::string requester = call.token ? call.token->client_id : "";
  call.epoch.notify(call.org->world->region,
                      fmt::format("v2.workforcemanagement.users.{}.schedules.{}", requester, kind),
                      {{"operationId", op},
                       {"businessUnitId", bu_id},
                       {"downloadUrl", absolute_url(call, "/mockgc/downloads/" + op)}},
                      call.now);
  return json_reply({{"status", "Processing"}, {"operationId", op}});
}

bool wfm_answers_async(const Call& call, std::size_t result_bytes) {
  return result_bytes > call.epoch.options().async_threshold_bytes;
}

}  // namespace mockgc::core
