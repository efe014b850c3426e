// Workflow benchmarks. One run each, printed as a table row (wall ms, CPU ms, requests,
// simulated time), seed and scenario named:
//   volume-inprocess   cross-org volume aggregation of the default world over 26 weeks (PT15M), in-process
//                      on a virtual clock: first run (the history store is built on the first analytics
//                      request) and a second, warm run;
//   volume-loopback    the same over loopback sockets (real net shell on port 0, BeastTransport, system clock);
//   storm-neighbour    scenarios/rate-limit-storm.json on its virtual clock, driven through workflows, with a
//                      simulated second process sharing each org's OAuth client (the "neighbour") filling the
//                      server's per-client window before every n-th workflow request, so the client really
//                      gets 429s and waits out Retry-After, for `hours` of simulated time at no wall time;
//   storm-paced        (--paced) the same workload without the neighbour: the client alone, never a 429, pacing
//                      at its full 300/min per org (≈ 100 000 requests in 3 h: a client throughput run, ~9 s).
// Counters: requests (workflow API + logins), 429s received, retries, simulated time in total and spent
// waiting on Retry-After / backoff / pacing, neighbour storms and requests.
// Usage: bench_workflows [hours=3] [--skip-loopback] [--storm-only] [--paced] [--neighbour-every=20]
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

// CPU ms of the calling thread alone (the client's thread when the server runs on another one).
double thread_cpu_ms() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return 1000.0 * static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) / 1e6;
}

// The process CPU spent inside the inner transport: in-process, that is the server answering (the history
// build on the first analytics request, the answers' bodies); the rest of a run's CPU is the client's.
class ServerCpuTransport final : public client::Transport {
 public:
  explicit ServerCpuTransport(client::Transport& inner) : inner_(inner) {}
  client::Result<api::HttpResponse> send(const client::Endpoint& to, const api::HttpRequest& request,
                                         const client::SendOptions& options) override {
    const double before = cpu_ms();
    auto r = inner_.send(to, request, options);
    cpu += cpu_ms() - before;
    return r;
  }
  double cpu = 0;

 private:
  client::Transport& inner_;
};

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
  api::ManualClock vclock(*api::parse_instant("2026-07-06T00:00:00Z"));
  core::ServiceOptions o;  // the built-in default world (= scenarios/default.json)
  o.clock = &vclock;
  auto service = core::make_service(o);
  inproc::InProcessTransport inprocess(*service);
  api::ManualClock& clock = vclock;
  for (int run = 1; run <= 2; ++run) {
    ServerCpuTransport transport(inprocess);
    client::OrgClients orgs(configs(*service, real_host), transport, clock, {}, 1);
    workflows::VolumeOptions v;
    v.end = clock.now();
    v.weeks = 26;
    Timer t;
    const auto start = clock.now();
    const auto report = workflows::aggregate_volume(orgs, v);
    const double total = t.cpu_used();
    row(fmt::format("volume-inprocess run {}", run), t, requests(orgs),
        fmt::format("{} ms", (clock.now() - start).count()),
        fmt::format("26 weeks, {} intervals × {} orgs, {}; CPU ms server {:.0f} / client {:.0f}", report.intervals,
                    report.orgs.size(), totals(report), transport.cpu, total - transport.cpu));
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
      const double client_before = thread_cpu_ms();
      const auto report = workflows::aggregate_volume(orgs, v);
      const double client = thread_cpu_ms() - client_before, total = t.cpu_used();
      row(fmt::format("volume-loopback run {}", run), t, requests(orgs), "(real clock)",
          fmt::format("26 weeks, {} intervals × {} orgs, {}; CPU ms server thread {:.0f} / client thread {:.0f}",
                      report.intervals, report.orgs.size(), totals(report), total - client, client));
    }
  }
  server.stop();
  io.join();
}

