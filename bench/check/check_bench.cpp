// The conformance rules over a 1,000,000-entry journal, one core. The journal is a pool of polite traffic
// (properties/support/check_traffic: three orgs, ten integrations of 30 cycles each, merged) replayed lap
// after lap, a world day apart (tokens expire between laps) and with the lap in every create's name, so its
// timing stays realistic and the state per client/route/scope is exercised without holding a million
// entries; the polite variant ends with no finding. The "violations" variant adds every rule's violation to
// each lap (findings accumulate, the kept ones stay capped). Reports ms per million entries, entries/s and the growth of VmRSS
// over the evaluation (goal: bounded, independent of the entry count).
// Run: build/bin/bench_check [--benchmark_filter=...]
#include <benchmark/benchmark.h>

#include <fmt/format.h>

#include <algorithm>
#include <fstream>
#include <string>

#include "mockgc/check/evaluator.hpp"
#include "support/check_traffic.hpp"
#include "../support/proc_status.hpp"

using namespace mockgc;

namespace {

constexpr std::size_t kEntries = 1'000'000;

struct Pool {
  std::vector<core::journal::JournalEntry> entries;
  std::vector<core::Instant> times;
  std::vector<std::string> names;  // the create names of the first lap
  core::Millis lap{0};
  check::CheckContext context;
};

Pool make_pool(bool violations) {
  Pool pool;
  properties::TrafficModel model;
  model.regions = {"eu_central_1", "ap_southeast_2", "us_east_1"};
  model.cycles = 30;
  model.period_s = 90;
  pool.context = properties::traffic_context(model);
  check::RunOutcome outcome;
  for (std::uint64_t seed = 1; seed <= 10; ++seed) {
    model.seed = seed;
    model.client = fmt::format("app{}", seed);
    auto part = properties::polite_journal(model);
    if (violations && seed == 1)
      for (const auto& rule : properties::injectable_rules(model))
        if (rule != "region-coverage") properties::inject_violation(rule, seed, part, pool.context, outcome);
    for (auto& e : part) pool.entries.push_back(std::move(e));
  }
  std::stable_sort(pool.entries.begin(), pool.entries.end(), [](const auto& a, const auto& b) { return a.time < b.time; });
  for (const auto& e : pool.entries) {
    pool.times.push_back(e.time);
    pool.names.push_back(e.name);
  }
  pool.lap = std::max<core::Millis>(pool.times.back() - pool.times.front() + core::Millis(60'000),
                                    core::Millis(86'400'000));
  return pool;
}

void run(benchmark::State& state, bool violations) {
  Pool pool = make_pool(violations);
  double growth = 0;
  std::uint64_t findings = 0;
  for (auto _ : state) {
    const double before = mockgc::bench::proc_status_mib("VmRSS");
    check::Evaluator ev(pool.context, {});
    std::size_t lap = 0;
    for (std::size_t i = 0; i < kEntries; ++i) {
      const std::size_t k = i % pool.entries.size();
      if (k == 0 && i > 0) ++lap;
      auto& e = pool.entries[k];
      e.seq = i + 1;
      e.time = pool.times[k] + pool.lap * static_cast<std::int64_t>(lap);
      if (!e.name.empty()) e.name = fmt::format("{} lap {}", pool.names[k], lap);
      ev.observe(e);
    }
    const auto report = ev.finish({"bench", 0, false, true});
    growth = mockgc::bench::proc_status_mib("VmRSS") - before;
    findings = 0;
    for (const auto& r : report.rules) findings += r.finding_count;
    benchmark::DoNotOptimize(report);
  }
  state.counters["entries_per_s"] =
      benchmark::Counter(static_cast<double>(kEntries) * static_cast<double>(state.iterations()), benchmark::Counter::kIsRate);
  state.counters["rss_growth_MB"] = growth;
  state.counters["pool"] = static_cast<double>(pool.entries.size());
  state.counters["findings"] = static_cast<double>(findings);
}

void BM_Check_1M_Polite(benchmark::State& state) { run(state, false); }
void BM_Check_1M_WithViolations(benchmark::State& state) { run(state, true); }

BENCHMARK(BM_Check_1M_Polite)->Unit(benchmark::kMillisecond)->Iterations(3);
BENCHMARK(BM_Check_1M_WithViolations)->Unit(benchmark::kMillisecond)->Iterations(3);

}  // namespace

BENCHMARK_MAIN();
