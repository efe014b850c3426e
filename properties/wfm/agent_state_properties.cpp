// Properties of the agent state process (default scenario, random seeds and instants):
//   - every answered conversation of a day is handed to an agent who is on queue and idle at its answer;
//   - an agent interacts with one conversation at a time, on queue, for exactly its handle time;
//   - the state at an instant, the timeline and the transitions agree; transitions are ordered;
//   - live adherence reports the process's presence.
#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include <algorithm>
#include <map>
#include <memory>

#include "mockgc/core/scenario.hpp"
#include "mockgc/core/wfm/agent_state.hpp"

using namespace mockgc::core;
using std::chrono::days;
using std::chrono::minutes;

namespace {

struct Org {
  std::unique_ptr<wfm::Workforce> workforce;
  std::unique_ptr<wfm::AgentStates> agents;
};

struct Fixture {
  World world;
  std::vector<Org> orgs;
  explicit Fixture(std::uint64_t seed) : world(generate_world(default_scenario(), seed)) {
    for (const auto& org : world.orgs) {
      Org o;
      o.workforce = std::make_unique<wfm::Workforce>(world, org, seed);
      o.agents = std::make_unique<wfm::AgentStates>(*o.workforce);
      orgs.push_back(std::move(o));
    }
  }
};

// A few seeds, each built once (a world and its caches are costly to build per case).
const Fixture& fixture(std::size_t i) {
  static std::map<std::size_t, std::unique_ptr<Fixture>> built;
  auto& f = built[i];
  if (!f) f = std::make_unique<Fixture>(1 + i * 7919);
  return *f;
}

Instant any_instant() {
  const auto base = Instant(std::chrono::sys_days(std::chrono::year(2026) / 3 / 2).time_since_epoch());
  return base + minutes(*rc::gen::inRange<long>(-26L * 7 * 24 * 60, 26L * 7 * 24 * 60));
}

const wfm::AgentStates& any_org(const Fixture& f) {
  return *f.orgs[*rc::gen::inRange<std::size_t>(0, f.orgs.size())].agents;
}

}  // namespace

RC_GTEST_PROP(AgentStateProperties, EveryAnsweredConversationIsHandledByAnAgentOnQueue, ()) {
  const auto& agents = any_org(fixture(*rc::gen::inRange<std::size_t>(0, 3)));
  const auto stats = agents.assignment_stats(any_instant());
  RC_TAG(stats.answered > 0 ? "a day with conversations" : "a day without conversations");
  RC_ASSERT(stats.unassigned == 0u);
}

RC_GTEST_PROP(AgentStateProperties, TimelineStateAndTransitionsAgree, ()) {
  const auto& agents = any_org(fixture(*rc::gen::inRange<std::size_t>(0, 3)));
  const auto& users = agents.workforce().agents();
  const User& u = *users[*rc::gen::inRange<std::size_t>(0, users.size())];
  const Instant from = any_instant();
  const Instant to = from + minutes(*rc::gen::inRange(1, 36 * 60));
  const auto spans = agents.timeline(u, from, to);
  RC_ASSERT(!spans.empty());
  RC_ASSERT(spans.front().start == from);
  RC_ASSERT(spans.back().end == to);
  for (std::size_t i = 0; i < spans.size(); ++i) {
    const auto& s = spans[i];
    RC_ASSERT(s.start < s.end);
    if (i > 0) {
      RC_ASSERT(spans[i - 1].end == s.start);
      RC_ASSERT(!(spans[i - 1].state == s.state));
    }
    RC_ASSERT(agents.at(u, s.start) == s.state);
    RC_ASSERT((s.state.routing == wfm::RoutingStatus::Interacting) == s.state.interaction.has_value());
    if (s.state.interaction) {
      RC_ASSERT(s.state.presence == wfm::ActualState::OnQueue);
      const auto& conversation = *s.state.interaction;
      RC_ASSERT(conversation.start <= s.start);
      RC_ASSERT(s.end <= conversation.end);
      RC_ASSERT(std::abs((conversation.end - conversation.start).count() - static_cast<long>(conversation.handle_ms)) <= 1);
    } else {
      RC_ASSERT((s.state.routing == wfm::RoutingStatus::Idle) == (s.state.presence == wfm::ActualState::OnQueue));
    }
  }
  // The org's transitions of this user in (from, to] are the span starts after the first.
  const auto all = agents.transitions(from, to - std::chrono::milliseconds(1));
  std::vector<wfm::AgentTransition> mine;
  for (std::size_t i = 0; i < all.size(); ++i) {
    if (i > 0) RC_ASSERT(all[i - 1].at <= all[i].at);
    if (all[i].user == &u) mine.push_back(all[i]);
  }
  RC_ASSERT(mine.size() + 1 == spans.size());
  for (std::size_t i = 0; i < mine.size(); ++i) {
    RC_ASSERT(mine[i].at == spans[i + 1].start);
    RC_ASSERT(mine[i].before == spans[i].state);
    RC_ASSERT(mine[i].after == spans[i + 1].state);
  }
}

