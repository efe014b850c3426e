// Notification fan-out at scale, in-process on the virtual clock (never a CTest test; `make bench` runs it
// small, results recorded in bench/RESULTS.md). Every region of a world gets one channel subscribed to the
// adherence topic of each of its management units; the clock then moves in steps and every channel's stream
// is pulled after each step, as the WebSocket shell would pull it. Printed:
//   - ready: world generation (service start) time and RSS;
//   - subscribing: time and heap growth for the MU channels, then for a second channel per region holding
//     1,000 user presence topics (memory per channel and per 1,000 topics);
//   - fan-out: events delivered, events/s of wall time for clock moves + pulls, bytes, and the delivery
//     latency on the virtual clock of the presence events (pull instant − the presence's modifiedDate; the
//     pull interval bounds it from above when events come due as the clock moves);
//   - per world minute: wall and process CPU time of its clock moves and pulls, events, RSS and heap at its
//     end (the first minute holds the first step, which derives the org-days the agents' state needs), so a
//     longer run shows whether the cost and the memory stay flat. CPU time is the fairer figure on a shared
//     machine.
// usage: bench_notifications_fanout [--regions N=17] [--agents A=5000] [--minutes M=10] [--step-ms S=1000]
#include <fmt/format.h>
#include <malloc.h>
#include <time.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <fstream>
#include <memory>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string>
#include <vector>

#include "mockgc/api/regions.hpp"
#include "mockgc/api/time.hpp"
#include "mockgc/core/clock.hpp"
#include "mockgc/core/notifications/stream.hpp"
#include "mockgc/core/service.hpp"
#include "../support/options.hpp"
#include "../support/proc_status.hpp"

using namespace mockgc;
using json = nlohmann::json;
using Wall = std::chrono::steady_clock;

namespace {

constexpr std::size_t kUserTopics = 1000;

struct Options {
  std::size_t regions = 17, agents = 5000;
  int minutes = 10, step_ms = 1000;
};

Options parse(int argc, char** argv) {
  Options o;
  for (const auto& [key, value] : bench::positive_options(argc, argv)) {
    if (key == "--regions") o.regions = static_cast<std::size_t>(value);
    else if (key == "--agents") o.agents = static_cast<std::size_t>(value);
    else if (key == "--minutes") o.minutes = static_cast<int>(value);
    else if (key == "--step-ms") o.step_ms = static_cast<int>(value);
    else throw std::invalid_argument("unknown option " + key);
  }
  o.regions = std::min(o.regions, api::all_regions().size());
  return o;
}

// Heap bytes in use (glibc): exact where RSS moves in pages and keeps what was freed.
double heap_mib() { return static_cast<double>(mallinfo2().uordblks) / (1024.0 * 1024.0); }

double seconds_since(Wall::time_point t0) { return std::chrono::duration<double>(Wall::now() - t0).count(); }

// Process CPU time (every thread) in seconds.
double cpu_seconds() {
  timespec ts{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) / 1e9;
}

// Half a minute before 08:00 UTC on a Monday (London time = UTC): shifts start at 08:00, so presence and adherence
// move from the first minute.
std::string scenario(const Options& o) {
  json orgs = json::array();
  for (std::size_t i = 0; i < o.regions; ++i) {
    const auto& region = api::all_regions()[i];
    orgs.push_back({{"region", std::string(region.key)},
                    {"name", fmt::format("Org {}", i + 1)},
                    {"agents", o.agents},
                    {"queues", 50},
                    {"businessUnits",
                     {{{"name", "Customer Care"},
                       {"timeZone", "Europe/London"},
                       {"managementUnits", std::max<std::size_t>(1, o.agents / 250)},
                       {"teamsPerManagementUnit", 3}}}}});
  }
  return json{{"seed", 1}, {"world", {{"orgs", orgs}}}, {"clock", {{"mode", "virtual"}, {"start", "2026-03-23T07:59:30Z"}}}}
      .dump();
}

class Region {
 public:
  Region(core::Service& service, core::RegionEndpointInfo info) : service_(service), info_(std::move(info)) {
    ctx_.region = info_.region;
    ctx_.peer = "bench";
    api::HttpRequest login;
    login.method = "POST";
    login.target = "/oauth/token";
    login.headers.set("Content-Type", "application/x-www-form-urlencoded");
    login.body = "grant_type=client_credentials&client_id=" + info_.client_id + "&client_secret=" + info_.client_secret;
    token_ = answer(login).at("access_token").get<std::string>();
  }

  json get(const std::string& target) { return answer(request("GET", target)); }

