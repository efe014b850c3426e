#include "scenario_runner.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <optional>
#include <nlohmann/json.hpp>
#include <sstream>

#include "mockgc/api/time.hpp"
#include "mockgc/check/html_report.hpp"
#include "mockgc/core/journal/request_journal.hpp"
#include "mockgc/core/scenario.hpp"
#include "mockgc/core/service.hpp"
#include "mockgc/reports/files.hpp"
#include "mockgc/reports/junit.hpp"
#include "event_watch.hpp"

namespace mockgc::app {
namespace {

using nlohmann::json;

std::string base64(std::string_view in) {
  static constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  std::size_t i = 0;
  for (; i + 2 < in.size(); i += 3) {
    const unsigned n = (static_cast<unsigned char>(in[i]) << 16U) | (static_cast<unsigned char>(in[i + 1]) << 8U) |
                       static_cast<unsigned char>(in[i + 2]);
    out += kAlphabet[(n >> 18U) & 63U];
    out += kAlphabet[(n >> 12U) & 63U];
    out += kAlphabet[(n >> 6U) & 63U];
    out += kAlphabet[n & 63U];
  }
  if (i < in.size()) {
    unsigned n = static_cast<unsigned char>(in[i]) << 16U;
    if (i + 1 < in.size()) n |= static_cast<unsigned char>(in[i + 1]) << 8U;
    out += kAlphabet[(n >> 18U) & 63U];
    out += kAlphabet[(n >> 12U) & 63U];
    out += i + 1 < in.size() ? kAlphabet[(n >> 6U) & 63U] : '=';
    out += '=';
  }
  return out;
}

std::string_view transport_name(api::Delivery::Action a) {
  switch (a) {
    case api::Delivery::Action::reset: return "reset";
    case api::Delivery::Action::close_mid_body: return "close_mid_body";
    case api::Delivery::Action::slow_body: return "slow_body";
    case api::Delivery::Action::normal:
    case api::Delivery::Action::event_stream: break;
  }
  return "";
}

class Runner {
 public:
  Runner(const core::Scenario& scenario, core::Service& service, api::ManualClock& clock)
      : scenario_(scenario), service_(service), clock_(clock) {}

  api::HttpResponse login(const std::string& region) {
    api::HttpRequest req;
    req.method = "POST";
    req.target = "/oauth/token";
    req.body = "grant_type=client_credentials";
    req.headers.set("Content-Type", "application/x-www-form-urlencoded");
    for (const auto& r : service_.regions())
      if (r.region == region) req.headers.set("Authorization", "Basic " + base64(r.client_id + ":" + r.client_secret));
    auto res = send(region, req);
    if (res.status == 200) {
      const auto j = json::parse(res.body, nullptr, false);
      if (j.is_object() && j.contains("access_token")) tokens_[region] = j["access_token"].get<std::string>();
    }
    return res;
  }

  api::HttpResponse send(const std::string& region, const api::HttpRequest& req) {
    core::RequestContext ctx;
    ctx.region = region;
    ctx.peer = "runner";
    return service_.handle(req, ctx);
  }

  // An authenticated request of `region` (logging in on first use).
  api::HttpResponse call(const std::string& region, const std::string& method, const std::string& target,
                         const std::string& body) {
    if (!tokens_.count(region)) login(region);
    api::HttpRequest req;
    req.method = method;
    req.target = target;
    req.headers.set("Authorization", "Bearer " + tokens_[region]);
    if (!body.empty()) {
      req.body = body;
      req.headers.set("Content-Type", "application/json");
    }
    return send(region, req);
  }

  // With event expectations the clock moves in steps and every notification stream is pulled after each.
  void watch(EventWatch* events) { events_ = events; }

