#include "workflow_world.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <stdexcept>

#include "mockgc/api/time.hpp"
#include "mockgc/client/errc.hpp"
#include "mockgc/core/wfm/demand.hpp"
#include "mockgc/core/wfm/history.hpp"
#include "support/sync_world.hpp"

namespace mockgc::testing {

using nlohmann::json;

const std::vector<std::string>& property_zones() {
  static const std::vector<std::string> zones = {"Europe/London",     "Australia/Sydney", "America/New_York",
                                                 "Australia/Lord_Howe", "America/St_Johns", "Asia/Kolkata",
                                                 "Asia/Tokyo",        "UTC",              "America/Sao_Paulo",
                                                 "Pacific/Auckland"};
  return zones;
}

namespace {

const std::vector<std::string> kRegions = {"eu_central_1", "ap_southeast_2", "us_east_1", "ap_northeast_1"};
const std::vector<std::string> kDays = {"Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"};

std::string seconds(int s) { return fmt::format("PT{}S", s); }

rc::Gen<json> business_unit(int index) {
  return rc::gen::map(rc::gen::tuple(rc::gen::elementOf(property_zones()), rc::gen::elementOf(kDays),
                                     rc::gen::inRange(1, 3), rc::gen::inRange(0, 3)),
                      [index](const std::tuple<std::string, std::string, int, int>& t) {
                        return json{{"name", fmt::format("BU {}", index)},
                                    {"timeZone", std::get<0>(t)},
                                    {"startDayOfWeek", std::get<1>(t)},
                                    {"managementUnits", std::get<2>(t)},
                                    {"teamsPerManagementUnit", 1},
                                    {"customActivityCodes", std::get<3>(t)}};
                      });
}

rc::Gen<json> org(int index) {
  return rc::gen::map(rc::gen::tuple(rc::gen::inRange(4, 13), rc::gen::inRange(1, 4), rc::gen::inRange(1, 3),
                                     business_unit(1), business_unit(2)),
                      [index](const std::tuple<int, int, int, json, json>& t) {
                        json bus = json::array({std::get<3>(t)});
                        if (std::get<2>(t) == 2) bus.push_back(std::get<4>(t));
                        return json{{"name", fmt::format("ORG{}", index)},
                                    {"agents", std::get<0>(t)},
                                    {"queues", std::get<1>(t)},
                                    {"businessUnits", bus}};
                      });
}

}  // namespace

rc::Gen<std::string> small_world() {
  return rc::gen::map(rc::gen::tuple(rc::gen::inRange<std::size_t>(0, kRegions.size()),
                                     rc::gen::inRange<std::size_t>(1, kRegions.size()), org(1), org(2),
                                     rc::gen::inRange(0, 4)),
                      [](const std::tuple<std::size_t, std::size_t, json, json, int>& t) {
                        const auto& [a, step, o1, o2, shared] = t;
                        json first = o1, second = o2;
                        first["region"] = kRegions[a];
                        second["region"] = kRegions[(a + step) % kRegions.size()];
                        json w = {{"orgs", json::array({first, second})}};
                        if (shared > 0)
                          w["sharedAgents"] = json::array(
                              {{{"regions", {first["region"], second["region"]}}, {"count", shared}}});
                        return w.dump();
                      });
}

std::vector<std::string> regions_of(const json& world) {
  std::vector<std::string> out;
  for (const auto& o : world["orgs"]) out.push_back(o["region"].get<std::string>());
  return out;
}

rc::Gen<std::string> fault_timeline(const std::vector<std::string>& regions, int horizon_s, bool transport) {
  const int kinds = transport ? 8 : 6;
  auto one = rc::gen::mapcat(
      // In-process workflows take no virtual time except what faults add (latency, Retry-After, backoff):
      // most windows start at the clock start so they overlap the calls.
      rc::gen::tuple(rc::gen::inRange(0, kinds), rc::gen::elementOf(regions),
                     rc::gen::weightedOneOf<int>({{3, rc::gen::just(0)}, {1, rc::gen::inRange(0, horizon_s)}}),
                     rc::gen::inRange(horizon_s / 4, horizon_s + 1), rc::gen::inRange(1, 11), rc::gen::inRange(0, 5)),
      [horizon_s](const std::tuple<int, std::string, int, int, int, int>& t) {
        const auto& [kind, region, at, length, tenth, pick] = t;
        json f = {{"region", region}, {"at", seconds(at)}, {"for", seconds(length)}};
        static const std::vector<std::string> families = {"analytics", "adherence", "time-off", "activity-codes",
                                                          "workforcemanagement"};
        switch (kind) {
          case 0:  // 429 storm: a tight client-wide limit for a while
          case 1:
            f["type"] = "rate_limit";
            f["per_minute"] = 1 + tenth / 2;
            break;
          case 2:
            f["type"] = "outage";
            f["status"] = pick % 2 == 0 ? 503 : 504;
            f["probability"] = tenth / 10.0;
            break;
          case 3:
            f["type"] = "maintenance";
            f["family"] = families[static_cast<std::size_t>(pick)];
            break;
          case 4:
            f["type"] = "latency";
            f["distribution"] = "uniform";
            f["min_ms"] = 0;
            f["max_ms"] = tenth * 3000;
            break;
          case 5:
            f["type"] = "token";
            if (pick % 2 == 0) {
              f["action"] = "short_lifetime";
              f["lifetime"] = seconds(30 + tenth * 30);
            } else {
              f = {{"type", "token"}, {"action", "revoke_at"}, {"region", region}, {"at", seconds(at % horizon_s)}};
            }
            break;
          default: {
            static const std::vector<std::string> actions = {"truncated_json", "malformed_json", "reset",
                                                             "close_mid_body", "reset"};
            f["type"] = "transport";
            f["action"] = actions[static_cast<std::size_t>(pick)];
            f["probability"] = tenth / 20.0;
            // Often only on analytics: a broken aggregates answer is not retried, so one chunk can fail alone.
            if (tenth % 2 == 0) f["path"] = "/api/v2/analytics/**";
          }
        }
        return rc::gen::just(f);
      });
  auto several = rc::gen::mapcat(rc::gen::inRange<std::size_t>(0, 5), [one](std::size_t n) {
    return rc::gen::container<std::vector<json>>(n, one);
  });
  return rc::gen::map(several, [](std::vector<json> v) {
    json out = json::array();
    int n = 0;
    for (auto& f : v) {
      f["id"] = fmt::format("f{}-{}", n++, f["type"].get<std::string>());
      out.push_back(std::move(f));
    }
    return out.dump();
  });
}

rc::Gen<core::Instant> start_instant() {
  // 2026-01-01T00:00Z + whole minutes within the year.
  return rc::gen::map(rc::gen::inRange(0, 365 * 24 * 60), [](int minutes) {
    return core::Instant(core::Millis(1'767'225'600'000)) + std::chrono::minutes(minutes);
  });
}

std::string scenario_text(const json& world, const json& faults, std::uint64_t seed,
                          std::optional<int> per_client_per_minute) {
  json s = {{"name", "workflow-props"}, {"seed", seed}, {"world", world}};
  if (per_client_per_minute) s["rate_limits"] = {{"per_client_per_minute", *per_client_per_minute}};
  if (!faults.empty()) s["faults"] = faults;
  return s.dump();
}

std::string aggregates_interval(const Exchange& e) {
  if (e.target.find("/api/v2/analytics/conversations/aggregates/query") == std::string::npos) return {};
  const auto j = nlohmann::json::parse(e.body, nullptr, false);
  return j.is_object() && j.contains("interval") && j["interval"].is_string() ? j["interval"].get<std::string>()
                                                                              : std::string();
}

rc::Gen<VolumeCase> volume_case() {
  return rc::gen::exec([] {
    VolumeCase c;
    c.world = nlohmann::json::parse(*small_world());
    c.regions = regions_of(c.world);
    c.faults = nlohmann::json::parse(*fault_timeline(c.regions, 120));
    c.seed = *rc::gen::inRange<std::uint64_t>(1, 1000);
    c.start = *start_instant();
    c.minutes = *rc::gen::elementOf(std::vector<int>{15, 30, 60});
    c.weeks = *rc::gen::elementOf(std::vector<int>{1, 2, 5, 5, 9});
    return c;
  });
}

std::string politeness_violation(const std::vector<Exchange>& log, int limit) {
  std::map<std::string, std::vector<const Exchange*>> by_host;
  for (const auto& e : log)
    if (e.api()) by_host[e.host].push_back(&e);
  for (const auto& [host, sends] : by_host) {
    core::Instant blocked_until{};
    for (std::size_t i = 0; i < sends.size(); ++i) {
      const auto& e = *sends[i];
      if (e.sent < blocked_until)
        return fmt::format("{} {} {} sent {} ms before a Retry-After elapsed", host, e.method, e.target,
                           (blocked_until - e.sent).count());
      if (e.status == 429 && e.retry_after)
        blocked_until = std::max(blocked_until, e.answered + std::chrono::seconds(*e.retry_after));
      const auto n = static_cast<std::size_t>(limit);
      if (i >= n && e.sent - sends[i - n]->sent < std::chrono::seconds(60)) {
        std::string what = fmt::format("{}: {} requests within {} ms (limit {} per 60 s):", host, limit + 1,
                                       (e.sent - sends[i - n]->sent).count(), limit);
        for (std::size_t k = i - n; k <= i; ++k)
          what += fmt::format("\n  +{} ms {} {} -> {}", (sends[k]->sent - sends[i - n]->sent).count(),
                              sends[k]->method, sends[k]->target.substr(0, 80), sends[k]->status);
        return what;
      }
    }
  }
  return {};
}

WorkflowWorld::WorkflowWorld(const std::string& text, std::uint64_t seed_, core::Instant start,
                             client::OrgClientOptions options)
    : counterexample(text, start), virtual_clock(start), scenario(core::parse_scenario(text, "workflow-props")),
      seed(seed_) {
  RC_LOG() << "clock start " << api::format_instant(start) << "\n";
  world = core::generate_world(scenario, seed);
  core::ServiceOptions o;
  o.scenario_text = text;
  o.seed = seed;
  o.clock = &virtual_clock;
  service = core::make_service(o);
  inner = std::make_unique<inproc::InProcessTransport>(*service);
  clock = &virtual_clock;
  seam = std::make_unique<RecordingTransport>(*inner, clock);
  orgs = std::make_unique<client::OrgClients>(org_configs(*service), *seam, *clock, options, seed);
}

const core::OrgWorld& WorkflowWorld::org(const std::string& region) const {
  const auto* o = world.find_org(region);
  if (!o) throw std::logic_error("no org in " + region);
  return *o;
}

std::map<std::string, QueueTruth> volume_truth(const core::OrgWorld& org, std::uint64_t seed, core::Instant start,
                                               core::Instant end, int minutes) {
  const auto model = core::wfm::DemandModel::build(org, seed);
  const auto store = core::wfm::HistoryStore::build(model, seed, start, end);
  const auto step = std::chrono::minutes(minutes);
  const auto intervals = static_cast<std::size_t>((end - start) / step);
  std::map<std::string, QueueTruth> out;
  for (std::size_t q = 0; q < model.queues().size(); ++q) {
    QueueTruth t;
    t.offered.assign(intervals, 0);
    t.handled.assign(intervals, 0);
    t.handle_ms.assign(intervals, 0);
    for (auto at = start; at < end; at += core::wfm::kInterval) {
      const auto* cell = store.cell(q, at);
      if (!cell) throw std::logic_error("ground truth outside the history window");
      const auto i = static_cast<std::size_t>((at - start) / step);
      t.offered[i] += cell->offered;
      t.handled[i] += cell->handle.count;
      t.handle_ms[i] += cell->handle.sum_ms;
    }
    out[model.queues()[q].queue_id] = std::move(t);
  }
  return out;
}

}  // namespace mockgc::testing
