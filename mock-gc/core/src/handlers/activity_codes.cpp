// Business-unit activity codes (genesys-api.md §6b): list (hot path, cached text), get, create, PATCH
// with optimistic concurrency on metadata.version, DELETE (defaults refuse), atomic bulk PATCH.
#include <fmt/format.h>

#include <array>
#include <mutex>
#include <set>
#include <shared_mutex>

#include "../call_helpers.hpp"
#include "../wire.hpp"
#include "mockgc/api/random.hpp"

namespace mockgc::core {
namespace {

constexpr std::size_t kMaxCodesPerBu = 1000;
constexpr std::size_t kMaxBulk = 100;
constexpr std::size_t kMaxNameLength = 256;
constexpr std::array<std::string_view, 2> kThemes{"Dark", "Light"};

std::optional<ApiError> find_codes(Call& call, BuActivityCodes*& out) {
  const std::string& bu_id = call.params[0];
  if (auto e = reject_mine(bu_id, "business unit")) return e;
  auto it = call.org->codes.find(bu_id);
  if (it == call.org->codes.end()) return not_found(fmt::format("Business unit {} was not found.", bu_id));
  out = &it->second;
  return std::nullopt;
}

ActivityCode* find_code(BuActivityCodes& bu, std::string_view id) {
  for (auto& c : bu.codes)
    if (c.id == id) return &c;
  return nullptr;
}

ApiError code_not_found(std::string_view id) { return not_found(fmt::format("Activity code {} was not found.", id)); }

ApiError wrong_type(std::string_view field, std::string_view expected) {
  return bad_request(fmt::format("Field '{}' must be {}.", field, expected));
}

// Names compare case-insensitively after trimming (see README "Fidelity choices").
std::optional<ApiError> check_name(const std::vector<ActivityCode>& codes, const json& value, std::string_view skip_id,
                                   std::string& out) {
  if (!value.is_string()) return wrong_type("name", "a string");
  out = trim(value.get<std::string>());
  if (out.empty() || out.size() > kMaxNameLength)
    return bad_request(fmt::format("Field 'name' must be between 1 and {} characters.", kMaxNameLength));
  const auto key = lower(out);
  for (const auto& c : codes)
    if (c.id != skip_id && lower(c.name) == key)
      return conflict(fmt::format("An activity code named '{}' already exists in this business unit (id {}).", c.name, c.id));
  return std::nullopt;
}

std::optional<ApiError> read_category(const json& value, ActivityCategory& out) {
  if (!value.is_string()) return wrong_type("category", "a string");
  auto c = parse_activity_category(value.get<std::string>());
  if (!c) return invalid_value(value.get<std::string>(), "ActivityCodeCategory", activity_category_names());
  out = *c;
  return std::nullopt;
}

std::optional<ApiError> read_style(const json& value, ActivityCodeStyle& out) {
  if (!value.is_object()) return wrong_type("style", "an object");
  if (auto it = value.find("backgroundColor"); it != value.end()) {
    if (!it->is_string()) return wrong_type("style.backgroundColor", "a string");
    const auto s = it->get<std::string>();
    bool ok = s.size() == 7 && s[0] == '#';
    for (std::size_t i = 1; ok && i < s.size(); ++i) ok = std::isxdigit(static_cast<unsigned char>(s[i])) != 0;
    if (!ok) return bad_request(fmt::format("Field 'style.backgroundColor' must be a #rrggbb colour (got '{}').", s));
    out.background_color = lower(s);
  }
  if (auto it = value.find("textColorTheme"); it != value.end()) {
    if (!it->is_string()) return wrong_type("style.textColorTheme", "a string");
    const auto s = it->get<std::string>();
    if (s != "Dark" && s != "Light") return invalid_value(s, "TextColorTheme", kThemes);
    out.text_color_theme = s;
  }
  return std::nullopt;
}

std::optional<ApiError> read_id_list(const json& value, std::string_view field, bool objects, std::vector<std::string>& out) {
  if (!value.is_array()) return wrong_type(field, "an array");
  if (value.size() > kMaxCodesPerBu) return bad_request(fmt::format("Field '{}' has too many entries.", field));
  out.clear();
  for (const auto& v : value) {
    if (objects) {
      if (!v.is_object() || !v.contains("id") || !v["id"].is_string())
        return wrong_type(field, "an array of {\"id\": string} objects");
      out.push_back(v["id"].get<std::string>());
    } else {
      if (!v.is_string()) return wrong_type(field, "an array of strings");
      out.push_back(v.get<std::string>());
    }
  }
  return std::nullopt;
}

// The scalar fields shared by create and update bodies.
std::optional<ApiError> read_scalars(const json& body, ActivityCode& c) {
  if (auto it = body.find("lengthInMinutes"); it != body.end()) {
    if (!it->is_number_integer()) return wrong_type("lengthInMinutes", "an integer");
    const auto n = it->get<std::int64_t>();
    if (n < 0 || n > 1440) return bad_request("Field 'lengthInMinutes' must be between 0 and 1440.");
    c.length_in_minutes = static_cast<int>(n);
  }
  const std::pair<const char*, bool*> flags[] = {{"countsAsPaidTime", &c.counts_as_paid_time},
                                                 {"countsAsWorkTime", &c.counts_as_work_time},
                                                 {"countsTowardShrinkage", &c.counts_toward_shrinkage},
                                                 {"plannedShrinkage", &c.planned_shrinkage},
                                                 {"interruptible", &c.interruptible}};
  for (const auto& [key, target] : flags) {
    if (auto it = body.find(key); it != body.end()) {
      if (!it->is_boolean()) return wrong_type(key, "a boolean");
      *target = it->get<bool>();
    }
  }
  if (auto it = body.find("agentTimeOffSelectable"); it != body.end() && !it->is_null()) {
    if (!it->is_boolean()) return wrong_type("agentTimeOffSelectable", "a boolean");
    c.agent_time_off_selectable = it->get<bool>();
  }
  return std::nullopt;
}

// Applies an UpdateActivityCodeRequest to codes[index] (validating against the other codes).
std::optional<ApiError> apply_update(std::vector<ActivityCode>& codes, std::size_t index, const json& body, const Call& call) {
  if (!body.is_object()) return bad_request("The request body must be a JSON object.");
  ActivityCode c = codes[index];
  auto meta = body.find("metadata");
  if (meta == body.end() || !meta->is_object() || !meta->contains("version"))
    return bad_request("Field 'metadata.version' is required.");
  if (!(*meta)["version"].is_number_integer()) return wrong_type("metadata.version", "an integer");
  const auto version = (*meta)["version"].get<std::int64_t>();
  if (version != c.metadata.version)
    return conflict(fmt::format("Activity code {} has version {}, but the request carries version {}.", c.id,
                                c.metadata.version, version));
  if (auto it = body.find("name"); it != body.end() && !it->is_null())
    if (auto e = check_name(codes, *it, c.id, c.name)) return e;
  if (auto it = body.find("category"); it != body.end() && !it->is_null()) {
    ActivityCategory category{};
    if (auto e = read_category(*it, category)) return e;
    if (c.default_code && category != c.category)
      return bad_request(fmt::format("The category of default activity code {} cannot be changed.", c.id));
    c.category = category;
  }
  if (auto e = read_scalars(body, c)) return e;
  if (auto it = body.find("secondaryPresences"); it != body.end() && !it->is_null()) {
    if (!it->is_object() || !it->contains("values")) return wrong_type("secondaryPresences", "a {\"values\": […]} wrapper");
    if (auto e = read_id_list((*it)["values"], "secondaryPresences.values", true, c.secondary_presence_ids)) return e;
  }
  if (auto it = body.find("planningGroupIds"); it != body.end() && !it->is_null()) {
    if (!it->is_object() || !it->contains("values")) return wrong_type("planningGroupIds", "a {\"values\": […]} wrapper");
    if (auto e = read_id_list((*it)["values"], "planningGroupIds.values", false, c.planning_group_ids)) return e;
  }
  if (auto it = body.find("style"); it != body.end() && !it->is_null()) {
    if (!it->is_object() || !it->contains("value")) return wrong_type("style", "a {\"value\": {…}} wrapper");
    ActivityCodeStyle style = c.style.value_or(ActivityCodeStyle{"#ffffff", "Dark"});
    if (auto e = read_style((*it)["value"], style)) return e;
    c.style = style;
  }
  if (c.category != ActivityCategory::TimeOff) c.agent_time_off_selectable.reset();
  c.metadata.version += 1;
  c.metadata.date_modified = call.now;
  c.metadata.modified_by = writer(call);
  codes[index] = std::move(c);
  return std::nullopt;
}

std::size_t index_of(const std::vector<ActivityCode>& codes, const ActivityCode* c) {
  return static_cast<std::size_t>(c - codes.data());
}

}  // namespace

Reply handle_activity_codes_list(Call& call) {
  bool force = false;
  if (auto e = read_bool_param(call, "forceDownloadService", false, force)) return error_reply(*e);
  std::shared_ptr<const std::string> listing;
  {
    std::shared_lock lock(call.org->mutex);
    BuActivityCodes* bu = nullptr;
    if (auto e = find_codes(call, bu)) return error_reply(*e);
    listing = bu->listing_json;
  }
  return wfm_listing(call, std::move(listing), force);
}

Reply handle_activity_code_get(Call& call) {
  std::shared_lock lock(call.org->mutex);
  BuActivityCodes* bu = nullptr;
  if (auto e = find_codes(call, bu)) return error_reply(*e);
  const ActivityCode* c = find_code(*bu, call.params[1]);
  if (!c) return error_reply(code_not_found(call.params[1]));
  return json_reply(wire::activity_code(*c, call.params[0]));
}

Reply handle_activity_code_create(Call& call) {
  json body;
  if (auto e = parse_json_body(call, body)) return error_reply(*e);
  if (!body.is_object()) return error_reply(bad_request("The request body must be a JSON object."));
  std::unique_lock lock(call.org->mutex);
  BuActivityCodes* bu = nullptr;
  if (auto e = find_codes(call, bu)) return error_reply(*e);
  ActivityCode c;
  if (!body.contains("name") || body["name"].is_null()) return error_reply(bad_request("Field 'name' is required."));
  if (!body.contains("category") || body["category"].is_null())
    return error_reply(bad_request("Field 'category' is required."));
  if (auto e = read_category(body["category"], c.category)) return error_reply(*e);
  if (auto e = check_name(bu->codes, body["name"], "", c.name)) return error_reply(*e);
  if (c.category == ActivityCategory::TimeOff) c.agent_time_off_selectable = false;
  if (auto e = read_scalars(body, c)) return error_reply(*e);
  if (c.category != ActivityCategory::TimeOff) c.agent_time_off_selectable.reset();
  if (auto it = body.find("secondaryPresences"); it != body.end() && !it->is_null())
    if (auto e = read_id_list(*it, "secondaryPresences", true, c.secondary_presence_ids)) return error_reply(*e);
  if (auto it = body.find("planningGroupIds"); it != body.end() && !it->is_null())
    if (auto e = read_id_list(*it, "planningGroupIds", false, c.planning_group_ids)) return error_reply(*e);
  if (auto it = body.find("style"); it != body.end() && !it->is_null()) {
    ActivityCodeStyle style{"#ffffff", "Dark"};
    if (auto e = read_style(*it, style)) return error_reply(*e);
    c.style = style;
  }
  if (bu->codes.size() >= kMaxCodesPerBu)
    return error_reply(bad_request(fmt::format("A business unit holds at most {} activity codes.", kMaxCodesPerBu)));
  do {
    c.id = api::make_uuid(call.org->id_rng);
  } while (find_code(*bu, c.id));
  call.epoch.id_owners().add(c.id, call.org->world->region);
  const Actor who = writer(call);
  c.metadata = {1, call.now, call.now, who, who};
  bu->codes.push_back(c);
  rebuild_listing(*bu, call.params[0]);
  return json_reply(wire::activity_code(c, call.params[0]));
}

Reply handle_activity_code_patch(Call& call) {
  json body;
  if (auto e = parse_json_body(call, body)) return error_reply(*e);
  std::unique_lock lock(call.org->mutex);
  BuActivityCodes* bu = nullptr;
  if (auto e = find_codes(call, bu)) return error_reply(*e);
  const ActivityCode* c = find_code(*bu, call.params[1]);
  if (!c) return error_reply(code_not_found(call.params[1]));
  const std::size_t index = index_of(bu->codes, c);
  if (auto e = apply_update(bu->codes, index, body, call)) return error_reply(*e);
  rebuild_listing(*bu, call.params[0]);
  return json_reply(wire::activity_code(bu->codes[index], call.params[0]));
}

Reply handle_activity_code_delete(Call& call) {
  std::unique_lock lock(call.org->mutex);
  BuActivityCodes* bu = nullptr;
  if (auto e = find_codes(call, bu)) return error_reply(*e);
  const ActivityCode* c = find_code(*bu, call.params[1]);
  if (!c) return error_reply(code_not_found(call.params[1]));
  if (c->default_code)
    return error_reply(bad_request(fmt::format("You cannot delete a default activity code ({}).", c->id)));
  bu->codes.erase(bu->codes.begin() + static_cast<std::ptrdiff_t>(index_of(bu->codes, c)));
  rebuild_listing(*bu, call.params[0]);
  return no_content();
}

Reply handle_activity_codes_bulk_patch(Call& call) {
  json body;
  if (auto e = parse_json_body(call, body)) return error_reply(*e);
  if (!body.is_object() || !body.contains("entities") || !body["entities"].is_array())
    return error_reply(bad_request("Field 'entities' is required and must be an array."));
  const json& entities = body["entities"];
  if (entities.empty() || entities.size() > kMaxBulk)
    return error_reply(bad_request(fmt::format("Field 'entities' must hold between 1 and {} items.", kMaxBulk)));
  std::unique_lock lock(call.org->mutex);
  BuActivityCodes* bu = nullptr;
  if (auto e = find_codes(call, bu)) return error_reply(*e);
  // All or nothing: apply to a copy, swap it in only when every item succeeded.
  std::vector<ActivityCode> staged = bu->codes;
  std::set<std::string> seen;
  std::vector<std::size_t> touched;
  for (const auto& item : entities) {
    if (!item.is_object() || !item.contains("id") || !item["id"].is_string())
      return error_reply(bad_request("Every item of 'entities' needs a string 'id'."));
    const auto id = item["id"].get<std::string>();
    if (!seen.insert(id).second)
      return error_reply(bad_request(fmt::format("Activity code {} appears twice in the bulk request.", id)));
    std::size_t index = staged.size();
    for (std::size_t i = 0; i < staged.size(); ++i)
      if (staged[i].id == id) index = i;
    if (index == staged.size()) return error_reply(code_not_found(id));
    if (auto e = apply_update(staged, index, item, call)) return error_reply(*e);
    touched.push_back(index);
  }
  bu->codes = std::move(staged);
  rebuild_listing(*bu, call.params[0]);
  json out = json::array();
  for (auto i : touched) out.push_back(wire::activity_code(bu->codes[i], call.params[0]));
  return json_reply({{"entities", std::move(out)}});
}

void rebuild_listing(BuActivityCodes& bu, const std::string& bu_id) {
  json entities = json::array();
  for (const auto& c : bu.codes) entities.push_back(wire::activity_code(c, bu_id));
  bu.listing_json = std::make_shared<const std::string>(
      json{{"entities", std::move(entities)}}.dump(-1, ' ', false, json::error_handler_t::replace));
}

}  // namespace mockgc::core
