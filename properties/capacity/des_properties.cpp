// The discrete-event simulation agrees with Erlang C within its confidence interval (random M/M/N).
#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include <cmath>

#include "mockgc/capacity/des.hpp"
#include "mockgc/capacity/erlang_c.hpp"

namespace mc = mockgc::capacity;

RC_GTEST_PROP(DesProps, AgreesWithErlangCWithinItsConfidenceInterval, ()) {
  // Small, moderately loaded cases (ρ ≤ 0.85) so that each case runs in a few milliseconds and the
  // warm-up removes the start-empty bias. Intervals at z = 3.89 (99.99 %): each case checks two
  // metrics and shrinking re-runs the same DES stream, so with 95 % (or even 99.9 %, seen at
  // RC seed 3) intervals a correct simulator would legitimately fail some generated runs.
  const double a = *rc::gen::inRange(5, 80) / 10.0;
  const double aht = *rc::gen::inRange(60, 300);
  const int n = static_cast<int>(std::ceil(a / 0.85)) + *rc::gen::inRange(0, 3);
  const double t = *rc::gen::inRange(0, 60);
  mc::DesConfig c;
  c.arrivals_per_second = a / aht;
  c.aht_seconds = aht;
  c.agents = n;
  c.sl_seconds = t;
  c.warmup_seconds = 20 * aht;
  c.horizon_seconds = 400 * aht;
  c.replications = 100;
  c.seed = 12345;  // fixed: a generated DES seed lets shrinking fish for a 1-in-10⁴ outlier stream
  c.ci_z = 3.89;
  const auto r = mc::simulate_interval(c).value();
  const auto e = mc::evaluate_erlang_c(n, a, aht, t).value();
  RC_ASSERT(r.service_level.contains(e.service_level));
  RC_ASSERT(r.p_wait.contains(e.p_wait));
}
