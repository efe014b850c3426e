#include "mockgc/capacity/erlang_c.hpp"

#include <cmath>
#include <limits>

#include "validate.hpp"

namespace mockgc::capacity {

using detail::require_non_negative;
using detail::require_positive;

Result<double> offered_load(double calls, double interval_seconds, double aht_seconds) {
  if (auto e = require_non_negative(calls, "calls (offered volume)")) return *e;
  if (auto e = require_positive(interval_seconds, "interval length (seconds)")) return *e;
  if (auto e = require_positive(aht_seconds, "AHT (seconds)")) return *e;
  return calls * aht_seconds / interval_seconds;
}

namespace {
double erlang_b_unchecked(int servers, double a) noexcept {
  double b = 1.0;
  for (int n = 1; n <= servers; ++n) b = a * b / (n + a * b);
  return b;
}
}  // namespace

Result<double> erlang_b(int servers, double erlangs) {
  if (servers < 0) return Error{fmt::format("servers must be ≥ 0 (got {})", servers)};
  if (auto e = require_non_negative(erlangs, "offered load (Erlangs)")) return *e;
  if (erlangs == 0.0) return servers == 0 ? 1.0 : 0.0;
  return erlang_b_unchecked(servers, erlangs);
}

Result<double> erlang_c(int agents, double erlangs) {
  auto b = erlang_b(agents, erlangs);
  if (!b) return b.error();
  if (static_cast<double>(agents) <= erlangs) return 1.0;
  const double rho = erlangs / agents;
  return *b / (1.0 - rho * (1.0 - *b));
}

ErlangCMetrics erlang_c_from_b(int agents, double erlangs, double b, double aht_seconds,
                               double sl_seconds) noexcept {
  ErlangCMetrics m;
  m.agents = agents;
  m.erlangs = erlangs;
  const double n = agents;
  if (erlangs == 0.0) {  // an empty interval: nothing arrives, nothing waits
    m.p_wait = 0.0;
    m.service_level = 1.0;
    m.asa_seconds = 0.0;
    m.occupancy = 0.0;
    m.mean_queue = 0.0;
    return m;
  }
  if (n <= erlangs) {  // unstable: the queue grows without bound (wfm-math §1.1 "stability")
    m.p_wait = 1.0;
    m.service_level = 0.0;
    m.asa_seconds = std::numeric_limits<double>::infinity();
    m.occupancy = 1.0;
    m.mean_queue = std::numeric_limits<double>::infinity();
    return m;
  }
  const double c = n * b / (n - erlangs * (1.0 - b));
  m.p_wait = c;
  m.service_level = 1.0 - c * std::exp(-(n - erlangs) * sl_seconds / aht_seconds);
  m.asa_seconds = c * aht_seconds / (n - erlangs);
  m.occupancy = erlangs / n;
  m.mean_queue = c * erlangs / (n - erlangs);
  return m;
}

Result<ErlangCMetrics> evaluate_erlang_c(int agents, double erlangs, double aht_seconds,
                                         double sl_seconds) {
  if (agents < 0) return Error{fmt::format("agents must be ≥ 0 (got {})", agents)};
  if (auto e = require_non_negative(erlangs, "offered load (Erlangs)")) return *e;
  if (auto e = require_positive(aht_seconds, "AHT (seconds)")) return *e;
  if (auto e = require_non_negative(sl_seconds, "service-level threshold (seconds)")) return *e;
  const double b = erlangs == 0.0 ? (agents == 0 ? 1.0 : 0.0) : erlang_b_unchecked(agents, erlangs);
  return erlang_c_from_b(agents, erlangs, b, aht_seconds, sl_seconds);
}

}  // namespace mockgc::capacity
