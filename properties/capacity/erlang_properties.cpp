// Erlang C/A invariants over generated loads.
#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include <cmath>

#include "mockgc/capacity/erlang_a.hpp"
#include "mockgc/capacity/erlang_c.hpp"

namespace mc = mockgc::capacity;

namespace {
// Doubles from integer generators: reproducible and shrinkable.
rc::Gen<double> gen_range(double lo, double hi, int steps = 100000) {
  return rc::gen::map(rc::gen::inRange(0, steps + 1),
                      [=](int i) { return lo + (hi - lo) * static_cast<double>(i) / steps; });
}
}  // namespace

RC_GTEST_PROP(ErlangCProps, ServiceLevelRisesAndWaitFallsWithAgents, ()) {
  const double a = *gen_range(0.05, 800.0);
  const double aht = *gen_range(20.0, 1200.0);
  const double t = *gen_range(0.0, 120.0);
  const int start = static_cast<int>(std::floor(a));
  auto prev = mc::evaluate_erlang_c(start, a, aht, t).value();
  for (int n = start + 1; n <= start + 40; ++n) {
    const auto m = mc::evaluate_erlang_c(n, a, aht, t).value();
    RC_ASSERT(m.service_level >= prev.service_level - 1e-12);
    RC_ASSERT(m.p_wait <= prev.p_wait + 1e-12);
    RC_ASSERT(m.asa_seconds <= prev.asa_seconds);
    RC_ASSERT(m.p_wait >= 0.0 && m.p_wait <= 1.0);
    RC_ASSERT(m.service_level >= 0.0 && m.service_level <= 1.0);
    RC_ASSERT(m.occupancy >= 0.0 && m.occupancy <= 1.0);
    RC_ASSERT(!std::isnan(m.asa_seconds));
    prev = m;
  }
}

RC_GTEST_PROP(ErlangAProps, ProbabilitiesAreProbabilitiesAndMonotoneInAgents, ()) {
  const double a = *gen_range(0.1, 60.0);
  const double aht = *gen_range(30.0, 900.0);
  const double patience = *gen_range(5.0, 1800.0);
  const double t = *gen_range(0.0, 60.0);
  const int n0 = *rc::gen::inRange(1, static_cast<int>(a) + 10);
  const auto m = mc::evaluate_erlang_a(n0, a, aht, patience, t).value();
  const auto m1 = mc::evaluate_erlang_a(n0 + 1, a, aht, patience, t).value();
  for (const auto* x : {&m, &m1}) {
    for (double p : {x->p_wait, x->p_abandon, x->occupancy, x->answered_within, x->abandoned_within}) {
      RC_ASSERT(p >= 0.0 && p <= 1.0);
    }
    for (auto d : {mc::ServiceLevelDefinition::answered_within_over_offered,
                   mc::ServiceLevelDefinition::answered_within_over_answered,
                   mc::ServiceLevelDefinition::answered_within_over_offered_less_short_abandons,
                   mc::ServiceLevelDefinition::left_queue_within_over_offered}) {
      RC_ASSERT(x->service_level(d) >= 0.0 && x->service_level(d) <= 1.0);
    }
    RC_ASSERT(x->asa_seconds >= 0.0 && std::isfinite(x->asa_seconds));
  }
  RC_ASSERT(m1.answered_within >= m.answered_within - 1e-9);
  RC_ASSERT(m1.p_wait <= m.p_wait + 1e-9);
  RC_ASSERT(m1.p_abandon <= m.p_abandon + 1e-9);
  RC_ASSERT(m1.asa_seconds <= m.asa_seconds + 1e-9);
}

RC_GTEST_PROP(ErlangAProps, ConvergesToErlangCAsPatienceGrows, ()) {
  const double a = *gen_range(0.1, 80.0);
  const double aht = *gen_range(30.0, 600.0);
  const double t = *gen_range(0.0, 60.0);
  // Keep ρ ≤ 0.95 so the Erlang C queue is short enough for the truncated chain.
  const int n = static_cast<int>(std::ceil(a / 0.95)) + *rc::gen::inRange(0, 5);
  const auto c = mc::evaluate_erlang_c(n, a, aht, t).value();
  double prev_gap = 1.0;
  for (double patience : {aht * 1e2, aht * 1e4, aht * 1e7}) {
    const auto m = mc::evaluate_erlang_a(n, a, aht, patience, t).value();
    const double gap = std::fabs(m.p_wait - c.p_wait) + std::fabs(m.answered_within - c.service_level);
    RC_ASSERT(gap <= prev_gap + 1e-9);
    prev_gap = gap;
  }
  RC_ASSERT(prev_gap < 1e-4);
}
