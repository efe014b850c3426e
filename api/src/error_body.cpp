#include "mockgc/api/error_body.hpp"

#include <nlohmann/json.hpp>

namespace mockgc::api {

std::string to_json_text(const ErrorBody& body) {
  nlohmann::json details = nlohmann::json::array();
  for (const auto& d : body.details) {
    nlohmann::json j = nlohmann::json::object();
    if (!d.error_code.empty()) j["errorCode"] = d.error_code;
    if (!d.field_name.empty()) j["fieldName"] = d.field_name;
    if (!d.entity_id.empty()) j["entityId"] = d.entity_id;
    if (!d.entity_name.empty()) j["entityName"] = d.entity_name;
    details.push_back(std::move(j));
  }
  nlohmann::json j{{"message", body.message},           {"code", body.code},
                   {"status", body.status},             {"contextId", body.context_id},
                   {"details", std::move(details)},     {"errors", nlohmann::json::array()}};
  return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::optional<ErrorBody> parse_error_body(std::string_view text) {
  auto j = nlohmann::json::parse(text, nullptr, false);
  if (j.is_discarded() || !j.is_object()) return std::nullopt;
  ErrorBody b;
  auto str = [&](const char* key, std::string& out) {
    if (auto it = j.find(key); it != j.end() && it->is_string()) out = it->get<std::string>();
  };
  str("message", b.message);
  str("code", b.code);
  str("contextId", b.context_id);
  if (auto it = j.find("status"); it != j.end() && it->is_number_integer()) b.status = it->get<int>();
  if (auto it = j.find("details"); it != j.end() && it->is_array()) {
    for (const auto& d : *it) {
      if (!d.is_object()) continue;
      ErrorDetail det;
      if (d.contains("errorCode") && d["errorCode"].is_string()) det.error_code = d["errorCode"];
      if (d.contains("fieldName") && d["fieldName"].is_string()) det.field_name = d["fieldName"];
      if (d.contains("entityId") && d["entityId"].is_string()) det.entity_id = d["entityId"];
      if (d.contains("entityName") && d["entityName"].is_string()) det.entity_name = d["entityName"];
      b.details.push_back(std::move(det));
    }
  }
  return b;
}

std::string to_json_text(const OAuthError& e) {
  nlohmann::json j{{"error", e.error}, {"description", e.description}, {"error_description", e.description}};
  return j.dump();
}

}  // namespace mockgc::api
