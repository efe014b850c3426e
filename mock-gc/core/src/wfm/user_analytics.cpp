#include "user_analytics.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <map>
#include <tuple>

#include "json_text.hpp"
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

namespace {

// (user, queue, media) -> bucket -> cell; kNone where not grouped. In response order.
using UserGroups = std::map<std::tuple<std::size_t, std::size_t, std::size_t>, std::map<std::int64_t, UserCell>>;

UserGroups user_groups(const UserAggregateQuery& q, const AgentStates& agents, Instant now) {
  const Instant from = q.start;
  const Instant to = data_end(q, now);
  const auto& demand = agents.workforce().demand();
  Bucketer bucketer(q);
  UserGroups groups;
  const bool time_metrics = !q.by_queue && !q.by_media;
  const auto& users = agents.workforce().agents();
  const auto held = agents.hold(from - HistoryStore::kMaxHandle, to);  // every user reads the same days
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
  return groups;
}

// "start/end" of each bucket, formatted once: every group has the same buckets.
class Intervals {
 public:
  explicit Intervals(const QueryWindow& w) : bucketer_(w) {}
  const std::string& operator()(std::int64_t key) {
    const auto k = static_cast<std::size_t>(key);
    if (k >= texts_.size()) texts_.resize(k + 1);
    if (texts_[k].empty()) texts_[k] = bucketer_.interval(key);
    return texts_[k];
  }

 private:
  Bucketer bucketer_;
  std::vector<std::string> texts_;
};

// One group's text, {"data":[…],"group":{…}}, as run_user_aggregate_query's DOM dumps it; nothing when no
// bucket of it has a metric.
void append_user_group(std::string& out, const UserAggregateQuery& q, const AgentStates& agents,
                       const std::vector<std::string>& presence_ids, const UserGroups::value_type& group,
                       Intervals& intervals) {
  const auto& [key, buckets] = group;
  const auto& [gu, gq, gm] = key;
  const std::size_t mark = out.size();
  bool any_bucket = false;
  out += "{\"data\":[";
  for (const auto& [bk, cell] : buckets) {
    const std::size_t bucket_mark = out.size();
    out += any_bucket ? ",{\"interval\":" : "{\"interval\":";
    text::append_string(out, intervals(bk));
    out += ",\"metrics\":[";
    bool any_metric = false;
    auto open = [&](const std::string& name) {
      out += any_metric ? ",{\"metric\":" : "{\"metric\":";
      any_metric = true;
      text::append_string(out, name);
    };
    auto sum = [&](const std::string& name, std::string_view qualifier, std::uint64_t ms) {
      open(name);
      out += ",\"qualifier\":";
      text::append_string(out, qualifier);
      out += ",\"stats\":{\"sum\":";
      text::append_uint(out, ms);
      out += "}}";
    };
    for (const auto& [name, metric] : q.metrics) {
      switch (metric) {
        case UserMetric::tAgentRoutingStatus:
          for (std::size_t r = 0; r < kRoutings; ++r)
            if (cell.routing_ms[r]) sum(name, to_string(static_cast<RoutingStatus>(r)), cell.routing_ms[r]);
          break;
        case UserMetric::tSystemPresence:
        case UserMetric::tOrganizationPresence:
          for (std::size_t p = 0; p < kStates; ++p)
            if (cell.presence_ms[p])
              sum(name,
                  metric == UserMetric::tSystemPresence ? analytics_system_presence(static_cast<ActualState>(p))
                                                        : std::string_view(presence_ids.at(p)),
                  cell.presence_ms[p]);
          break;
        case UserMetric::tHandle:
          if (cell.handle.count) {
            open(name);
            out += ",\"stats\":";
            text::append_stats(out, Metric::tHandle, MetricCell{.time = cell.handle});
            out += '}';
          }
          break;
        case UserMetric::nOffered:
          if (cell.offered) {
            open(name);
            out += ",\"stats\":{\"count\":";
            text::append_uint(out, cell.offered);
            out += "}}";
          }
          break;
      }
    }
    if (!any_metric) {
      out.resize(bucket_mark);
      continue;
    }
    out += "]}";
    any_bucket = true;
  }
  if (!any_bucket) {
    out.resize(mark);
    return;
  }
  // The group object's keys in sorted order: mediaType, queueId, userId.
  out += "],\"group\":{";
  bool first = true;
  auto field = [&](std::string_view name, std::string_view value) {
    if (!first) out += ',';
    first = false;
    text::append_string(out, name);
    out += ':';
    text::append_string(out, value);
  };
  if (gm != kNone) field("mediaType", to_string(static_cast<MediaType>(gm)));
  if (gq != kNone) field("queueId", agents.workforce().demand().queues()[gq].queue_id);
  if (gu != kNone) field("userId", agents.workforce().agents()[gu]->id);
  out += "}}";
}

}  // namespace

std::vector<std::string> user_aggregate_rows(const UserAggregateQuery& q, const AgentStates& agents,
                                             const std::vector<std::string>& presence_ids, Instant now) {
  const UserGroups groups = user_groups(q, agents, now);
  Intervals intervals(q);
  std::vector<std::string> rows;
  std::string row;
  for (const auto& group : groups) {
    append_user_group(row, q, agents, presence_ids, group, intervals);
    if (!row.empty()) rows.push_back(std::move(row));
    row.clear();
  }
  return rows;
}

