// The admin API under /mockgc/admin/… (JSON; separate from the Genesys paths). Guard: when
// ServiceOptions::admin_token is set, `Authorization: Bearer <token>` is required; otherwise only loopback
// peers (127.0.0.0/8, ::1) and in-process callers are served. Refusals are Genesys ErrorBodies (403).
//   GET  /mockgc/admin/summary                  seed, clock (mode, now), regions + credentials, faults, active ids
//   POST /mockgc/admin/clock/advance {"by":"PT10M"}   virtual clock only (409 otherwise)
//   POST /mockgc/admin/clock/set {"to":"2026-…Z"}     virtual clock only, never backwards (409)
//   GET  /mockgc/admin/journal[?since=N (seq >= N)][&format=jsonl]
//   GET  /mockgc/admin/counters                 per-route counters
//   POST /mockgc/admin/scenario {scenario JSON}  load a scenario (same schema and strictness as scenarios/*.json;
//                                               errors 400 "scenario: /pointer: reason"). Replaces world, clock,
//                                               faults, rate limits and journal at once (a new epoch); the
//                                               scenario's own seed applies (not --seed). Tokens of the old
//                                               world get 401. 200 {seed, generation, clock, regions}
//   POST /mockgc/admin/reset                    the loaded scenario from scratch (same seed): world regenerated,
//                                               clock back to its start, faults re-armed (injected ones gone),
//                                               limiter emptied, tokens dropped (401), journal cleared
//   GET  /mockgc/admin/faults                   {"now", "entities": [canonical fault + state scheduled|active|ended,
//                                               start, end]}
//   POST /mockgc/admin/faults {one fault}       inject (FAULTS.md schema; `at` default now, a duration counts
//                                               from now, an instant is absolute). 201 canonical fault + state.
//                                               400 naming the bad key, 409 duplicate id
//   DELETE /mockgc/admin/faults/{id}            clear one (204; 404 unknown id)
//   DELETE /mockgc/admin/faults                 clear all (204)
//   GET  /mockgc/admin/console/state[?generation=G&since=N]  the live console's update for a reader at that
//                                               cursor (mockgc/core/console.hpp)
//   GET  /mockgc/admin/console/events           the same updates as Server-Sent Events (`event: state`), one
//                                               per tick, streamed by the network shell
//   GET  /mockgc/console                        the console page (HTML). With --admin-token a browser sends the
//                                               token as the Basic password; without it this path answers 401
//                                               with a Basic challenge (the admin paths answer 403)
// A load/reset request is itself the first entry (seq 1) of the new epoch's journal.
#include <fmt/format.h>

#include <sstream>

#include <algorithm>

#include "call_helpers.hpp"
#include "mockgc/api/time.hpp"
#include "mockgc/core/console.hpp"
#include "mockgc/core/scenario.hpp"
#include "world_epoch.hpp"

