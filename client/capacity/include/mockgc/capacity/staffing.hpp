#pragma once
// Minimal agents for a target (wfm-math §1.3). The Erlang C search starts at floor(A)+1 — not
// round(A+1), which skips floor(A)+1 when frac(A) ≥ 0.5 (pyworkforce's trap) — and carries the Erlang B
// recursion along, so the whole search is O(N). Zero offered load needs zero agents.
#include <optional>

#include "mockgc/capacity/erlang_a.hpp"
#include "mockgc/capacity/erlang_c.hpp"
#include "mockgc/capacity/result.hpp"

namespace mockgc::capacity {

struct StaffingTarget {
  std::optional<double> service_level;      ///< e.g. 0.8; in [0, 1)
  double sl_seconds = 20.0;                 ///< answer-time threshold T
  std::optional<double> max_occupancy;      ///< cap A/N (Erlang C) in (0, 1]
  std::optional<double> max_asa_seconds;    ///< ASA ≤ this (> 0)
  std::optional<double> max_p_wait;         ///< P(wait) ≤ this, in (0, 1]
  std::optional<double> max_abandon;        ///< Erlang A only: P(Ab) ≤ this, in (0, 1]
  ServiceLevelDefinition sl_definition = ServiceLevelDefinition::answered_within_over_offered;
};

Status validate(const StaffingTarget& target);

/// First candidate of the Erlang C search: floor(A)+1 (the smallest stable staffing).
int erlang_c_search_start(double erlangs) noexcept;

/// Smallest N meeting every set constraint under Erlang C; returns that staffing's metrics.
Result<ErlangCMetrics> required_agents_erlang_c(double erlangs, double aht_seconds,
                                                const StaffingTarget& target);

/// Smallest N ≥ 1 meeting every set constraint under Erlang A (SL under target.sl_definition).
/// Monotone in N, so it brackets by doubling and bisects.
Result<ErlangAMetrics> required_agents_erlang_a(double erlangs, double aht_seconds,
                                                double patience_seconds,
                                                const StaffingTarget& target);

}  // namespace mockgc::capacity
