// Grid staffing: 1 000 queues × 96 intervals, loads uniform in [0.5, 500] Erlangs, AHT uniform in
// [180, 600] s, 80/20 target. Fast path (GridStaffer) beside the straightforward per-cell search
// (required_agents_erlang_c: Erlang B forward recursion from n = 0 with the SL test, one exp, at
// every candidate from floor(A)+1), in the same run. Seed 1 (printed in the context).
#include <benchmark/benchmark.h>

#include "mockgc/capacity/grid.hpp"
#include "mockgc/api/random.hpp"
#include "mockgc/capacity/staffing.hpp"

namespace mc = mockgc::capacity;

namespace {
constexpr Eigen::Index kQueues = 1000;
constexpr Eigen::Index kIntervals = 96;
constexpr double kIntervalSeconds = 900.0;
constexpr std::uint64_t kSeed = 1;

struct Grid {
  Eigen::ArrayXXd calls{kQueues, kIntervals};
  Eigen::ArrayXXd aht{kQueues, kIntervals};
  mc::StaffingTarget target;
  Grid() {
    mockgc::api::Rng rng(kSeed);
    for (Eigen::Index j = 0; j < kIntervals; ++j) {
      for (Eigen::Index i = 0; i < kQueues; ++i) {
        const double load = 0.5 + 499.5 * rng.uniform();
        aht(i, j) = 180.0 + 420.0 * rng.uniform();
        calls(i, j) = load * kIntervalSeconds / aht(i, j);
      }
    }
    target.service_level = 0.8;
    target.sl_seconds = 20.0;
  }
};

const Grid& grid() {
  static const Grid g;
  return g;
}

void BM_GridStaffer(benchmark::State& state) {
  const Grid& g = grid();
  mc::GridStaffer staffer(kQueues, kIntervals);
  long agents = 0;
  for (auto _ : state) {
    auto s = staffer.staff(g.calls, g.aht, kIntervalSeconds, g.target);
    benchmark::DoNotOptimize(s);
    agents = staffer.agents().cast<long>().sum();
  }
  state.counters["cells/s"] = benchmark::Counter(static_cast<double>(kQueues * kIntervals),
                                                 benchmark::Counter::kIsIterationInvariantRate);
  state.counters["sum_agents"] = static_cast<double>(agents);
}
BENCHMARK(BM_GridStaffer)->Unit(benchmark::kMillisecond);

void BM_NaivePerCellSearch(benchmark::State& state) {
  const Grid& g = grid();
  Eigen::ArrayXXi out(kQueues, kIntervals);
  for (auto _ : state) {
    for (Eigen::Index j = 0; j < kIntervals; ++j) {
      for (Eigen::Index i = 0; i < kQueues; ++i) {
        const double a = g.calls(i, j) * g.aht(i, j) / kIntervalSeconds;
        out(i, j) = mc::required_agents_erlang_c(a, g.aht(i, j), g.target)->agents;
      }
    }
    benchmark::DoNotOptimize(out.data());
  }
  state.counters["cells/s"] = benchmark::Counter(static_cast<double>(kQueues * kIntervals),
                                                 benchmark::Counter::kIsIterationInvariantRate);
  state.counters["sum_agents"] = static_cast<double>(out.cast<long>().sum());
}
BENCHMARK(BM_NaivePerCellSearch)->Unit(benchmark::kMillisecond);

}  // namespace

int main(int argc, char** argv) {
  benchmark::AddCustomContext("seed", std::to_string(kSeed));
  benchmark::AddCustomContext("grid", "1000 queues x 96 intervals, A ~ U[0.5, 500] E, 80/20");
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