  // A channel subscribed to `topics`, connected.
  std::unique_ptr<core::notifications::Stream> listen(const std::vector<std::string>& topics) {
    const auto channel = answer(request("POST", "/api/v2/notifications/channels", "{}"));
    json body = json::array();
    for (const auto& t : topics) body.push_back({{"id", t}});
    answer(request("PUT", "/api/v2/notifications/channels/" + channel.at("id").get<std::string>() + "/subscriptions",
                   body.dump()));
    api::HttpRequest upgrade;
    upgrade.method = "GET";
    upgrade.target = "/channels/" + channel.at("id").get<std::string>();
    auto stream = service_.open_stream(upgrade, ctx_);
    if (!stream) throw std::runtime_error(info_.region + ": the channel's stream did not open");
    return stream;
  }

 private:
  api::HttpRequest request(const char* method, const std::string& target, std::string body = {}) const {
    api::HttpRequest r;
    r.method = method;
    r.target = target;
    r.headers.set("Authorization", "Bearer " + token_);
    if (!body.empty()) {
      r.headers.set("Content-Type", "application/json");
      r.body = std::move(body);
    }
    return r;
  }
  json answer(const api::HttpRequest& r) {
    const auto res = service_.handle(r, ctx_);
    if (res.status != 200)
      throw std::runtime_error(fmt::format("{}: {} {} answered {}: {}", info_.region, r.method, r.target, res.status,
                                           res.body.substr(0, 300)));
    return json::parse(res.body);
  }

  core::Service& service_;
  core::RegionEndpointInfo info_;
  core::RequestContext ctx_;
  std::string token_;
};

std::vector<std::string> mu_topics(Region& r) {
  const auto bu = r.get("/api/v2/workforcemanagement/businessunits").at("entities").at(0).at("id").get<std::string>();
  std::vector<std::string> out;
  const auto mus = r.get("/api/v2/workforcemanagement/businessunits/" + bu + "/managementunits");
  for (const auto& mu : mus.at("entities"))
    out.push_back("v2.workforcemanagement.managementunits." + mu.at("id").get<std::string>() + ".adherence");
  if (out.empty()) throw std::runtime_error("no management units: " + mus.dump().substr(0, 300));
  return out;
}

std::vector<std::string> user_topics(Region& r, std::size_t n) {
  std::vector<std::string> out;
  for (int page = 1; out.size() < n; ++page) {
    const auto users = r.get(fmt::format("/api/v2/users?pageSize=500&pageNumber={}", page)).at("entities");
    if (users.empty()) break;
    for (const auto& u : users)
      if (out.size() < n) out.push_back("v2.users." + u.at("id").get<std::string>() + ".presence");
  }
  return out;
}

struct Delivery {
  std::size_t events = 0, heartbeats = 0, bytes = 0;
  std::vector<double> latency_s;
  double pull_s = 0;  // wall time in clock moves and pulls (reading the frames here is not counted)
  double cpu_s = 0;   // process CPU time in the same
};

void drain(core::notifications::Stream& s, api::Instant now, Delivery& d) {
  const auto t0 = Wall::now();
  const double c0 = cpu_seconds();
  auto out = s.pull();
  s.confirm();
  d.pull_s += seconds_since(t0);
  d.cpu_s += cpu_seconds() - c0;
  for (const auto& frame : out.frames) {
    d.bytes += frame.size();
    if (frame.find("\"channel.metadata\"") != std::string::npos) {
      ++d.heartbeats;
      continue;
    }
    ++d.events;
    // A presence event is due at its modifiedDate (the instant the presence changed); an MU adherence
    // event's adherenceChangeTime is when adherence last changed, which may be long before.
    if (frame.find(".presence\"") == std::string::npos) continue;
    const auto j = json::parse(frame);
    const auto& body = j.at("eventBody");
    if (!body.contains("modifiedDate")) continue;
    if (const auto at = api::parse_instant(body["modifiedDate"].get<std::string>()))
      d.latency_s.push_back(std::chrono::duration<double>(now - *at).count());
  }
}

double percentile(std::vector<double> v, double p) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  return v[std::min(v.size() - 1, static_cast<std::size_t>(p * static_cast<double>(v.size())))];
}

}  // namespace