  CheckResult probe(std::size_t index, const core::ProbeSpec& p, core::Instant start) {
    CheckResult out;
    out.name = fmt::format("probe {}: {} {} {} {}", index, api::format_duration(p.at), p.method, p.region, p.path);
    out.region = p.region;
    // Injected latency may already have moved the clock past this probe's time: never go back.
    if (events_) events_->advance_to(start + p.at);
    else clock_.set(std::max(clock_.now(), start + p.at));
    std::map<int, int> statuses;
    api::HttpResponse last;
    for (int i = 0; i < p.repeat; ++i) {
      if (p.path == "/oauth/token" && p.method == "POST") {
        last = login(p.region);
      } else {
        if (p.authenticated && !tokens_.count(p.region)) login(p.region);
        api::HttpRequest req;
        req.method = p.method;
        req.target = p.path;
        if (p.authenticated) req.headers.set("Authorization", "Bearer " + tokens_[p.region]);
        if (!p.body.empty()) {
          req.body = p.body;
          req.headers.set("Content-Type", "application/json");
        }
        last = send(p.region, req);
      }
      ++statuses[last.status];
    }
    if (events_) events_->pull();  // what the probe published at its instant
    const auto body = json::parse(last.body, nullptr, false);
    if (p.status && last.status != *p.status)
      out.diffs.push_back(fmt::format("status: expected {}, got {} (body: {:.200})", *p.status, last.status, last.body));
    if (p.code) {
      const std::string got = body.is_object() && body.contains("code") && body["code"].is_string()
                                  ? body["code"].get<std::string>()
                                  : "<none>";
      if (got != *p.code) out.diffs.push_back(fmt::format("code: expected {}, got {}", *p.code, got));
    }
    for (const auto& [name, value] : p.headers) {
      const auto got = last.headers.get(name);
      if (!got || *got != value)
        out.diffs.push_back(fmt::format("header {}: expected '{}', got '{}'", name, value,
                                        got ? std::string(*got) : "<absent>"));
    }
    for (const auto& [status, count] : p.status_counts) {
      const int got = statuses.count(status) ? statuses[status] : 0;
      if (got != count) out.diffs.push_back(fmt::format("responses with status {}: expected {}, got {}", status, count, got));
    }
    for (const auto& [pointer, value] : p.body_contains) {
      const json::json_pointer ptr(pointer);
      const std::string got = body.is_discarded() || !body.contains(ptr) ? "<absent>" : body[ptr].dump();
      if (got != value) out.diffs.push_back(fmt::format("body {}: expected {}, got {}", pointer, value, got));
    }
    const auto transport = transport_name(last.delivery.action);
    if (transport != p.transport)
      out.diffs.push_back(fmt::format("transport: expected '{}', got '{}'", p.transport, transport));
    return out;
  }

