#pragma once
// The notification topics mock-gc serves (the strings of the JS SDK's notificationMappings.json), what the
// {id} of each names, and their availabletopics entries. Topics outside this catalog are Rejected.
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include <nlohmann/json_fwd.hpp>

namespace mockgc::core::notifications {

// What the {id} of a topic names, so a subscription can check it against the caller's org.
enum class TopicParam {
  none,
  user,
  management_unit,
  team,
  business_unit,
  // The user who asked for an asynchronous WFM result. A client-credentials token has no user: mock-gc
  // takes the OAuth client id in its place (genesys-notifications.md §2b, UNCERTAIN; README, Notifications).
  requester,
};

struct TopicSpec {
  std::string_view pattern;      // "v2.users.{id}.activity"
  TopicParam param;
  std::string_view description;
  std::string_view schema_json;  // the eventBody's JSON schema (expand=schema), as served
};

std::span<const TopicSpec> topic_catalog();

struct TopicMatch {
  const TopicSpec* spec = nullptr;
  std::string id;  // the {id} segment; empty for TopicParam::none
};
// The catalog entry `topic` instantiates, if any.
std::optional<TopicMatch> match_topic(std::string_view topic);

// The availabletopics entity of `spec` ({"id","description","topicParameters",…}; "schema" when asked).
nlohmann::json available_topic(const TopicSpec& spec, bool with_schema);

}  // namespace mockgc::core::notifications
