#pragma once
// The synthetic world: per region one org with a division, business units, management units, teams,
// users, routing queues and activity codes. generate_world() is a pure function of (scenario, seed).
// Entities refer to each other by id; each org keeps index maps for O(1) lookup.
#include <algorithm>
#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "mockgc/core/clock.hpp"
#include "mockgc/core/scenario.hpp"

namespace mockgc::core {

// Genesys' activity-code categories, in enum order; the 8 default codes have ids "0".."7" in this order.
enum class ActivityCategory { OnQueueWork, Break, Meal, Meeting, OffQueueWork, TimeOff, Training, Unavailable };
std::span<const std::string_view> activity_category_names();
std::string_view to_string(ActivityCategory c);
std::optional<ActivityCategory> parse_activity_category(std::string_view s);
// "On Queue Work", "Break", … (the display names of the default codes).
std::string_view default_activity_code_name(ActivityCategory c);

// Who made or changed something: a user of the org, or its OAuth client (every write through a
// client-credentials token). Rendered as {id, selfUri} with the selfUri of what the id names
// (/api/v2/users/{id} or /api/v2/oauth/clients/{id}), so the reference always resolves. Empty = omitted.
struct Actor {
  enum class Kind { User, OAuthClient };
  std::string id;
  Kind kind = Kind::User;
  static Actor user(std::string id) { return {std::move(id), Kind::User}; }
  static Actor client(std::string id) { return {std::move(id), Kind::OAuthClient}; }
  bool empty() const { return id.empty(); }
  bool operator==(const Actor&) const = default;
};

struct WfmMetadata {
  int version = 1;
  Instant date_created{};
  Instant date_modified{};
  Actor created_by;
  Actor modified_by;
};

struct ActivityCodeStyle {
  std::string background_color;  // "#rrggbb"
  std::string text_color_theme;  // "Dark" | "Light"
  bool operator==(const ActivityCodeStyle&) const = default;
};

struct ActivityCode {
  std::string id;
  std::string name;
  ActivityCategory category = ActivityCategory::OnQueueWork;
  bool default_code = false;
  int length_in_minutes = 15;
  bool counts_as_paid_time = true;
  bool counts_as_work_time = true;
  std::optional<bool> agent_time_off_selectable;  // only for TimeOff codes
  bool counts_toward_shrinkage = false;
  bool planned_shrinkage = false;
  bool interruptible = false;
  std::vector<std::string> secondary_presence_ids;
  std::vector<std::string> planning_group_ids;
  std::optional<ActivityCodeStyle> style;
  WfmMetadata metadata;
};

struct Division {
  std::string id;
  std::string name;
  std::string description;
  bool home = false;  // the org's home division: every generated entity lives in it
};

// Routing skills and languages (the org's ACD dictionaries) and what an agent holds of them.
struct RoutingSkill {
  std::string id;
  std::string name;
  Instant date_modified{};
};

struct RoutingLanguage {
  std::string id;
  std::string name;
  Instant date_modified{};
};

// A skill an agent holds: an index into its org's OrgWorld::skills (2 bytes instead of a copy of the id).
struct HeldSkill {
  std::uint16_t skill = 0;
  double proficiency = 1.0;  // 0..5, as Genesys' UserRoutingSkill
};

struct BusinessUnit {
  std::string id;
  std::string name;
  std::string time_zone;          // IANA
  std::string start_day_of_week;  // "Monday"
  WfmMetadata settings_metadata;
  std::vector<std::string> management_unit_ids;
  std::vector<ActivityCode> activity_codes;  // the generated starting set (the service keeps the live copy)
};

struct ManagementUnit {
  std::string id;
  std::string name;
  std::string business_unit_id;
  WfmMetadata metadata;
  std::vector<std::uint32_t> users;  // positions in OrgWorld::users, in the order the users were drawn
  std::vector<std::string> team_ids;
};

struct Team {
  std::string id;
  std::string name;
  std::string management_unit_id;
  std::vector<std::uint32_t> users;  // positions in OrgWorld::users, in the order the users were drawn
};

struct User {
  std::string id;
  std::string name;
  std::string email;
  std::string state;   // "active" | "inactive"
  std::string title;
  std::string department;
  std::string management_unit_id;
  std::string team_id;  // empty when the MU has no teams
  bool bi_regional = false;
  int version = 1;
  std::vector<HeldSkill> skills;         // ascending, so by skill name
  std::vector<std::uint16_t> languages;  // indices into OrgWorld::languages, ascending, so by name
};

struct Queue {
  std::string id;
  std::string name;
  std::string description;
  std::string media;  // the channel the name advertises: "call", "chat", "email", "message", "callback"
  Instant date_created{};
  Instant date_modified{};
  int member_count = 0;
  int joined_member_count = 0;
  int alerting_timeout_seconds = 8;
  double service_level_percentage = 0.8;
  int service_level_duration_ms = 20000;
  int acw_timeout_ms = 300000;
};

// The users behind a queue's member_count, as indices into OrgWorld::users (4 bytes each instead of an id
// string): `users` ascending, so sorted by name then id; `joined_users` ascending, the joined_member_count
// of them that are joined.
struct QueueMembers {
  std::vector<std::uint32_t> users;
  std::vector<std::uint32_t> joined_users;
  bool joined(std::uint32_t user) const { return std::binary_search(joined_users.begin(), joined_users.end(), user); }
};

struct OrgWorld {
  std::string region;  // "eu_central_1"
  std::string org_id;
  std::string org_name;
  std::string client_id;
  std::string client_secret;
  std::string client_name;
  Division division;                 // the home division
  std::vector<Division> divisions;   // the home division first, then empty ones
  std::vector<RoutingSkill> skills;  // sorted by name
  std::vector<RoutingLanguage> languages;  // sorted by name
  std::vector<BusinessUnit> business_units;
  std::vector<ManagementUnit> management_units;
  std::vector<Team> teams;
  std::vector<User> users;    // sorted by name, then id
  std::vector<Queue> queues;  // sorted by name