namespace mockgc::core {
namespace {

bool loopback_peer(std::string_view peer) {
  if (peer.empty() || peer == "inprocess" || peer == "runner") return true;  // not a network peer
  return peer.rfind("127.", 0) == 0 || peer.rfind("[::1]", 0) == 0 || peer.rfind("::1", 0) == 0;
}

ApiError forbidden(std::string message) { return {403, "forbidden", std::move(message)}; }

constexpr std::string_view kConsolePath = "/mockgc/console";

std::string_view fault_state(const faults::Fault& f, const faults::FaultPlan& plan, Instant now) {
  const Instant from = plan.start() + f.at;
  if (now < from) return "scheduled";
  if (!f.duration || now < from + *f.duration) return "active";
  return "ended";
}

}  // namespace

std::optional<Reply> WorldEpoch::admin_refusal(const api::HttpRequest& request, const RequestContext& ctx,
                                                const api::Target& target) const {
  if (!options_.admin_token) {
    if (loopback_peer(ctx.peer)) return std::nullopt;
    return error_reply(forbidden("The admin API is served to loopback peers only (or start with --admin-token)."));
  }
  const auto auth = request.headers.get("Authorization");
  const std::string presented = auth ? trim(*auth) : std::string();
  if (presented == "Bearer " + *options_.admin_token) return std::nullopt;
  // A browser (the console page, its event stream) sends Basic credentials: any user, the token as password.
  if (presented.size() > 6 && iequals(presented.substr(0, 6), "basic ")) {
    const auto decoded = base64_decode(trim(presented.substr(6)));
    const auto colon = decoded ? decoded->find(':') : std::string::npos;
    if (colon != std::string::npos && decoded->substr(colon + 1) == *options_.admin_token) return std::nullopt;
  }
  if (target.path == kConsolePath) {  // 401 + a Basic challenge: the browser asks for the token
    ApiError challenge = authentication_required();
    challenge.message = "The console needs the admin token (user name: anything, password: the token).";
    Reply r = error_reply(std::move(challenge));
    r.headers.set("WWW-Authenticate", "Basic realm=\"mock-gc console\"");
    return r;
  }
  return error_reply(forbidden("The admin API needs Authorization: Bearer <admin token>."));
}

Reply WorldEpoch::admin_console(const api::HttpRequest& request, const api::Target& target) {
  if (request.method != "GET") {
    Reply r = error_reply(method_not_allowed(request.method));
    r.headers.set("Allow", "GET");
    return r;
  }
  if (target.path == kConsolePath) {
    Reply r;
    r.body = std::string(console::page_html());
    r.headers.set("Content-Type", "text/html; charset=utf-8");
    r.headers.set("Cache-Control", "no-store");
    r.headers.set("X-Content-Type-Options", "nosniff");
    // Nothing but this page's own inline code and its own origin: no CDN, no external fetch.
    r.headers.set("Content-Security-Policy",
                  "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; connect-src 'self'; "
                  "img-src data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'");
    return r;
  }
  if (target.path == "/mockgc/admin/console/events") {
    Reply r;
    r.event_stream = true;
    r.headers.set("Content-Type", "text/event-stream");
    r.headers.set("Cache-Control", "no-store");
    return r;
  }
  // /mockgc/admin/console/state[?generation=G&since=N]: one update for a reader at that cursor.
  console::Cursor cursor;
  const auto generation = target.query.first("generation");
  const auto since = target.query.first("since");
  if (generation || since) {
    try {
      cursor = {true, std::stoull(std::string(generation.value_or("0"))), std::stoull(std::string(since.value_or("1")))};
    } catch (const std::exception&) {
      return error_reply(bad_request("'generation' and 'since' must be unsigned integers."));
    }
  }
  Reply r;
  r.body = console_update(cursor);
  return r;
}

Reply WorldEpoch::handle_admin(const api::HttpRequest& request, const RequestContext& ctx, const api::Target& target,
                                RequestTrace& trace) {
  trace.route = "/mockgc/admin";
  if (auto refusal = admin_refusal(request, ctx, target)) return std::move(*refusal);
  const std::string& path = target.path;
  const auto& method = request.method;
  const Instant now = clock_->now();
  if (path == kConsolePath || path == "/mockgc/admin/console/state" || path == "/mockgc/admin/console/events") {
    trace.route = path == kConsolePath ? kConsolePath : "/mockgc/admin";
    return admin_console(request, target);
  }

  if (path == "/mockgc/admin/summary" && method == "GET") {
    json regions_json = json::array();
    for (const auto& r : regions())
      regions_json.push_back(
          {{"region", r.region}, {"org", r.org_name}, {"client_id", r.client_id}, {"client_secret", r.client_secret}});
    const auto& plan = trace.faults->plan;
    json active = json::array();
    for (const auto& f : plan.faults())
      if (fault_state(f, plan, now) == "active") active.push_back(f.id);
    return json_reply({{"seed", seed_},
                       {"generation", generation_},
                       {"clock", {{"mode", virtual_clock_ ? "virtual" : "real"}, {"now", api::format_instant(now)}}},
                       {"regions", regions_json},
                       {"faults", plan.to_json()},
                       {"active_faults", active},
                       {"rate_limits", trace.faults->limiter != nullptr},
                       {"journal", {{"capacity", journal_->capacity()}, {"total", journal_->total_appended()}}}});
  }
  if ((path == "/mockgc/admin/clock/advance" || path == "/mockgc/admin/clock/set") && method == "POST") {
    if (!virtual_clock_) return error_reply(conflict("The clock is real; only a virtual clock can be moved."));
    const auto body = json::parse(request.body, nullptr, false);
    const bool advance = path.ends_with("advance");
    const char* key = advance ? "by" : "to";
    if (!body.is_object() || !body.contains(key) || !body[key].is_string())
      return error_reply(bad_request(fmt::format("Body must be {{\"{}\": \"…\"}}.", key)));
    const auto text = body[key].get<std::string>();
    if (advance) {
      const auto by = api::parse_duration(text);
      if (!by || *by < Millis{0}) return error_reply(bad_request("'by' must be a non-negative ISO-8601 duration."));
      virtual_clock_->advance(*by);
    } else {
      const auto to = api::parse_instant(text);
      if (!to) return error_reply(bad_request("'to' must be an ISO-8601 instant."));
      if (*to < now) return error_reply(conflict("The clock never moves backwards."));
      virtual_clock_->set(*to);
    }
    return json_reply({{"mode", "virtual"}, {"now", api::format_instant(clock_->now())}});
  }
  if (path == "/mockgc/admin/journal" && method == "GET") {
    std::uint64_t since = 0;
    if (auto s = target.query.first("since")) {
      try {
        since = std::stoull(*s);
      } catch (const std::exception&) {
        return error_reply(bad_request("'since' must be a sequence number."));
      }
    }
    if (target.query.first("format").value_or("json") == "jsonl") {
      std::ostringstream out;
      journal_->export_jsonl(out, since);
      Reply r;
      r.body = out.str();
      return r;
    }
    json entries = json::array();
    for (const auto& e : journal_->snapshot(since)) entries.push_back(journal::entry_to_json(e));
    return json_reply({{"entities", entries}, {"last_seq", journal_->last_seq()}});
  }
  if (path == "/mockgc/admin/counters" && method == "GET") return json_reply({{"entities", journal_->route_counts_json()}});
  if (path == "/mockgc/admin/scenario" || path == "/mockgc/admin/reset") {
    if (method != "POST") return error_reply(method_not_allowed(method));
    return admin_replace(request, path.ends_with("reset"), trace);
  }
  if (path == "/mockgc/admin/faults" || path.rfind("/mockgc/admin/faults/", 0) == 0)
    return admin_faults(request, target, trace);
  return error_reply(not_found(fmt::format("No admin resource for {} {}.", method, path)));
}

json WorldEpoch::fault_entry(const faults::Fault& f, const faults::FaultPlan& plan, Instant now) const {
  json j = faults::FaultPlan::fault_json(f);
  j["state"] = fault_state(f, plan, now);
  j["start"] = api::format_instant(plan.start() + f.at);
  if (f.duration) j["end"] = api::format_instant(plan.start() + f.at + *f.duration);
  return j;
}

Reply WorldEpoch::admin_replace(const api::HttpRequest& request, bool reset, RequestTrace& trace) {
  if (!host_) return error_reply(conflict("This service cannot replace its world."));
  try {
    if (reset) {
      trace.replacement = host_->build(scenario_, seed_, start_);
    } else {
      Scenario scenario;
      try {
        scenario = parse_scenario(request.body, "scenario");
      } catch (const std::exception& e) {
        return error_reply(bad_request(e.what()));
      }
      const std::uint64_t seed = scenario.seed;
      trace.replacement = host_->build(std::move(scenario), seed, std::nullopt);
    }
  } catch (const std::exception& e) {
    return error_reply(bad_request(fmt::format("scenario: {}", e.what())));
  }
  const WorldEpoch& next = *trace.replacement;
  json regions_json = json::array();
  for (const auto& r : next.regions()) regions_json.push_back({{"region", r.region}, {"org", r.org_name}});
  return json_reply({{"seed", next.seed_},
                     {"generation", next.generation_},
                     {"scenario", next.scenario_.name},
                     {"clock", {{"mode", next.virtual_clock_ ? "virtual" : "real"}, {"now", api::format_instant(next.clock_->now())}}},
                     {"regions", regions_json},
                     {"faults", next.current_faults()->plan.to_json()}});
}

Reply WorldEpoch::admin_faults(const api::HttpRequest& request, const api::Target& target, RequestTrace& trace) {
  const std::string& method = request.method;
  const Instant now = trace.now;
  constexpr std::string_view kPrefix = "/mockgc/admin/faults/";
  const bool one = target.path.rfind(kPrefix, 0) == 0;
  const std::string id = one ? target.path.substr(kPrefix.size()) : "";
  if (one && (id.empty() || id.find('/') != std::string::npos))
    return error_reply(not_found(fmt::format("No admin resource for {} {}.", method, target.path)));

  if (!one && method == "GET") {
    const auto state = current_faults();
    json entities = json::array();
    for (const auto& f : state->plan.faults()) entities.push_back(fault_entry(f, state->plan, now));
    return json_reply({{"now", api::format_instant(now)}, {"entities", std::move(entities)}});
  }
  if (one && method == "GET") {
    const auto state = current_faults();
    for (const auto& f : state->plan.faults())
      if (f.id == id) return json_reply(fault_entry(f, state->plan, now));
    return error_reply(not_found(fmt::format("Fault {} was not found.", id)));
  }
  if (method == "DELETE") {
    std::lock_guard lock(admin_mutex_);
    const auto state = current_faults();
    std::vector<faults::Fault> kept;
    bool found = false, rules_changed = false;
    for (const auto& f : state->plan.faults()) {
      if (!one || f.id == id) {
        found = true;
        rules_changed = rules_changed || f.type() == faults::FaultType::rate_limit;
      } else {
        kept.push_back(f);
      }
    }
    if (one && !found) return error_reply(not_found(fmt::format("Fault {} was not found.", id)));
    install_faults(make_fault_state(std::move(kept), state.get(), rules_changed), nullptr);
    return no_content();
  }
  if (!one && method == "POST") {
    const auto body = json::parse(request.body, nullptr, false);
    if (body.is_discarded() || !body.is_object())
      return error_reply(bad_request("fault: the body must be one fault object (FAULTS.md), e.g. "
                                     "{\"type\":\"outage\",\"for\":\"PT5M\"}."));
    std::lock_guard lock(admin_mutex_);
    const auto state = current_faults();
    const auto& plan = state->plan;
    auto exists = [&](const std::string& fid) {
      return std::any_of(plan.faults().begin(), plan.faults().end(), [&](const faults::Fault& f) { return f.id == fid; });
    };
    faults::Fault fault;
    std::size_t index = plan.faults().size() + injected_;
    try {
      // Relative `at` counts from now here (absent = now); the plan counts from its start.
      fault = faults::FaultPlan::parse_fault(body, "", index, now);
      if (!body.contains("id"))
        while (exists(fault.id)) fault = faults::FaultPlan::parse_fault(body, "", ++index, now);
    } catch (const std::exception& e) {
      return error_reply(bad_request(e.what()));
    }
    if (!fault.region.empty() && !find_org(fault.region))
      return error_reply(bad_request(fmt::format("/region: '{}' is not a region of this world", fault.region)));
    if (exists(fault.id)) return error_reply(conflict(fmt::format("/id: a fault \"{}\" already exists", fault.id)));
    fault.at += now - plan.start();
    auto list = plan.faults();
    list.push_back(fault);
    std::shared_ptr<const FaultState> next;
    try {
      next = make_fault_state(std::move(list), state.get(), fault.type() == faults::FaultType::rate_limit);
    } catch (const std::exception& e) {
      return error_reply(bad_request(e.what()));
    }
    ++injected_;
    install_faults(next, &fault);
    return json_reply(fault_entry(fault, next->plan, now), 201);
  }
  Reply r = error_reply(method_not_allowed(method));
  r.headers.set("Allow", one ? "GET, DELETE" : "GET, POST, DELETE");
  return r;
}

}  // namespace mockgc::core
