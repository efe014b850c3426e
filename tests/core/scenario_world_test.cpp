#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "mockgc/core/scenario.hpp"
#include "mockgc/api/random.hpp"
#include "mockgc/core/world.hpp"

using namespace mockgc::core;

namespace {

std::string error_of(const std::string& text) {
  try {
    parse_scenario(text, "test.json");
  } catch (const ScenarioError& e) {
    return e.what();
  }
  return "";
}

const char* kMinimal = R"({"seed": 3, "world": {"orgs": [{"region": "eu_central_1", "name": "E", "agents": 4, "queues": 2,
  "businessUnits": [{"name": "BU", "timeZone": "Europe/London"}]}]}})";

}  // namespace

TEST(Scenario, DefaultFileMatchesTheBuiltInWorld) {
  std::ifstream in(MOCKGC_SOURCE_DIR "/scenarios/default.json");
  ASSERT_TRUE(in) << "scenarios/default.json";
  std::stringstream ss;
  ss << in.rdbuf();
  EXPECT_EQ(ss.str(), std::string(default_scenario_text()));
  auto s = load_scenario_file(MOCKGC_SOURCE_DIR "/scenarios/default.json");
  EXPECT_EQ(s.seed, 1u);
  ASSERT_EQ(s.world.orgs.size(), 2u);
  EXPECT_EQ(s.world.orgs[0].region, "eu_central_1");
  EXPECT_EQ(s.world.orgs[0].business_units[0].time_zone, "Europe/London");
  EXPECT_EQ(s.world.orgs[1].business_units[0].time_zone, "Australia/Sydney");
  EXPECT_EQ(s.world.shared_agents[0].count, 5);
}

TEST(Scenario, MinimalScenarioUsesDefaults) {
  auto s = parse_scenario(kMinimal, "test.json");
  EXPECT_EQ(s.seed, 3u);
  EXPECT_EQ(s.world.orgs[0].business_units[0].start_day_of_week, "Monday");
  EXPECT_EQ(s.world.orgs[0].business_units[0].management_units, 2);
}

TEST(Scenario, UnknownKeysNameFilePointerAndKey) {
  EXPECT_EQ(error_of(R"({"world": {"orgs": []}, "clocks": {}})"),
            "test.json:1: /clocks: unknown key 'clocks' (allowed here: name, description, seed, world, clock, rate_limits, "
            "faults, journal, limits, wfm, expect, conformance, explore)");
  auto e = error_of(R"({"world": {"orgs": [{"region": "eu_central_1", "name": "E", "businessUnits": [
      {"name": "B", "timeZone": "UTC", "colour": "red"}]}]}})");
  // The line of the offending object is named too (the text above puts it on line 2).
  EXPECT_NE(e.find("test.json:2: /world/orgs/0/businessUnits/0/colour: unknown key 'colour'"), std::string::npos) << e;
  e = error_of(R"({"world": {"orgs": [], "extra": 1}})");
  EXPECT_NE(e.find("/world/extra: unknown key 'extra'"), std::string::npos) << e;
}

TEST(Scenario, BadValuesNameTheKeyAndReason) {
  auto tz = error_of(R"({"world": {"orgs": [{"region": "eu_central_1", "name": "E", "businessUnits": [
      {"name": "B", "timeZone": "Mars/Olympus_Mons"}]}]}})");
  EXPECT_NE(tz.find("/world/orgs/0/businessUnits/0/timeZone: 'timeZone': 'Mars/Olympus_Mons' is not a known IANA time zone"),
            std::string::npos)
      << tz;
  auto region = error_of(R"({"world": {"orgs": [{"region": "moon_1", "name": "E", "businessUnits": []}]}})");
  EXPECT_NE(region.find("'region': 'moon_1' is not a Genesys region key"), std::string::npos) << region;
  auto agents = error_of(R"({"world": {"orgs": [{"region": "eu_central_1", "name": "E", "agents": -1, "businessUnits": []}]}})");
  EXPECT_NE(agents.find("/world/orgs/0/agents: 'agents' must be between 0 and 20000"), std::string::npos) << agents;
  auto day = error_of(R"({"world": {"orgs": [{"region": "eu_central_1", "name": "E", "businessUnits": [
      {"name": "B", "timeZone": "UTC", "startDayOfWeek": "Funday"}]}]}})");
  EXPECT_NE(day.find("'startDayOfWeek': 'Funday'"), std::string::npos) << day;
  EXPECT_NE(error_of("{not json").find("test.json: not valid JSON"), std::string::npos);
  EXPECT_NE(error_of(R"({"seed": 1})").find("missing required key 'world'"), std::string::npos);
  auto shared = error_of(R"({"world": {"orgs": [{"region": "eu_central_1", "name": "E", "agents": 2,
      "businessUnits": [{"name": "B", "timeZone": "UTC"}]}], "sharedAgents": [{"regions": ["eu_central_1", "us_east_1"], "count": 1}]}})");
  EXPECT_NE(shared.find("'regions': 'us_east_1' is not an org of this world"), std::string::npos) << shared;
  EXPECT_THROW(load_scenario_file("/nonexistent/scenario.json"), ScenarioError);
}

