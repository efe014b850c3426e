// The agent topics (genesys-notifications.md §2b): v2.users.{id}.activity, .presence, .routingStatus and the
// adherence topics of a user, a management unit and a team, published from the agent state process as the
// world clock moves. Only subscribed topics are computed: the agents followed are those the region's live
// channels name (directly, or as members of a subscribed MU or team), and a step visits only the followed
// agents whose next change has come (the calendar of agent_topics.hpp), so its cost follows the changes due.
//
// Every event carries the state at its own instant, rendered by the same functions as the REST answers
// (users?expand=presence,routingStatus and the WFM adherence endpoints), so the latest event of a topic and
// the REST record agree at any instant after it.
#include <fmt/format.h>

#include <algorithm>
#include <numeric>
#include <unordered_map>

#include "notifications/topics.hpp"
#include "world_epoch.hpp"
#include "wfm/user_analytics.hpp"

namespace mockgc::core {
namespace {

// A clock jump publishes at most this much of the past (older changes are skipped): the work of one step is
// bounded by the subscribed agents and this window.
constexpr Millis kMaxCatchUp = std::chrono::hours(1);
// On a real clock, publishing runs at most once per world second (every socket pull and request asks).
constexpr Millis kMinStep = std::chrono::seconds(1);
constexpr Millis kTick = Millis(1);

struct Event {
  Instant at{};
  std::string topic;
  json body;
};

json presence_event(const HandlerContext& epoch, const OrgState& org, const User& u, Instant t) {
  json p = user_presence_json(epoch, org, u, t);
  p["presenceDefinition"].erase("selfUri");
  p["message"] = "";
  return p;
}

json activity_event(const HandlerContext& epoch, const OrgState& org, const User& u, Instant t) {
  const json p = user_presence_json(epoch, org, u, t);
  const auto& definition = p["presenceDefinition"];
  return {{"id", u.id},
          {"routingStatus", user_routing_status_json(org, u, t)},
          {"presence",
           {{"presenceDefinition",
             {{"id", definition["id"]},
              // Upper case, as delivered activity events spell it (genesys-notifications.md §2b pitfall 2:
              // UNCERTAIN; the presence topic keeps the definitions' "On Queue").
              {"systemPresence", std::string(wfm::analytics_system_presence(org.agents->at(u, t).presence))}}},
            {"presenceMessage", ""},
            {"modifiedDate", p["modifiedDate"]}}},
          {"outOfOffice", {{"active", false}}},
          {"activeQueueIds", json::array()}};
}

// The agents `topics` follow in `org`, in the order the (sorted) topics first name them.
std::vector<AgentFollow> followed(const OrgState& org, const std::vector<std::string>& topics) {
  std::vector<AgentFollow> out;
  std::unordered_map<std::string_view, std::size_t> index;
  auto follow = [&](const User& u) -> AgentFollow& {
    auto [it, inserted] = index.emplace(u.id, out.size());
    if (inserted) out.push_back(AgentFollow{&u, false, false, false, {}});
    return out[it->second];
  };
  for (const auto& topic : topics) {
    const auto match = notifications::match_topic(topic);
    if (!match) continue;
    const std::string_view pattern = match->spec->pattern;
    if (pattern == "v2.workforcemanagement.managementunits.{id}.adherence") {
      if (const auto* mu = org.world->find_management_unit(match->id))
        for (const User* u : roster_members(org, *mu)) follow(*u).adherence.push_back(topic);
    } else if (pattern == "v2.workforcemanagement.teams.{id}.adherence") {
      if (const auto* team = org.world->find_team(match->id))
        for (const User* u : roster_members(org, *team)) follow(*u).adherence.push_back(topic);
    } else if (const User* u = roster_find_user(org, match->id); u && pattern.starts_with("v2.users.{id}.")) {
      if (pattern == "v2.users.{id}.activity") follow(*u).activity = true;
      else if (pattern == "v2.users.{id}.presence") follow(*u).presence = true;
      else if (pattern == "v2.users.{id}.routingStatus") follow(*u).routing = true;
      else if (pattern == "v2.users.{id}.workforcemanagement.adherence") follow(*u).adherence.push_back(topic);
    }
  }
  return out;
}

// The events of the follows `visit` (indices into `follows`, ascending) in (t0, now], in publish order: by
// instant; at one instant the state topics (activity, presence, routing status) before the adherence topics,
// each in follow order. Agents outside `visit` contribute nothing then, so the order is the one all the
// follows would give.
std::vector<Event> agent_events(const HandlerContext& epoch, const OrgState& org, const std::vector<AgentFollow>& follows,
                                const std::vector<std::size_t>& visit, Instant t0, Instant now) {
  std::vector<const User*> users;
  std::unordered_map<const User*, const AgentFollow*> by_user;
  for (std::size_t i : visit) {
    users.push_back(follows[i].user);
    by_user.emplace(follows[i].user, &follows[i]);
  }
  std::vector<Event> events;
  std::unordered_map<const User*, std::vector<Instant>> changed_at;  // agent state changes, for adherence
  for (const auto& tr : org.agents->transitions(t0, now, users)) {
    const AgentFollow& f = *by_user.at(tr.user);
    const User& u = *tr.user;
    if (f.activity) events.push_back({tr.at, fmt::format("v2.users.{}.activity", u.id), activity_event(epoch, org, u, tr.at)});
    if (f.presence && tr.presence_changed())
      events.push_back({tr.at, fmt::format("v2.users.{}.presence", u.id), presence_event(epoch, org, u, tr.at)});
    if (f.routing && tr.routing_changed())
      events.push_back({tr.at, fmt::format("v2.users.{}.routingStatus", u.id),
                        {{"id", u.id}, {"routingStatus", user_routing_status_json(org, u, tr.at)}}});
    if (!f.adherence.empty()) changed_at[&u].push_back(tr.at);
  }
  // Adherence: the record changes with the agent's state or with the schedule; an event goes out where
  // the record differs from the one just before.
  for (std::size_t i : visit) {
    const AgentFollow& f = follows[i];
    if (f.adherence.empty()) continue;
    auto candidates = org.workforce->adherence_boundaries(*f.user, t0, now);
    // The agent state process's look-back window (AgentStates::presence_since) moves at UTC midnights.
    for (Instant d = std::chrono::ceil<std::chrono::days>(t0 + kTick); d <= now; d += std::chrono::days(1))
      candidates.push_back(d);
    if (auto it = changed_at.find(f.user); it != changed_at.end())
      candidates.insert(candidates.end(), it->second.begin(), it->second.end());
    std::sort(candidates.begin(), candidates.end());
    candidates.erase(std::unique(candidates.begin(), candidates.end()), candidates.end());
    for (Instant b : candidates) {
      json record = adherence_json(org, *f.user, b, AdherenceModel::topic);
      if (record == adherence_json(org, *f.user, b - kTick, AdherenceModel::topic)) continue;
      for (const auto& topic : f.adherence) events.push_back({b, topic, record});
    }
  }
  std::stable_sort(events.begin(), events.end(), [](const Event& a, const Event& b) { return a.at < b.at; });
  return events;
}

}  // namespace

void WorldEpoch::publish_agent_topics(Instant now) {
  for (auto& org_ptr : orgs_) {
    OrgState& org = *org_ptr;
    const std::string& region = org.world->region;
    if (!serves(region)) continue;
    std::lock_guard lock(org.agent_topics_mutex);
    if (now <= org.agent_topics_until || (!virtual_clock_ && now - org.agent_topics_until < kMinStep)) continue;
    const Instant t0 = std::max(org.agent_topics_until, now - kMaxCatchUp);
    org.agent_topics_until = now;
    AgentTopicCalendar& calendar = org.agent_topics;
    auto topics = hub_->subscribed_topics(region, now);
    const std::uint64_t roster = org.roster_version.load(std::memory_order_acquire);
    const std::uint64_t generation = org.workforce->schedule_generation();
    std::vector<std::size_t> visit;
    if (!calendar.built || topics != calendar.topics || roster != calendar.roster_version ||
        generation != calendar.schedule_generation) {
      // What the calendar was derived from changed: follow again, every agent due now.
      calendar = AgentTopicCalendar{};
      calendar.built = true;
      calendar.topics = std::move(topics);
      calendar.roster_version = roster;
      calendar.schedule_generation = generation;
      calendar.follows = followed(org, calendar.topics);
      visit.resize(calendar.follows.size());
      std::iota(visit.begin(), visit.end(), std::size_t{0});
    } else {
      while (!calendar.due.empty() && calendar.due.top().first <= now) {
        visit.push_back(calendar.due.top().second);
        calendar.due.pop();
      }
      std::sort(visit.begin(), visit.end());
    }
    if (visit.empty()) continue;
    for (const auto& e : agent_events(*this, org, calendar.follows, visit, t0, now)) notify(region, e.topic, e.body, e.at);
    for (std::size_t i : visit) calendar.due.push({org.agents->next_change(*calendar.follows[i].user, now), i});
  }
}

}  // namespace mockgc::core
