// End-to-end determinism: a random world with a random fault timeline (rate_limit, outage,
// maintenance, latency, transport, token, data, clock_skew) on a virtual clock, driven by a random request
// sequence (logins, routed GETs/POSTs with real and unknown ids, malformed requests, admin reads, clock
// advances in between), run twice on two freshly built services, gives byte-identical responses (status,
// every header incl. ININ-Correlation-Id, body, shell directive) and a byte-identical journal export.
// Nothing in a response is random per request: correlation ids are derived from (seed, request number).
#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include <fmt/format.h>

#include <map>
#include <nlohmann/json.hpp>
#include <sstream>

#include "mockgc/core/journal/request_journal.hpp"
#include "mockgc/core/scenario.hpp"
#include "mockgc/core/service.hpp"
#include "scenario_generators.hpp"

using namespace mockgc;
using mockgc::properties::DriverStep;

namespace {

struct Transcript {
  std::string responses;  // every response, byte for byte
  std::string journal;    // the JSONL export after the run
  int logins = 0;         // successful logins
  int faulted = 0;        // requests a fault fired on (journal "fault" non-empty)
  std::vector<core::journal::JournalEntry> entries;  // the journal ring after the run
};

std::string substitute_token(std::string value, const std::string& token) {
  const auto at = value.find(properties::kTokenPlaceholder);
  if (at != std::string::npos && !token.empty()) value.replace(at, properties::kTokenPlaceholder.size(), token);
  return value;
}

Transcript run(const std::string& scenario_text, const std::vector<DriverStep>& steps) {
  core::ServiceOptions options;
  options.scenario_text = scenario_text;
  auto service = core::make_service(options);
  auto* clock = dynamic_cast<api::ManualClock*>(service->clock());
  RC_ASSERT(clock != nullptr);
  std::map<std::string, std::string> tokens;  // region -> latest access token
  Transcript t;
  for (const auto& step : steps) {
    clock->advance(step.advance);
    api::HttpRequest req = step.request;
    if (auto auth = req.headers.get("Authorization")) req.headers.set("Authorization", substitute_token(std::string(*auth), tokens[step.region]));
    core::RequestContext ctx;
    ctx.region = step.region;
    ctx.peer = "inprocess";
    const auto res = service->handle(req, ctx);
    if (req.target == "/oauth/token" && res.status == 200) {
      // A truncated_json / malformed_json transport fault may have cut the token out of the body.
      const auto body = nlohmann::json::parse(res.body, nullptr, false);
      if (body.is_object() && body.contains("access_token")) {
        tokens[step.region] = body["access_token"].get<std::string>();
        ++t.logins;
      }
    }
    t.responses += fmt::format("{} {} {} {} {} {}\n", res.status, static_cast<int>(res.delivery.action),
                               res.delivery.delay_ms, res.delivery.bytes_per_chunk, res.delivery.chunk_interval_ms,
                               res.headers.size());
    for (const auto& h : res.headers) t.responses += h.name + ": " + h.value + "\n";
    t.responses += fmt::format("{}\n{}\n", res.body.size(), res.body);
  }
  std::ostringstream out;
  service->journal()->export_jsonl(out);
  t.journal = out.str();
  t.entries = service->journal()->snapshot();
  for (const auto& e : t.entries) t.faulted += !e.fault.empty();
  return t;
}

// What must differ between two seeds: the tokens (and so the token-bearing responses) and the
// correlation ids. The bodies without any of those may coincide (e.g. two empty worlds' 404s).
std::string without_correlation(std::string text) {
  std::string out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);)
    if (line.rfind("ININ-Correlation-Id: ", 0) != 0 && line.find("contextId") == std::string::npos) out += line + "\n";
  return out;
}

}  // namespace

RC_GTEST_PROP(ServiceDeterminism, SameScenarioAndRequestsGiveIdenticalResponsesAndJournal, ()) {
  // Full-size runs (the generation size would otherwise keep early cases to a step or two).
  const core::Scenario scenario = *rc::gen::resize(100, properties::service_scenario());
  const std::string text = core::scenario_to_json_text(scenario);
  const core::World world = core::generate_world(core::parse_scenario(text, "<prop>"), scenario.seed);
  const auto steps = *rc::gen::resize(100, properties::driver_steps(world, 40));

  const Transcript first = run(text, steps);
  const Transcript second = run(text, steps);
  RC_ASSERT(first.responses == second.responses);
  RC_ASSERT(first.journal == second.journal);
  const auto lines = static_cast<std::size_t>(std::count(first.journal.begin(), first.journal.end(), '\n'));
  RC_ASSERT(lines == std::min(steps.size(), scenario.journal.capacity));
  // Each request is journalled once, in order, with its own method and path (the path once came from a
  // view into memory that was already gone when the journal was written).
  for (const auto& e : first.entries) {
    RC_ASSERT(e.seq >= 1 && e.seq <= steps.size());
    const auto& req = steps[e.seq - 1].request;
    RC_ASSERT(e.method == req.method);
    if (req.target.find('%') == std::string::npos) RC_ASSERT(e.path == req.target.substr(0, req.target.find('?')));
  }
  RC_CLASSIFY(first.faulted > 0, "faults fired");
  RC_CLASSIFY(first.logins > 0, "logged in");
}

RC_GTEST_PROP(ServiceDeterminism, ChangingOnlyTheSeedChangesTheRun, ()) {
  core::Scenario scenario = *properties::service_scenario();
  const std::string text = core::scenario_to_json_text(scenario);
  const core::World world = core::generate_world(core::parse_scenario(text, "<prop>"), scenario.seed);
  auto steps = *properties::driver_steps(world, 12);
  RC_PRE(!steps.empty());
  scenario.seed += 1 + *rc::gen::inRange<std::uint64_t>(0, 1000);
  const std::string other = core::scenario_to_json_text(scenario);

  const Transcript a = run(text, steps);
  const Transcript b = run(other, steps);
  // Every response carries a correlation id derived from the seed.
  RC_ASSERT(a.responses != b.responses);
  // A successful login hands out a token derived from the seed (and with it every id of the world moves).
  if (a.logins > 0 || b.logins > 0) RC_ASSERT(without_correlation(a.responses) != without_correlation(b.responses));
}
