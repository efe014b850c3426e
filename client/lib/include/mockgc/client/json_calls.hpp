#pragma once
// JSON and paging helpers over OrgClient for the workflow layer. These collapse "non-2xx" into
// errc::unexpected_status (use OrgClient::call() when the status itself matters).
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "mockgc/client/org_client.hpp"

namespace mockgc::client {

// The body as JSON; errc::malformed_response if it is not JSON.
Result<nlohmann::json> parse_json_body(const api::HttpResponse& response);

// 2xx → parsed body (an empty body parses as null); other statuses → errc::unexpected_status.
Result<nlohmann::json> json_from(const Result<api::HttpResponse>& response);

Result<nlohmann::json> get_json(OrgClient& client, std::string_view path, const Query& query = {});
Result<nlohmann::json> send_json(OrgClient& client, std::string_view method, std::string_view path,
                                 const nlohmann::json& body, const Query& query = {}, CallOptions options = {});

// Cursor-paged results (analytics async jobs: {results, cursor}): repeats GET with ?cursor=<token> until
// none comes back; returns every page's `items_key` array in order.
Result<std::vector<nlohmann::json>> get_all_cursor_pages(OrgClient& client, std::string_view path,
                                                         const Query& query = {},
                                                         std::string_view items_key = "results",
                                                         int max_pages = 10'000);

// Classic page-number listings: GETs `path`, then follows `nextUri` (relative, query included) until a
// page has none; returns every page's `entities` in order. Stops with errc::malformed_response on a
// page without an `entities` array or when a nextUri repeats (a server bug would loop forever).
Result<std::vector<nlohmann::json>> get_all_entities(OrgClient& client, std::string_view path,
                                                     const Query& query = {}, int max_pages = 10'000);

// WFM listings ({entities, downloadUrl}): if the response carries a non-empty `downloadUrl`, the data is
// fetched from there (no auth) and has the same schema without downloadUrl (genesys-api.md §5).
// Returns the listing object whose `entities` holds the data.
Result<nlohmann::json> get_wfm_listing(OrgClient& client, std::string_view path, const Query& query = {});
// Same, for a listing obtained by another method (e.g. a POST query answering with a downloadUrl).
Result<nlohmann::json> resolve_download(OrgClient& client, nlohmann::json listing);

}  // namespace mockgc::client