TEST(Scenario, LimitsSectionIsReadStrictlyAndRoundTrips) {
  auto j = nlohmann::json::parse(kMinimal);
  j["limits"] = {{"aligned_intervals", false}, {"max_sync_interval_days", 62}, {"max_page_size", 1000}};
  auto s = parse_scenario(j.dump(), "test.json");
  EXPECT_FALSE(s.limits.aligned_intervals);
  EXPECT_EQ(s.limits.max_sync_interval_days, 62);
  EXPECT_EQ(s.limits.max_page_size, 1000);
  EXPECT_EQ(s.limits.max_job_page_size, ApiLimits{}.max_job_page_size);
  EXPECT_EQ(parse_scenario(scenario_to_json_text(s), "again").limits, s.limits);
  EXPECT_EQ(parse_scenario(kMinimal, "test.json").limits, ApiLimits{});
  j["limits"] = {{"max_page_sise", 10}};
  EXPECT_NE(error_of(j.dump()).find("/limits/max_page_sise: unknown key 'max_page_sise'"), std::string::npos);
  j["limits"] = {{"max_sync_interval_days", 0}};
  EXPECT_NE(error_of(j.dump()).find("/limits/max_sync_interval_days: 'max_sync_interval_days' must be between 1"),
            std::string::npos);
  j["limits"] = {{"aligned_intervals", "no"}};
  EXPECT_NE(error_of(j.dump()).find("/limits/aligned_intervals: 'aligned_intervals' must be true or false"),
            std::string::npos);
}

TEST(Scenario, WfmSectionIsReadStrictlyAndRoundTrips) {
  auto j = nlohmann::json::parse(kMinimal);
  EXPECT_EQ(parse_scenario(kMinimal, "test.json").wfm.historical_import_window, std::chrono::minutes(180));
  j["wfm"] = {{"historical_import_window", "23:45"}};
  auto s = parse_scenario(j.dump(), "test.json");
  EXPECT_EQ(s.wfm.historical_import_window, std::chrono::minutes(23 * 60 + 45));
  EXPECT_EQ(parse_scenario(scenario_to_json_text(s), "again").wfm, s.wfm);
  for (const char* bad : {"24:00", "3:00", "03:60", "03-00", "noon"}) {
    j["wfm"] = {{"historical_import_window", bad}};
    EXPECT_NE(error_of(j.dump()).find("/wfm/historical_import_window: '" + std::string(bad) + "' is not a local time HH:MM"),
              std::string::npos)
        << bad;
  }
  j["wfm"] = {{"historical_import_windows", "03:00"}};
  EXPECT_NE(error_of(j.dump()).find("/wfm/historical_import_windows: unknown key"), std::string::npos);
}

TEST(World, DirectoryDataIsConsistent) {
  auto world = generate_world(default_scenario(), 1);
  for (const auto& org : world.orgs) {
    ASSERT_EQ(org.divisions.size(), 3u);
    EXPECT_EQ(org.divisions[0].id, org.division.id);
    EXPECT_TRUE(org.divisions[0].home);
    EXPECT_GE(org.skills.size(), 5u);
    EXPECT_EQ(org.languages.size(), 4u);
    for (const auto& u : org.users) {
      EXPECT_GE(u.skills.size(), 1u);
      for (const auto& s : u.skills) EXPECT_LT(s.skill, org.skills.size());
      EXPECT_TRUE(std::is_sorted(u.skills.begin(), u.skills.end(),
                                 [](const HeldSkill& a, const HeldSkill& b) { return a.skill < b.skill; }));
      EXPECT_FALSE(u.languages.empty());
      for (const auto l : u.languages) EXPECT_LT(l, org.languages.size());
      EXPECT_TRUE(std::is_sorted(u.languages.begin(), u.languages.end()));
    }
    for (const auto& q : org.queues) {
      const auto& m = org.queue_members(q);
      EXPECT_EQ(m.users.size(), static_cast<std::size_t>(q.member_count)) << q.name;
      EXPECT_EQ(m.joined_users.size(), static_cast<std::size_t>(q.joined_member_count)) << q.name;
      EXPECT_TRUE(std::is_sorted(m.users.begin(), m.users.end()));
      EXPECT_EQ(std::adjacent_find(m.users.begin(), m.users.end()), m.users.end()) << q.name;
      for (auto i : m.users) EXPECT_LT(i, org.users.size());
      for (auto i : m.joined_users) EXPECT_TRUE(std::binary_search(m.users.begin(), m.users.end(), i));
    }
  }
  // Same seed, same directory.
  auto again = generate_world(default_scenario(), 1);
  EXPECT_EQ(again.orgs[0].skills[0].id, world.orgs[0].skills[0].id);
  EXPECT_EQ(again.orgs[1].queue_members(again.orgs[1].queues[3]).users,
            world.orgs[1].queue_members(world.orgs[1].queues[3]).users);
  EXPECT_EQ(again.orgs[1].queue_members(again.orgs[1].queues[3]).joined_users,
            world.orgs[1].queue_members(world.orgs[1].queues[3]).joined_users);
}

