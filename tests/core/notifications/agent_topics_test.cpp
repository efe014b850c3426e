// The agent topics over every harness kind: as the virtual clock moves through a working day, a channel
// subscribed to agents' activity, presence, routingStatus and adherence (user, MU and team topics) receives
// their changes, and at every step the latest event of each topic agrees with the REST adherence record and
// with GET /api/v2/users/{id}?expand=presence,routingStatus at that instant. A channel following one agent
// gets that agent's events only; a clock jump publishes at most the last hour; a schedule change mid-run is
// published as a fresh world publishes it, and so is a change of the roster.
#include <algorithm>
#include <map>
#include <set>

#include "channel_fixture.hpp"
#include "mockgc/core/scenario.hpp"

namespace mockgc::testing {
namespace {

using nlohmann::json;
using std::chrono::minutes;

class AgentTopics : public ChannelTest {
 protected:
  // The same world again from its start, as a fresh process serves it: the clock back at 09:00, no tokens.
  void restart_world() {
    harness_.reset();
    clock_ = std::make_unique<api::ManualClock>(*api::parse_instant("2026-03-02T09:00:00Z"));
    core::ServiceOptions o = options();
    o.clock = clock_.get();
    harness_ = GetParam().make(o);
    tokens_.clear();
  }

  // The first `n` members of the MU with a scheduled activity now (agents at work today).
  std::vector<std::string> members(const std::string& mu_id, std::size_t n) {
    auto j = get_json(kEmea, "/api/v2/workforcemanagement/managementunits/" + mu_id + "/adherence");
    std::vector<std::string> out;
    for (const auto& a : j["entities"])
      if (out.size() < n && a["scheduledActivityCategory"] != "Unscheduled") out.push_back(a["user"]["id"]);
    return out;
  }
};

TEST_P(AgentTopics, LatestEventsAgreeWithRestAtEveryInstant) {
  const std::string mu_id = mu();
  const auto agents = members(mu_id, 4);
  ASSERT_EQ(agents.size(), 4u);
  const std::string team_id = get_json(kEmea, "/api/v2/workforcemanagement/adherence?userId=" + agents[0])[0]["team"]["id"];
  json topics = json::array({"v2.workforcemanagement.managementunits." + mu_id + ".adherence",
                             "v2.workforcemanagement.teams." + team_id + ".adherence"});
  for (const auto& a : agents)
    for (const char* kind : {"activity", "presence", "routingStatus", "workforcemanagement.adherence"})
      topics.push_back("v2.users." + a + "." + kind);
  auto channel = create();
  auto answer = subscribe(channel["id"], topics);
  for (const auto& t : answer["entities"]) ASSERT_EQ(t["state"], "Permitted") << t;
  auto stream = connect(channel);

  // The latest event body per (topic, agent): the MU and team topics carry many agents.
  std::map<std::pair<std::string, std::string>, json> latest;
  std::map<std::string, int> count;  // events per topic kind
  std::set<std::string> routing_seen;
  int compared = 0;
  for (int step = 0; step < 48; ++step) {  // 09:00 to 17:00 London, a Monday
    clock_->advance(minutes(10));
    for (auto& e : events(*stream)) {
      const std::string topic = e["topicName"];
      const json& body = e["eventBody"];
      std::string who = body.contains("user") ? body["user"]["id"].get<std::string>() : "";
      std::string kind = topic.substr(topic.rfind('.') + 1);
      if (topic.rfind("v2.workforcemanagement.managementunits.", 0) == 0) kind = "mu-adherence";
      else if (topic.rfind("v2.workforcemanagement.teams.", 0) == 0) kind = "team-adherence";
      ++count[kind];
      if (kind == "routingStatus") routing_seen.insert(body["routingStatus"]["status"].get<std::string>());
      latest[{topic, who}] = body;
    }
    for (const auto& a : agents) {
      const json rest = get_json(kEmea, "/api/v2/workforcemanagement/adherence?userId=" + a)[0];
      const json user = get_json(kEmea, "/api/v2/users/" + a + "?expand=presence,routingStatus");
      auto last = [&](const std::string& topic, const std::string& who = "") -> const json* {
        auto it = latest.find({topic, who});
        return it == latest.end() ? nullptr : &it->second;
      };
      const std::string at = api::format_instant(clock_->now());
      for (const json* adh : {last("v2.users." + a + ".workforcemanagement.adherence", a),
                              last("v2.workforcemanagement.managementunits." + mu_id + ".adherence", a)}) {
        if (!adh) continue;
        ++compared;
        for (const char* field : {"scheduledActivityCategory", "systemPresence", "routingStatus", "actualActivityCategory",
                                  "adherenceState", "impact", "presenceUpdateTime"})
          EXPECT_EQ((*adh)[field], rest[field]) << a << " " << field << " at " << at;
        EXPECT_EQ((*adh)["adherenceChangeTime"], rest["timeOfAdherenceChange"]) << a << " at " << at;
        EXPECT_EQ((*adh)["managementUnitId"], rest["managementUnit"]["id"]);  // a string in the topic model
        EXPECT_EQ((*adh)["businessUnitId"], rest["businessUnit"]["id"]);
        EXPECT_FALSE(adh->contains("timeOfAdherenceChange"));
        EXPECT_EQ((*adh)["team"]["id"], rest["team"]["id"]);
        EXPECT_TRUE((*adh)["team"]["name"].is_string());
        EXPECT_EQ((*adh)["removedFromManagementUnit"], false);
        EXPECT_EQ(adh->value("scheduledActivityCode", json::object()).value("id", ""),
                  rest.value("scheduledActivityCode", json::object()).value("id", ""));
      }
      if (const json* p = last("v2.users." + a + ".presence")) {
        ++compared;
        EXPECT_EQ((*p)["presenceDefinition"]["id"], user["presence"]["presenceDefinition"]["id"]) << a << " at " << at;
        EXPECT_EQ((*p)["presenceDefinition"]["systemPresence"], user["presence"]["presenceDefinition"]["systemPresence"]);
        EXPECT_EQ((*p)["modifiedDate"], user["presence"]["modifiedDate"]) << a << " at " << at;
      }
      if (const json* r = last("v2.users." + a + ".routingStatus")) {
        ++compared;
        EXPECT_EQ((*r)["id"], a);
        EXPECT_EQ((*r)["routingStatus"]["status"], user["routingStatus"]["status"]) << a << " at " << at;
        EXPECT_EQ((*r)["routingStatus"]["startTime"], user["routingStatus"]["startTime"]) << a << " at " << at;
        EXPECT_EQ((*r)["routingStatus"]["status"], rest["routingStatus"]);
      }
      if (const json* act = last("v2.users." + a + ".activity")) {
        ++compared;
        EXPECT_EQ((*act)["routingStatus"]["status"], user["routingStatus"]["status"]) << a << " at " << at;
        EXPECT_EQ((*act)["routingStatus"]["startTime"], user["routingStatus"]["startTime"]);
        EXPECT_EQ((*act)["presence"]["presenceDefinition"]["id"], user["presence"]["presenceDefinition"]["id"]);
        EXPECT_EQ((*act)["presence"]["modifiedDate"], user["presence"]["modifiedDate"]);
      }
    }
  }
  EXPECT_GT(compared, 200);
  EXPECT_GT(count["activity"], 0);
  EXPECT_GT(count["presence"], 0);
  EXPECT_GT(count["adherence"], 0);
  // The MU topic carries every member, the user topics four of them; the team topic its members.
  EXPECT_GT(count["mu-adherence"], count["adherence"]);
  EXPECT_GT(count["team-adherence"], 0);
  // Agents handle the history's conversations: routing goes INTERACTING and back to IDLE.
  EXPECT_TRUE(routing_seen.contains("INTERACTING"));
  EXPECT_TRUE(routing_seen.contains("IDLE"));
}

// Every member of the MU, working or not (agents off since the weekend included), across UTC midnight when
// the look-back window of the "since" instants moves: the latest MU event of each agent is its REST record.
TEST_P(AgentTopics, MuTopicAgreesWithRestForEveryMemberAcrossMidnight) {
  clock_->advance(std::chrono::hours(14));  // Monday 23:00
  const std::string mu_id = mu();
  const std::string topic = "v2.workforcemanagement.managementunits." + mu_id + ".adherence";
  auto channel = create();
  subscribe(channel["id"], {topic});
  auto stream = connect(channel);
  std::map<std::string, json> latest;  // by agent
  int compared = 0;
  for (int step = 0; step < 12; ++step) {  // to Tuesday 01:00
    clock_->advance(minutes(10));
    for (auto& e : events(*stream)) latest[e["eventBody"]["user"]["id"].get<std::string>()] = e["eventBody"];
    const auto rest = get_json(kEmea, "/api/v2/workforcemanagement/managementunits/" + mu_id + "/adherence");
    for (const auto& r : rest["entities"]) {
      auto it = latest.find(r["user"]["id"].get<std::string>());
      if (it == latest.end()) continue;
      ++compared;
      for (const char* field : {"scheduledActivityCategory", "systemPresence", "routingStatus", "adherenceState",
                                "impact", "presenceUpdateTime"})
        EXPECT_EQ(it->second[field], r[field]) << it->first << " " << field << " at " << api::format_instant(clock_->now());
      EXPECT_EQ(it->second["adherenceChangeTime"], r["timeOfAdherenceChange"]) << it->first;
    }
  }
  EXPECT_GE(latest.size(), 5u);  // late leavers and overtime, and idle agents whose window moves at midnight
  EXPECT_GT(compared, 20);
}

TEST_P(AgentTopics, AChannelFollowingOneAgentGetsThatAgentOnly) {
  const auto agents = members(mu(), 1);
  ASSERT_EQ(agents.size(), 1u);
  const std::string topic = "v2.users." + agents[0] + ".activity";
  auto channel = create();
  auto answer = subscribe(channel["id"], {topic, "v2.workforcemanagement.managementunits." + mu(kApac) + ".adherence"});
  EXPECT_EQ(answer["entities"][0]["state"], "Permitted");
  EXPECT_EQ(answer["entities"][1]["state"], "Rejected");  // another org's MU
  auto stream = connect(channel);
  int got = 0;
  for (int step = 0; step < 24; ++step) {
    clock_->advance(minutes(10));
    for (const auto& e : events(*stream)) {
      EXPECT_EQ(e["topicName"], topic);
      EXPECT_EQ(e["eventBody"]["id"], agents[0]);
      EXPECT_EQ(e["version"], "2");
      // The activity topic spells system presences in upper case.
      const std::string sp = e["eventBody"]["presence"]["presenceDefinition"]["systemPresence"];
      EXPECT_TRUE(sp == "ON_QUEUE" || sp == "OFFLINE" || sp == "BREAK" || sp == "MEAL" || sp == "MEETING" ||
                  sp == "TRAINING")
          << sp;
      ++got;
    }
  }
  EXPECT_GT(got, 0);
}

TEST_P(AgentTopics, AClockJumpPublishesAtMostTheLastHour) {
  const auto agents = members(mu(), 1);
  ASSERT_EQ(agents.size(), 1u);
  auto channel = create();
  subscribe(channel["id"], {"v2.users." + agents[0] + ".activity"});
  auto stream = connect(channel);
  clock_->advance(std::chrono::hours(5));
  const auto floor = clock_->now() - std::chrono::hours(1);
  const auto got = events(*stream);
  ASSERT_FALSE(got.empty());
  for (const auto& e : got) {
    const auto& body = e["eventBody"];
    const auto changed = std::max(*api::parse_instant(body["routingStatus"]["startTime"].get<std::string>()),
                                  *api::parse_instant(body["presence"]["modifiedDate"].get<std::string>()));
    EXPECT_GT(changed, floor) << e;
  }
}

// The publisher visits an agent only when its next change comes (a calendar); a change of the schedule in
// force moves those instants. A shift trade approved mid-run gives its receiver the offered shift five minutes
// before it starts: the events after the approval are exactly those of a fresh world that approved the same
// trade at the same instant before anyone subscribed. (A calendar that kept its old instants would not visit
// the receiver, who had no change due, when the new shift starts.)
TEST_P(AgentTopics, AScheduleChangeMidRunIsPublishedAsAFreshWorldPublishesIt) {
  const std::string mu_id = mu();
  const std::string trades = "/api/v2/workforcemanagement/managementunits/" + mu_id + "/weeks/2026-03-09/shifttrades";
  const json listing = get_json(kEmea, trades);
  json trade;
  for (const auto& e : listing["entities"])
    if (e["trade"]["state"] == "Matched" && trade.is_null()) trade = e["trade"];
  ASSERT_FALSE(trade.is_null()) << listing;
  const std::string initiator = trade["initiatingUser"]["id"], receiver = trade["receivingUser"]["id"];
  const auto shift = *api::parse_instant(trade["initiatingShiftStart"].get<std::string>());
  const auto approve_at = shift - minutes(5);
  json topics = json::array({"v2.workforcemanagement.managementunits." + mu_id + ".adherence"});
  for (const auto& a : {initiator, receiver})
    for (const char* kind : {"activity", "presence", "routingStatus", "workforcemanagement.adherence"})
      topics.push_back("v2.users." + a + "." + kind);

  // "instant topic body" of every event after the approval, to an hour into the shift, 1 s steps.
  auto run = [&](bool subscribed_before) {
    clock_->set(subscribed_before ? approve_at - minutes(10) : approve_at);
    tokens_.clear();  // the week-old token has expired
    std::unique_ptr<core::notifications::Stream> stream;
    auto listen = [&] {
      auto channel = create();
      subscribe(channel["id"], topics);
      stream = connect(channel);
    };
    auto approve = [&] {
      const json change{{"id", trade["id"]}, {"state", "Approved"}, {"metadata", {{"version", trade["metadata"]["version"]}}}};
      auto res = send_json(kEmea, "POST", trades + "/state/bulk", {{"entities", json::array({change})}});
      EXPECT_EQ(res.status, 200) << res.body;
      EXPECT_EQ(body_json(res)["result"]["entities"][0]["state"], "Approved") << res.body;
    };
    if (subscribed_before) {
      listen();
      while (clock_->now() < approve_at) {
        clock_->advance(std::chrono::seconds(1));
        events(*stream);
      }
      approve();
    } else {
      approve();
      listen();
      events(*stream);  // what a first pull catches up on (at most the last hour, to the approval): not compared
    }
    std::vector<std::string> seen;
    while (clock_->now() < shift + minutes(60)) {
      clock_->advance(std::chrono::seconds(1));
      for (const auto& e : events(*stream))
        seen.push_back(api::format_instant(clock_->now()) + " " + e["topicName"].get<std::string>() + " " +
                       e["eventBody"].dump());
    }
    return seen;
  };
  const auto mid_run = run(true);

  restart_world();
  const auto fresh = run(false);

  EXPECT_EQ(mid_run, fresh);
  // The receiver works the offered shift: its state and adherence topics speak of it.
  const auto receiver_events = std::count_if(fresh.begin(), fresh.end(), [&](const std::string& line) {
    return line.find("v2.users." + receiver + ".activity") != std::string::npos;
  });
  EXPECT_GT(receiver_events, 0);
}

// The default world whose first EMEA management unit loses ten members at PT30M (remove_agents, 09:30).
class AgentTopicsRoster : public AgentTopics {
 protected:
  core::ServiceOptions options() override {
    json scenario = json::parse(core::default_scenario_text());
    scenario.erase("expect");
    scenario["faults"] = json::array({{{"type", "data"}, {"action", "remove_agents"}, {"id", "leave"}, {"at", "PT30M"},
                                       {"management_unit", "EMEA Customer Care MU 1"}, {"count", 10}}});
    core::ServiceOptions o;
    o.scenario_text = scenario.dump();
    return o;
  }
};

// The same for the roster: after the removal the MU topic carries its remaining members only, exactly as a
// fresh world in which the removal had happened before anyone subscribed.
TEST_P(AgentTopicsRoster, ARemovalMidRunIsPublishedAsAFreshWorldPublishesIt) {
  const std::string topic = "v2.workforcemanagement.managementunits." + mu() + ".adherence";
  const auto removal = clock_->now() + minutes(30);
  auto run = [&](bool subscribed_before) {
    std::unique_ptr<core::notifications::Stream> stream;
    if (!subscribed_before) clock_->set(removal);
    auto channel = create();  // a request at the removal instant applies it
    subscribe(channel["id"], {topic});
    stream = connect(channel);
    events(*stream);  // (a fresh world's catch-up to the removal: not compared)
    std::vector<std::string> seen;
    while (clock_->now() < removal + minutes(90)) {
      clock_->advance(std::chrono::seconds(1));
      for (const auto& e : events(*stream))
        if (clock_->now() > removal)
          seen.push_back(api::format_instant(clock_->now()) + " " + e["eventBody"].dump());
    }
    return seen;
  };
  const auto mid_run = run(true);

  restart_world();
  const auto fresh = run(false);

  EXPECT_EQ(mid_run, fresh);
  EXPECT_GT(fresh.size(), 10u);
}

}  // namespace
MOCKGC_INSTANTIATE_FOR_HARNESSES(AgentTopics);
MOCKGC_INSTANTIATE_FOR_HARNESSES(AgentTopicsRoster);
}  // namespace mockgc::testing
