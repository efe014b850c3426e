// The replies handlers return: JSON, errors, 204, and the WFM listing / downloadUrl forms over the call's epoch.
#include <fmt/format.h>

#include "handler_context.hpp"
#include "mockgc/api/regions.hpp"

namespace mockgc::core {

Reply json_reply(const json& j, int status) {
  Reply r;
  r.status = status;
  r.body = j.dump(-1, ' ', false, json::error_handler_t::replace);
  return r;
}

Reply error_reply(ApiError e) {
  Reply r;
  r.status = e.status;
  r.error = std::move(e);
  return r;
}

Reply no_content() {
  Reply r;
  r.status = 204;
  return r;
}

Reply wfm_listing(Call& call, std::string listing_json, bool force_download) {
  if (!force_download && listing_json.size() <= call.epoch.options().download_threshold_bytes) {
    Reply r;
    r.body = std::move(listing_json);
    return r;
  }
  return download_reply(call, std::move(listing_json));
}

Reply wfm_listing(Call& call, std::shared_ptr<const std::string> listing_json, bool force_download) {
  if (!force_download && listing_json->size() <= call.epoch.options().download_threshold_bytes) {
    Reply r;
    r.shared_body = std::move(listing_json);
    return r;
  }
  return download_reply(call, *listing_json);
}

Reply download_reply(Call& call, std::string text, json fields) {
  const std::string id = call.epoch.downloads().put(std::move(text), call.now);
  fields["downloadUrl"] = absolute_url(call, "/mockgc/downloads/" + id);
  Reply r = json_reply(fields);
  r.more = "downloadUrl";
  return r;
}

std::string absolute_url(const Call& call, std::string_view path) {
  std::string host;
  if (auto h = call.request.headers.get("Host"); h && !h->empty()) host = std::string(*h);
  else if (call.org) {
    if (auto* region = api::find_region(call.org->world->region)) host = region->api_host();
  }
  return fmt::format("{}://{}{}", call.ctx.scheme, host, path);
}

}  // namespace mockgc::core
