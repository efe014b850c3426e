#pragma once
// Erlang A (M/M/N+M: exponential patience), exact birth–death computation (wfm-math §2.1 route (a)).
//
// Stationary distribution: states 0..N via Erlang B (mass of states ≤ N relative to p_N is 1/B(N,A));
// queue states N+k via log-space products λ/(Nμ + iθ), truncated once a term is 1e-18 of the peak,
// then normalised with a log-sum-exp, so nothing overflows for large loads or long patience.
// Service level: a tagged arrival finding k calls waiting moves up at rate Nμ + kθ and abandons at
// rate θ; P(answered by T | k) and P(abandoned by T | k) for all k are computed together by
// uniformization of that absorbing chain (all terms are probabilities, so it is stable). Abandonment
// always drains the queue, so N ≤ A is allowed. As patience → ∞ the results converge to Erlang C.
#include "mockgc/capacity/result.hpp"

namespace mockgc::capacity {

/// The service-level definitions tools use when calls abandon (wfm-math §2.2). Say which one you mean.
enum class ServiceLevelDefinition {
  /// answered within T ÷ all offered calls (pyworkforce, Mandelbaum–Zeltyn P(W ≤ T, served)).
  /// The usual WFM reading and this library's default. A1 vector: 0.916792.
  answered_within_over_offered,
  /// answered within T ÷ answered calls (abandoned calls ignored; ContactCenters "÷ served").
  answered_within_over_answered,
  /// answered within T ÷ (offered − abandoned within T): short abandons excluded
  /// (ContactCenters "served within AWT ÷ (served + abandoned after AWT)").
  answered_within_over_offered_less_short_abandons,
  /// left the queue (answered or abandoned) within T ÷ offered. A1 vector: 0.923956.
  left_queue_within_over_offered,
};

const char* to_string(ServiceLevelDefinition d) noexcept;

struct ErlangAMetrics {
  int agents = 0;
  double erlangs = 0.0;
  double p_wait = 0.0;       ///< P(an arrival finds all agents busy)
  double p_abandon = 0.0;    ///< θ·Lq/λ
  double asa_seconds = 0.0;  ///< mean wait over all arrivals (answered and abandoned) = Lq/λ
  double occupancy = 0.0;    ///< A·(1 − P(Ab))/N: only answered calls occupy agents
  double mean_queue = 0.0;   ///< Lq
  double answered_within = 0.0;  ///< P(answered within T), over all arrivals
  double abandoned_within = 0.0; ///< P(abandoned within T), over all arrivals
  [[nodiscard]] double service_level(ServiceLevelDefinition d) const noexcept;
};

/// agents ≥ 1, erlangs ≥ 0, aht > 0, patience > 0 (mean, seconds), sl_seconds ≥ 0. Errors when the
/// chain would need more than ~4 million queue states (patience extremely long in heavy overload).
Result<ErlangAMetrics> evaluate_erlang_a(int agents, double erlangs, double aht_seconds,
                                         double patience_seconds, double sl_seconds);

}  // namespace mockgc::capacity