// Membership is drawn on first read, from where the directory stream left off: the same members whichever
// org or queue is read first, and a queue of another org has none.
TEST(World, QueueMembersDoNotDependOnReadOrder) {
  const auto first = generate_world(default_scenario(), 1);
  const auto second = generate_world(default_scenario(), 1);
  const auto& a = first.orgs[1];
  const auto& b = second.orgs[1];
  ASSERT_GE(a.queues.size(), 2u);
  const auto& last_a = a.queue_members(a.queues.back());
  const auto& first_b = b.queue_members(b.queues.front());
  EXPECT_EQ(first_b.users, a.queue_members(a.queues.front()).users);
  EXPECT_EQ(last_a.users, b.queue_members(b.queues.back()).users);
  EXPECT_NE(a.queue_members(a.queues.front()).users, last_a.users);
  EXPECT_TRUE(first.orgs[0].queue_members(a.queues.front()).users.empty());
}

TEST(World, DefaultWorldHasTheAdvertisedShape) {
  auto world = generate_world(default_scenario(), 1);
  ASSERT_EQ(world.orgs.size(), 2u);
  for (const auto& org : world.orgs) {
    EXPECT_EQ(org.users.size(), 200u);
    EXPECT_EQ(org.queues.size(), 30u);
    EXPECT_EQ(org.management_units.size(), 4u);
    EXPECT_EQ(org.teams.size(), 12u);
    EXPECT_EQ(org.division.name, "Home");
    ASSERT_EQ(org.business_units.size(), 1u);
    EXPECT_EQ(org.business_units[0].activity_codes.size(), 14u);
    int bi = 0;
    for (const auto& u : org.users) {
      bi += u.bi_regional;
      EXPECT_FALSE(u.management_unit_id.empty());
      EXPECT_FALSE(u.team_id.empty());
      EXPECT_NE(u.email.find('@'), std::string::npos);
    }
    EXPECT_EQ(bi, 5);
  }
  EXPECT_NE(world.orgs[0].client_id, world.orgs[1].client_id);
  EXPECT_TRUE(mockgc::api::is_uuid_v4(world.orgs[0].client_id));
}

TEST(World, GrowingOneOrgDoesNotReshuffleAnother) {
  auto s = default_scenario();
  auto before = generate_world(s, 5);
  s.world.orgs[0].agents = 250;
  s.world.orgs[0].queues = 40;
  auto after = generate_world(s, 5);
  const auto& a = before.orgs[1];
  const auto& b = after.orgs[1];
  ASSERT_EQ(a.users.size(), b.users.size());
  for (std::size_t i = 0; i < a.users.size(); ++i) {
    EXPECT_EQ(a.users[i].id, b.users[i].id);
    EXPECT_EQ(a.users[i].email, b.users[i].email);
  }
  for (std::size_t i = 0; i < a.queues.size(); ++i) EXPECT_EQ(a.queues[i].id, b.queues[i].id);
}

TEST(World, ActivityCategoryNamesRoundTrip) {
  for (auto name : activity_category_names()) EXPECT_EQ(to_string(*parse_activity_category(name)), name);
  EXPECT_FALSE(parse_activity_category("Unscheduled"));
  EXPECT_EQ(default_activity_code_name(ActivityCategory::OffQueueWork), "Off Queue Work");
}

// The id lookups index positions by hash: every entity is found by its id, an unknown or near id is not,
// and of two entities with one id (a hand-built world) the first wins.
TEST(World, LookupsFindEveryEntityByItsId) {
  const auto world = generate_world(default_scenario(), 1);
  for (const auto& org : world.orgs) {
    for (const auto& u : org.users) ASSERT_EQ(org.find_user(u.id), &u);
    for (const auto& q : org.queues) ASSERT_EQ(org.find_queue(q.id), &q);
    for (const auto& t : org.teams) ASSERT_EQ(org.find_team(t.id), &t);
    for (const auto& mu : org.management_units) ASSERT_EQ(org.find_management_unit(mu.id), &mu);
    EXPECT_EQ(org.find_user(org.queues.front().id), nullptr);
    EXPECT_EQ(org.find_user(org.users.front().id.substr(1)), nullptr);
    EXPECT_EQ(org.find_user(""), nullptr);
  }
  OrgWorld hand;
  hand.users.resize(3);
  hand.users[0].id = "u1";
  hand.users[1].id = "u2";
  hand.users[2].id = "u1";
  hand.build_indexes();
  EXPECT_EQ(hand.find_user("u1"), &hand.users[0]);
  EXPECT_EQ(hand.find_user("u2"), &hand.users[1]);
  EXPECT_EQ(hand.find_user("u3"), nullptr);
}
