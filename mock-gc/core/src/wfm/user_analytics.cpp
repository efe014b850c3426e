#include "user_analytics.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <map>
#include <tuple>

#include "mockgc/api/time.hpp"

namespace mockgc::core::wfm {
namespace {

using json = nlohmann::json;

constexpr std::array<std::string_view, 5> kUserMetrics = {"nOffered", "tAgentRoutingStatus", "tHandle",
                                                          "tOrganizationPresence", "tSystemPresence"};
constexpr std::array<std::string_view, 3> kUserDimensions = {"mediaType", "queueId", "userId"};
constexpr std::array<std::string_view, 1> kUserDetailDimensions = {"userId"};
constexpr std::size_t kNone = static_cast<std::size_t>(-1);
constexpr std::size_t kStates = 6;  // ActualState values
constexpr std::size_t kRoutings = 3;

UserMetric user_metric_of(std::string_view name) {
  if (name == "tAgentRoutingStatus") return UserMetric::tAgentRoutingStatus;
  if (name == "tSystemPresence") return UserMetric::tSystemPresence;
  if (name == "tOrganizationPresence") return UserMetric::tOrganizationPresence;
  if (name == "tHandle") return UserMetric::tHandle;
  return UserMetric::nOffered;
}

// What one group gathers in one bucket.
struct UserCell {
  std::array<std::uint64_t, kRoutings> routing_ms{};
  std::array<std::uint64_t, kStates> presence_ms{};
  TimeTotal handle;
  std::uint64_t offered = 0;
  bool any_time = false;
};

// The window's data end: the last 15-minute boundary before now.
Instant data_end(const QueryWindow& w, Instant now) { return std::min(w.end, floor_interval(now)); }

}  // namespace

std::string_view analytics_system_presence(ActualState a) {
  switch (a) {
    case ActualState::Offline: return "OFFLINE";
    case ActualState::OnQueue: return "ON_QUEUE";
    case ActualState::Break: return "BREAK";
    case ActualState::Meal: return "MEAL";
    case ActualState::Meeting: return "MEETING";
    case ActualState::Training: return "TRAINING";
  }
  return "OFFLINE";
}

std::variant<UserAggregateQuery, ApiError> parse_user_aggregate_query(const json& body, bool async,
                                                                       const ApiLimits& limits) {
  if (!body.is_object()) return bad_request("The request body must be a UserAggregationQuery object.");
  UserAggregateQuery q;
  if (auto err = parse_query_window(body, async, true, q, limits)) return *err;
  GroupBy group_by;
  if (auto err = parse_group_by(body, kUserDimensions, "UserAggregationQuery.groupBy", group_by)) return *err;
  q.by_user = group_by.has("userId");
  q.by_queue = group_by.has("queueId");
  q.by_media = group_by.has("mediaType");
  if (auto f = body.find("filter"); f != body.end() && !f->is_null()) {
    Filter filter;
    if (auto err = parse_filter(*f, kUserDimensions, "UserAggregateQueryPredicate.dimension", filter))
      return at_field(*err, "filter");
    q.filter = std::move(filter);
  }
  std::vector<std::string> metrics;
  if (auto err = parse_metric_names(body, kUserMetrics, "UserAggregateMetric", R"(["tAgentRoutingStatus","tSystemPresence"])",
                                    metrics))
    return *err;
  for (auto& name : metrics) {
    const UserMetric metric = user_metric_of(name);
    q.metrics.emplace_back(std::move(name), metric);
  }
  if (auto err = parse_job_page_size(body, async, limits, q.page_size)) return *err;
  return q;
}

json run_user_aggregate_query(const UserAggregateQuery& q, const AgentStates& agents,
                              const std::vector<std::string>& presence_ids, Instant now) {
  const Instant from = q.start;
  const Instant to = data_end(q, now);
  const auto& demand = agents.workforce().demand();
  Bucketer bucketer(q);
  // (user, queue, media) -> bucket -> cell; kNone where not grouped.
  std::map<std::tuple<std::size_t, std::size_t, std::size_t>, std::map<std::int64_t, UserCell>> groups;
  const bool time_metrics = !q.by_queue && !q.by_media;
  const auto& users = agents.workforce().agents();
  for (std::size_t ui = 0; ui < users.size() && from < to; ++ui) {
    const User& u = *users[ui];
    const std::size_t gu = q.by_user ? ui : kNone;
    // Routing status and presence time, split at bucket boundaries.
    if (time_metrics && (!q.filter || matches(*q.filter, u.id, "", ""))) {
      auto& buckets = groups[{gu, kNone, kNone}];
      for (const auto& span : agents.timeline(u, from, to)) {
        for (Instant t = span.start; t < span.end;) {
          const std::int64_t key = bucketer.key(t);
          const Instant end = std::min(span.end, bucketer.bounds(key).second);
          auto& cell = buckets[key];
          const auto ms = static_cast<std::uint64_t>((end - t).count());
          cell.routing_ms[static_cast<std::size_t>(span.state.routing)] += ms;
          cell.presence_ms[static_cast<std::size_t>(span.state.presence)] += ms;
          cell.any_time = true;
          t = end;
        }
      }
    }
    // Conversations: offered at the answer, handled where handling ends.
    std::vector<Interaction> seen;
    for (const auto& span : agents.timeline(u, from - HistoryStore::kMaxHandle, to)) {
      if (!span.state.interaction) continue;
      const Interaction& i = *span.state.interaction;
      if (!seen.empty() && seen.back() == i) continue;
      seen.push_back(i);
      const QueueDemand& qd = demand.queues()[i.queue];
      const std::string_view media = to_string(qd.media);
      if (q.filter && !matches(*q.filter, u.id, qd.queue_id, media)) continue;
      auto& buckets = groups[{gu, q.by_queue ? i.queue : kNone, q.by_media ? static_cast<std::size_t>(qd.media) : kNone}];
      if (i.start >= from && i.start < to) ++buckets[bucketer.key(floor_interval(i.start))].offered;
      if (i.end >= from && i.end < to) {
        TimeStat s;
        s.add(i.handle_ms);
        buckets[bucketer.key(floor_interval(i.end))].handle.merge(s);
      }
    }
  }

  json results = json::array();
  for (const auto& [key, buckets] : groups) {
    const auto& [gu, gq, gm] = key;
    json data = json::array();
    for (const auto& [bk, cell] : buckets) {
      json metrics = json::array();
      for (const auto& [name, metric] : q.metrics) {
        switch (metric) {
          case UserMetric::tAgentRoutingStatus:
            for (std::size_t r = 0; r < kRoutings; ++r)
              if (cell.routing_ms[r])
                metrics.push_back({{"metric", name},
                                   {"qualifier", std::string(to_string(static_cast<RoutingStatus>(r)))},
                                   {"stats", {{"sum", cell.routing_ms[r]}}}});
            break;
          case UserMetric::tSystemPresence:
          case UserMetric::tOrganizationPresence:
            for (std::size_t p = 0; p < kStates; ++p)
              if (cell.presence_ms[p]) {
                const auto a = static_cast<ActualState>(p);
                metrics.push_back({{"metric", name},
                                   {"qualifier", metric == UserMetric::tSystemPresence
                                                     ? std::string(analytics_system_presence(a))
                                                     : presence_ids.at(p)},
                                   {"stats", {{"sum", cell.presence_ms[p]}}}});
              }
            break;
          case UserMetric::tHandle:
            if (cell.handle.count)
              metrics.push_back({{"metric", name},
                                 {"stats",
                                  {{"max", cell.handle.max_ms},
                                   {"min", cell.handle.min_ms},
                                   {"count", cell.handle.count},
                                   {"sum", cell.handle.sum_ms}}}});
            break;
          case UserMetric::nOffered:
            if (cell.offered) metrics.push_back({{"metric", name}, {"stats", {{"count", cell.offered}}}});
            break;
        }
      }
      if (!metrics.empty()) data.push_back({{"interval", bucketer.interval(bk)}, {"metrics", std::move(metrics)}});
    }
    if (data.empty()) continue;
    json group = json::object();
    if (gu != kNone) group["userId"] = users[gu]->id;
    if (gq != kNone) group["queueId"] = demand.queues()[gq].queue_id;
    if (gm != kNone) group["mediaType"] = std::string(to_string(static_cast<MediaType>(gm)));
    results.push_back({{"group", std::move(group)}, {"data", std::move(data)}});
  }
  if (results.empty()) return json::object();
  return {{"results", std::move(results)}};
}

std::variant<UserDetailsQuery, ApiError> parse_user_details_query(const json& body, bool async, const ApiLimits& limits) {
  if (!body.is_object())
    return bad_request(fmt::format("The request body must be a{} object.", async ? "n AsyncUserDetailsQuery" : " UserDetailsQuery"));
  UserDetailsQuery q;
  if (auto err = parse_query_window(body, async, false, q, limits)) return *err;
  if (auto err = parse_order(body, "UserDetailsQuery.order", q.descending)) return *err;
  if (auto err = async ? parse_job_limit(body, q.limit) : parse_paging(body, 100, q.page_size, q.page_number)) return *err;
  std::vector<Filter> user_filters;
  if (auto err = parse_filter_list(body, "userFilters", kUserDetailDimensions, "UserDetailQueryPredicate.dimension",
                                   user_filters))
    return *err;
  if (!user_filters.empty()) {
    Filter all;  // every userFilters entry must hold
    all.clauses = std::move(user_filters);
    q.user_filter = std::move(all);
  }
  for (const char* unsupported : {"presenceFilters", "routingStatusFilters", "presenceAggregations",
                                  "routingStatusAggregations"})
    if (auto x = body.find(unsupported); x != body.end() && !x->is_null())
      return at_field(bad_request(fmt::format("{} is not supported by mock-gc; filter the returned segments instead.",
                                              unsupported)),
                      unsupported);
  return q;
}

std::vector<const User*> select_users(const UserDetailsQuery& q, const AgentStates& agents) {
  std::vector<const User*> users;
  for (const User* u : agents.workforce().agents())
    if (!q.user_filter || matches(*q.user_filter, u->id, "", "")) users.push_back(u);
  if (q.descending) std::reverse(users.begin(), users.end());
  if (q.limit >= 0 && users.size() > static_cast<std::size_t>(q.limit)) users.resize(static_cast<std::size_t>(q.limit));
  return users;
}

json render_user_details(const UserDetailsQuery& q, const AgentStates& agents, const std::vector<std::string>& presence_ids,
                         Instant now, std::span<const User* const> users) {
  const Instant to = std::min(q.end, now);
  json details = json::array();
  for (const User* user : users) {
    if (q.start >= to) break;
    const User& u = *user;
    json presence = json::array(), routing = json::array();
    for (const auto& span : agents.timeline(u, q.start, to)) {
      const auto a = api::format_instant(span.start), b = api::format_instant(span.end);
      const auto p = static_cast<std::size_t>(span.state.presence);
      const std::string sp(analytics_system_presence(span.state.presence));
      if (presence.empty() || presence.back()["systemPresence"].get<std::string>() != sp) {
        presence.push_back({{"startTime", a},
                            {"endTime", b},
                            {"systemPresence", sp},
                            {"organizationPresenceId", presence_ids.at(p)}});
      } else {
        presence.back()["endTime"] = b;
      }
      const std::string r(to_string(span.state.routing));
      if (routing.empty() || routing.back()["routingStatus"].get<std::string>() != r) {
        routing.push_back({{"startTime", a}, {"endTime", b}, {"routingStatus", r}});
      } else {
        routing.back()["endTime"] = b;
      }
    }
    details.push_back({{"userId", u.id}, {"primaryPresence", std::move(presence)}, {"routingStatus", std::move(routing)}});
  }
  return details;
}

json run_user_details_query(const UserDetailsQuery& q, const AgentStates& agents,
                            const std::vector<std::string>& presence_ids, Instant now) {
  const auto users = select_users(q, agents);
  const std::size_t total = users.size();
  const std::size_t first = std::min(total, static_cast<std::size_t>(q.page_number - 1) * static_cast<std::size_t>(q.page_size));
  const std::size_t last = std::min(total, first + static_cast<std::size_t>(q.page_size));
  json details = render_user_details(q, agents, presence_ids, now, std::span(users).subspan(first, last - first));
  json out = {{"totalHits", total}};
  if (!details.empty()) out["userDetails"] = std::move(details);
  return out;
}

}  // namespace mockgc::core::wfm
