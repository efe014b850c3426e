// Per-request cost of the whole Service::handle pipeline (parse, route, region, token lookup, faults,
// rate limiter, handler, finalize, journal append) for a cheap authenticated GET, in-process on a virtual
// clock. Variants: no faults / no limiter (the baseline), the limiter on, a 22-fault plan (20 inactive +
// 2 active), and a small vs a large journal. Deterministic inputs (seed 1).
// Run: build/bin/bench_service_pipeline [--benchmark_filter=...]
#include <benchmark/benchmark.h>

#include <nlohmann/json.hpp>
#include <string>

#include "mockgc/core/clock.hpp"
#include "mockgc/core/service.hpp"

using namespace mockgc;
using json = nlohmann::json;

namespace {

constexpr std::uint64_t kSeed = 1;

struct Variant {
  bool limiter = false;
  bool faults = false;
  int journal_capacity = 10'000;
};

// One EMEA org shaped like the default world (200 agents, 4 MUs, 6 custom activity codes).
std::string scenario(const Variant& v) {
  json j{{"seed", kSeed},
         {"world",
          {{"orgs",
            {{{"region", "eu_central_1"},
              {"name", "EMEA"},
              {"agents", 200},
              {"queues", 30},
              {"businessUnits",
               {{{"name", "EMEA Customer Care"},
                 {"timeZone", "Europe/London"},
                 {"managementUnits", 4},
                 {"teamsPerManagementUnit", 3},
                 {"customActivityCodes", 6}}}}}}}}},
         {"clock", {{"mode", "virtual"}, {"start", "2026-03-23T08:00:00Z"}}},
         {"journal", {{"capacity", v.journal_capacity}}}};
  if (v.limiter) j["rate_limits"] = {{"per_client_per_minute", 300}};
  if (v.faults) {
    json faults = json::array();
    // 20 inactive: windows months ahead (a run covers ~1 day of clock), other regions, other families, sites
    // switched off by activation.
    for (int i = 0; i < 5; ++i)
      faults.push_back({{"type", "outage"}, {"at", "P" + std::to_string(100 + i) + "D"}, {"for", "PT30M"}});
    for (int i = 0; i < 5; ++i)
      faults.push_back({{"type", "latency"}, {"ms", 100}, {"region", "ap_southeast_2"}, {"family", "schedules"}});
    for (int i = 0; i < 5; ++i)
      faults.push_back({{"type", "maintenance"}, {"family", i % 2 ? "forecast-import" : "analytics"}});
    for (int i = 0; i < 3; ++i)
      faults.push_back({{"type", "transport"}, {"action", "reset"}, {"path", "/api/v2/routing/**"}});
    faults.push_back({{"type", "token"}, {"action", "revoke_at"}, {"at", "P200D"}});
    faults.push_back({{"type", "outage"}, {"activation", 0.0}});
    // 2 active on every request of the benchmark: a fixed latency (the virtual clock jumps by it) and a skew.
    faults.push_back({{"type", "latency"}, {"ms", 1}, {"family", "activity-codes"}});
    faults.push_back({{"type", "clock_skew"}, {"skew", "PT2S"}, {"region", "eu_central_1"}});
    j["faults"] = faults;
  }
  return j.dump();
}

struct Fixture {
  std::unique_ptr<core::Service> service;
  api::ManualClock* clock = nullptr;
  std::string token, bu;
  core::RequestContext ctx{"eu_central_1", "bench", "http", false};

