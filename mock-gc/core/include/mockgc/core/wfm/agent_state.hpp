#pragma once
// The per-agent state process of one org: what each agent is doing at any instant, from which REST
// adherence, presence and routing status, user analytics and the agent topics are all derived.
//
// Two seeded inputs meet here: the schedules' deviation process (Workforce::presence_timeline: on queue,
// breaks, meals, meetings, training, late starts, long breaks, early leaves, overtime) and the
// conversation history (conversations_offered). Every answered conversation of the history is handed, at
// its answer instant, to the agent who is on queue, not interacting and idle the longest (ties: org user
// order); when nobody on queue is free, to a free agent who is on shift but off queue (break, meeting…),
// who is pulled onto the queue; failing that (the opening ramp, a late backlog), to the free agent nearest
// to a shift of the day (coming in early or staying on). The agent is INTERACTING until the conversation ends; a conversation that
// runs into a break or the end of a shift keeps the agent on queue until it ends (an adherence deviation
// like any other).
//
// Assignment runs per org-day: a local day of the demand model's zone (demand exists only in opening
// hours, so no conversation of one day overlaps the next day's first one). Days are computed on demand and
// kept in a least-recently-used cache of at most max(8, 6,400 / agents) org-days per org (about 28 bytes per
// answered conversation each); nothing depends on which instants were asked for first. A reader that walks
// every agent over a range longer than the cache (a week of user analytics, historical adherence) holds the
// range's days for its own duration (AgentStates::hold), so each day is assigned once per reader instead of
// once per agent.
#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "mockgc/core/clock.hpp"
#include "mockgc/core/wfm/demand.hpp"
#include "mockgc/core/wfm/workforce.hpp"

namespace mockgc::core::wfm {

enum class RoutingStatus { OffQueue, Idle, Interacting };
std::string_view to_string(RoutingStatus r);  // "OFF_QUEUE", "IDLE", "INTERACTING"

// One conversation an agent handles: [start, end) = [answered, answered + handle).
struct Interaction {
  Instant start{}, end{};
  std::size_t queue = 0;      // index into DemandModel::queues()
  std::int64_t interval = 0;  // the conversation's offer interval and ordinal (Conversation)
  std::uint32_t ordinal = 0;
  std::uint32_t handle_ms = 0;  // as the history counts it (the queue's tHandle)
  bool operator==(const Interaction&) const = default;
};

struct AgentState {
  ActualState presence = ActualState::Offline;  // system presence; OnQueue while interacting
  RoutingStatus routing = RoutingStatus::OffQueue;
  std::optional<Interaction> interaction;  // set while INTERACTING
  bool operator==(const AgentState&) const = default;
};

// A maximal span of one state: neighbours differ.
struct StateSpan {
  Instant start{}, end{};
  AgentState state;
};

struct AgentTransition {
  Instant at{};
  const User* user = nullptr;
  AgentState before, after;
  bool presence_changed() const { return before.presence != after.presence; }
  bool routing_changed() const { return before.routing != after.routing; }
};

// A maximal span of one adherence situation: the scheduled activity against what the agent does.
struct AdherenceSpan {
  Instant start{}, end{};
  std::optional<ActivityCategory> scheduled;  // nullopt = unscheduled
  std::string scheduled_code_id;
  ActualState actual = ActualState::Offline;
  RoutingStatus routing = RoutingStatus::OffQueue;
  std::string_view adherence_state, impact;  // classify_adherence(scheduled, actual)
};

// Counts of one org-day's assignment (for calibration checks).
struct AssignmentStats {
  std::size_t answered = 0;    // conversations answered in the day
  std::size_t unassigned = 0;  // of which no agent was on queue and idle at the answer instant
};

// The org's system presence definitions, spelled as Genesys' presence definitions spell them ("On Queue");
// ids are per org, drawn from (seed, org id, name). The WFM enum spelling ("OnQueue") is system_presence().
struct PresenceDefinition {
  std::string id;
  std::string_view system_presence;
};
std::vector<PresenceDefinition> presence_definitions(std::uint64_t seed, std::string_view org_id);
std::string_view presence_definition_name(ActualState a);
std::string presence_definition_id(std::uint64_t seed, std::string_view org_id, ActualState a);

class AgentStates {
 public:
  explicit AgentStates(const Workforce& workforce);
  ~AgentStates();
  AgentStates(const AgentStates&) = delete;
  AgentStates& operator=(const AgentStates&) = delete;

