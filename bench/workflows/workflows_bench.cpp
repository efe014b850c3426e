// Workflow benchmarks (issue 5). One run each, printed as a table row (wall ms, CPU ms, requests,
// simulated time), seed and scenario named:
//   volume-inprocess   cross-org volume aggregation of the default world over 26 weeks (PT15M), in-process
//                      on a virtual clock: first run (the history store is built on the first analytics
//                      request) and a second, warm run;
//   volume-loopback    the same over loopback sockets (real net shell on port 0, BeastTransport, system clock);
//   storm-virtual      scenarios/rate-limit-storm.json on its virtual clock, driven through workflows: from
//                      PT5M (inside the 10/min queue-listing storm) a volume run, then sync-codes dry runs
//                      (plan_sync) until `hours` of simulated time have passed — the client's budget waits
//                      and any Retry-After backoff cost no wall time.
// Usage: bench_workflows [hours=3] [--skip-loopback] [--storm-only]
#include <fmt/format.h>
#include <cstdio>

#include <chrono>
#include <cstdlib>
#include <functional>
#include <map>
#include <ctime>
#include <string>
#include <thread>

#include "mockgc/api/time.hpp"
#include "mockgc/client/beast_transport.hpp"
#include "mockgc/client/org_clients.hpp"
#include "mockgc/core/scenario.hpp"
#include "mockgc/core/service.hpp"
#include "mockgc/inproc/inproc.hpp"
#include "mockgc/net/server.hpp"
#include "mockgc/workflows/activity_code_sync.hpp"
#include "mockgc/workflows/volume_aggregation.hpp"

using namespace mockgc;