 private:
  const core::Scenario& scenario_;
  core::Service& service_;
  api::ManualClock& clock_;
  std::map<std::string, std::string> tokens_;
  EventWatch* events_ = nullptr;
};

}  // namespace

bool RunReport::passed() const {
  return std::all_of(checks.begin(), checks.end(), [](const CheckResult& c) { return c.diffs.empty(); });
}

RunReport run_scenario(const RunOptions& options) {
  const core::Scenario scenario = core::load_scenario_file(options.scenario);
  const core::Instant start = core::run_start(scenario);
  api::ManualClock clock(start);
  core::ServiceOptions service_options;
  service_options.scenario_file = options.scenario;
  service_options.seed = options.seed;
  service_options.clock = &clock;
  std::optional<check::HtmlReport> html;
  if (options.html) {
    html.emplace(scenario, options.scenario.string(), options.seed.value_or(scenario.seed));
    service_options.journal_sink = [&html](const core::journal::JournalEntry& e) { html->observe(e); };
  }
  const auto service = core::make_service(service_options);

  RunReport report;
  report.scenario = options.scenario.string();
  report.seed = service->seed();
  Runner runner(scenario, *service, clock);
  std::vector<std::size_t> order(scenario.expect.probes.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(),
                   [&](auto a, auto b) { return scenario.expect.probes[a].at < scenario.expect.probes[b].at; });
  std::optional<EventWatch> events;
  if (!scenario.expect.events.empty()) {
    events.emplace(scenario.expect.events, clock, start);
    std::map<std::string, std::string> client_ids;
    for (const auto& r : service->regions()) client_ids[r.region] = r.client_id;
    events->open([&](const std::string& region, const std::string& method, const std::string& target,
                     const std::string& body) { return runner.call(region, method, target, body); },
                 [&](const std::string& region, const std::string& target) {
                   api::HttpRequest upgrade;
                   upgrade.method = "GET";
                   upgrade.target = target;
                   core::RequestContext ctx;
                   ctx.region = region;
                   ctx.peer = "runner";
                   return service->open_stream(upgrade, ctx);
                 },
                 client_ids);
    runner.watch(&*events);
  }
  for (auto i : order) report.checks.push_back(runner.probe(i, scenario.expect.probes[i], start));
  if (events) {
    events->advance_to(events->horizon());
    for (auto& c : events->check()) report.checks.push_back(std::move(c));
  }

  const auto counts = service->journal()->route_counts();
  for (const auto& want : scenario.expect.counters) {
    CheckResult c;
    c.name = fmt::format("counter: {} {} {}xx", want.method, want.route, want.status_class);
    std::uint64_t got = 0;
    for (const auto& rc : counts)
      if (rc.route == want.route && rc.method == want.method && rc.status_class == want.status_class) got = rc.count;
    if (got != want.count) c.diffs.push_back(fmt::format("count: expected {}, got {}", want.count, got));
    report.checks.push_back(std::move(c));
  }
  std::ostringstream jsonl;
  service->journal()->export_jsonl(jsonl);
  report.journal_jsonl = jsonl.str();

  if (options.journal_jsonl) reports::write_text_file(*options.journal_jsonl, report.journal_jsonl);
  if (options.report_json) {
    json checks = json::array();
    for (const auto& c : report.checks) checks.push_back({{"name", c.name}, {"passed", c.diffs.empty()}, {"diffs", c.diffs}});
    json counters = service->journal()->route_counts_json();
    reports::write_text_file(*options.report_json, json{{"scenario", report.scenario},
                                          {"seed", report.seed},
                                          {"passed", report.passed()},
                                          {"checks", checks},
                                          {"route_counts", counters}}
                                         .dump(2) +
                                         "\n");
  }
  if (options.junit) {
    // One suite, one case per probe or counter; a failed check's first difference is the failure message and
    // all of its differences are the body.
    reports::JunitSuite suite{scenario.name.empty() ? report.scenario : scenario.name, {}};
    for (const auto& c : report.checks) {
      reports::JunitCase tc;
      tc.classname = "mock-gc.run";
      tc.name = c.name;
      if (!c.diffs.empty()) {
        std::string body;
        for (const auto& d : c.diffs) body += d + "\n";
        tc.failure = reports::JunitFailure{c.diffs.front(), body};
      }
      suite.cases.push_back(std::move(tc));
    }
    reports::write_text_file(*options.junit, reports::junit_xml(suite.name, {suite}));
  }
  if (html) {
    // One verdict per probe (in its region's column) or counter (the "run" column).
    reports::ReportHeader header = html->header();
    header.title = fmt::format("mock-gc run {}", report.scenario);
    header.verdict = report.passed() ? "pass" : "fail";
    const auto failed = std::count_if(report.checks.begin(), report.checks.end(),
                                      [](const CheckResult& c) { return !c.diffs.empty(); });
    header.summary = fmt::format("{} ({} of {} checks failed)", report.passed() ? "PASSED" : "FAILED", failed,
                                 report.checks.size());
    for (const auto& c : report.checks) {
      reports::Verdict v;
      v.rule = c.name;
      v.region = c.region;
      v.status = c.diffs.empty() ? "pass" : "fail";
      v.severity = "error";
      v.evidence_count = c.diffs.size();
      for (const auto& d : c.diffs) v.evidence.push_back({start, 0, "", "", 0, d});
      v.note = c.diffs.empty() ? "as expected" : c.diffs.front();
      header.verdicts.push_back(std::move(v));
    }
    reports::write_text_file(*options.html, html->html(std::move(header)));
  }
  return report;
}

}  // namespace mockgc::app
