// The per-agent state process (see agent_state.hpp for the rules).
#include "mockgc/core/wfm/agent_state.hpp"

#include <date/tz.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <functional>
#include <map>
#include <mutex>
#include <numeric>
#include <queue>
#include <set>
#include <span>
#include <tuple>
#include <unordered_map>
#include <utility>

#include "mockgc/api/random.hpp"
#include "mockgc/core/wfm/history.hpp"
#include "../lru_cache.hpp"

namespace mockgc::core::wfm {

using std::chrono::days;

namespace {

// Org-days kept per org (least recently used first out): at most kCachedAgentDays agent-days' worth (32
// org-days of a 200-agent org), never fewer than kMinCachedDays. The live look-back at one instant reads
// five local days (the UTC day and two before it, plus a local day each side); an org-day takes about 28 bytes
// per conversation answered in it plus 4 per agent (a weekday of a 5,000-agent org: about 2.6 MB).
constexpr std::size_t kCachedAgentDays = 6400;
constexpr std::size_t kMinCachedDays = 8;
// The longest range a reader may hold (AgentStates::hold): a 31-day query, the day before it that timeline
// reads, and a day more where a zone's local days straddle the range's UTC ends. A longer range holds nothing
// and its readers share the bounded cache, so memory stays bounded whatever the range (a 190-day users job).
constexpr std::int64_t kMaxHeldDays = 33;
constexpr Millis kTick = Millis(1);
constexpr std::array<std::string_view, 10> kSystemPresences{"Available", "Away",     "Busy",    "Offline", "Idle",
                                                            "On Queue",  "Meal",     "Training", "Meeting", "Break"};

std::string definition_id(std::uint64_t seed, std::string_view org_id, std::string_view name) {
  api::Rng rng(api::derive_seed(seed, {"presence-definition", org_id, name}));
  return api::make_uuid(rng);
}

}  // namespace

std::string_view to_string(RoutingStatus r) {
  switch (r) {
    case RoutingStatus::OffQueue: return "OFF_QUEUE";
    case RoutingStatus::Idle: return "IDLE";
    case RoutingStatus::Interacting: return "INTERACTING";
  }
  return "OFF_QUEUE";
}

std::vector<PresenceDefinition> presence_definitions(std::uint64_t seed, std::string_view org_id) {
  std::vector<PresenceDefinition> out;
  for (auto name : kSystemPresences) out.push_back({definition_id(seed, org_id, name), name});
  return out;
}

std::string_view presence_definition_name(ActualState a) {
  return a == ActualState::OnQueue ? std::string_view("On Queue") : system_presence(a);
}

std::string presence_definition_id(std::uint64_t seed, std::string_view org_id, ActualState a) {
  return definition_id(seed, org_id, presence_definition_name(a));
}

struct AgentStates::Day {
  // One assigned conversation, relative to the day (an Interaction in 24 bytes).
  struct Handled {
    std::uint32_t start_ms = 0;   // answered, since the day's start
    std::uint32_t length_ms = 0;  // answered to ended
    std::uint32_t handle_ms = 0;
    std::int32_t interval = 0;    // offer interval, since first_interval
    std::uint32_t ordinal = 0;
    std::uint32_t queue = 0;
  };
  Instant start{}, end{};
  std::int64_t first_interval = 0;
  // The day's assigned conversations grouped by agent (Workforce::agents() order), each agent's by start:
  // agent a's are handled[first[a] .. first[a + 1]).
  std::vector<Handled> handled;
  std::vector<std::uint32_t> first;
  std::vector<std::uint32_t> by_conversation;  // indices into handled, by (interval, queue, ordinal)
  AssignmentStats stats;

