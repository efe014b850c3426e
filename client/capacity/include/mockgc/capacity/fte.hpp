#pragma once
// From productive agents to scheduled agents and FTE (wfm-math §3).
// - Shrinkage divides, it is not a mark-up: scheduled = ceil(productive / (1 − s)).
// - Components combine compounded by default (1 − Π(1 − s_i): someone on leave cannot also be in
//   training); additive is available because some planners use it.
// - Chat: Erlang C on an effective AHT = AHT / concurrency factor (practitioner table 1→1, 2→1.7,
//   3→2.5, 4→2.9, 5→3.5); AHT and concurrency are paired inputs.
// - FTE for a period = agent-hours / (1 − s) / paid hours per FTE in that period. Shrinkage is applied
//   once — here on the aggregate — never per interval and again on the aggregate.
#include <span>

#include "mockgc/capacity/result.hpp"

namespace mockgc::capacity {

enum class ShrinkageCombination { compounded, additive };

struct Shrinkage {
  double planned = 0.0;    ///< leave, training, meetings, breaks …
  double unplanned = 0.0;  ///< sickness, lateness …
  ShrinkageCombination combination = ShrinkageCombination::compounded;
};

/// Total shrinkage in [0, 1).
Result<double> total_shrinkage(const Shrinkage& s);

/// ceil(productive / (1 − shrinkage)), robust to 14/0.7 = 20.000000000000004.
Result<int> scheduled_agents(int productive_agents, double shrinkage);

/// Productive agents on the floor from scheduled positions: floor((1 − s)·scheduled).
Result<int> productive_agents(int scheduled, double shrinkage);

/// Practitioner concurrency factor for up to 5 simultaneous chats (callcentrehelper table).
Result<double> chat_concurrency_factor(int max_concurrent_chats);

/// AHT / factor, factor ≥ 1.
Result<double> effective_aht(double aht_seconds, double concurrency_factor);

/// Ceiling of productive agents under an occupancy cap: N ≥ ceil(A / occ_max).
Result<int> occupancy_floor(double erlangs, double max_occupancy);

/// FTE = Σ agents × interval_hours / (1 − shrinkage) / paid_hours_in_period.
Result<double> fte_from_interval_agents(std::span<const double> productive_agents_per_interval,
                                        double interval_minutes, double shrinkage,
                                        double paid_hours_in_period);

/// FTE from productive agent-hours.
Result<double> fte_from_agent_hours(double productive_agent_hours, double shrinkage,
                                    double paid_hours_in_period);

}  // namespace mockgc::capacity
