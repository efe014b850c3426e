#include "messages.hpp"

#include <optional>
#include <utility>

namespace mockgc::net::detail {

namespace {

// "http://api.mypurecloud.de/api/v2/x?y" -> {"api.mypurecloud.de", "/api/v2/x?y"}; nullopt for origin-form.
std::optional<std::pair<std::string_view, std::string_view>> split_absolute_form(std::string_view target) {
  std::string_view rest;
  if (target.starts_with("http://")) rest = target.substr(7);
  else if (target.starts_with("https://")) rest = target.substr(8);
  else return std::nullopt;
  const auto slash = rest.find_first_of("/?");
  if (slash == std::string_view::npos) return std::pair{rest, std::string_view("/")};
  return std::pair{rest.substr(0, slash), rest.substr(slash)};
}

}  // namespace

api::HttpRequest to_api(BeastRequest&& request) {
  api::HttpRequest out;
  out.method = std::string(request.method_string());
  out.target = std::string(request.target());
  for (const auto& field : request) out.headers.add(std::string(field.name_string()), std::string(field.value()));
  // A client using mock-gc as its HTTP proxy sends the absolute form; RFC 9112 §3.2.2: its authority
  // replaces Host. The core always sees origin-form plus Host, so the Host header picks the region.
  if (const auto absolute = split_absolute_form(out.target)) {
    out.headers.set("Host", std::string(absolute->first));
    std::string path = absolute->second.starts_with('?') ? "/" + std::string(absolute->second)
                                                         : std::string(absolute->second);
    out.target = std::move(path);
  }
  out.body = std::move(request.body());
  return out;
}

bool asks_to_close(const api::HttpResponse& response) {
  const auto connection = response.headers.get("Connection");
  return connection && api::iequals(*connection, "close");
}

BeastResponse to_beast(api::HttpResponse&& response, unsigned version, bool keep_alive, bool head_request) {
  BeastResponse out;
  out.version(version);
  // Beast rejects status codes above 999 by throwing; a core bug must not take the connection down that way.
  if (response.status < 100 || response.status > 599) response.status = 500;
  out.result(static_cast<unsigned>(response.status));
  for (auto& field : response.headers) {
    if (api::iequals(field.name, "Content-Length") || api::iequals(field.name, "Transfer-Encoding") ||
        api::iequals(field.name, "Connection"))
      continue;
    out.insert(field.name, field.value);
  }
  const int status = response.status;
  const bool bodiless_status = (status >= 100 && status < 200) || status == 204 || status == 304;
  if (bodiless_status) {
    // No body and no Content-Length (RFC 9110 §8.6).
  } else if (head_request) {
    out.content_length(response.body_text().size());
  } else {
    out.content_length(response.body_text().size());
    if (response.shared_body) out.body() = *response.shared_body;
    else out.body() = std::move(response.body);
  }
  out.keep_alive(keep_alive);
  return out;
}

}  // namespace mockgc::net::detail
