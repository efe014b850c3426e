// Per-request cost of the fault building blocks and the memory they hold after a million requests.
// Run: build/bin/faults_bench [--benchmark_filter=...]. Deterministic inputs (seed 1, virtual clock).
#include <benchmark/benchmark.h>

#include <fstream>
#include <string>
#include <unistd.h>
#include <vector>

#include <nlohmann/json.hpp>

#include "mockgc/api/time.hpp"
#include "mockgc/core/faults/fault_plan.hpp"
#include "mockgc/core/faults/rate_limiter.hpp"
#include "mockgc/core/journal/request_journal.hpp"

using namespace mockgc::core;
using namespace mockgc::core::faults;
using namespace mockgc::core::journal;

namespace {

constexpr std::uint64_t kSeed = 1;
Instant t0() { return *mockgc::api::parse_instant("2026-03-29T00:00:00Z"); }

double rss_mb() {
  std::ifstream statm("/proc/self/statm");
  long pages_total = 0, pages_resident = 0;
  statm >> pages_total >> pages_resident;
  return static_cast<double>(pages_resident) * static_cast<double>(sysconf(_SC_PAGESIZE)) / (1024.0 * 1024.0);
}

std::vector<std::string> client_ids(int n) {
  std::vector<std::string> ids;
  for (int i = 0; i < n; ++i) ids.push_back("3f2a9c1e-0000-4000-8000-" + std::to_string(100000000000 + i));
  return ids;
}

const char* kPath = "/api/v2/workforcemanagement/businessunits/bu-1/weeks/2026-03-30/schedules";

// One client, always under its limit: steady-state cost of an allowed decision (60 000 entries in window).
void BM_RateLimiter_Allowed(benchmark::State& state) {
  mockgc::api::ManualClock clock(t0());
  RateLimitConfig c;
  c.client_per_minute = 1'000'000;
  RateLimiter limiter(clock, c);
  for (auto _ : state) {
    clock.advance(Millis(1));
    benchmark::DoNotOptimize(limiter.check("eu_central_1", "client-1", "GET", kPath));
  }
}
BENCHMARK(BM_RateLimiter_Allowed);

// One client over its limit: the 429 path.
void BM_RateLimiter_Refused(benchmark::State& state) {
  mockgc::api::ManualClock clock(t0());
  RateLimiter limiter(clock, {});
  for (int i = 0; i < 300; ++i) limiter.check("eu_central_1", "client-1", "GET", kPath);
  for (auto _ : state) benchmark::DoNotOptimize(limiter.check("eu_central_1", "client-1", "GET", kPath));
}
BENCHMARK(BM_RateLimiter_Refused);

// 10 000 clients round-robin with two endpoint rules: hashing, map lookup, rule matching.
void BM_RateLimiter_ManyClientsWithRules(benchmark::State& state) {
  mockgc::api::ManualClock clock(t0());
  RateLimitConfig c;
  RateLimitRule r1{"ivr", "", "PUT", PathPattern("/api/v2/architect/ivrs/{ivrId}"), 100, {}, {}};
  RateLimitRule r2{"wfm", "", "", PathPattern("/api/v2/workforcemanagement/**"), 200, {}, {}};
  c.rules = {r1, r2};
  RateLimiter limiter(clock, c);
  auto ids = client_ids(10'000);
  std::size_t i = 0;
  for (auto _ : state) {
    clock.advance(Millis(1));
    benchmark::DoNotOptimize(limiter.check("eu_central_1", ids[i++ % ids.size()], "GET", kPath));
  }
}
BENCHMARK(BM_RateLimiter_ManyClientsWithRules);

// Contention: threads hitting different clients (sharded mutexes).
void BM_RateLimiter_Threads(benchmark::State& state) {
  static mockgc::api::ManualClock clock(t0());
  static RateLimiter limiter(clock, {});
  static const auto ids = client_ids(1'000);
  std::size_t i = static_cast<std::size_t>(state.thread_index()) * 7919;
  for (auto _ : state) benchmark::DoNotOptimize(limiter.check("eu_central_1", ids[i++ % ids.size()], "GET", kPath));
}
BENCHMARK(BM_RateLimiter_Threads)->Threads(1)->Threads(2);

// A ten-fault plan evaluated per request (the per-request cost of evaluate()).
void BM_FaultPlan_Evaluate(benchmark::State& state) {
  auto plan = FaultPlan::from_json(nlohmann::json::parse(R"([
    {"type":"outage","at":"PT1H","for":"PT5M","region":"eu_central_1"},
    {"type":"outage","status":504,"path":"/api/v2/analytics/**","probability":0.01},
    {"type":"maintenance","family":"forecast-import","at":"PT2H","for":"PT1H"},
    {"type":"latency","distribution":"lognormal","median_ms":80,"sigma":0.5,"family":"schedules"},
    {"type":"latency","ms":20,"region":"us_east_1"},
    {"type":"transport","action":"reset","probability":0.001},
    {"type":"transport","action":"slow_body","family":"historical-import"},
    {"type":"rate_limit","path":"/api/v2/architect/ivrs/*","per_minute":100},
    {"type":"token","action":"revoke_at","at":"PT30M"},
    {"type":"data","action":"add_agents","at":"PT10M","management_unit":"mu-1","count":3}
  ])"), t0(), kSeed);
  std::uint64_t ordinal = 0;
  for (auto _ : state) {
    ++ordinal;
    benchmark::DoNotOptimize(plan.evaluate({t0() + Millis(ordinal), "eu_central_1", "GET", kPath, "client-1", ordinal}));
  }
}
BENCHMARK(BM_FaultPlan_Evaluate);

JournalRecord sample_record(std::uint64_t i) {
  return {t0() + Millis(i), "eu_central_1", "3f2a9c1e-0000-4000-8000-100000000000", "GET", kPath,
          "pageSize=25&pageNumber=1", "/api/v2/workforcemanagement/businessunits/{buId}/weeks/{weekId}/schedules",
          200, 12, "",
          {"a1b2c3d4e5f6", "eu_central_1", "ok", -1, "client", -1, 0, "", "", "", 1, "", "", "page 1/4"}};
}

void BM_Journal_Append(benchmark::State& state) {
  static RequestJournal journal(JournalConfig{10'000});
  std::uint64_t i = 0;
  for (auto _ : state) benchmark::DoNotOptimize(journal.append(sample_record(++i)));
}
BENCHMARK(BM_Journal_Append)->Threads(1)->Threads(2);

// Memory after 1,000,000 requests through limiter (10 000 clients) + journal (default capacity 10 000).
void BM_Rss_After_1M_Requests(benchmark::State& state) {
  for (auto _ : state) {
    double before = rss_mb();
    mockgc::api::ManualClock clock(t0());
    RateLimiter limiter(clock, {});
    RequestJournal journal(JournalConfig{static_cast<std::size_t>(state.range(0))});
    auto ids = client_ids(10'000);
    double after_100k = 0;
    for (std::uint64_t i = 1; i <= 1'000'000; ++i) {
      clock.advance(Millis(1));
      const auto& id = ids[i % ids.size()];
      auto d = limiter.check("eu_central_1", id, "GET", kPath);
      auto rec = sample_record(i);
      rec.client_id = id;
      rec.status = d.allowed ? 200 : 429;
      journal.append(rec);
      if (i == 100'000) after_100k = rss_mb();
    }
    double after = rss_mb();
    state.counters["rss_start_mb"] = before;
    state.counters["rss_after_100k_mb"] = after_100k;
    state.counters["rss_after_1M_mb"] = after;
    state.counters["tracked_clients"] = static_cast<double>(limiter.tracked_clients());
  }
}
BENCHMARK(BM_Rss_After_1M_Requests)->Arg(10'000)->Arg(100'000)->Iterations(1)->Unit(benchmark::kMillisecond);

}  // namespace

int main(int argc, char** argv) {
  benchmark::AddCustomContext("seed", std::to_string(kSeed));
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