  std::span<const Handled> of(std::size_t agent) const {
    return std::span<const Handled>(handled).subspan(first[agent], first[agent + 1] - first[agent]);
  }
  Interaction expand(const Handled& h) const {
    const Instant at = start + Millis(h.start_ms);
    return {at, at + Millis(h.length_ms), h.queue, first_interval + h.interval, h.ordinal, h.handle_ms};
  }
  std::size_t agent_of(std::uint32_t index) const {
    return static_cast<std::size_t>(std::upper_bound(first.begin(), first.end(), index) - first.begin()) - 1;
  }
};

struct AgentStates::Impl {
  const date::time_zone* zone = nullptr;
  // user id (a view of the world's, which outlives this) -> index into Workforce::agents()
  std::unordered_map<std::string_view, std::size_t> agent_index;
  mutable std::mutex mutex;
  mutable LruCache<std::int64_t, std::shared_ptr<const Day>> days{kMinCachedDays};  // by local day
  mutable std::uint64_t schedule_generation = 0;  // of the cached days: a schedule change drops them
  // Days some reader holds (AgentStates::hold), with how many readers hold each; a schedule change drops
  // the days but keeps the counts, and the next read makes the day again.
  struct Held {
    std::shared_ptr<const Day> day;
    std::size_t readers = 0;
  };
  mutable std::unordered_map<std::int64_t, Held> held;
  mutable std::atomic<std::uint64_t> days_assigned{0};
};

AgentStates::AgentStates(const Workforce& workforce) : wf_(&workforce), impl_(std::make_unique<Impl>()) {
  const auto& org = workforce.org();
  impl_->zone = org.business_units.empty() ? date::locate_zone("UTC") : workforce.zone(org.business_units.front());
  const auto& agents = workforce.agents();
  impl_->agent_index.reserve(agents.size());
  for (std::size_t i = 0; i < agents.size(); ++i) impl_->agent_index.emplace(agents[i]->id, i);
  impl_->days.set_budget(std::max(kMinCachedDays, kCachedAgentDays / std::max<std::size_t>(1, agents.size())));
}

AgentStates::~AgentStates() = default;

std::int64_t AgentStates::local_day_of(Instant t) const {
  const auto local = impl_->zone->to_local(std::chrono::time_point_cast<std::chrono::seconds>(t));
  return std::chrono::floor<days>(local).time_since_epoch().count();
}

std::shared_ptr<const AgentStates::Day> AgentStates::day(std::int64_t local_day) const {
  const std::uint64_t generation = wf_->schedule_generation();
  {
    std::lock_guard lock(impl_->mutex);
    if (impl_->schedule_generation != generation) {
      impl_->days.clear();
      for (auto& [n, h] : impl_->held) h.day.reset();
      impl_->schedule_generation = generation;
    }
    if (auto it = impl_->held.find(local_day); it != impl_->held.end() && it->second.day) return it->second.day;
    if (const auto* hit = impl_->days.find(local_day)) return *hit;
  }
  impl_->days_assigned.fetch_add(1, std::memory_order_relaxed);
  auto d = std::make_shared<Day>();
  auto midnight = [&](std::int64_t n) {
    const date::local_time<std::chrono::minutes> lt{days(n)};
    const date::zoned_time<std::chrono::minutes> z(impl_->zone, lt, date::choose::earliest);
    return std::chrono::time_point_cast<Millis>(z.get_sys_time());
  };
  d->start = midnight(local_day);
  d->end = midnight(local_day + 1);

  // The day's answered conversations, in answer order.
  const DemandModel& model = wf_->demand();
  std::vector<Conversation> answered, batch;
  const std::int64_t first = interval_index(d->start - HistoryStore::kMaxWait) - 1;
  d->first_interval = first;
  const std::int64_t last = interval_index(d->end - kTick);
  for (std::size_t q = 0; q < model.queues().size(); ++q)
    for (std::int64_t j = first; j <= last; ++j) {
      conversations_offered(model, wf_->seed(), q, j, batch);
      for (const auto& c : batch)
        if (c.answered && c.answered_at() >= d->start && c.answered_at() < d->end) answered.push_back(c);
    }
  std::sort(answered.begin(), answered.end(), [](const Conversation& a, const Conversation& b) {
    return std::tuple(a.answered_at(), a.queue, a.interval, a.ordinal) <
           std::tuple(b.answered_at(), b.queue, b.interval, b.ordinal);
  });

  // Longest-idle routing at each answer instant. Rank 0: on queue, idle the longest; rank 1: on shift but off
  // queue (break, meeting…), pulled onto the queue; rank 2 (the opening ramp, late backlogs): off shift, the one
  // whose shift starts soonest comes in early, else the one whose shift ended last stays on. Ties go to the
  // first agent in org user order. Agents are visited only when their state can change (a presence span ends,
  // a conversation ends): the free agents of ranks 0 and 1 wait in sets ordered by (idle since, agent), so
  // each answer costs a logarithm of the headcount; only rank 2, whose order moves with the answer instant,
  // scans (the free off-shift agents).
  const auto& agents = wf_->agents();
  const std::size_t n = agents.size();
  std::vector<std::vector<Workforce::PresenceSpan>> presence(n);
  for (std::size_t a = 0; a < n; ++a) presence[a] = wf_->presence_timeline(*agents[a], d->start, d->end);
  std::vector<std::size_t> cursor(n, 0);
  std::vector<Instant> free_at(n, d->start);
  enum class Pool : std::uint8_t { None, OnQueue, OffQueue, OffShift };
  std::vector<Pool> pool(n, Pool::None);
  std::vector<Instant> since(n);  // the pool's key: idle since max(free_at, span start)
  std::set<std::pair<Instant, std::size_t>> on_queue, off_queue;
  std::set<std::size_t> off_shift;
  // Pending visits (instant, agent, version); a visit whose version is not the agent's latest is stale.
  using Visit = std::tuple<Instant, std::size_t, std::uint32_t>;
  std::priority_queue<Visit, std::vector<Visit>, std::greater<>> visits;
  std::vector<std::uint32_t> version(n, 0);
  auto leave_pool = [&](std::size_t a) {
    if (pool[a] == Pool::OnQueue) on_queue.erase({since[a], a});
    if (pool[a] == Pool::OffQueue) off_queue.erase({since[a], a});
    if (pool[a] == Pool::OffShift) off_shift.erase(a);
    pool[a] = Pool::None;
  };
  // Puts agent a where it belongs at t and schedules its next visit.
  auto visit = [&](std::size_t a, Instant t) {
    leave_pool(a);
    const auto& spans = presence[a];
    while (cursor[a] < spans.size() && spans[cursor[a]].end <= t) ++cursor[a];
    if (free_at[a] > t) {
      visits.emplace(free_at[a], a, ++version[a]);
      return;
    }
    if (cursor[a] == spans.size()) return;
    const auto& now = spans[cursor[a]];
    if (now.start > t) {
      visits.emplace(now.start, a, ++version[a]);
      return;
    }
    since[a] = std::max(free_at[a], now.start);
    if (now.state == ActualState::OnQueue) {
      pool[a] = Pool::OnQueue;
      on_queue.emplace(since[a], a);
    } else if (now.state != ActualState::Offline) {
      pool[a] = Pool::OffQueue;
      off_queue.emplace(since[a], a);
    } else {
      pool[a] = Pool::OffShift;
      off_shift.insert(a);
    }
    visits.emplace(now.end, a, ++version[a]);
  };
  for (std::size_t a = 0; a < n; ++a) visits.emplace(d->start, a, version[a]);
  std::vector<std::pair<std::uint32_t, Day::Handled>> assigned;  // (agent, conversation), in answer order
  d->stats.answered = answered.size();
  for (const auto& c : answered) {
    const Instant t = c.answered_at();
    while (!visits.empty() && std::get<0>(visits.top()) <= t) {
      const std::size_t a = std::get<1>(visits.top());
      const bool current = std::get<2>(visits.top()) == version[a];
      visits.pop();
      if (current) visit(a, t);
    }
    std::size_t best = n;
    if (!on_queue.empty()) {
      best = on_queue.begin()->second;
    } else if (!off_queue.empty()) {
      best = off_queue.begin()->second;
    } else {
      Millis best_gap = Millis::max();
      for (const std::size_t a : off_shift) {
        const auto& spans = presence[a];
        const auto& now = spans[cursor[a]];
        Millis gap = Millis::max();
        if (cursor[a] + 1 < spans.size()) gap = now.end - t;                        // starts soon
        if (cursor[a] > 0) gap = std::min(gap, Millis(t - spans[cursor[a] - 1].end));  // ended recently
        if (gap == Millis::max()) continue;  // no shift today
        if (best == n || gap < best_gap) best = a, best_gap = gap;
      }
    }
    if (best == n) {
      ++d->stats.unassigned;
      continue;
    }
    assigned.push_back({static_cast<std::uint32_t>(best),
                        {static_cast<std::uint32_t>((t - d->start).count()),
                         static_cast<std::uint32_t>((c.ended_at() - t).count()), static_cast<std::uint32_t>(c.handle_ms),
                         static_cast<std::int32_t>(c.interval - first), c.ordinal, static_cast<std::uint32_t>(c.queue)}});
    free_at[best] = c.ended_at();
    leave_pool(best);
    visits.emplace(free_at[best], best, ++version[best]);
  }
  // Grouped by agent, each agent's in answer order (a stable counting sort).
  d->first.assign(agents.size() + 1, 0);
  for (const auto& [a, h] : assigned) ++d->first[a + 1];
  for (std::size_t a = 0; a < agents.size(); ++a) d->first[a + 1] += d->first[a];
  d->handled.resize(assigned.size());
  {
    std::vector<std::uint32_t> next(d->first.begin(), d->first.end() - 1);
    for (const auto& [a, h] : assigned) d->handled[next[a]++] = h;
  }
  d->by_conversation.resize(d->handled.size());
  std::iota(d->by_conversation.begin(), d->by_conversation.end(), std::uint32_t{0});
  std::sort(d->by_conversation.begin(), d->by_conversation.end(), [&](std::uint32_t x, std::uint32_t y) {
    const auto& a = d->handled[x];
    const auto& b = d->handled[y];
    return std::tuple(a.interval, a.queue, a.ordinal) < std::tuple(b.interval, b.queue, b.ordinal);
  });

  std::lock_guard lock(impl_->mutex);
  if (impl_->schedule_generation != generation) return d;  // the schedule changed meanwhile: not cached
  if (auto it = impl_->held.find(local_day); it != impl_->held.end()) {
    if (!it->second.day) it->second.day = d;
    return it->second.day;  // the day made meanwhile by another reader, if any
  }
  return impl_->days.insert(local_day, std::move(d));  // the day made meanwhile by another reader, if any
}

std::uint64_t AgentStates::days_assigned() const { return impl_->days_assigned.load(std::memory_order_relaxed); }

AgentStates::DaysHeld AgentStates::hold(Instant from, Instant to) const {
  if (to <= from) return DaysHeld(this, 0, -1);
  // The days timeline(u, from, to) reads.
  const std::int64_t first = local_day_of(from) - 1, last = local_day_of(to - kTick);
  if (last - first + 1 > kMaxHeldDays) return DaysHeld(this, 0, -1);
  {
    std::lock_guard lock(impl_->mutex);
    for (std::int64_t n = first; n <= last; ++n) {
      auto& h = impl_->held[n];
      ++h.readers;
      if (!h.day)
        if (const auto* hit = impl_->days.find(n)) h.day = *hit;
    }
  }
  for (std::int64_t n = first; n <= last; ++n) day(n);  // made once now, outside the lock
  return DaysHeld(this, first, last);
}

AgentStates::DaysHeld::DaysHeld(DaysHeld&& other) noexcept
    : owner_(std::exchange(other.owner_, nullptr)), first_(other.first_), last_(other.last_) {}

AgentStates::DaysHeld::~DaysHeld() {
  if (!owner_) return;
  auto& impl = *owner_->impl_;
  std::lock_guard lock(impl.mutex);
  for (std::int64_t n = first_; n <= last_; ++n) {
    auto it = impl.held.find(n);
    if (it == impl.held.end() || --it->second.readers > 0) continue;
    // The last reader lets go: the day joins the cache (whose budget then decides whether it stays).
    if (it->second.day && impl.schedule_generation == owner_->wf_->schedule_generation())
      impl.days.insert(n, std::move(it->second.day));
    impl.held.erase(it);
  }
}

std::vector<StateSpan> AgentStates::timeline(const User& u, Instant from, Instant to) const {
  std::vector<StateSpan> out;
  if (to <= from) return out;
  const auto presence = wf_->presence_timeline(u, from, to);
  std::vector<Interaction> interactions;
  if (auto it = impl_->agent_index.find(u.id); it != impl_->agent_index.end()) {
    for (std::int64_t n = local_day_of(from) - 1; n <= local_day_of(to - kTick); ++n) {
      const auto d = day(n);
      for (const auto& h : d->of(it->second))
        if (auto i = d->expand(h); i.end > from && i.start < to) interactions.push_back(i);
    }
  }
  std::vector<Instant> bounds{from};
  for (const auto& p : presence) bounds.push_back(p.start);
  for (const auto& i : interactions) bounds.insert(bounds.end(), {i.start, i.end});
  std::erase_if(bounds, [&](Instant b) { return b < from || b >= to; });
  std::sort(bounds.begin(), bounds.end());
  bounds.erase(std::unique(bounds.begin(), bounds.end()), bounds.end());
  std::size_t p = 0, k = 0;
  for (std::size_t b = 0; b < bounds.size(); ++b) {
    const Instant t = bounds[b];
    const Instant end = b + 1 < bounds.size() ? bounds[b + 1] : to;
    while (p + 1 < presence.size() && presence[p].end <= t) ++p;
    while (k < interactions.size() && interactions[k].end <= t) ++k;
    AgentState s;
    s.presence = presence.empty() ? ActualState::Offline : presence[p].state;
    if (k < interactions.size() && interactions[k].start <= t) s.interaction = interactions[k];
    if (s.interaction) s.presence = ActualState::OnQueue;
    s.routing = s.interaction ? RoutingStatus::Interacting
                : s.presence == ActualState::OnQueue ? RoutingStatus::Idle
                                                     : RoutingStatus::OffQueue;
    if (!out.empty() && out.back().state == s) {
      out.back().end = end;
    } else {
      out.push_back({t, end, std::move(s)});
    }
  }
  return out;
}

AgentState AgentStates::at(const User& u, Instant t) const { return timeline(u, t, t + kTick).front().state; }

std::vector<AgentTransition> AgentStates::transitions(Instant t0, Instant t1) const {
  return transitions(t0, t1, wf_->agents());
}

std::vector<AgentTransition> AgentStates::transitions(Instant t0, Instant t1, std::span<const User* const> users) const {
  std::vector<AgentTransition> out;
  if (t1 <= t0) return out;
  for (const User* u : users) {
    const auto spans = timeline(*u, t0, t1 + kTick);
    for (std::size_t i = 1; i < spans.size(); ++i) out.push_back({spans[i].start, u, spans[i - 1].state, spans[i].state});
  }
  std::stable_sort(out.begin(), out.end(), [](const AgentTransition& a, const AgentTransition& b) { return a.at < b.at; });
  return out;
}

namespace {

// The start of the window the "since" instants and live adherence look back to (agent_state.hpp).
Instant lookback(Instant t) { return std::chrono::floor<days>(t) - days(2); }

// Start of the run of spans, ending with the last one, whose `field` equals the last span's.
template <class Field>
Instant run_start(const std::vector<StateSpan>& spans, Field field) {
  const auto now = field(spans.back().state);
  Instant since = spans.back().start;
  for (auto it = spans.rbegin(); it != spans.rend() && field(it->state) == now; ++it) since = it->start;
  return since;
}

}  // namespace

Instant AgentStates::routing_since(const User& u, Instant t) const {
  return run_start(timeline(u, lookback(t), t + kTick), [](const AgentState& s) { return s.routing; });
}

Instant AgentStates::presence_since(const User& u, Instant t) const {
  return run_start(timeline(u, lookback(t), t + kTick), [](const AgentState& s) { return s.presence; });
}

Instant AgentStates::next_change(const User& u, Instant after) const {
  Instant next = std::chrono::floor<days>(after) + days(1);
  if (const auto bounds = wf_->adherence_boundaries(u, after, next); !bounds.empty()) next = std::min(next, bounds.front());
  if (auto it = impl_->agent_index.find(u.id); it != impl_->agent_index.end()) {
    // An agent handles one conversation at a time: starts and ends both grow along the day's list.
    for (std::int64_t n = local_day_of(after) - 1; n <= local_day_of(next - kTick); ++n) {
      const auto d = day(n);
      for (const auto& h : d->of(it->second)) {
        const auto i = d->expand(h);
        if (i.end <= after) continue;
        next = std::min(next, i.start > after ? i.start : i.end);
        break;
      }
    }
  }
  return next;
}

AdherenceAt AgentStates::adherence(const User& u, Instant t) const {
  AdherenceAt a = wf_->adherence(u, t);
  const auto spans = timeline(u, lookback(t), t + kTick);
  a.actual = spans.back().state.presence;
  classify_adherence(a.scheduled, a.actual, a.adherence_state, a.impact);
  a.presence_update_time = presence_since(u, t);
  // The latest boundary (of this process or of the schedule) before which the adherence state differed.
  std::vector<Instant> candidates{a.time_of_adherence_change};
  for (const auto& s : spans) candidates.push_back(s.start);
  std::sort(candidates.begin(), candidates.end(), std::greater<>());
  const Instant floor = spans.front().start;
  for (Instant b : candidates) {
    if (b > t || b <= floor) continue;
    const Instant before = b - kTick;
    ActualState actual = ActualState::Offline;
    for (const auto& s : spans)
      if (s.start <= before && before < s.end) actual = s.state.presence;
    std::string_view st, im;
    classify_adherence(wf_->adherence(u, before).scheduled, actual, st, im);
    if (st != a.adherence_state) {
      a.time_of_adherence_change = b;
      return a;
    }
  }
  return a;
}

std::vector<AdherenceSpan> AgentStates::adherence_timeline(const User& u, Instant from, Instant to) const {
  std::vector<AdherenceSpan> out;
  for (Instant a = from; a < to;) {
    const Instant b = std::min(to, a + days(1));
    const auto spans = timeline(u, a, b);
    // Where the schedule may change: activity edges and changes of the schedule in force, local midnights (a
    // full-day time-off marker holds for its local date); a superset.
    std::vector<Instant> schedule_bounds = wf_->adherence_boundaries(u, a, b);
    std::erase_if(schedule_bounds, [&](Instant t) { return t >= b; });
    std::vector<Instant> bounds = schedule_bounds;
    for (const auto& s : spans) bounds.push_back(s.start);
    std::sort(bounds.begin(), bounds.end());
    bounds.erase(std::unique(bounds.begin(), bounds.end()), bounds.end());
    std::size_t k = 0, next_schedule = 0;
    AdherenceAt schedule;
    for (std::size_t i = 0; i < bounds.size(); ++i) {
      const Instant t = bounds[i];
      const Instant end = i + 1 < bounds.size() ? bounds[i + 1] : b;
      while (k + 1 < spans.size() && spans[k].end <= t) ++k;
      const bool schedule_edge = next_schedule < schedule_bounds.size() && schedule_bounds[next_schedule] == t;
      if (i == 0 || schedule_edge) schedule = wf_->adherence(u, t);
      if (schedule_edge) ++next_schedule;
      AdherenceSpan span{t, end, schedule.scheduled, schedule.scheduled_code_id, spans[k].state.presence,
                         spans[k].state.routing, {}, {}};
      classify_adherence(span.scheduled, span.actual, span.adherence_state, span.impact);
      if (!out.empty()) {
        auto& last = out.back();
        if (last.end == t && last.scheduled == span.scheduled && last.scheduled_code_id == span.scheduled_code_id &&
            last.actual == span.actual && last.routing == span.routing) {
          last.end = end;
          continue;
        }
      }
      out.push_back(std::move(span));
    }
    a = b;
  }
  return out;
}

AssignmentStats AgentStates::assignment_stats(Instant day_in) const { return day(local_day_of(day_in))->stats; }

std::optional<std::size_t> AgentStates::handler(Instant answered, std::size_t queue, std::int64_t interval,
                                                std::uint32_t ordinal) const {
  const auto d = day(local_day_of(answered));
  const auto key = std::tuple(interval, static_cast<std::uint64_t>(queue), ordinal);
  auto conversation = [&](std::uint32_t index) {
    const auto& h = d->handled[index];
    return std::tuple(d->first_interval + h.interval, static_cast<std::uint64_t>(h.queue), h.ordinal);
  };
  auto it = std::partition_point(d->by_conversation.begin(), d->by_conversation.end(),
                                 [&](std::uint32_t index) { return conversation(index) < key; });
  if (it == d->by_conversation.end() || conversation(*it) != key) return std::nullopt;
  return d->agent_of(*it);
}

}  // namespace mockgc::core::wfm