std::string run_user_aggregate_query_text(const UserAggregateQuery& q, const AgentStates& agents,
                                          const std::vector<std::string>& presence_ids, Instant now) {
  const UserGroups groups = user_groups(q, agents, now);
  Intervals intervals(q);
  std::string out = "{\"results\":[";
  const std::size_t empty = out.size();
  for (const auto& group : groups) {
    const std::size_t mark = out.size();
    if (mark != empty) out += ',';
    const std::size_t start = out.size();
    append_user_group(out, q, agents, presence_ids, group, intervals);
    if (out.size() == start) out.resize(mark);
  }
  if (out.size() == empty) return "{}";
  out += "]}";
  return out;
}

json run_user_aggregate_query(const UserAggregateQuery& q, const AgentStates& agents,
                              const std::vector<std::string>& presence_ids, Instant now) {
  const UserGroups groups = user_groups(q, agents, now);
  const auto& demand = agents.workforce().demand();
  const auto& users = agents.workforce().agents();
  Bucketer bucketer(q);
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
  const auto held = agents.hold(q.start, to);  // every user reads the same days
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

namespace {

// render_user_details' array as text: the users' presence and routing-status segments, a run of spans with
// the same value merged into one.
void append_user_details(std::string& out, const UserDetailsQuery& q, const AgentStates& agents,
                         const std::vector<std::string>& presence_ids, Instant now, std::span<const User* const> users) {
  const Instant to = std::min(q.end, now);
  struct Run {
    Instant start, end;
    std::size_t value;
  };
  std::vector<Run> presence, routing;
  const auto held = agents.hold(q.start, to);  // every user reads the same days
  out += '[';
  bool first_user = true;
  for (const User* user : users) {
    if (q.start >= to) break;
    presence.clear();
    routing.clear();
    for (const auto& span : agents.timeline(*user, q.start, to)) {
      const auto p = static_cast<std::size_t>(span.state.presence);
      if (presence.empty() || analytics_system_presence(static_cast<ActualState>(presence.back().value)) !=
                                  analytics_system_presence(span.state.presence))
        presence.push_back({span.start, span.end, p});
      else
        presence.back().end = span.end;
      const auto r = static_cast<std::size_t>(span.state.routing);
      if (routing.empty() || to_string(static_cast<RoutingStatus>(routing.back().value)) != to_string(span.state.routing))
        routing.push_back({span.start, span.end, r});
      else
        routing.back().end = span.end;
    }
    out += first_user ? "{\"primaryPresence\":[" : ",{\"primaryPresence\":[";
    first_user = false;
    for (std::size_t i = 0; i < presence.size(); ++i) {
      out += i ? ",{\"endTime\":" : "{\"endTime\":";
      text::append_string(out, api::format_instant(presence[i].end));
      out += ",\"organizationPresenceId\":";
      text::append_string(out, presence_ids.at(presence[i].value));
      out += ",\"startTime\":";
      text::append_string(out, api::format_instant(presence[i].start));
      out += ",\"systemPresence\":";
      text::append_string(out, analytics_system_presence(static_cast<ActualState>(presence[i].value)));
      out += '}';
    }
    out += "],\"routingStatus\":[";
    for (std::size_t i = 0; i < routing.size(); ++i) {
      out += i ? ",{\"endTime\":" : "{\"endTime\":";
      text::append_string(out, api::format_instant(routing[i].end));
      out += ",\"routingStatus\":";
      text::append_string(out, to_string(static_cast<RoutingStatus>(routing[i].value)));
      out += ",\"startTime\":";
      text::append_string(out, api::format_instant(routing[i].start));
      out += '}';
    }
    out += "],\"userId\":";
    text::append_string(out, user->id);
    out += '}';
  }
  out += ']';
}

// The synchronous page's [first, last) of `total` users.
std::pair<std::size_t, std::size_t> page_of(const UserDetailsQuery& q, std::size_t total) {
  const std::size_t first = std::min(total, static_cast<std::size_t>(q.page_number - 1) * static_cast<std::size_t>(q.page_size));
  return {first, std::min(total, first + static_cast<std::size_t>(q.page_size))};
}

}  // namespace

std::string user_details_page(const UserDetailsQuery& q, const AgentStates& agents,
                              const std::vector<std::string>& presence_ids, Instant now,
                              std::span<const User* const> users, std::string_view cursor,
                              std::string_view availability) {
  std::string out = "{";
  if (!cursor.empty()) {
    out += "\"cursor\":";
    text::append_string(out, cursor);
    out += ',';
  }
  out += "\"dataAvailabilityDate\":";
  text::append_string(out, availability);
  out += ",\"userDetails\":";
  append_user_details(out, q, agents, presence_ids, now, users);
  out += '}';
  return out;
}

std::string run_user_details_query_text(const UserDetailsQuery& q, const AgentStates& agents,
                                        const std::vector<std::string>& presence_ids, Instant now) {
  const auto users = select_users(q, agents);
  const auto [first, last] = page_of(q, users.size());
  std::string out = "{\"totalHits\":";
  text::append_uint(out, users.size());
  const std::size_t mark = out.size();
  out += ",\"userDetails\":";
  const std::size_t array = out.size();
  append_user_details(out, q, agents, presence_ids, now, std::span(users).subspan(first, last - first));
  if (out.size() == array + 2) out.resize(mark);  // an empty array is left out
  out += '}';
  return out;
}

json run_user_details_query(const UserDetailsQuery& q, const AgentStates& agents,
                            const std::vector<std::string>& presence_ids, Instant now) {
  const auto users = select_users(q, agents);
  const std::size_t total = users.size();
  const auto [first, last] = page_of(q, total);
  json details = render_user_details(q, agents, presence_ids, now, std::span(users).subspan(first, last - first));
  json out = {{"totalHits", total}};
  if (!details.empty()) out["userDetails"] = std::move(details);
  return out;
}

}  // namespace mockgc::core::wfm