RC_GTEST_PROP(AgentStateProperties, AdherenceReportsTheProcessPresence, ()) {
  const auto& agents = any_org(fixture(*rc::gen::inRange<std::size_t>(0, 3)));
  const auto& users = agents.workforce().agents();
  const User& u = *users[*rc::gen::inRange<std::size_t>(0, users.size())];
  const Instant t = any_instant();
  const auto a = agents.adherence(u, t);
  RC_ASSERT(a.actual == agents.at(u, t).presence);
  RC_ASSERT(a.presence_update_time == agents.presence_since(u, t));
  RC_ASSERT(a.time_of_adherence_change <= t);
  std::string_view state, impact;
  wfm::classify_adherence(a.scheduled, a.actual, state, impact);
  RC_ASSERT(state == a.adherence_state);
}

// Historical adherence is built from adherence_timeline: at every instant its span says what live
// adherence says then (scheduled activity, actual state, adherence state), and the spans tile the range.
RC_GTEST_PROP(AgentStateProperties, AdherenceTimelineAgreesWithLiveAdherence, ()) {
  const auto& agents = any_org(fixture(*rc::gen::inRange<std::size_t>(0, 3)));
  const auto& users = agents.workforce().agents();
  const User& u = *users[*rc::gen::inRange<std::size_t>(0, users.size())];
  const Instant from = any_instant();
  const Instant to = from + minutes(*rc::gen::inRange(1, 3 * 24 * 60));
  const auto spans = agents.adherence_timeline(u, from, to);
  RC_ASSERT(!spans.empty());
  RC_ASSERT(spans.front().start == from);
  RC_ASSERT(spans.back().end == to);
  for (std::size_t i = 1; i < spans.size(); ++i) RC_ASSERT(spans[i - 1].end == spans[i].start);
  std::vector<Instant> probes;
  for (int k = 0; k < 8; ++k) probes.push_back(from + Millis(*rc::gen::inRange<std::int64_t>(0, (to - from).count())));
  for (std::size_t k = 0; k < 4; ++k) {  // both edges of a few spans
    const auto& s = spans[*rc::gen::inRange<std::size_t>(0, spans.size())];
    probes.insert(probes.end(), {s.start, s.end - Millis(1)});
  }
  for (Instant t : probes) {
    const auto it = std::find_if(spans.begin(), spans.end(), [&](const wfm::AdherenceSpan& s) { return s.start <= t && t < s.end; });
    RC_ASSERT(it != spans.end());
    const auto live = agents.adherence(u, t);
    RC_ASSERT(live.scheduled == it->scheduled);
    RC_ASSERT(live.actual == it->actual);
    RC_ASSERT(live.adherence_state == it->adherence_state);
    RC_ASSERT(live.impact == it->impact);
    RC_ASSERT(agents.at(u, t).routing == it->routing);
    if (live.scheduled) RC_ASSERT(live.scheduled_code_id == it->scheduled_code_id);
  }
}
