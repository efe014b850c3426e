#include "route_kinds.hpp"

#include <array>

namespace mockgc::check::detail {

bool is_static_listing(std::string_view route) {
  static constexpr std::array<std::string_view, 16> kListings = {
      "/users",         "/queues",          "/businessunits", "/managementunits", "/activitycodes", "/planninggroups",
      "/divisions",     "/presencedefinitions", "/organizations", "/settings",    "/teams",         "/groups",
      "/skills",        "/wrapupcodes",     "/locations",     "/sites"};
  while (route.ends_with('/')) route.remove_suffix(1);
  for (const auto l : kListings)
    if (route.ends_with(l)) return true;
  return false;
}

JobRoute job_route_kind(std::string_view route) {
  if (route.ends_with("/jobs/{jobId}/results")) return JobRoute::results;
  // Analytics jobs hand their results over at …/jobs/{jobId}/results; other jobs (WFM historical adherence)
  // answer with download URLs in the status, which the integration fetches from the storage host.
  if (route.ends_with("/jobs/{jobId}"))
    return route.starts_with("/api/v2/analytics/") ? JobRoute::status_with_results : JobRoute::status;
  if (route.ends_with("{jobId}") || route.ends_with("{operationId}")) return JobRoute::status;
  return JobRoute::none;
}

bool is_repeatable_post(std::string_view path) {
  while (path.ends_with('/')) path.remove_suffix(1);
  return path.ends_with("query") || path.ends_with("/search") || path.ends_with("/uploadurl");
}

bool is_download(std::string_view path) { return path.starts_with("/mockgc/downloads/"); }

std::string_view notification_channel(std::string_view path) {
  for (const std::string_view prefix : {std::string_view("/channels/"), std::string_view("/api/v2/notifications/channels/")}) {
    if (!path.starts_with(prefix)) continue;
    const std::string_view rest = path.substr(prefix.size());
    return rest.substr(0, rest.find('/'));
  }
  return {};
}

bool harness_own(std::string_view path) {
  return path.starts_with("/mockgc/") && !path.starts_with("/mockgc/downloads/") &&
         !path.starts_with("/mockgc/uploads/");
}

}  // namespace mockgc::check::detail
