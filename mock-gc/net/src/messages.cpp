#include "messages.hpp"

namespace mockgc::net::detail {

api::HttpRequest to_api(BeastRequest&& request) {
  api::HttpRequest out;
  out.method = std::string(request.method_string());
  out.target = std::string(request.target());
  for (const auto& field : request) out.headers.add(std::string(field.name_string()), std::string(field.value()));
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
    out.content_length(response.body.size());
  } else {
    out.content_length(response.body.size());
    out.body() = std::move(response.body);
  }
  out.keep_alive(keep_alive);
  return out;
}

}  // namespace mockgc::net::detail
