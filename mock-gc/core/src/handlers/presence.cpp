// Presence definitions (the system presences users' presence and adherence refer to) and the presence and
// routing status a user listing shows with expand=presence,routingStatus — both from the agent state process.
#include <fmt/format.h>

#include "../call_helpers.hpp"
#include "mockgc/api/time.hpp"

namespace mockgc::core {
namespace {

const std::string kDefinitions = "/api/v2/presence/definitions";

json definition_json(const wfm::PresenceDefinition& d) {
  const std::string name(d.system_presence);
  return {{"id", d.id},
          {"languageLabels", {{"en_US", name}}},
          {"systemPresence", name},
          {"deactivated", false},
          {"type", "System"},
          {"selfUri", kDefinitions + "/" + d.id}};
}

}  // namespace

Reply handle_presence_definitions_list(Call& call) {
  bool deactivated = false;
  if (auto e = read_bool_param(call, "deactivated", false, deactivated)) return error_reply(*e);
  static constexpr std::array<std::string_view, 2> kTypes{"System", "User"};
  std::set<std::string> types;
  if (auto e = read_enum_list(call, "type", "PresenceDefinitionType", kTypes, types)) return error_reply(*e);
  json entities = json::array();
  if (!deactivated && (types.empty() || types.count("System")))
    for (const auto& d : wfm::presence_definitions(call.epoch.seed(), call.org->world->org_id))
      entities.push_back(definition_json(d));
  const auto total = entities.size();
  return json_reply(json{{"entities", std::move(entities)}, {"total", total}});
}

Reply handle_presence_definition_get(Call& call) {
  for (const auto& d : wfm::presence_definitions(call.epoch.seed(), call.org->world->org_id))
    if (d.id == call.params[0]) return json_reply(definition_json(d));
  return error_reply(not_found(fmt::format("Presence definition {} was not found.", call.params[0])));
}

json user_presence_json(const HandlerContext& epoch, const OrgState& org, const User& u, Instant t) {
  const auto state = org.agents->at(u, t);
  const auto id = wfm::presence_definition_id(epoch.seed(), org.world->org_id, state.presence);
  return {{"source", "PURECLOUD"},
          {"presenceDefinition",
           {{"id", id},
            {"systemPresence", std::string(wfm::presence_definition_name(state.presence))},
            {"selfUri", kDefinitions + "/" + id}}},
          {"primary", true},
          {"modifiedDate", api::format_instant(org.agents->presence_since(u, t))}};
}

json user_routing_status_json(const OrgState& org, const User& u, Instant t) {
  return {{"status", std::string(wfm::to_string(org.agents->at(u, t).routing))},
          {"startTime", api::format_instant(org.agents->routing_since(u, t))}};
}

void add_user_presence(const Call& call, const User& u, bool presence, bool routing, json& j) {
  if (presence) j["presence"] = user_presence_json(call.epoch, *call.org, u, call.now);
  if (routing) {
    j["routingStatus"] = {{"userId", u.id}};
    j["routingStatus"].update(user_routing_status_json(*call.org, u, call.now));
  }
}

}  // namespace mockgc::core