int main(int argc, char** argv) try {
  const auto o = parse(argc, argv);
  fmt::print("fan-out: {} regions x {} agents, {} world minutes in {} ms steps\n", o.regions, o.agents, o.minutes,
             o.step_ms);
  const double rss0 = mockgc::bench::proc_status_mib("VmRSS");
  auto t0 = Wall::now();
  const auto began = t0;
  core::ServiceOptions options;
  options.scenario_text = scenario(o);
  const auto service = core::make_service(options);
  auto* clock = dynamic_cast<api::ManualClock*>(service->clock());
  if (!clock) throw std::runtime_error("the scenario's clock is not virtual");
  const double rss_ready = mockgc::bench::proc_status_mib("VmRSS");
  fmt::print("ready            {:8.2f} s   RSS {:7.1f} MiB (+{:.1f})\n", seconds_since(t0), rss_ready, rss_ready - rss0);
  t0 = Wall::now();

  // Logins and the listings that name the topics first: what they cost is not the channels'.
  std::vector<Region> regions;
  std::vector<std::vector<std::string>> mus, users;
  std::size_t mu_count = 0, user_count = 0;
  for (const auto& info : service->regions()) {
    regions.emplace_back(*service, info);
    mus.push_back(mu_topics(regions.back()));
    users.push_back(user_topics(regions.back(), kUserTopics));
    mu_count += mus.back().size();
    user_count += users.back().size();
  }
  const double rss_listed = mockgc::bench::proc_status_mib("VmRSS"), heap_listed = heap_mib();
  fmt::print("logins, listings {:8.2f} s   RSS {:7.1f} MiB\n", seconds_since(t0), rss_listed);
  t0 = Wall::now();
  std::vector<std::unique_ptr<core::notifications::Stream>> streams;
  for (std::size_t i = 0; i < regions.size(); ++i) streams.push_back(regions[i].listen(mus[i]));
  const double rss_mu = mockgc::bench::proc_status_mib("VmRSS"), heap_mu = heap_mib();
  fmt::print("MU channels      {:8.2f} s   RSS {:7.1f} MiB, heap +{:.3f} MiB for {} channels, {} MU topics ({:.1f} KiB a channel)\n",
             seconds_since(t0), rss_mu, heap_mu - heap_listed, regions.size(), mu_count,
             (heap_mu - heap_listed) * 1024.0 / static_cast<double>(regions.size()));
  t0 = Wall::now();
  for (std::size_t i = 0; i < regions.size(); ++i) streams.push_back(regions[i].listen(users[i]));
  const double rss_users = mockgc::bench::proc_status_mib("VmRSS"), heap_users = heap_mib();
  fmt::print("user channels    {:8.2f} s   RSS {:7.1f} MiB, heap +{:.3f} MiB for {} user topics ({:.1f} KiB per 1,000 topics)\n",
             seconds_since(t0), rss_users, heap_users - heap_mu, user_count,
             (heap_users - heap_mu) * 1024.0 * 1000.0 / static_cast<double>(std::max<std::size_t>(1, user_count)));

  Delivery d;
  const auto steps = static_cast<long>(o.minutes) * 60'000 / o.step_ms;
  t0 = Wall::now();
  const long steps_per_minute = std::max<long>(1, 60'000 / o.step_ms);
  Delivery minute_start = d;
  fmt::print("{:>6} {:>9} {:>9} {:>8} {:>9} {:>9}\n", "minute", "wall s", "CPU s", "events", "RSS MiB", "heap MiB");
  for (long i = 0; i < steps; ++i) {
    const auto moved = Wall::now();
    const double c0 = cpu_seconds();
    clock->advance(core::Millis(o.step_ms));
    d.pull_s += seconds_since(moved);
    d.cpu_s += cpu_seconds() - c0;
    const auto now = clock->now();
    for (auto& s : streams) drain(*s, now, d);
    if ((i + 1) % steps_per_minute == 0 || i + 1 == steps) {
      fmt::print("{:>6} {:>9.2f} {:>9.2f} {:>8} {:>9.1f} {:>9.1f}\n", (i + steps_per_minute) / steps_per_minute,
                 d.pull_s - minute_start.pull_s, d.cpu_s - minute_start.cpu_s, d.events - minute_start.events,
                 mockgc::bench::proc_status_mib("VmRSS"), heap_mib());
      std::fflush(stdout);
      minute_start = d;
    }
  }
  const double wall = d.pull_s;
  const double rss_end = mockgc::bench::proc_status_mib("VmRSS");
  fmt::print("fan-out          {:8.2f} s   {} events ({:.0f} events/s of wall time, {:.1f} MB), {} heartbeats\n", wall,
             d.events, static_cast<double>(d.events) / std::max(wall, 1e-9), static_cast<double>(d.bytes) / 1e6,
             d.heartbeats);
  fmt::print("CPU              {:8.2f} s   ({:.2f} s of CPU and {:.2f} s of wall time per world minute)\n", d.cpu_s,
             d.cpu_s * 60'000.0 / (static_cast<double>(steps) * o.step_ms),
             wall * 60'000.0 / (static_cast<double>(steps) * o.step_ms));
  fmt::print("latency (world)  p50 {:.2f} s  p99 {:.2f} s  max {:.2f} s  ({} events with a change time; pulls every {} ms)\n",
             percentile(d.latency_s, 0.5), percentile(d.latency_s, 0.99), percentile(d.latency_s, 1.0),
             d.latency_s.size(), o.step_ms);
  fmt::print("RSS at the end   {:7.1f} MiB, heap {:.1f} MiB; {:.2f} s in all\n", rss_end, heap_mib(), seconds_since(began));
  return 0;
} catch (const std::exception& e) {
  fmt::print(stderr, "bench_notifications_fanout: {}\n", e.what());
  return 2;
}