  const BusinessUnit* find_business_unit(std::string_view id) const;
  const ManagementUnit* find_management_unit(std::string_view id) const;
  const User* find_user(std::string_view id) const;
  const Queue* find_queue(std::string_view id) const;
  const Team* find_team(std::string_view id) const;
  const Division* find_division(std::string_view id) const;
  const RoutingSkill* find_skill(std::string_view id) const;
  const RoutingLanguage* find_language(std::string_view id) const;
  void build_indexes();
  // The members of `q`, one of this org's queues (empty for a queue of another org or a hand-built world).
  // generate_world draws them for every queue of the org on the first call, from the directory stream where
  // it left off, so a world whose membership nobody reads never pays for it; safe from several threads.
  const QueueMembers& queue_members(const Queue& q) const;

  struct MembershipDraw;  // world_generator.cpp
  std::shared_ptr<MembershipDraw> membership;  // set by generate_world

 private:
  // Positions of entities by the hash of their id, sorted: no copy of the ids (a 20,000-agent org would
  // otherwise allocate every id a second time); a lookup compares the ids of the equal hashes.
  using IdIndex = std::vector<std::pair<std::uint64_t, std::uint32_t>>;
  IdIndex bu_index_, mu_index_, user_index_, queue_index_, team_index_, division_index_, skill_index_,
      language_index_;
};

struct World {
  std::uint64_t seed = 0;
  std::vector<OrgWorld> orgs;
  const OrgWorld* find_org(std::string_view region) const;
};

// The instant the generated entities were "created" around; mutations use the service clock instead.
Instant world_epoch();

World generate_world(const Scenario& scenario, std::uint64_t seed);
// The same world, its orgs drawn on up to `threads` threads (generate_world uses the machine's cores).
World generate_world(const Scenario& scenario, std::uint64_t seed, unsigned threads);

}  // namespace mockgc::core
