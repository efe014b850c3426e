// Memory of the whole service under a long run: 1,000,000 requests through Service::handle in-process, on
// a virtual clock, with the rate limiter and the journal on, spread over every region's OAuth client (18
// orgs, one client-credentials pair each — the most distinct clients a world has) and re-logins that keep
// issuing new tokens. Reports VmRSS/VmHWM (/proc/self/status) and ru_maxrss at 0, 250k, 500k, 750k and 1M
// requests. Goal: flat after warm-up, under 100 MB. A separate executable so its peak RSS is its own.
// The second variant logs in every 5 requests (200 000 logins: the token store reaches its capacity halfway).
// Run: build/bin/bench_service_rss [--benchmark_filter=...]
#include <benchmark/benchmark.h>
#include <sys/resource.h>

#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <string>

#include "mockgc/api/regions.hpp"
#include "mockgc/core/clock.hpp"
#include "mockgc/core/journal/request_journal.hpp"
#include "mockgc/core/service.hpp"
#include "../support/proc_status.hpp"

using namespace mockgc;
using json = nlohmann::json;

namespace {

constexpr std::uint64_t kSeed = 1;

double maxrss_mb() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return static_cast<double>(u.ru_maxrss) / 1024.0;
}

std::string scenario(int journal_capacity) {
  json orgs = json::array();
  int i = 0;
  for (const auto& r : api::all_regions())
    orgs.push_back({{"region", std::string(r.key)},
                    {"name", "Org" + std::to_string(i++)},
                    {"agents", 60},
                    {"queues", 10},
                    {"businessUnits", {{{"name", "BU"}, {"timeZone", "Europe/London"}, {"managementUnits", 2}}}}});
  return json{{"seed", kSeed},
              {"world", {{"orgs", orgs}}},
              {"clock", {{"mode", "virtual"}, {"start", "2026-03-23T08:00:00Z"}}},
              {"rate_limits", json::object()},  // Genesys' 300 per client per minute
              {"faults", {{{"type", "latency"}, {"ms", 2}, {"family", "users"}, {"probability", 0.5}}}},
              {"journal", {{"capacity", journal_capacity}}}}
      .dump();
}

struct Region {
  std::string key, client_id, client_secret, token, bu, user;
};

void BM_Service_Rss_1M_Requests(benchmark::State& state) {
  for (auto _ : state) {
    const double before = mockgc::bench::proc_status_mib("VmRSS");
    core::ServiceOptions o;
    o.scenario_text = scenario(static_cast<int>(state.range(0)));
    auto service = core::make_service(o);
    const auto login_every = static_cast<std::size_t>(state.range(1));
    auto* clock = dynamic_cast<api::ManualClock*>(service->clock());
    std::vector<Region> regions;
    for (const auto& info : service->regions()) regions.push_back({info.region, info.client_id, info.client_secret, "", "", ""});
    auto handle = [&](Region& r, api::HttpRequest req) {
      core::RequestContext ctx{r.key, "bench", "http", false};
      return service->handle(req, ctx);
    };
    auto login = [&](Region& r) {
      api::HttpRequest req;
      req.method = "POST";
      req.target = "/oauth/token";
      req.headers.set("Content-Type", "application/x-www-form-urlencoded");
      req.body = "grant_type=client_credentials&client_id=" + r.client_id + "&client_secret=" + r.client_secret;
      r.token = json::parse(handle(r, req).body).at("access_token").get<std::string>();
    };
    auto get = [&](Region& r, std::string target) {
      api::HttpRequest req;
      req.method = "GET";
      req.target = std::move(target);
      req.headers.set("Authorization", "Bearer " + r.token);
      return handle(r, req);
    };
    for (auto& r : regions) {
      login(r);
      r.bu = json::parse(get(r, "/api/v2/workforcemanagement/businessunits").body)["entities"][0]["id"];
      r.user = json::parse(get(r, "/api/v2/users?pageSize=1").body)["entities"][0]["id"];
    }
    const double at_start = mockgc::bench::proc_status_mib("VmRSS");
    state.counters["rss_before_service_mb"] = before;
    state.counters["rss_0_mb"] = at_start;
    std::size_t ok = 0, limited = 0;
    std::map<int, std::size_t> other_statuses;  // besides the 404s of the unknown path
    constexpr std::size_t kTotal = 1'000'000;
    for (std::size_t i = 1; i <= kTotal; ++i) {
      // One request per region every 144 ms of clock; 4 in 5 are routed (the limiter counts those: 333/min),
      // so the 300/min limit refuses some.
      clock->advance(core::Millis(8));
      Region& r = regions[i % regions.size()];
      // A new token every `login_every` requests: the token store keeps every token it issued up to its
      // capacity (100 000; expired ones are not swept), so a login-happy client grows it to that bound.
      if (i % login_every == 0) login(r);
      api::HttpResponse res;
      switch (i % 5) {
        case 0: res = get(r, "/api/v2/workforcemanagement/businessunits/" + r.bu + "/activitycodes"); break;
        case 1: res = get(r, "/api/v2/users?pageSize=25&pageNumber=" + std::to_string(1 + i % 3)); break;
        case 2: res = get(r, "/api/v2/users/" + r.user); break;
        case 3: res = get(r, "/api/v2/routing/queues?pageSize=5"); break;
        default: res = get(r, "/api/v2/unknown/" + std::to_string(i)); break;  // 404, "(unmatched)" in the journal
      }
      ok += res.status == 200;
      limited += res.status == 429;
      if (res.status != 200 && res.status != 429 && res.status != 404) ++other_statuses[res.status];
      if (i % 250'000 == 0) {
        const auto k = std::to_string(i / 1000) + "k";
        state.counters["rss_" + k + "_mb"] = mockgc::bench::proc_status_mib("VmRSS");
        state.counters["hwm_" + k + "_mb"] = mockgc::bench::proc_status_mib("VmHWM");
      }
    }
    state.counters["maxrss_mb"] = maxrss_mb();
    state.counters["ok"] = static_cast<double>(ok);
    state.counters["429"] = static_cast<double>(limited);
    for (const auto& [status, n] : other_statuses) state.counters["status_" + std::to_string(status)] = static_cast<double>(n);
    state.counters["journal_total"] = static_cast<double>(service->journal()->total_appended());
  }
}
// Args: journal capacity, requests per login. Run one at a time (--benchmark_filter) for a clean peak RSS.
BENCHMARK(BM_Service_Rss_1M_Requests)
    ->Args({10'000, 997})
    ->Args({10'000, 5})
    ->Iterations(1)
    ->Unit(benchmark::kMillisecond);

}  // namespace

int main(int argc, char** argv) {
  benchmark::AddCustomContext("seed", std::to_string(kSeed));
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
