#include "scenario_generators.hpp"

#include <fmt/format.h>

#include <functional>
#include <map>

#include "fault_generators.hpp"
#include "mockgc/api/time.hpp"
#include "support/generators.hpp"
#include "support/session.hpp"

namespace mockgc::properties {

using core::Instant;
using core::Millis;
using json = nlohmann::json;

namespace {

// inRange scales with the generation size (small values first); choices between kinds should not.
int uniform(int lo, int hi) { return *rc::gen::resize(100, rc::gen::inRange(lo, hi)); }

Instant t2026() { return *api::parse_instant("2026-01-01T00:00:00Z"); }

// Any millisecond in 2026…2029: starts far from and right at DST, week and year edges alike.
rc::Gen<Instant> instants() {
  return rc::gen::map(rc::gen::inRange<std::int64_t>(0, 4LL * 365 * 86'400'000),
                      [](std::int64_t ms) { return t2026() + Millis(ms); });
}

rc::Gen<core::StartEdge> start_edges() {
  return rc::gen::exec([] {
    core::StartEdge e;
    e.kind = static_cast<core::EdgeKind>(uniform(0, 4));
    if (e.kind == core::EdgeKind::dst) {
      // Zones with DST both ways (a zone without transitions is a load error, not a round trip).
      e.zone = *rc::gen::element<std::string>("Europe/London", "Australia/Sydney", "America/New_York", "Europe/Berlin");
      e.direction = static_cast<core::DstDirection>(*rc::gen::inRange(0, 3));
    } else {
      e.zone = *rc::gen::element<std::string>("UTC", "Europe/London", "Australia/Sydney", "Asia/Kolkata", "Pacific/Auckland");
    }
    if (e.kind == core::EdgeKind::week) e.week_start = static_cast<unsigned>(*rc::gen::inRange(0, 7));
    e.after = *rc::gen::arbitrary<bool>() ? *api::parse_instant(core::kDefaultEdgeAfter) : *instants();
    e.offset = Millis(*rc::gen::inRange<std::int64_t>(-7'200'000, 7'200'001) / 60'000 * 60'000);
    return e;
  });
}

rc::Gen<core::ProbeSpec> probes() {
  return rc::gen::exec([] {
    core::ProbeSpec p;
    p.at = Millis(*rc::gen::inRange<std::int64_t>(0, 7LL * 86'400'000));
    p.region = *rc::gen::element<std::string>("eu_central_1", "ap_southeast_2", "us_east_1", "sa_east_1");
    p.method = *rc::gen::element<std::string>("GET", "POST", "PATCH", "DELETE");
    p.path = *rc::gen::element<std::string>("/api/v2/users?pageSize=1", "/oauth/token", "/api/v2/routing/queues",
                                            "/api/v2/workforcemanagement/businessunits");
    if (*rc::gen::arbitrary<bool>()) p.body = json{{"name", *utf8_name(6)}, {"n", *rc::gen::inRange(0, 9)}}.dump();
    p.authenticated = *rc::gen::arbitrary<bool>();
    p.repeat = *rc::gen::element(1, 2, 301, 100'000);
    if (*rc::gen::arbitrary<bool>()) p.status = *rc::gen::inRange(100, 600);
    if (*rc::gen::arbitrary<bool>()) p.code = *rc::gen::element<std::string>("service.unavailable", "too.many.requests.retry.after");
    // JSON objects come back sorted by key: the model keeps them that way.
    std::map<std::string, std::string> headers;
    for (int i = *rc::gen::inRange(0, 3); i > 0; --i)
      headers[*rc::gen::element<std::string>("Retry-After", "Content-Type", "inin-ratelimit-count")] = *utf8_name(4);
    p.headers.assign(headers.begin(), headers.end());
    std::map<int, int> counts;
    for (int i = *rc::gen::inRange(0, 3); i > 0; --i) counts[*rc::gen::element(200, 429, 503)] = *rc::gen::inRange(0, 400);
    p.status_counts.assign(counts.begin(), counts.end());
    std::map<std::string, std::string> contains;
    for (int i = *rc::gen::inRange(0, 3); i > 0; --i)
      contains[*rc::gen::element<std::string>("/pageSize", "/entities/0/name", "/expires_in")] =
          *rc::gen::element<std::string>("1", "\"APAC Customer Care\"", "600", "[1,2]", "{\"a\":null}");
    p.body_contains.assign(contains.begin(), contains.end());
    if (*rc::gen::arbitrary<bool>()) p.transport = *rc::gen::element<std::string>("reset", "close_mid_body", "slow_body");
    return p;
  });
}

rc::Gen<core::CounterExpectation> counters() {
  return rc::gen::exec([] {
    core::CounterExpectation c;
    c.route = *rc::gen::element<std::string>("/api/v2/users", "/api/v2/users/{userId}", "(unmatched)", "/oauth/token");
    c.method = *rc::gen::element<std::string>("GET", "POST");
    c.status_class = *rc::gen::inRange(1, 6);
    c.count = *rc::gen::inRange<std::uint64_t>(0, 1'000'000'001);
    return c;
  });
}

template <typename T>
std::vector<T> at_most(std::vector<T> v, std::size_t n) {
  if (v.size() > n) v.resize(n);
  return v;
}

}  // namespace

rc::Gen<ScenarioDocument> scenario_documents() {
  return rc::gen::exec([] {
    ScenarioDocument doc;
    core::Scenario& s = doc.model;
    s = *small_scenario();
    if (*rc::gen::arbitrary<bool>()) s.name = *utf8_name(8);
    if (*rc::gen::arbitrary<bool>()) s.description = *utf8_name(20);
    switch (uniform(0, 4)) {
      case 0: break;  // absent: the real wall clock
      case 1:
        s.clock.mode = core::ClockMode::real;
        s.clock.start = *instants();
        s.clock.speed = *rc::gen::element(0.5, 1.0, 2.0, 60.0);
        break;
      case 2:
        s.clock.mode = core::ClockMode::virtual_time;
        s.clock.start = *instants();
        break;
      default:
        s.clock.mode = core::ClockMode::virtual_time;
        doc.edge = *start_edges();
        s.clock.start = core::resolve_edge(*doc.edge);
        break;
    }
    if (*rc::gen::arbitrary<bool>()) {
      s.rate_limit_per_minute = *rc::gen::element(1, 5, 300, 1'000'000);
      if (*rc::gen::arbitrary<bool>()) s.rate_limit_max_clients = *rc::gen::element<std::size_t>(1, 50, 200'000);
    }
    s.faults = *valid_faults(5);
    if (*rc::gen::arbitrary<bool>()) s.journal.capacity = *rc::gen::element<std::size_t>(1, 64, 50'000);
    s.expect.probes = at_most(*rc::gen::container<std::vector<core::ProbeSpec>>(probes()), 3);
    s.expect.counters = at_most(*rc::gen::container<std::vector<core::CounterExpectation>>(counters()), 3);
    doc.absolute_fault_times = s.clock.start && *rc::gen::arbitrary<bool>();
    doc.explicit_defaults = *rc::gen::arbitrary<bool>();
    doc.pretty = *rc::gen::arbitrary<bool>();
    return doc;
  });
}

json render(const ScenarioDocument& doc) {
  const core::Scenario& s = doc.model;
  json j = json::parse(core::scenario_to_json_text(s));
  if (doc.edge) j["clock"]["start"] = core::start_edge_to_json(*doc.edge);
  if (j.contains("faults")) {
    for (std::size_t i = 0; i < s.faults.size(); ++i) {
      json& f = j["faults"][i];
      if (doc.absolute_fault_times) f["at"] = api::format_instant(*s.clock.start + s.faults[i].at);
      if (doc.explicit_defaults) {
        if (!f.contains("activation")) f["activation"] = 1;
        if (!f.contains("probability") && s.faults[i].type() != core::faults::FaultType::rate_limit) f["probability"] = 1.0;
      }
    }
  }
  if (doc.explicit_defaults) {
    if (!j.contains("clock")) j["clock"] = {{"mode", "real"}};
    if (!j.contains("journal")) j["journal"] = {{"capacity", 10'000}};
    if (!j["world"].contains("sharedAgents")) j["world"]["sharedAgents"] = json::array();
    if (j.contains("expect") && j["expect"].contains("probes"))
      for (auto& p : j["expect"]["probes"]) {
        if (!p.contains("authenticated")) p["authenticated"] = true;
        if (!p.contains("repeat")) p["repeat"] = 1;
      }
  }
  return j;
}

std::string render_text(const ScenarioDocument& doc) { return doc.pretty ? render(doc).dump(2) : render(doc).dump(); }

// ---------------------------------------------------------------------------------------------------------
// Scenarios and requests for a live Service.

namespace {

const std::vector<std::string>& service_regions() {
  static const std::vector<std::string> r{"eu_central_1", "ap_southeast_2", "us_east_1"};
  return r;
}

// Globs aimed at the route table (FAULTS.md path globs), so faults hit the requests the driver sends.
rc::Gen<std::string> route_glob() {
  return rc::gen::element<std::string>("", "", "/api/v2/users/**", "/api/v2/users", "/api/v2/routing/queues/*",
                                       "/api/v2/workforcemanagement/businessunits/*/activitycodes",
                                       "/api/v2/workforcemanagement/**", "/oauth/token", "/**", "/api/v2/analytics/**");
}

}  // namespace

rc::Gen<core::Scenario> service_scenario() {
  return rc::gen::exec([] {
    core::Scenario s;
    s.seed = *rc::gen::arbitrary<std::uint64_t>();
    const auto n_orgs = *rc::gen::inRange<std::size_t>(1, 3);
    const auto first = *rc::gen::inRange<std::size_t>(0, service_regions().size());
    for (std::size_t i = 0; i < n_orgs; ++i) {
      core::OrgSpec org;
      org.region = service_regions()[(first + i) % service_regions().size()];
      org.name = fmt::format("Org{}", i);
      org.agents = *rc::gen::inRange(0, 13);
      org.queues = *rc::gen::inRange(0, 4);
      core::BusinessUnitSpec bu;
      bu.name = "BU 0";
      bu.time_zone = *rc::gen::element<std::string>("Europe/London", "Australia/Sydney", "UTC");
      bu.start_day_of_week = *rc::gen::element<std::string>("Monday", "Sunday");
      bu.management_units = *rc::gen::inRange(1, 3);
      bu.teams_per_management_unit = *rc::gen::inRange(0, 3);
      bu.custom_activity_codes = *rc::gen::inRange(0, 4);
      org.business_units.push_back(bu);
      s.world.orgs.push_back(std::move(org));
    }
    s.clock.mode = core::ClockMode::virtual_time;
    s.clock.start = *rc::gen::element(*api::parse_instant("2026-03-29T00:30:00Z"),
                                      *api::parse_instant("2026-01-05T09:00:00Z"),
                                      *api::parse_instant("2026-10-03T15:59:59.500Z"));
    s.fault_start = *s.clock.start;
    if (*rc::gen::arbitrary<bool>()) s.rate_limit_per_minute = *rc::gen::inRange(1, 20);
    if (*rc::gen::arbitrary<bool>()) s.journal.capacity = *rc::gen::inRange<std::size_t>(1, 200);

    // 1…8 faults whatever the generation size, so most runs have a live timeline.
    auto faults = *rc::gen::container<std::vector<core::faults::Fault>>(*rc::gen::inRange<std::size_t>(1, 9), valid_fault());
    for (std::size_t i = 0; i < faults.size(); ++i)
      faults[i].id = fmt::format("{}-{}", core::faults::fault_type_name(faults[i].type()), i);
    for (auto& f : faults) {
      // Aim the timeline at this world and the first minutes of the run; most sites switched on.
      if (uniform(0, 4) != 0) f.activation = 1.0;
      if (uniform(0, 4) != 0) f.method.clear();
      f.region = *rc::gen::arbitrary<bool>() ? "" : s.world.orgs[*rc::gen::inRange<std::size_t>(0, n_orgs)].region;
      f.at = Millis(*rc::gen::inRange<std::int64_t>(0, 600'000));
      if (f.duration) f.duration = Millis(*rc::gen::inRange<std::int64_t>(1'000, 1'200'000));
      if (!f.path.empty() || *rc::gen::arbitrary<bool>()) {
        const auto type = f.type();
        const bool request_scoped = type == core::faults::FaultType::rate_limit || type == core::faults::FaultType::outage ||
                                    type == core::faults::FaultType::latency || type == core::faults::FaultType::transport;
        if (request_scoped) f.path = *route_glob();
      }
      if (auto* rl = std::get_if<core::faults::RateLimitFault>(&f.params)) rl->per_minute = *rc::gen::inRange(1, 10);
      if (auto* lat = std::get_if<core::faults::LatencyFault>(&f.params)) {
        lat->ms = std::min<std::int64_t>(lat->ms, 5'000);
        lat->max_ms = std::min<std::int64_t>(lat->max_ms, 5'000);
        lat->min_ms = std::min(lat->min_ms, lat->max_ms);
      }
      if (auto* token = std::get_if<core::faults::TokenFault>(&f.params)) token->client_id.clear();
      if (auto* data = std::get_if<core::faults::DataFault>(&f.params);
          data && (data->action == core::faults::DataAction::rename_activity_code ||
                   data->action == core::faults::DataAction::recategorise_activity_code)) {
        data->business_unit = "BU 0";
        data->activity_code = *rc::gen::element<std::string>("0", "1", "2", "3");
      }
    }
    s.faults = std::move(faults);
    return s;
  });
}

namespace {

struct Ids {
  std::vector<std::string> bus, mus, users, queues, teams, codes;
};

Ids ids_of(const core::World& world, std::string_view region) {
  Ids ids;
  if (const auto* org = world.find_org(region)) {
    for (const auto& bu : org->business_units) {
      ids.bus.push_back(bu.id);
      for (const auto& c : bu.activity_codes) ids.codes.push_back(c.id);
    }
    for (const auto& mu : org->management_units) ids.mus.push_back(mu.id);
    for (const auto& u : org->users) ids.users.push_back(u.id);
    for (const auto& q : org->queues) ids.queues.push_back(q.id);
    for (const auto& t : org->teams) ids.teams.push_back(t.id);
  }
  return ids;
}

// A known id of the region most of the time, an unknown one otherwise (404 paths).
std::string pick(const std::vector<std::string>& known) {
  if (known.empty() || *rc::gen::inRange(0, 5) == 0)
    return *rc::gen::element<std::string>("00000000-0000-4000-8000-000000000000", "nope", "caf%C3%A9");
  return *rc::gen::elementOf(known);
}

std::string fill(std::string pattern, const Ids& ids) {
  const std::pair<std::string_view, std::function<std::string()>> slots[] = {
      {"{businessUnitId}", [&] { return pick(ids.bus); }},
      {"{managementUnitId}", [&] { return pick(ids.mus); }},
      {"{userId}", [&] { return pick(ids.users); }},
      {"{agentId}", [&] { return pick(ids.users); }},
      {"{queueId}", [&] { return pick(ids.queues); }},
      {"{teamId}", [&] { return pick(ids.teams); }},
      {"{activityCodeId}", [&] { return pick(ids.codes); }},
      {"{weekId}", [] { return *rc::gen::element<std::string>("2026-03-30", "2026-03-29", "bad-week"); }},
      {"{weekDateId}", [] { return *rc::gen::element<std::string>("2026-03-30", "2026-03-29", "bad-week"); }},
      {"{scheduleId}", [] { return std::string("s-unknown"); }},
      {"{forecastId}", [] { return std::string("f-unknown"); }},
      {"{jobId}", [] { return std::string("j-unknown"); }},
      {"{timeOffRequestId}", [] { return std::string("t-unknown"); }},
  };
  for (const auto& [slot, value] : slots)
    for (auto at = pattern.find(slot); at != std::string::npos; at = pattern.find(slot))
      pattern.replace(at, slot.size(), value());
  return pattern;
}

const std::string kWfm = "/api/v2/workforcemanagement";

rc::Gen<std::string> get_routes() {
  return rc::gen::element<std::string>(
      "/api/v2/tokens/me", "/api/v2/users", "/api/v2/users/{userId}", "/api/v2/routing/queues",
      "/api/v2/routing/queues/{queueId}", kWfm + "/businessunits", kWfm + "/businessunits/{businessUnitId}",
      kWfm + "/businessunits/{businessUnitId}/managementunits", kWfm + "/businessunits/{businessUnitId}/activitycodes",
      kWfm + "/businessunits/{businessUnitId}/activitycodes/{activityCodeId}", kWfm + "/managementunits",
      kWfm + "/managementunits/{managementUnitId}", kWfm + "/managementunits/{managementUnitId}/users",
      kWfm + "/managementunits/{managementUnitId}/activitycodes", kWfm + "/agents/{agentId}/managementunit",
      kWfm + "/historicaldata/importstatus", kWfm + "/businessunits/{businessUnitId}/weeks/{weekId}/schedules",
      kWfm + "/managementunits/{managementUnitId}/users/{userId}/timeoffrequests", kWfm + "/adherence?userId={userId}",
      kWfm + "/managementunits/{managementUnitId}/adherence", kWfm + "/teams/{teamId}/adherence",
      kWfm + "/businessunits/{businessUnitId}/planninggroups",
      kWfm + "/businessunits/{businessUnitId}/weeks/{weekDateId}/shorttermforecasts",
      "/api/v2/analytics/conversations/aggregates/jobs/{jobId}");
}

struct PostRoute {
  std::string pattern;
  std::vector<std::string> bodies;
};

const std::vector<PostRoute>& post_routes() {
  static const std::vector<PostRoute> routes{
      {kWfm + "/businessunits/{businessUnitId}/activitycodes",
       {R"({"name":"Coaching","category":"Training","lengthInMinutes":30})", R"({"name":"","category":"Nope"})"}},
      {"/api/v2/analytics/conversations/aggregates/query",
       {R"({"interval":"2026-03-28T00:00:00Z/2026-03-29T00:00:00Z","granularity":"PT1H","groupBy":["queueId"],"metrics":["nOffered","tHandle"]})",
        R"({"interval":"garbage"})"}},
      {kWfm + "/managementunits/{managementUnitId}/timeoffrequests/query", {"{}", R"({"userIds":["{userId}"]})"}},
      {kWfm + "/managementunits/{managementUnitId}/agentschedules/search",
       {R"({"startDate":"2026-03-30T00:00:00Z","endDate":"2026-04-06T00:00:00Z"})", "{}"}},
      {kWfm + "/historicaldata/validate", {"{}"}},
  };
  return routes;
}

}  // namespace

rc::Gen<std::vector<DriverStep>> driver_steps(core::World world, std::size_t max_steps) {
  return rc::gen::exec([world, max_steps] {
    std::vector<std::string> regions;
    for (const auto& org : world.orgs) regions.push_back(org.region);
    const auto n = *rc::gen::inRange<std::size_t>(0, max_steps + 1);
    std::vector<DriverStep> steps;
    bool logged_in = false;
    for (std::size_t i = 0; i < n; ++i) {
      DriverStep step;
      step.advance = Millis(*rc::gen::weightedOneOf<std::int64_t>(
          {{3, rc::gen::just<std::int64_t>(0)}, {4, rc::gen::inRange<std::int64_t>(0, 2'000)},
           {2, rc::gen::inRange<std::int64_t>(0, 120'000)}}));
      // Mostly the world's regions; sometimes one it does not have (404 region).
      step.region = *rc::gen::inRange(0, 12) == 0 ? std::string("sa_east_1") : *rc::gen::elementOf(regions);
      const Ids ids = ids_of(world, step.region);
      const auto* org = world.find_org(step.region);
      auto& req = step.request;
      const int kind = logged_in ? *rc::gen::inRange(0, 20) : 0;
      if (kind <= 2) {  // login, mostly with good credentials
        logged_in = true;
        req.method = "POST";
        req.target = "/oauth/token";
        req.headers.set("Content-Type", "application/x-www-form-urlencoded");
        const std::string id = org ? org->client_id : "unknown";
        const std::string secret = org && *rc::gen::inRange(0, 5) != 0 ? org->client_secret : "wrong";
        req.headers.set("Authorization", mockgc::testing::basic_auth(id, secret));
        req.body = *rc::gen::inRange(0, 8) == 0 ? "grant_type=password" : "grant_type=client_credentials";
      } else if (kind <= 13) {  // a routed GET, sometimes paged
        req.method = "GET";
        req.target = fill(*get_routes(), ids);
        if (*rc::gen::inRange(0, 3) == 0)
          req.target += (req.target.find('?') == std::string::npos ? "?" : "&") +
                        fmt::format("pageSize={}&pageNumber={}", *rc::gen::inRange(0, 6), *rc::gen::inRange(1, 3));
        req.headers.set("Authorization", "Bearer " + std::string(kTokenPlaceholder));
      } else if (kind <= 16) {  // a routed POST with a good or a broken body
        const auto& route = *rc::gen::elementOf(post_routes());
        req.method = "POST";
        req.target = fill(route.pattern, ids);
        req.body = fill(*rc::gen::elementOf(route.bodies), ids);
        if (*rc::gen::inRange(0, 6) == 0) req.body = R"({"name":)";
        req.headers.set("Content-Type", "application/json");
        req.headers.set("Authorization", "Bearer " + std::string(kTokenPlaceholder));
      } else if (kind <= 18) {  // malformed or unauthorised
        req.method = *rc::gen::element<std::string>("GET", "DELETE", "BREW");
        req.target = *rc::gen::element<std::string>("/api/v2/users/%zz", "/api/v2/nope", "/api/v2/users", "/oauth/token",
                                                    kWfm + "/businessunits?pageSize=x");
        req.headers.set("Authorization", *rc::gen::element<std::string>("Bearer nope", "Basic Zm9vOmJhcg==",
                                                                        "Bearer " + std::string(kTokenPlaceholder)));
      } else {  // the admin API reads (journal, counters, summary) are part of the run too
        req.method = "GET";
        req.target = *rc::gen::element<std::string>("/mockgc/admin/summary", "/mockgc/admin/counters",
                                                    "/mockgc/admin/journal?format=jsonl&since=2");
      }
      steps.push_back(std::move(step));
    }
    return steps;
  });
}

}  // namespace mockgc::properties