// A second process with the same OAuth client (another gc-hub run, a cron job: tests/workflows/e2e's
// "neighbour"): it shares the server's per-client window. Before every `every`-th API request of the
// workflow to a region, it sends `GET /api/v2/workforcemanagement/businessunits?neighbour=1` (small, cheap) with the workflow's bearer
// token until the server answers 429, so that request meets a full window and gets a real 429 with
// Retry-After. The workflow's retry is the next request, so it is never stormed itself.
class NeighbourTransport final : public client::Transport {
 public:
  NeighbourTransport(client::Transport& inner, int every) : inner_(inner), every_(every) {}
  client::Result<api::HttpResponse> send(const client::Endpoint& to, const api::HttpRequest& request,
                                         const client::SendOptions& options) override {
    if (every_ > 0 && request.target.rfind("/api/v2/", 0) == 0 && ++workflow_requests_[to.host] % every_ == 0) {
      ++storms;
      const double cpu_before = cpu_ms();
      api::HttpRequest noise;
      noise.method = "GET";
      noise.target = "/api/v2/workforcemanagement/businessunits?neighbour=1";
      noise.headers.set("Host", to.host_header());
      if (auto auth = request.headers.get("Authorization")) noise.headers.set("Authorization", std::string(*auth));
      for (int i = 0; i < 100'000; ++i) {
        auto r = inner_.send(to, noise, {});
        ++requests;
        if (!r || r->status != 200) break;  // its own 429: its problem, not the workflow's
      }
      cpu += cpu_ms() - cpu_before;
    }
    return inner_.send(to, request, options);
  }
  std::uint64_t storms = 0, requests = 0;
  double cpu = 0;  // ms of CPU spent simulating the neighbour (server side included), not the workflow's

 private:
  client::Transport& inner_;
  int every_;
  std::map<std::string, std::uint64_t> workflow_requests_;
};

// Splits the client's simulated sleeps by what caused them: the answer just before the sleep was a 429
// (the budget holds the org until Retry-After), a 5xx/transport error (jittered backoff), or neither
// (the client's own pacing under its learned limit). OrgClients runs the orgs one after another, so
// "the last exchange" is well defined.
class AccountingClock final : public api::WaitableClock {
 public:
  explicit AccountingClock(api::WaitableClock& inner) : inner_(inner) {}
  client::Instant now() const override { return inner_.now(); }
  void sleep_until(client::Instant t) override {
    const auto d = t - inner_.now();
    if (d > client::Millis::zero()) {
      if (last_status_ == 429)
        retry_after += d;
      else if (last_status_ == 0 || last_status_ >= 500)
        backoff += d;
      else
        pacing += d;
    }
    inner_.sleep_until(t);
  }
  void saw(int status) { last_status_ = status; }  // 0 = transport error
  client::Millis retry_after{0}, backoff{0}, pacing{0};

 private:
  api::WaitableClock& inner_;
  int last_status_ = 200;
};

std::string hours_of(client::Millis d) { return fmt::format("{:.2f} h", static_cast<double>(d.count()) / 3'600'000.0); }