  const Workforce& workforce() const { return *wf_; }

  // Keeps the org-days that timeline and adherence_timeline read for [from, to) alive while it lives, outside
  // the cache's budget; a day the cache also has is shared by both, not copied. Costs the range's days, once.
  // A range of more than 33 local days (longer than a 31-day query reads) holds nothing: memory stays bounded.
  class DaysHeld {
   public:
    DaysHeld(DaysHeld&& other) noexcept;
    DaysHeld& operator=(DaysHeld&&) = delete;
    DaysHeld(const DaysHeld&) = delete;
    DaysHeld& operator=(const DaysHeld&) = delete;
    ~DaysHeld();
    std::size_t days() const { return last_ < first_ ? 0 : static_cast<std::size_t>(last_ - first_ + 1); }

   private:
    friend class AgentStates;
    DaysHeld(const AgentStates* owner, std::int64_t first, std::int64_t last) : owner_(owner), first_(first), last_(last) {}
    const AgentStates* owner_;
    std::int64_t first_, last_;  // local days, inclusive; empty when last_ < first_
  };
  [[nodiscard]] DaysHeld hold(Instant from, Instant to) const;

  AgentState at(const User& u, Instant t) const;
  // Contiguous spans covering [from, to) (at most a few days).
  std::vector<StateSpan> timeline(const User& u, Instant from, Instant to) const;
  // Every change of any agent of the org in (t0, t1], ordered by instant, then org user order.
  std::vector<AgentTransition> transitions(Instant t0, Instant t1) const;
  // The changes of `users` only (what the agent topics follow), ordered by instant, then as given.
  std::vector<AgentTransition> transitions(Instant t0, Instant t1, std::span<const User* const> users) const;
  // Live adherence with the actual state of this process (Workforce::adherence supplies the schedule).
  AdherenceAt adherence(const User& u, Instant t) const;
  // Contiguous spans covering [from, to) (any length; computed a day at a time): at every instant t inside a
  // span, adherence(u, t) has that span's scheduled activity, actual state and adherence state.
  std::vector<AdherenceSpan> adherence_timeline(const User& u, Instant from, Instant to) const;
  // When the current routing status (presence) began: its span start, looking back to the UTC midnight two
  // days before t's UTC day (live adherence looks back as far). An older state reports that midnight, which
  // moves only at UTC midnights, so the answer is stable in between.
  Instant routing_since(const User& u, Instant t) const;
  Instant presence_since(const User& u, Instant t) const;
  // The first instant after `after` at which anything derived from the agent here may change: an edge of its
  // state (presence, an interaction's start or end), of its live adherence (a schedule, activity or deviation
  // boundary, a change of the schedule in force, a BU-local midnight) or of the look-back above (a UTC
  // midnight, which also bounds the answer). A superset of the changes: timeline, adherence and the "since"
  // instants are constant on [after, next_change) as long as the schedule state (Workforce::
  // schedule_generation) stays the same.
  Instant next_change(const User& u, Instant after) const;

  AssignmentStats assignment_stats(Instant day_in) const;
  // How many org-days this process has assigned so far: the expensive step, counted for tests and benchmarks.
  std::uint64_t days_assigned() const;
  // The agent (index into Workforce::agents()) who handles the conversation (queue, interval, ordinal) of
  // the history answered at `answered`; nullopt when nobody could take it.
  std::optional<std::size_t> handler(Instant answered, std::size_t queue, std::int64_t interval,
                                     std::uint32_t ordinal) const;

 private:
  struct Day;
  struct Impl;
  std::shared_ptr<const Day> day(std::int64_t local_day) const;
  std::int64_t local_day_of(Instant t) const;
  const Workforce* wf_;
  std::unique_ptr<Impl> impl_;
};

}  // namespace mockgc::core::wfm
