// Big worlds, in-process through Service::handle on a virtual clock (never a CTest test; results in
// bench/RESULTS.md): N regions × A agents (queues = A / 40 per org unless given: 500 at 20,000 agents). Printed,
// each with wall time, process CPU time and RSS (VmRSS, and the peak VmHWM at the end):
//   ready        world generation (service start);
//   first        the first conversation aggregates query of one org: 1 day, PT15M, every queue grouped by queue,
//                six stored metrics (what a dashboard asks first);
//   repeat       the same query again;
//   first, the day before   a first query on another day (what a first costs once the process has answered one);
//   31 days      the same query over 31 days (the longest synchronous interval), then again.
// usage: bench_wfm_scale [--regions N=17] [--agents A=20000] [--queues Q=A/40] [--cache-mib M=256]
#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <ctime>
#include <sys/resource.h>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string>
#include <vector>

#include "mockgc/api/regions.hpp"
#include "mockgc/core/service.hpp"
#include "../support/options.hpp"
#include "../support/proc_status.hpp"

using namespace mockgc;
using json = nlohmann::json;
using Wall = std::chrono::steady_clock;

namespace {

struct Options {
  std::size_t regions = 17, agents = 20000, queues = 0, cache_mib = 256;
};

Options parse(int argc, char** argv) {
  Options o;
  for (const auto& [key, value] : bench::positive_options(argc, argv)) {
    const auto v = static_cast<std::size_t>(value);
    if (key == "--regions") o.regions = v;
    else if (key == "--agents") o.agents = v;
    else if (key == "--queues") o.queues = v;
    else if (key == "--cache-mib") o.cache_mib = v;
    else throw std::invalid_argument("unknown option " + key);
  }
  o.regions = std::min(o.regions, api::all_regions().size());
  if (o.queues == 0) o.queues = std::max<std::size_t>(1, o.agents / 40);
  return o;
}

std::string scenario(const Options& o) {
  json orgs = json::array();
  for (std::size_t i = 0; i < o.regions; ++i)
    orgs.push_back({{"region", std::string(api::all_regions()[i].key)},
                    {"name", fmt::format("Org {}", i + 1)},
                    {"agents", o.agents},
                    {"queues", o.queues},
                    {"businessUnits",
                     {{{"name", "Customer Care"},
                       {"timeZone", "Europe/London"},
                       {"managementUnits", std::clamp<std::size_t>(o.agents / 250, 1, 100)},
                       {"teamsPerManagementUnit", 3}}}}});
  return json{{"seed", 1}, {"world", {{"orgs", orgs}}}, {"clock", {{"mode", "virtual"}, {"start", "2026-11-22T12:00:00Z"}}}}
      .dump();
}

double cpu_seconds() { return static_cast<double>(std::clock()) / CLOCKS_PER_SEC; }

// Minor page faults of the process so far (every thread's): the cost of touching fresh memory.
long minor_faults() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return u.ru_minflt;
}

// Wall and CPU time of one step, and the RSS after it.
template <class F>
void step(const char* what, F&& f) {
  const auto w0 = Wall::now();
  const double c0 = cpu_seconds();
  const long f0 = minor_faults();
  const std::string detail = f();
  fmt::print("{:<22} wall {:8.4f} s  CPU {:8.4f} s  RSS {:7.1f} MiB  faults {:7}  {}\n", what,
             std::chrono::duration<double>(Wall::now() - w0).count(), cpu_seconds() - c0,
             bench::proc_status_mib("VmRSS"), minor_faults() - f0, detail);
  std::fflush(stdout);
}

}  // namespace

int main(int argc, char** argv) try {
  const Options o = parse(argc, argv);
  fmt::print("scale: {} regions x {} agents, {} queues per org, history cache {} MiB\n", o.regions, o.agents, o.queues,
             o.cache_mib);
  std::unique_ptr<core::Service> service;
  step("ready", [&] {
    core::ServiceOptions options;
    options.scenario_text = scenario(o);
    options.history_cache_bytes = o.cache_mib << 20;
    service = core::make_service(options);
    return std::string();
  });
  const auto info = service->regions().front();
  core::RequestContext ctx;
  ctx.region = info.region;
  ctx.peer = "bench";
  api::HttpRequest login;
  login.method = "POST";
  login.target = "/oauth/token";
  login.headers.set("Content-Type", "application/x-www-form-urlencoded");
  login.body = "grant_type=client_credentials&client_id=" + info.client_id + "&client_secret=" + info.client_secret;
  const auto token = json::parse(service->handle(login, ctx).body).at("access_token").get<std::string>();

  auto aggregates = [&](const char* interval) {
    api::HttpRequest r;
    r.method = "POST";
    r.target = "/api/v2/analytics/conversations/aggregates/query";
    r.headers.set("Authorization", "Bearer " + token);
    r.headers.set("Content-Type", "application/json");
    r.body = json{{"interval", interval},
                  {"granularity", "PT15M"},
                  {"groupBy", {"queueId"}},
                  {"metrics", {"nOffered", "tHandle", "tAnswered", "tTalk", "tAcw", "nTransferred"}}}
                 .dump();
    const auto res = service->handle(r, ctx);
    if (res.status != 200) throw std::runtime_error(fmt::format("{}: {}", res.status, res.body.substr(0, 300)));
    return fmt::format("{:.1f} MiB of JSON", static_cast<double>(res.body.size()) / (1 << 20));
  };
  const char* day = "2026-11-18T00:00:00Z/2026-11-19T00:00:00Z";
  const char* month = "2026-10-15T00:00:00Z/2026-11-15T00:00:00Z";
  step("first 1-day PT15M", [&] { return aggregates(day); });
  step("repeat 1-day PT15M", [&] { return aggregates(day); });
  step("first, the day before", [&] { return aggregates("2026-11-17T00:00:00Z/2026-11-18T00:00:00Z"); });
  step("first 31-day PT15M", [&] { return aggregates(month); });
  step("repeat 31-day PT15M", [&] { return aggregates(month); });
  fmt::print("peak RSS {:.1f} MiB\n", bench::proc_status_mib("VmHWM"));
  return 0;
} catch (const std::exception& e) {
  fmt::print(stderr, "bench_wfm_scale: {}\n", e.what());
  return 1;
}
