#pragma once
// The Genesys Cloud resource paths the workflows call, each named once (genesys-api.md lists them with sources).
#include <string_view>

namespace mockgc::workflows::paths {

inline constexpr std::string_view kWfm = "/api/v2/workforcemanagement";
inline constexpr std::string_view kBusinessUnits = "/api/v2/workforcemanagement/businessunits";
inline constexpr std::string_view kManagementUnits = "/api/v2/workforcemanagement/managementunits";
inline constexpr std::string_view kQueues = "/api/v2/routing/queues";
inline constexpr std::string_view kConversationAggregates = "/api/v2/analytics/conversations/aggregates/query";
inline constexpr std::string_view kUserAggregates = "/api/v2/analytics/users/aggregates/query";

}  // namespace mockgc::workflows::paths