  explicit Fixture(const Variant& v) {
    core::ServiceOptions o;
    o.scenario_text = scenario(v);
    service = core::make_service(o);
    clock = dynamic_cast<api::ManualClock*>(service->clock());
    login();
    const auto bus = service->handle(get("/api/v2/workforcemanagement/businessunits"), ctx);
    bu = json::parse(bus.body).at("entities").at(0).at("id").get<std::string>();
  }
  // Tokens live 86 399 s of clock time; long runs at 250 ms per request log in again (outside the timing).
  void login() {
    const auto info = service->regions().front();
    api::HttpRequest req;
    req.method = "POST";
    req.target = "/oauth/token";
    req.headers.set("Content-Type", "application/x-www-form-urlencoded");
    req.body = "grant_type=client_credentials&client_id=" + info.client_id + "&client_secret=" + info.client_secret;
    token = json::parse(service->handle(req, ctx).body).at("access_token").get<std::string>();
  }
  api::HttpRequest get(std::string target) const {
    api::HttpRequest r;
    r.method = "GET";
    r.target = std::move(target);
    r.headers.set("Authorization", "Bearer " + token);
    r.headers.set("Host", "localhost");
    return r;
  }
};

// Advances 250 ms per request: 240 requests a minute, under the 300/min limit, so every answer is a 200.
void run(benchmark::State& state, const Variant& v, bool users_page) {
  Fixture f(v);
  const std::string target = users_page ? "/api/v2/users?pageSize=25&pageNumber=2"
                                        : "/api/v2/workforcemanagement/businessunits/" + f.bu + "/activitycodes";
  api::HttpRequest req = f.get(target);
  std::size_t bytes = 0, non_200 = 0, n = 0;
  for (auto _ : state) {
    if (++n % 100'000 == 0) {
      state.PauseTiming();
      f.login();
      req = f.get(target);
      state.ResumeTiming();
    }
    f.clock->advance(core::Millis(250));
    auto res = f.service->handle(req, f.ctx);
    bytes += res.body.size();
    non_200 += res.status != 200;
    benchmark::DoNotOptimize(res);
  }
  state.SetItemsProcessed(state.iterations());
  state.counters["body_bytes"] = static_cast<double>(bytes) / static_cast<double>(state.iterations());
  state.counters["non_200"] = static_cast<double>(non_200);
}

void BM_Pipeline_ActivityCodes_Plain(benchmark::State& s) { run(s, {}, false); }
void BM_Pipeline_ActivityCodes_RateLimiter(benchmark::State& s) { run(s, {true, false, 10'000}, false); }
void BM_Pipeline_ActivityCodes_Faults22(benchmark::State& s) { run(s, {false, true, 10'000}, false); }
void BM_Pipeline_ActivityCodes_All(benchmark::State& s) { run(s, {true, true, 10'000}, false); }
void BM_Pipeline_ActivityCodes_JournalSmall(benchmark::State& s) { run(s, {false, false, 100}, false); }
void BM_Pipeline_ActivityCodes_JournalLarge(benchmark::State& s) { run(s, {false, false, 200'000}, false); }
void BM_Pipeline_UsersPage_Plain(benchmark::State& s) { run(s, {}, true); }
void BM_Pipeline_UsersPage_All(benchmark::State& s) { run(s, {true, true, 10'000}, true); }

BENCHMARK(BM_Pipeline_ActivityCodes_Plain);
BENCHMARK(BM_Pipeline_ActivityCodes_RateLimiter);
BENCHMARK(BM_Pipeline_ActivityCodes_Faults22);
BENCHMARK(BM_Pipeline_ActivityCodes_All);
BENCHMARK(BM_Pipeline_ActivityCodes_JournalSmall);
BENCHMARK(BM_Pipeline_ActivityCodes_JournalLarge);
BENCHMARK(BM_Pipeline_UsersPage_Plain);
BENCHMARK(BM_Pipeline_UsersPage_All);

// The 429 path: the same client far over its limit (the clock never moves).
void BM_Pipeline_RateLimited429(benchmark::State& state) {
  Fixture f({true, false, 10'000});
  const auto req = f.get("/api/v2/workforcemanagement/businessunits/" + f.bu + "/activitycodes");
  for (int i = 0; i < 300; ++i) (void)f.service->handle(req, f.ctx);
  std::size_t refused = 0;
  for (auto _ : state) refused += f.service->handle(req, f.ctx).status == 429;
  state.SetItemsProcessed(state.iterations());
  state.counters["refused"] = static_cast<double>(refused) / static_cast<double>(state.iterations());
}
BENCHMARK(BM_Pipeline_RateLimited429);

}  // namespace

int main(int argc, char** argv) {
  benchmark::AddCustomContext("seed", std::to_string(kSeed));
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
