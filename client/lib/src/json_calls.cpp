#include "mockgc/client/json_calls.hpp"

#include <set>

#include "mockgc/client/errc.hpp"

namespace mockgc::client {

Result<nlohmann::json> parse_json_body(const api::HttpResponse& response) {
  if (response.body.empty()) return nlohmann::json();
  auto doc = nlohmann::json::parse(response.body, nullptr, /*allow_exceptions=*/false);
  if (doc.is_discarded()) return errc::malformed_response;
  return doc;
}

Result<nlohmann::json> json_from(const Result<api::HttpResponse>& response) {
  if (!response) return response.error();
  if (!response->ok()) return errc::unexpected_status;
  return parse_json_body(*response);
}

Result<nlohmann::json> get_json(OrgClient& client, std::string_view path, const Query& query) {
  return json_from(client.call("GET", path, query));
}

Result<nlohmann::json> send_json(OrgClient& client, std::string_view method, std::string_view path,
                                 const nlohmann::json& body, const Query& query, CallOptions options) {
  return json_from(client.call(method, path, query, body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace),
                               options));
}

Result<std::vector<nlohmann::json>> get_all_cursor_pages(OrgClient& client, std::string_view path, const Query& query,
                                                         std::string_view items_key, int max_pages) {
  std::vector<nlohmann::json> all;
  std::set<std::string> seen_cursors;
  Query q = query;
  for (int page = 0; page < max_pages; ++page) {
    auto doc = get_json(client, path, q);
    if (!doc) return doc.error();
    if (!doc->is_object()) return errc::malformed_response;
    if (const auto items = doc->find(items_key); items != doc->end()) {
      if (!items->is_array()) return errc::malformed_response;
      for (auto& e : *items) all.push_back(std::move(e));
    }
    const auto cursor = doc->find("cursor");
    if (cursor == doc->end() || cursor->is_null()) return all;
    if (!cursor->is_string()) return errc::malformed_response;
    const auto& token = cursor->get_ref<const std::string&>();
    if (token.empty()) return all;
    if (!seen_cursors.insert(token).second) return errc::malformed_response;
    std::erase_if(q, [](const auto& kv) { return kv.first == "cursor"; });
    q.emplace_back("cursor", token);
  }
  return errc::malformed_response;
}

Result<std::vector<nlohmann::json>> get_all_entities(OrgClient& client, std::string_view path, const Query& query,
                                                     int max_pages) {
  std::vector<nlohmann::json> all;
  std::set<std::string> seen;
  std::string target = build_target(path, query);
  for (int page = 0; page < max_pages; ++page) {
    if (!seen.insert(target).second) return errc::malformed_response;
    auto doc = json_from(client.call_target("GET", target));
    if (!doc) return doc.error();
    const auto entities = doc->find("entities");
    if (!doc->is_object() || entities == doc->end() || !entities->is_array()) return errc::malformed_response;
    for (auto& e : *entities) all.push_back(std::move(e));
    const auto next = doc->find("nextUri");
    if (next == doc->end() || next->is_null()) return all;
    if (!next->is_string() || next->get_ref<const std::string&>().empty()) return all;
    const auto& uri = next->get_ref<const std::string&>();
    if (uri.front() == '/') {
      target = uri;
    } else {
      auto absolute = parse_absolute_url(uri);
      if (!absolute) return errc::malformed_response;
      target = absolute->target;
    }
  }
  return errc::malformed_response;  // more pages than any sane listing
}

Result<nlohmann::json> resolve_download(OrgClient& client, nlohmann::json listing) {
  if (!listing.is_object()) return errc::malformed_response;
  const auto url = listing.find("downloadUrl");
  if (url == listing.end() || url->is_null() || (url->is_string() && url->get_ref<const std::string&>().empty()))
    return listing;
  if (!url->is_string()) return errc::malformed_response;
  auto downloaded = json_from(client.fetch_url(url->get_ref<const std::string&>()));
  if (!downloaded) return downloaded.error();
  if (!downloaded->is_object()) return errc::malformed_response;
  return downloaded;
}

Result<nlohmann::json> get_wfm_listing(OrgClient& client, std::string_view path, const Query& query) {
  auto listing = get_json(client, path, query);
  if (!listing) return listing;
  return resolve_download(client, std::move(*listing));
}

}  // namespace mockgc::client
