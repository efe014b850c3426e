// POST /oauth/token: the client-credentials grant exactly as the login service speaks it (genesys-api.md §2):
// Basic auth (or client_id/client_secret in the form body), form-encoded grant_type, OAuth-shaped errors.
#include <fmt/format.h>

#include "../call_helpers.hpp"
#include "../wire.hpp"

namespace mockgc::core {
namespace {

constexpr int kExpiresIn = 86399;

Reply oauth_error(int status, std::string error, std::string description) {
  Reply r;
  r.status = status;
  r.oauth_error = api::OAuthError{std::move(error), std::move(description)};
  r.headers.set("Cache-Control", "no-store");
  if (status == 401) r.headers.set("WWW-Authenticate", "Basic realm=\"Genesys Cloud\"");
  return r;
}

// The grant itself; `client_id` is whatever client the request named (the journal records it).
Reply login(Call& call, std::string& client_id) {
  const auto& req = call.request;
  if (auto ct = req.headers.get("Content-Type")) {
    if (!iequals(trim(ct->substr(0, ct->find(';'))), "application/x-www-form-urlencoded"))
      return oauth_error(400, "invalid_request", "content type must be application/x-www-form-urlencoded");
  }
  const auto form = api::QueryParams::parse(req.body);
  if (!form.valid()) return oauth_error(400, "invalid_request", "malformed form body");

  std::string client_secret;
  if (auto auth = req.headers.get("Authorization")) {
    const std::string a = trim(*auth);
    if (a.size() <= 6 || !iequals(a.substr(0, 6), "basic ")) return oauth_error(401, "invalid_client", "authentication failed");
    auto decoded = base64_decode(trim(a.substr(6)));
    const auto colon = decoded ? decoded->find(':') : std::string::npos;
    if (colon == std::string::npos) return oauth_error(401, "invalid_client", "authentication failed");
    client_id = decoded->substr(0, colon);
    client_secret = decoded->substr(colon + 1);
  } else {
    client_id = form.first("client_id").value_or("");
    client_secret = form.first("client_secret").value_or("");
  }
  if (client_id.empty()) return oauth_error(401, "invalid_client", "authentication failed");

  OrgState* org = call.org ? call.org : call.epoch.find_org_by_client(client_id);
  if (!org || org->world->client_id != client_id || org->world->client_secret != client_secret)
    return oauth_error(401, "invalid_client", "authentication failed");

  const auto grant = form.first("grant_type");
  if (!grant) return oauth_error(400, "invalid_request", "grant_type is required");
  if (*grant != "client_credentials") return oauth_error(400, "unsupported_grant_type", "unsupported grant type");

  // A `short_lifetime` token fault (scenario timeline) shortens the lifetime of tokens issued in its window.
  const auto lifetime =
      call.epoch.token_lifetime(call.now, org->world->region, client_id, std::chrono::seconds(kExpiresIn));
  const std::string token = call.epoch.tokens().issue(org->world->region, client_id, call.now, lifetime);
  // expires_in is advertised in real seconds (FAULTS.md, "Speed"); the token lives `lifetime` world seconds.
  const auto shown = advertised_lifetime_seconds(lifetime.count(), call.epoch.clock()->speed());
  Reply r = json_reply({{"access_token", token}, {"token_type", "bearer"}, {"expires_in", shown}});
  r.headers.set("Cache-Control", "no-store");
  r.headers.set("Pragma", "no-cache");
  r.expires_in_s = lifetime.count();
  return r;
}

}  // namespace

Reply handle_oauth_token(Call& call) {
  std::string client_id;
  Reply r = login(call, client_id);
  r.login_client_id = std::move(client_id);
  return r;
}

Reply handle_download(Call& call) {
  auto body = call.epoch.downloads().get(call.params.at(0), call.now);
  if (!body) return error_reply(not_found("The download was not found or has expired."));
  Reply r;
  r.body = std::move(*body);
  return r;
}

Reply handle_tokens_me(Call& call) {
  const OrgWorld& org = *call.org->world;
  const json organization = wire::organization_ref(org);
  return json_reply({{"organization", organization},
                     {"homeOrganization", {{"id", org.org_id}, {"name", org.org_name}, {"thirdPartyOrgName", org.org_name}}},
                     {"authorizedScope", json::array({"analytics", "routing", "users", "workforce-management"})},
                     {"OAuthClient",
                      {{"id", org.client_id},
                       {"name", org.client_name},
                       {"organization", organization},
                       {"selfUri", "/api/v2/oauth/clients/" + org.client_id}}}});
}

// The org's own OAuth client (tokens/me names it); any other id is 404.
Reply handle_oauth_client_get(Call& call) {
  const OrgWorld& org = *call.org->world;
  if (call.params.at(0) != org.client_id)
    return error_reply(not_found(fmt::format("OAuth client {} was not found.", call.params[0])));
  return json_reply({{"id", org.client_id},
                     {"name", org.client_name},
                     {"description", "The client-credentials client of this mock-gc org"},
                     {"accessTokenValiditySeconds", kExpiresIn + 1},
                     {"authorizedGrantType", "CLIENT-CREDENTIALS"},
                     {"registeredRedirectUri", json::array()},
                     {"roleIds", json::array()},
                     {"scope", json::array()},
                     {"state", "active"},
                     {"dateCreated", wire::instant(world_epoch())},
                     {"selfUri", "/api/v2/oauth/clients/" + org.client_id}});
}

}  // namespace mockgc::core

namespace mockgc::core {

// PUT to a pre-signed upload URL: no auth, any Content-Type (CSV, gzip JSON); 200 with no body like storage.
Reply handle_upload_put(Call& call) {
  const auto& headers = call.request.headers;
  auto result = call.epoch.uploads().put(call.params.at(0), call.request.body,
                                           std::string(headers.get("Content-Type").value_or("")),
                                           std::string(headers.get("Content-Encoding").value_or("")), call.now);
  switch (result) {
    case UploadPutResult::stored: {
      Reply r;
      r.status = 200;
      return r;
    }
    case UploadPutResult::too_large: return error_reply(payload_too_large(call.epoch.uploads().max_bytes()));
    case UploadPutResult::expired: return error_reply(not_found("The upload URL has expired."));
    case UploadPutResult::unknown_key: break;
  }
  return error_reply(not_found("No upload was reserved under this key."));
}

}  // namespace mockgc::core