namespace {

using Clock = std::chrono::steady_clock;

double cpu_ms() { return 1000.0 * static_cast<double>(std::clock()) / CLOCKS_PER_SEC; }

struct Timer {
  Clock::time_point wall = Clock::now();
  double cpu = cpu_ms();
  double wall_ms() const { return std::chrono::duration<double, std::milli>(Clock::now() - wall).count(); }
  double cpu_used() const { return cpu_ms() - cpu; }
};

std::vector<client::OrgConfig> configs(const core::Service& service, const std::function<std::string(const std::string&)>& base) {
  std::vector<client::OrgConfig> out;
  for (const auto& r : service.regions()) {
    client::OrgConfig c;
    c.name = r.org_name;
    c.region = r.region;
    c.api = *client::parse_endpoint(base(r.region));
    c.login = client::default_login_endpoint(c.api);
    c.client_id = r.client_id;
    c.client_secret = r.client_secret;
    out.push_back(std::move(c));
  }
  return out;
}

std::string real_host(const std::string& region) {
  static const std::map<std::string, std::string> hosts = {{"eu_central_1", "https://api.mypurecloud.de"},
                                                           {"ap_southeast_2", "https://api.mypurecloud.com.au"}};
  return hosts.at(region);
}

std::uint64_t requests(client::OrgClients& orgs) {
  std::uint64_t n = 0;
  for (std::size_t i = 0; i < orgs.size(); ++i) n += orgs.at(i).stats().api_requests + orgs.at(i).stats().logins;
  return n;
}

std::string totals(const workflows::VolumeReport& r) {
  std::uint64_t offered = 0;
  std::string status;
  for (const auto& o : r.orgs) {
    offered += o.offered();
    status += std::string(status.empty() ? "" : "/") + std::string(workflows::to_string(o.status.kind));
  }
  return fmt::format("offered {} ({})", offered, status);
}

void row(const std::string& name, const Timer& t, std::uint64_t reqs, const std::string& simulated, const std::string& what) {
  fmt::print("| {} | {:.1f} | {:.1f} | {} | {} | {} |\n", name, t.wall_ms(), t.cpu_used(), reqs, simulated, what);
  std::fflush(stdout);
}

void volume_inprocess() {
  core::VirtualClock vclock(*api::parse_instant("2026-07-06T00:00:00Z"));
  core::ServiceOptions o;  // the built-in default world (= scenarios/default.json)
  o.clock = &vclock;
  auto service = core::make_service(o);
  inproc::InProcessTransport transport(*service);
  inproc::VirtualClockAdapter clock(vclock);
  for (int run = 1; run <= 2; ++run) {
    client::OrgClients orgs(configs(*service, real_host), transport, clock, {}, 1);
    workflows::VolumeOptions v;
    v.end = clock.now();
    v.weeks = 26;
    Timer t;
    const auto start = clock.now();
    const auto report = workflows::aggregate_volume(orgs, v);
    row(fmt::format("volume-inprocess run {}", run), t, requests(orgs),
        fmt::format("{} ms", (clock.now() - start).count()),
        fmt::format("26 weeks, {} intervals × {} orgs, {}", report.intervals, report.orgs.size(), totals(report)));
  }
}

void volume_loopback() {
  core::ServiceOptions o;
  auto service = core::make_service(o);
  net::Server server(*service, net::ServerOptions{});
  server.start();
  std::thread io([&] { server.run(); });
  {
    client::BeastTransport transport;
    client::SystemClock clock;
    for (int run = 1; run <= 2; ++run) {
      auto cfgs = configs(*service, [&](const std::string& region) {
        return fmt::format("http://127.0.0.1:{}", server.port(region));
      });
      for (auto& c : cfgs) c.login = c.api;
      client::OrgClients orgs(cfgs, transport, clock, {}, 1);
      workflows::VolumeOptions v;
      v.end = clock.now();
      v.weeks = 26;
      Timer t;
      const auto report = workflows::aggregate_volume(orgs, v);
      row(fmt::format("volume-loopback run {}", run), t, requests(orgs), "(real clock)",
          fmt::format("26 weeks, {} intervals × {} orgs, {}", report.intervals, report.orgs.size(), totals(report)));
    }
  }
  server.stop();
  io.join();
}

void storm_virtual(int hours) {
  const auto scenario = core::load_scenario_file(MOCKGC_SOURCE_DIR "/scenarios/rate-limit-storm.json");
  core::VirtualClock vclock(*scenario.clock.start);
  core::ServiceOptions o;
  o.scenario_file = MOCKGC_SOURCE_DIR "/scenarios/rate-limit-storm.json";
  o.clock = &vclock;
  auto service = core::make_service(o);
  inproc::InProcessTransport transport(*service);
  inproc::VirtualClockAdapter clock(vclock);
  std::uint64_t too_many = 0;
  client::OrgClientOptions options;
  options.observer = [&](const client::ExchangeEvent& e) { too_many += e.status == 429 ? 1 : 0; };
  client::OrgClients orgs(configs(*service, real_host), transport, clock, options, 1);
  Timer t;
  const auto start = clock.now();
  clock.sleep_until(start + std::chrono::minutes(5));  // into the queue-listing storm (PT5M, 10/min)
  workflows::VolumeOptions v;
  v.end = clock.now();
  v.weeks = 1;
  v.interval_minutes = 60;
  const auto volume = workflows::aggregate_volume(orgs, v);
  const double volume_ms = t.wall_ms(), volume_cpu = t.cpu_used();
  int rounds = 0;
  workflows::SyncOptions sync;
  sync.source_region = "eu_central_1";
  while (clock.now() - start < std::chrono::hours(hours)) {
    (void)workflows::plan_sync(orgs, sync);  // sync-codes --dry-run: BU and activity-code listings
    ++rounds;
  }
  std::uint64_t retries = 0;
  std::string limits;
  for (std::size_t i = 0; i < orgs.size(); ++i) {
    retries += orgs.at(i).stats().retries;
    limits += fmt::format("{}{}={}/min", limits.empty() ? "" : " ", orgs.at(i).org().name, orgs.at(i).current_rate_limit());
  }
  const auto simulated = std::chrono::duration_cast<std::chrono::seconds>(clock.now() - start);
  row("storm-virtual", t, requests(orgs), fmt::format("{:.2f} h", static_cast<double>(simulated.count()) / 3600.0),
      fmt::format("volume ({}; {:.0f} ms wall / {:.0f} ms CPU of the total, history build included) then {} "
                  "sync-codes dry runs; {} × 429, {} retries; learned limits {}",
                  totals(volume), volume_ms, volume_cpu, rounds, too_many, retries, limits));
}

}  // namespace

int main(int argc, char** argv) {
  int hours = 3;
  bool loopback = true, volume = true;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    if (a == "--skip-loopback")
      loopback = false;
    else if (a == "--storm-only")
      volume = loopback = false;
    else
      hours = std::atoi(argv[i]);
  }
  fmt::print("bench_workflows: seed 1 (default world), rate-limit-storm seed 7, hours {}\n", hours);
  std::fflush(stdout);
  fmt::print("| run | wall ms | CPU ms | requests | simulated | what |\n|---|---:|---:|---:|---|---|\n");
  if (volume) volume_inprocess();
  storm_virtual(hours);
  if (loopback) volume_loopback();
  return 0;
}
