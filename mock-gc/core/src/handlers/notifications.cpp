// The Notifications API's REST side (genesys-notifications.md §2a): channels, their subscriptions and the
// topic catalog. The WebSocket side is WorldEpoch::open_stream; both read and write the epoch's Hub.
#include <fmt/format.h>

#include <algorithm>
#include <array>

#include "../call_helpers.hpp"
#include "../notifications/topics.hpp"
#include "mockgc/api/random.hpp"
#include "mockgc/api/regions.hpp"
#include "mockgc/api/time.hpp"

namespace mockgc::core {
namespace {

using notifications::SubscribeMode;
using notifications::TopicState;

constexpr std::string_view kChannels = "/api/v2/notifications/channels";

// Channels listed "for this token" are the ones created with the same bearer token.
std::uint64_t token_key(const Call& call) {
  auto header = call.request.headers.get("Authorization");
  return header ? api::hash_combine(0, *header) : 0;
}

// "ws://" or "wss://" and the host the client used, as a streaming host where it named a region's API host.
std::string stream_base(const Call& call) {
  std::string host;
  if (auto h = call.request.headers.get("Host"); h && !h->empty()) host = std::string(*h);
  if (host.rfind("api.", 0) == 0) host = "streaming." + host.substr(4);
  if (host.empty())
    if (const auto* region = api::find_region(call.org->world->region)) host = region->streaming_host();
  return fmt::format("{}://{}", call.ctx.scheme == "https" ? "wss" : "ws", host);
}

json channel_json(const notifications::ChannelView& c) {
  return {{"connectUri", c.connect_uri}, {"id", c.id}, {"expires", api::format_instant(c.expires)}};
}

json topics_json(const std::string& channel_id, const std::vector<TopicState>& topics) {
  json entities = json::array();
  for (const auto& t : topics) {
    json j{{"id", t.id}, {"state", t.rejection_reason.empty() ? "Permitted" : "Rejected"}};
    if (!t.rejection_reason.empty()) j["rejectionReason"] = t.rejection_reason;
    j["selfUri"] = fmt::format("{}/{}/subscriptions", kChannels, channel_id);
    entities.push_back(std::move(j));
  }
  return {{"entities", std::move(entities)}};
}

ApiError channel_not_found(std::string_view id) {
  return not_found(fmt::format("Channel {} was not found: it expired, was evicted, or belongs to another client.", id));
}

Reply change_subscriptions(Call& call, SubscribeMode mode) {
  json body;
  if (auto e = parse_json_body(call, body)) return error_reply(*e);
  if (!body.is_array())
    return error_reply(bad_request("The body must be a JSON array of topics: [{\"id\": \"v2.users.{id}.presence\"}]."));
  std::vector<std::string> topics;
  for (const auto& item : body) {
    if (!item.is_object() || !item.contains("id") || !item["id"].is_string())
      return error_reply(bad_request("Every topic must be an object with a string \"id\"."));
    topics.push_back(item["id"].get<std::string>());
  }
  const auto& id = call.params[0];
  auto answer = call.epoch.hub().subscribe(id, call.org->world->region, call.token->client_id, topics, mode, call.now);
  if (!answer) return error_reply(channel_not_found(id));
  return json_reply(topics_json(id, *answer));
}

}  // namespace

std::optional<std::string> notification_topic_rejection(const HandlerContext& epoch, std::string_view region,
                                                        std::string_view client_id, std::string_view topic) {
  using notifications::TopicParam;
  const auto match = notifications::match_topic(topic);
  if (!match)
    return fmt::format("Unknown topic {}: GET /api/v2/notifications/availabletopics lists the topics served.", topic);
  const OrgWorld* org = epoch.world().find_org(region);
  if (!org) return std::string("No organization for this region.");
  const std::string& id = match->id;
  const auto owner = epoch.id_owners().owner(id);
  if (!owner.empty() && owner != region)
    return fmt::format("{} belongs to another organization (region {}).", id, owner);
  bool known = false;
  switch (match->spec->param) {
    case TopicParam::none: known = true; break;
    case TopicParam::user: known = org->find_user(id) != nullptr; break;
    case TopicParam::management_unit: known = org->find_management_unit(id) != nullptr; break;
    case TopicParam::business_unit: known = org->find_business_unit(id) != nullptr; break;
    case TopicParam::team:
      known = std::any_of(org->teams.begin(), org->teams.end(), [&](const Team& t) { return t.id == id; });
      break;
    case TopicParam::requester:
      // A client-credentials token has no user: results of its asynchronous WFM operations are addressed to
      // the OAuth client id instead (UNCERTAIN in Genesys; mock-gc's choice, README "Notifications").
      if (id == client_id) return std::nullopt;
      return fmt::format(
          "Results of asynchronous WFM operations go to the user who asked; a client-credentials token has none, so "
          "mock-gc addresses them to the OAuth client: subscribe to {} instead.",
          std::string(topic).replace(topic.find(id), id.size(), client_id));
  }
  if (!known) return fmt::format("{} names no entity of this organization that the topic can follow.", id);
  return std::nullopt;
}

Reply handle_notification_channel_create(Call& call) {
  const auto view = call.epoch.hub().create(call.org->world->region, call.token->client_id, token_key(call),
                                              stream_base(call), call.now);
  return json_reply(channel_json(view));
}

Reply handle_notification_channels_list(Call& call) {
  static constexpr std::array<std::string_view, 2> kScopes{"token", "oauthclient"};
  std::set<std::string> scope;
  if (auto e = read_enum_list(call, "includechannels", "includechannels", kScopes, scope)) return error_reply(*e);
  const bool all = scope.contains("oauthclient");
  json entities = json::array();
  for (const auto& c :
       call.epoch.hub().list(call.org->world->region, call.token->client_id, token_key(call), all, call.now)) {
    // Channels of the client's other tokens are shown to exist, without their ids.
    entities.push_back(c.same_token ? channel_json(c) : json{{"expires", api::format_instant(c.expires)}});
  }
  return json_reply({{"entities", std::move(entities)}});
}

Reply handle_notification_channel_head(Call& call) {
  const auto& id = call.params[0];
  if (!call.epoch.hub().alive(id, call.org->world->region, call.token->client_id, call.now))
    return error_reply(channel_not_found(id));
  Reply r;
  r.status = 200;
  return r;
}

Reply handle_notification_subscriptions_get(Call& call) {
  const auto& id = call.params[0];
  auto topics = call.epoch.hub().topics(id, call.org->world->region, call.token->client_id, call.now);
  if (!topics) return error_reply(channel_not_found(id));
  return json_reply(topics_json(id, *topics));
}

Reply handle_notification_subscriptions_add(Call& call) { return change_subscriptions(call, SubscribeMode::add); }

Reply handle_notification_subscriptions_replace(Call& call) {
  return change_subscriptions(call, SubscribeMode::replace);
}

Reply handle_notification_subscriptions_delete(Call& call) {
  const auto& id = call.params[0];
  if (!call.epoch.hub().clear(id, call.org->world->region, call.token->client_id, call.now))
    return error_reply(channel_not_found(id));
  return no_content();
}

Reply handle_notification_available_topics(Call& call) {
  static constexpr std::array<std::string_view, 4> kExpand{"description", "requiresPermissions", "enforced", "schema"};
  std::set<std::string> expand;
  if (auto e = read_enum_list(call, "expand", "expand", kExpand, expand)) return error_reply(*e);
  json entities = json::array();
  for (const auto& spec : notifications::topic_catalog())
    entities.push_back(notifications::available_topic(spec, expand.contains("schema")));
  return json_reply({{"entities", std::move(entities)}});
}

}  // namespace mockgc::core
