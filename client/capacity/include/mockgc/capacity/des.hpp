#pragma once
// Discrete-event simulation of one interval's queue, to cross-check Erlang C/A and to show where
// Erlang C is optimistic (lognormal handle times with CV > 1).
//
// Model: Poisson arrivals (rate λ), N agents, one FCFS queue, service exponential or lognormal with
// mean AHT, optional exponential patience (abandonment). Event-driven: the next arrival and a min-heap
// of agent completion times; abandonments are resolved lazily (a waiting call whose deadline passed
// before an agent reached it left at its deadline, which is exact for FCFS). Each replication starts
// empty, runs a warm-up (not measured), then measures calls arriving in [warm-up, warm-up + horizon)
// and follows them until answered or abandoned. Busy time is clipped to the measured window.
// Per-call metrics are ratio estimators over replications (Σ numerator / Σ offered) with a
// delta-method normal CI; occupancy is the mean over replications (mean ± z·s/√R).
// Replication r draws from api::Rng(api::derive_seed(seed, r)): same seed ⇒ same numbers.
#include <cstdint>
#include <optional>

#include "mockgc/capacity/result.hpp"

namespace mockgc::capacity {

enum class ServiceTimeDistribution { exponential, lognormal };

struct DesConfig {
  double arrivals_per_second = 0.0;
  double aht_seconds = 0.0;
  ServiceTimeDistribution service = ServiceTimeDistribution::exponential;
  double service_cv = 1.0;                  ///< lognormal only (exponential has CV 1)
  int agents = 0;
  std::optional<double> patience_seconds;   ///< mean; none = infinite patience (Erlang C)
  double sl_seconds = 20.0;
  double warmup_seconds = 3600.0;
  double horizon_seconds = 8.0 * 3600.0;
  int replications = 100;
  std::uint64_t seed = 1;
  double ci_z = 1.959963984540054;          ///< 95 % by default
};

struct Estimate {
  double mean = 0.0;
  double half_width = 0.0;
  [[nodiscard]] double low() const noexcept { return mean - half_width; }
  [[nodiscard]] double high() const noexcept { return mean + half_width; }
  [[nodiscard]] bool contains(double x) const noexcept { return x >= low() && x <= high(); }
};

struct DesResult {
  Estimate service_level;  ///< answered within T ÷ offered (the library's default definition)
  Estimate asa_seconds;    ///< mean wait of all measured arrivals (answered or abandoned)
  Estimate p_wait;         ///< arrivals that found every agent busy
  Estimate p_abandon;
  Estimate occupancy;      ///< busy agent-time ÷ (N × horizon)
  std::uint64_t measured_arrivals = 0;
};

Result<DesResult> simulate_interval(const DesConfig& config);

}  // namespace mockgc::capacity
