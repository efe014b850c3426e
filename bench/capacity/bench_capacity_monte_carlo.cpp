// Monte Carlo: 100 000 draws of a 26-week plan for a queue group with 672 intervals a week
// (synthetic forecast, 60 000 calls/week, AHT 300 s, seed 1). The fast path precomputes staffing
// curves (33 load × 3 AHT nodes per week) and interpolates per draw; the naive baseline re-solves every
// interval for every draw (with the fast grid kernel, i.e. the best case for re-solving), measured on
// 20 draws and reported per draw. The interpolation error against exact re-solves is reported as
// counters (max per-interval |error| in agents, and the weekly mean per-interval error), for 52
// (week, multiplier) points spread over the whole node range.
#include <benchmark/benchmark.h>

#include <cmath>
#include <vector>

#include "mockgc/capacity/grid.hpp"
#include "mockgc/capacity/monte_carlo.hpp"
#include "mockgc/api/random.hpp"
#include "mockgc/capacity/volume.hpp"

namespace mc = mockgc::capacity;

namespace {
constexpr std::uint64_t kSeed = 1;

const mc::PlanInputs& inputs() {
  static const mc::PlanInputs in = [] {
    mc::SyntheticVolumeOptions o;
    o.weeks = 26;
    o.seed = kSeed;
    o.weekly_calls = 60000;
    return mc::make_plan_inputs(mc::synthetic_volume(o), mc::PlanSettings{}).value();
  }();
  return in;
}

void BM_MonteCarlo100kDraws26Weeks(benchmark::State& state) {
  const auto& in = inputs();
  const mc::Uncertainty u;
  mc::MonteCarloOptions o;
  o.draws = 100000;
  o.seed = kSeed;
  double p50 = 0.0;
  for (auto _ : state) {
    auto curves = mc::StaffingCurves::build(in, u).value();  // curve build is inside the timing
    auto r = mc::run_monte_carlo(in, curves, u, o).value();
    p50 = r.horizon.quantiles[1];
    benchmark::DoNotOptimize(r.weekly_fte.data());
  }
  state.counters["horizon_P50_FTE"] = p50;
}
BENCHMARK(BM_MonteCarlo100kDraws26Weeks)->Unit(benchmark::kMillisecond)->Iterations(3);

void BM_CurveBuildOnly(benchmark::State& state) {
  const auto& in = inputs();
  const mc::Uncertainty u;
  std::size_t cells = 0;
  for (auto _ : state) {
    auto curves = mc::StaffingCurves::build(in, u).value();
    cells = curves.cells_solved();
    benchmark::DoNotOptimize(curves);
  }
  state.counters["cells_solved"] = static_cast<double>(cells);
}
BENCHMARK(BM_CurveBuildOnly)->Unit(benchmark::kMillisecond);

void BM_InterpolationError(benchmark::State& state) {
  const auto& in = inputs();
  const mc::Uncertainty u;
  const auto curves = mc::StaffingCurves::build(in, u).value();
  double worst_interval = 0.0;
  double worst_week = 0.0;
  for (auto _ : state) {
    mockgc::api::Rng rng(kSeed);
    for (int i = 0; i < 52; ++i) {
      // Anywhere inside the node range: log g = log(m·h) within ±4.4σ_g and log h within ±4.4σ_h
      // (draws beyond the ±4.5σ nodes are clamped and counted separately).
      const double sv = std::sqrt(std::log1p(u.volume_cv * u.volume_cv));
      const double sh = std::sqrt(std::log1p(u.aht_cv * u.aht_cv));
      const double sg = std::sqrt(sv * sv + sh * sh);
      const double log_g = sg * (-4.4 + 8.8 * rng.uniform());
      const double log_h = sh * (-4.4 + 8.8 * rng.uniform());
      const double h = std::exp(log_h);
      const double m = std::exp(log_g - log_h);
      const auto e = curves.measure_interpolation_error(i % in.weeks, m, h).value();
      worst_interval = std::max(worst_interval, e.max_interval_abs);
      worst_week = std::max(worst_week, e.weekly_mean_abs);
    }
  }
  state.counters["max_interval_abs_err_agents"] = worst_interval;
  state.counters["max_weekly_mean_abs_err_agents"] = worst_week;
}
BENCHMARK(BM_InterpolationError)->Unit(benchmark::kMillisecond)->Iterations(1);

void BM_NaiveResolvePerDraw(benchmark::State& state) {
  // Re-solve all 26 × 672 intervals for each draw (weekly volume/AHT multipliers as in the model).
  const auto& in = inputs();
  const auto& g = in.groups.front();
  std::vector<double> erl(g.erlangs.size()), aht(g.erlangs.size());
  std::vector<int> out(g.erlangs.size());
  constexpr int kDraws = 20;
  mockgc::api::Rng rng(kSeed);
  for (auto _ : state) {
    for (int d = 0; d < kDraws; ++d) {
      std::vector<double> mw(static_cast<std::size_t>(in.weeks)), hw(static_cast<std::size_t>(in.weeks));
      for (int w = 0; w < in.weeks; ++w) {
        mw[static_cast<std::size_t>(w)] = std::exp(0.08 * rng.normal());
        hw[static_cast<std::size_t>(w)] = std::exp(0.04 * rng.normal());
      }
      for (std::size_t i = 0; i < erl.size(); ++i) {
        const auto w = static_cast<std::size_t>(g.week[i]);
        erl[i] = g.erlangs[i] * mw[w] * hw[w];
        aht[i] = g.aht_seconds[i] * hw[w];
      }
      mc::staff_cells_unchecked(erl.data(), aht.data(), erl.size(), g.target, out.data());
      benchmark::DoNotOptimize(out.data());
    }
  }
  state.counters["draws/s"] = benchmark::Counter(kDraws, benchmark::Counter::kIsIterationInvariantRate);
}
BENCHMARK(BM_NaiveResolvePerDraw)->Unit(benchmark::kMillisecond);

}  // namespace

int main(int argc, char** argv) {
  benchmark::AddCustomContext("seed", std::to_string(kSeed));
  benchmark::AddCustomContext("plan", "26 weeks x 672 intervals, 60000 calls/week, 100000 draws");
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
