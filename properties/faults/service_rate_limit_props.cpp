// The limiter end to end, through Service::handle (not the RateLimiter unit): for random request sequences
// on the virtual clock and random limits (client-wide `rate_limits` plus per-endpoint `rate_limit` faults),
//   1. no OAuth client gets more than its limit of non-429 answers in any 60 s window, per scope;
//   2. every 429's Retry-After is exactly the wait until that request succeeds: replayed on a fresh service,
//      the same request Retry-After seconds later succeeds and one second earlier gets 429 again.
#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include <fmt/format.h>

#include <map>
#include <nlohmann/json.hpp>

#include "mockgc/api/time.hpp"
#include "mockgc/core/scenario.hpp"
#include "mockgc/core/service.hpp"
#include "support/session.hpp"

using namespace mockgc;
using core::Instant;
using core::Millis;

namespace {

const char* kRegions[] = {"eu_central_1", "ap_southeast_2"};
// Routed, authenticated GETs: the limiter counts every one of them, 404s for unknown ids included.
const char* kPaths[] = {"/api/v2/users", "/api/v2/routing/queues", "/api/v2/users/00000000-0000-4000-8000-000000000000",
                        "/api/v2/workforcemanagement/businessunits"};

struct Rule {
  int path = 0;  // index into kPaths: the endpoint the rule limits
  int per_minute = 1;
};

struct Setup {
  int per_minute = 1;
  std::vector<Rule> rules;
};

struct Request {
  std::int64_t gap_ms = 0;
  int region = 0, path = 0;
};

struct Outcome {
  Instant at;
  int status = 0;
  int retry_after = -1;  // Retry-After on a 429
  int reset = -1;        // inin-ratelimit-reset (every answer that went through the limiter)
};

std::string scenario_text(const Setup& setup) {
  nlohmann::json orgs = nlohmann::json::array();
  for (const char* region : kRegions)
    orgs.push_back({{"region", region},
                    {"name", region},
                    {"agents", 3},
                    {"queues", 1},
                    {"businessUnits", {{{"name", "BU"}, {"timeZone", "UTC"}, {"managementUnits", 1}}}}});
  nlohmann::json faults = nlohmann::json::array();
  for (const auto& r : setup.rules)
    faults.push_back({{"type", "rate_limit"}, {"method", "GET"}, {"path", kPaths[r.path]}, {"per_minute", r.per_minute}});
  return nlohmann::json{{"seed", 7},
                        {"world", {{"orgs", orgs}}},
                        {"clock", {{"mode", "virtual"}, {"start", "2026-03-29T00:30:00Z"}}},
                        {"rate_limits", {{"per_client_per_minute", setup.per_minute}}},
                        {"faults", faults}}
      .dump();
}

rc::Gen<Setup> setups() {
  return rc::gen::exec([] {
    Setup s;
    s.per_minute = *rc::gen::inRange(1, 7);
    const int rules = *rc::gen::inRange(0, 3);
    for (int i = 0; i < rules; ++i) s.rules.push_back({*rc::gen::inRange(0, 4), *rc::gen::inRange(1, 4)});
    return s;
  });
}

rc::Gen<std::vector<Request>> sequences() {
  auto one = rc::gen::exec([] {
    return Request{*rc::gen::weightedOneOf<std::int64_t>({{4, rc::gen::inRange<std::int64_t>(0, 3'000)},
                                                          {1, rc::gen::inRange<std::int64_t>(0, 70'000)}}),
                   *rc::gen::inRange(0, 2), *rc::gen::inRange(0, 4)};
  });
  return rc::gen::map(rc::gen::container<std::vector<Request>>(one), [](std::vector<Request> v) {
    if (v.size() > 30) v.resize(30);
    return v;
  });
}

// A fresh service with one login per region at the clock start.
struct Driver {
  std::unique_ptr<core::Service> service;
  api::ManualClock* clock = nullptr;
  std::map<int, std::string> tokens;

  explicit Driver(const std::string& text) {
    core::ServiceOptions o;
    o.scenario_text = text;
    service = core::make_service(o);
    clock = dynamic_cast<api::ManualClock*>(service->clock());
    for (int r = 0; r < 2; ++r) {
      const auto info = service->regions()[static_cast<std::size_t>(r)];
      api::HttpRequest login;
      login.method = "POST";
      login.target = "/oauth/token";
      login.headers.set("Content-Type", "application/x-www-form-urlencoded");
      login.headers.set("Authorization", mockgc::testing::basic_auth(info.client_id, info.client_secret));
      login.body = "grant_type=client_credentials";
      const auto res = send(info.region, login);
      tokens[r] = nlohmann::json::parse(res.body).at("access_token").get<std::string>();
    }
  }
  api::HttpResponse send(const std::string& region, const api::HttpRequest& req) {
    core::RequestContext ctx;
    ctx.region = region;
    ctx.peer = "inprocess";
    return service->handle(req, ctx);
  }
  api::HttpResponse get(const Request& r) {
    api::HttpRequest req;
    req.method = "GET";
    req.target = kPaths[r.path];
    req.headers.set("Authorization", "Bearer " + tokens[r.region]);
    return send(kRegions[r.region], req);
  }
};

std::vector<Outcome> run(const std::string& text, const std::vector<Request>& reqs) {
  Driver d(text);
  std::vector<Outcome> out;
  for (const auto& r : reqs) {
    d.clock->advance(Millis(r.gap_ms));
    Outcome o{d.clock->now(), 0, -1};
    const auto res = d.get(r);
    o.status = res.status;
    if (auto ra = res.headers.get("Retry-After")) o.retry_after = std::stoi(std::string(*ra));
    if (auto reset = res.headers.get("inin-ratelimit-reset")) o.reset = std::stoi(std::string(*reset));
    out.push_back(o);
  }
  return out;
}

// Replays reqs[0, i) on a fresh service, then sends reqs[i] at `when`; its status.
int status_at(const std::string& text, const std::vector<Request>& reqs, std::size_t i, Instant when) {
  Driver d(text);
  for (std::size_t k = 0; k < i; ++k) {
    d.clock->advance(Millis(reqs[k].gap_ms));
    (void)d.get(reqs[k]);
  }
  d.clock->set(when);
  return d.get(reqs[i]).status;
}

}  // namespace

RC_GTEST_PROP(ServiceRateLimit, NoClientGetsMoreThanItsLimitInAnyWindow, ()) {
  const Setup setup = *setups();
  const auto reqs = *sequences();
  const auto out = run(scenario_text(setup), reqs);
  // scope (region, rule index or -1 for the client-wide limit) -> times of answers that were not 429
  std::map<std::pair<int, int>, std::vector<std::int64_t>> allowed;
  for (std::size_t i = 0; i < reqs.size(); ++i) {
    RC_ASSERT(out[i].status != 500);
    RC_ASSERT(out[i].reset >= 1);  // every answer here went through the limiter
    if (out[i].status == 429) {
      RC_ASSERT(out[i].retry_after >= 1);
      RC_ASSERT(out[i].retry_after <= 60);
      RC_ASSERT(out[i].reset == out[i].retry_after);
      continue;
    }
    const auto t = out[i].at.time_since_epoch().count();
    allowed[{reqs[i].region, -1}].push_back(t);
    for (std::size_t k = 0; k < setup.rules.size(); ++k)
      if (setup.rules[k].path == reqs[i].path) allowed[{reqs[i].region, static_cast<int>(k)}].push_back(t);
  }
  for (const auto& [scope, times] : allowed) {
    const int limit = scope.second < 0 ? setup.per_minute : setup.rules[static_cast<std::size_t>(scope.second)].per_minute;
    for (std::size_t j = 0; j < times.size(); ++j) {
      int in_window = 0;
      for (std::size_t k = 0; k <= j; ++k) in_window += times[k] > times[j] - 60'000;
      RC_ASSERT(in_window <= limit);
    }
  }
}

RC_GTEST_PROP(ServiceRateLimit, RetryAfterIsExactlyTheWaitUntilTheRequestSucceeds, ()) {
  const Setup setup = *setups();
  const auto reqs = *sequences();
  const std::string text = scenario_text(setup);
  const auto out = run(text, reqs);
  int checked = 0;
  for (std::size_t i = 0; i < reqs.size() && checked < 3; ++i) {
    if (out[i].status != 429) continue;
    ++checked;
    const int ra = out[i].retry_after;
    RC_ASSERT(ra >= 1);
    RC_ASSERT(status_at(text, reqs, i, out[i].at + Millis(1000LL * ra)) != 429);
    RC_ASSERT(status_at(text, reqs, i, out[i].at + Millis(1000LL * (ra - 1))) == 429);
  }
  RC_CLASSIFY(checked > 0, "429s checked");
}
