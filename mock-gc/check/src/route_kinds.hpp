#pragma once
// What a route is, as far as the rules care: a static listing (redundant-reads), an async job's status or
// results (async-jobs), a read sent as POST (write-retries), a download (paging, async-jobs). RULES.md lists
// the same routes.
#include <string_view>

namespace mockgc::check::detail {

// A GET of a listing that changes rarely: users, queues, business/management units, activity codes,
// planning groups, divisions, presence definitions, organizations, settings, teams, groups, skills,
// wrap-up codes, locations, sites (the route template's last segment, a listing, not one entity).
bool is_static_listing(std::string_view route);

enum class JobRoute { none, status, status_with_results, results };
// ".../jobs/{jobId}" (analytics: its results come from ".../results"), ".../importstatus/{jobId}" and other
// routes ending in a {jobId}/{operationId} segment (status only), ".../jobs/{jobId}/results".
JobRoute job_route_kind(std::string_view route);

// A POST whose repeat changes nothing: a read (".../query", ".../search", "...query" endpoints) or a request
// for an upload URL (".../uploadurl": an unused URL expires, nothing is created). Re-sending it is harmless.
bool is_repeatable_post(std::string_view path);

// Entries the harness sends itself or serves for its own UI (/mockgc/…); downloads and uploads are the
// integration's. The rules and the HTML report skip them.
bool harness_own(std::string_view path);

// A GET of a downloadUrl (/mockgc/downloads/…).
bool is_download(std::string_view path);

// The notification channel id of a socket path (/channels/<id>, a channel event's) or of a REST path
// (/api/v2/notifications/channels/<id>[/subscriptions]); empty for anything else.
std::string_view notification_channel(std::string_view path);

}  // namespace mockgc::check::detail
