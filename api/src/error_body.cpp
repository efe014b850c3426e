#include "mockgc/api/error_body.hpp"

#include <nlohmann/json.hpp>

namespace mockgc::api {
namespace {

using ordered = nlohmann::ordered_json;

std::string text_of(const nlohmann::json& j, const char* key) {
  const auto it = j.find(key);
  return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

}  // namespace

std::string to_json_text(const ErrorBody& body) {
  ordered details = ordered::array();
  for (const auto& d : body.details) {
    ordered j = ordered::object();
    if (!d.error_code.empty()) j["errorCode"] = d.error_code;
    if (!d.field_name.empty()) j["fieldName"] = d.field_name;
    if (!d.entity_id.empty()) j["entityId"] = d.entity_id;
    if (!d.entity_name.empty()) j["entityName"] = d.entity_name;
    details.push_back(std::move(j));
  }
  ordered j = ordered::object();
  j["message"] = body.message;
  j["code"] = body.code;
  j["status"] = body.status;
  j["contextId"] = body.context_id;
  j["details"] = std::move(details);
  j["errors"] = ordered::array();
  return j.dump(-1, ' ', false, ordered::error_handler_t::replace);
}

std::optional<ErrorBody> parse_error_body(std::string_view text) {
  const auto j = nlohmann::json::parse(text, nullptr, false);
  if (j.is_discarded() || !j.is_object()) return std::nullopt;
  ErrorBody b;
  b.message = text_of(j, "message");
  b.code = text_of(j, "code");
  b.context_id = text_of(j, "contextId");
  if (b.code.empty()) b.code = text_of(j, "error");
  if (b.message.empty()) b.message = text_of(j, "description");
  if (auto it = j.find("status"); it != j.end() && it->is_number_integer()) b.status = it->get<int>();
  if (auto it = j.find("details"); it != j.end() && it->is_array()) {
    for (const auto& d : *it) {
      if (!d.is_object()) continue;
      b.details.push_back({text_of(d, "errorCode"), text_of(d, "fieldName"), text_of(d, "entityId"), text_of(d, "entityName")});
    }
  }
  return b;
}

ErrorBody error_body_of(const HttpResponse& response) {
  ErrorBody b = parse_error_body(response.body).value_or(ErrorBody{});
  b.status = response.status;
  if (b.context_id.empty()) b.context_id = std::string(response.headers.get("ININ-Correlation-Id").value_or(""));
  return b;
}

std::string to_json_text(const OAuthError& e) {
  ordered j = ordered::object();  // the order the login service uses (genesys-api.md §2)
  j["error"] = e.error;
  j["description"] = e.description;
  j["error_description"] = e.description;
  return j.dump(-1, ' ', false, ordered::error_handler_t::replace);
}

}  // namespace mockgc::api
