// The agent topics (genesys-notifications.md §2b): v2.users.{id}.activity, .presence, .routingStatus and the
// adherence topics of a user, a management unit and a team, published from the agent state process as the
// world clock moves. Only subscribed topics are computed: the agents followed are those the region's live
// channels name (directly, or as members of a subscribed MU or team), so the cost follows the subscriptions.
//
// Every event carries the state at its own instant, rendered by the same functions as the REST answers
// (users?expand=presence,routingStatus and the WFM adherence endpoints), so the latest event of a topic and
// the REST record agree at any instant after it.
#include <fmt/format.h>

#include <algorithm>
#include <unordered_map>

#include "notifications/topics.hpp"
#include "service_impl.hpp"
#include "wfm/user_analytics.hpp"

namespace mockgc::core {
namespace {

// A clock jump publishes at most this much of the past (older changes are skipped): the work of one step is
// bounded by the subscribed agents and this window.
constexpr Millis kMaxCatchUp = std::chrono::hours(1);
// On a real clock, publishing runs at most once per world second (every socket pull and request asks).
constexpr Millis kMinStep = std::chrono::seconds(1);
constexpr Millis kTick = Millis(1);

// What the channels of a region follow of one agent.
struct Follow {
  const User* user = nullptr;
  bool activity = false, presence = false, routing = false;
  std::vector<std::string> adherence;  // adherence topics (user, MU, team) that carry this agent
};

struct Event {
  Instant at{};
  std::string topic;
  json body;
};

json presence_event(const ServiceImpl& service, const OrgState& org, const User& u, Instant t) {
  json p = user_presence_json(service, org, u, t);
  p["presenceDefinition"].erase("selfUri");
  p["message"] = "";
  return p;
}

json activity_event(const ServiceImpl& service, const OrgState& org, const User& u, Instant t) {
  const json p = user_presence_json(service, org, u, t);
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
std::vector<Follow> followed(const OrgState& org, const std::vector<std::string>& topics) {
  std::vector<Follow> out;
  std::unordered_map<std::string_view, std::size_t> index;
  auto follow = [&](const User& u) -> Follow& {
    auto [it, inserted] = index.emplace(u.id, out.size());
    if (inserted) out.push_back(Follow{&u, false, false, false, {}});
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

}  // namespace

void ServiceImpl::publish_agent_topics(Instant now) {
  for (auto& org_ptr : orgs_) {
    OrgState& org = *org_ptr;
    const std::string& region = org.world->region;
    if (!serves(region)) continue;
    std::lock_guard lock(org.agent_topics_mutex);
    if (now <= org.agent_topics_until || (!virtual_clock_ && now - org.agent_topics_until < kMinStep)) continue;
    const Instant t0 = std::max(org.agent_topics_until, now - kMaxCatchUp);
    org.agent_topics_until = now;
    const auto topics = hub_->subscribed_topics(region, now);
    if (topics.empty()) continue;
    const auto follows = followed(org, topics);
    if (follows.empty()) continue;

    std::vector<const User*> users;
    for (const auto& f : follows) users.push_back(f.user);
    std::unordered_map<const User*, const Follow*> by_user;
    for (const auto& f : follows) by_user.emplace(f.user, &f);
    std::vector<Event> events;
    std::unordered_map<const User*, std::vector<Instant>> changed_at;  // agent state changes, for adherence
    for (const auto& tr : org.agents->transitions(t0, now, users)) {
      const Follow& f = *by_user.at(tr.user);
      const User& u = *tr.user;
      if (f.activity) events.push_back({tr.at, fmt::format("v2.users.{}.activity", u.id), activity_event(*this, org, u, tr.at)});
      if (f.presence && tr.presence_changed())
        events.push_back({tr.at, fmt::format("v2.users.{}.presence", u.id), presence_event(*this, org, u, tr.at)});
      if (f.routing && tr.routing_changed())
        events.push_back({tr.at, fmt::format("v2.users.{}.routingStatus", u.id),
                          {{"id", u.id}, {"routingStatus", user_routing_status_json(org, u, tr.at)}}});
      if (!f.adherence.empty()) changed_at[&u].push_back(tr.at);
    }
    // Adherence: the record changes with the agent's state or with the schedule; an event goes out where
    // the record differs from the one just before.
    for (const auto& f : follows) {
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
    for (const auto& e : events) notify(region, e.topic, e.body, e.at);
  }
}

}  // namespace mockgc::core
