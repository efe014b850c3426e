#pragma once
// Erlang C (M/M/N, infinite patience): P(wait), service level, ASA, occupancy (wfm-math §1).
// Evaluated with the Erlang B forward recursion B(n) = A·B(n−1)/(n + A·B(n−1)), never factorials, so it
// is stable for tens of thousands of Erlangs. N ≤ A is handled explicitly: the queue is unstable, so
// P(wait) = 1, SL = 0, ASA = +∞ (a documented, deliberate infinity, not a NaN).
#include "mockgc/capacity/result.hpp"

namespace mockgc::capacity {

/// Offered load in Erlangs: calls × AHT / interval (seconds). Errors on negative/NaN volume,
/// non-positive AHT or interval.
Result<double> offered_load(double calls, double interval_seconds, double aht_seconds);

/// Erlang B blocking probability B(n, A) for n ≥ 0 servers (forward recursion, O(n)).
Result<double> erlang_b(int servers, double erlangs);

/// Erlang C probability of waiting C(n, A); 1 when n ≤ A.
Result<double> erlang_c(int agents, double erlangs);

struct ErlangCMetrics {
  int agents = 0;
  double erlangs = 0.0;
  double p_wait = 0.0;         ///< C(N, A): probability an arrival waits
  double service_level = 0.0;  ///< P(wait ≤ T) over all arrivals = 1 − C·exp(−(N−A)·T/AHT)
  double asa_seconds = 0.0;    ///< mean wait over all arrivals = C·AHT/(N−A); +∞ when N ≤ A
  double occupancy = 0.0;      ///< A/N capped at 1 (every call is eventually served)
  double mean_queue = 0.0;     ///< Lq = C·A/(N−A); +∞ when N ≤ A
  [[nodiscard]] bool stable() const noexcept { return static_cast<double>(agents) > erlangs; }
};

/// All Erlang C metrics for a given staffing. erlangs ≥ 0, aht > 0, sl_seconds ≥ 0, agents ≥ 0.
/// Zero load with zero agents is a valid empty interval (SL 1, nothing waits).
Result<ErlangCMetrics> evaluate_erlang_c(int agents, double erlangs, double aht_seconds,
                                         double sl_seconds);

/// Metrics from a precomputed B(N, A) (used by the staffing search, which carries B along).
ErlangCMetrics erlang_c_from_b(int agents, double erlangs, double erlang_b_value, double aht_seconds,
                               double sl_seconds) noexcept;

}  // namespace mockgc::capacity