// scenarios/rate-limit-storm.json on its virtual clock, driven through workflows from PT5M (inside the
// 10/min queue-listing storm): one volume run (1 week PT1H), then sync-codes dry runs (plan_sync) until
// `hours` of simulated time have passed. `neighbour_every` > 0 adds the neighbour (a storm before every
// n-th workflow API request per region); 0 = the client alone (pacing only).
void storm_virtual(const std::string& name, int hours, int neighbour_every) {
  const auto scenario = core::load_scenario_file(MOCKGC_SOURCE_DIR "/scenarios/rate-limit-storm.json");
  api::ManualClock vclock(*scenario.clock.start);
  core::ServiceOptions o;
  o.scenario_file = MOCKGC_SOURCE_DIR "/scenarios/rate-limit-storm.json";
  o.clock = &vclock;
  auto service = core::make_service(o);
  inproc::InProcessTransport inprocess(*service);
  NeighbourTransport transport(inprocess, neighbour_every);
  AccountingClock clock(vclock);
  std::uint64_t too_many = 0;
  client::OrgClientOptions options;
  options.observer = [&](const client::ExchangeEvent& e) {
    too_many += e.status == 429 ? 1 : 0;
    clock.saw(e.error ? 0 : e.status);
  };
  client::OrgClients orgs(configs(*service, real_host), transport, clock, options, 1);
  {
    // Untimed set-up: the world's lazy history build (≈ 0.45 s CPU) is world generation, not the storm run.
    // Another client reads the same week at the clock start; its few requests leave the server's 60 s
    // window long before the run starts at PT5M.
    client::OrgClients warm(configs(*service, real_host), inprocess, vclock, client::OrgClientOptions{}, 2);
    workflows::VolumeOptions w;
    w.end = vclock.now() + std::chrono::minutes(5);
    w.weeks = 1;
    w.interval_minutes = 60;
    (void)workflows::aggregate_volume(warm, w);
  }
  Timer t;
  const auto start = clock.now();
  vclock.sleep_until(start + std::chrono::minutes(5));  // into the queue-listing storm (PT5M, 10/min)
  workflows::VolumeOptions v;
  v.end = clock.now();
  v.weeks = 1;
  v.interval_minutes = 60;
  const auto volume = workflows::aggregate_volume(orgs, v);
  const double volume_ms = t.wall_ms(), volume_cpu = t.cpu_used();
  int rounds = 0, incomplete = 0;
  workflows::SyncOptions sync;
  sync.source_region = "eu_central_1";
  while (clock.now() - start < std::chrono::hours(hours)) {
    const auto plan = workflows::plan_sync(orgs, sync);  // sync-codes --dry-run: BU and activity-code listings
    for (const auto& r : plan.orgs) incomplete += r.status.is_complete() ? 0 : 1;
    ++rounds;
  }
  std::uint64_t retries = 0;
  std::string limits;
  for (std::size_t i = 0; i < orgs.size(); ++i) {
    retries += orgs.at(i).stats().retries;
    limits += fmt::format("{}{}={}/min", limits.empty() ? "" : " ", orgs.at(i).org().name, orgs.at(i).current_rate_limit());
  }
  const auto simulated = clock.now() - start;
  const double sync_cpu = t.cpu_used() - volume_cpu - transport.cpu;  // the dry runs alone, neighbour excluded
  row(name, t, requests(orgs), hours_of(simulated),
      fmt::format("{} × 429 received, {} retries; waited {} on Retry-After, {} on backoff, {} pacing; neighbour "
                  "{} storms / {} requests / {:.0f} ms CPU; volume ({}; {:.0f} ms wall / {:.0f} ms CPU, history "
                  "pre-built untimed) then {} sync-codes dry runs ({:.0f} ms CPU without the neighbour, {} incomplete regions); learned limits at the end {}",
                  too_many, retries, hours_of(clock.retry_after), hours_of(clock.backoff), hours_of(clock.pacing),
                  transport.storms, transport.requests, transport.cpu, totals(volume), volume_ms, volume_cpu, rounds, sync_cpu, incomplete,
                  limits));
}

}  // namespace

int main(int argc, char** argv) {
  int hours = 3, neighbour_every = 20;
  bool loopback = true, volume = true, paced = false;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    if (a == "--skip-loopback")
      loopback = false;
    else if (a == "--storm-only")
      volume = loopback = false;
    else if (a == "--paced")
      paced = true;
    else if (a.rfind("--neighbour-every=", 0) == 0)
      neighbour_every = std::atoi(a.c_str() + 18);
    else if (!a.empty() && a.front() >= '0' && a.front() <= '9')
      hours = std::atoi(argv[i]);  // other flags (run-bench.sh passes Google Benchmark's) are ignored
  }
  fmt::print("bench_workflows: seed 1 (default world), rate-limit-storm seed 7, hours {}, neighbour every {}\n", hours,
             neighbour_every);
  std::fflush(stdout);
  fmt::print("| run | wall ms | CPU ms | requests | simulated | what |\n|---|---:|---:|---:|---|---|\n");
  if (volume) volume_inprocess();
  storm_virtual("storm-neighbour", hours, neighbour_every);
  if (paced) storm_virtual("storm-paced (no neighbour)", hours, 0);
  if (loopback) volume_loopback();
  return 0;
}
