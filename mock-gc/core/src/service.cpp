// The request pipeline of one world epoch (the stages are documented in world_epoch.hpp).
#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <mutex>
#include <stdexcept>
#include <utility>

#include "call_helpers.hpp"
#include "mockgc/api/regions.hpp"
#include "mockgc/api/time.hpp"
#include "mockgc/api/random.hpp"
#include "mockgc/core/console.hpp"
#include "mockgc/core/faults/api_families.hpp"
#include "mockgc/core/scenario.hpp"
#include "parallel.hpp"
#include "world_epoch.hpp"
#include "wfm/history_state.hpp"
#include "wire.hpp"

namespace mockgc::core {
namespace {

constexpr std::size_t kTokenCapacity = 100'000;
constexpr std::size_t kDownloadEntries = 256;
constexpr std::size_t kDownloadBytes = 64 * 1024 * 1024;
constexpr Millis kDownloadTtl = std::chrono::minutes(10);
constexpr std::size_t kUploadEntries = 64;
constexpr std::size_t kUploadBytes = 256 * 1024 * 1024;

Scenario load_for(const ServiceOptions& options) {
  if (options.scenario_file) return load_scenario_file(*options.scenario_file);
  if (options.scenario_text) return parse_scenario(*options.scenario_text, "<scenario text>");
  return default_scenario();
}

// The scenario as this service plays it: ServiceOptions::clock_speed turns its clock into a running one.
Scenario as_played(Scenario scenario, const ServiceOptions& options) {
  if (!options.clock_speed || options.clock) return scenario;
  if (!(*options.clock_speed > 0))
    throw std::invalid_argument(fmt::format("the clock speed must be > 0, got {}", *options.clock_speed));
  scenario.clock.start = run_start(scenario);
  scenario.clock.mode = ClockMode::real;
  scenario.clock.speed = *options.clock_speed;
  return scenario;
}

std::uint64_t id_seed_for(std::uint64_t seed, std::uint64_t generation) {
  return generation == 0 ? seed : api::derive_seed(seed, "generation", generation);
}

constexpr std::size_t kMaxInflightKeys = 100'000;
constexpr std::size_t kMaxScannedBody = 64 * 1024;  // body bytes searched for ids and the name
constexpr std::size_t kMaxOwnedIds = 64;            // ids with a known owner kept per request
constexpr std::size_t kMaxForeignIds = 4;           // listed in the journal

// The stable 64-bit hash of request bytes: token fingerprints and body hashes.
std::uint64_t stable_hash(std::string_view bytes) { return api::hash_combine(0, bytes); }

// Replaces `value` wherever it stands between URL separators in `text` (a path segment, a query value).
void redact(std::string& text, std::string_view value) {
  constexpr std::string_view before = "/=,", after = "/&,";
  for (auto at = text.find(value); at != std::string::npos; at = text.find(value, at + 1)) {
    const auto end = at + value.size();
    if ((at == 0 || before.find(text[at - 1]) != std::string_view::npos) &&
        (end == text.size() || after.find(text[end]) != std::string_view::npos))
      text.replace(at, value.size(), "REDACTED");
  }
}

// The region a request names before its credentials do: its listener's (ctx.region), else its Host
// header's (api., login. or streaming.<environment>); an empty key when neither names one.
struct AddressedRegion {
  std::string_view key;
  const api::Region* host_region = nullptr;  // set when the Host header named it
};

AddressedRegion addressed_region(const api::HttpRequest& request, const RequestContext& ctx) {
  if (!ctx.region.empty()) return {ctx.region, nullptr};
  if (auto host = request.headers.get("Host"))
    if (const api::Region* region = api::region_for_host(*host)) return {region->key, region};
  return {};
}

}  // namespace

WorldEpoch::WorldEpoch(const ServiceOptions& options, Scenario scenario, std::uint64_t seed,
                         std::uint64_t generation, ServiceHost* host)
    : options_(options),
      seed_(seed),
      generation_(generation),
      id_seed_(id_seed_for(seed, generation)),
      host_(host),
      scenario_(std::move(scenario)),
      tokens_(id_seed_, kTokenCapacity),
      downloads_(id_seed_, kDownloadEntries, kDownloadBytes, kDownloadTtl),
      uploads_(id_seed_, kUploadEntries, kUploadBytes) {
  const Scenario& scenario_ref = scenario_;
  if (options_.clock) {
    clock_ = options_.clock;
  } else {
    owned_clock_ = make_clock(scenario_ref.clock);
    clock_ = owned_clock_.get();
  }
  virtual_clock_ = dynamic_cast<api::ManualClock*>(clock_);
  // Fault offsets count from the scenario's clock start, else from the service's start.
  start_ = scenario_ref.clock.start ? *scenario_ref.clock.start : clock_->now();
  faults_ = make_fault_state(scenario_ref.faults, nullptr, true);
  if (faults_->has_events) {
    cursor_state_ = faults_;
    events_ = std::make_unique<faults::EventCursor>(cursor_state_->plan);
  }
  journal_ = std::make_unique<journal::RequestJournal>(scenario_ref.journal);
  if (options_.journal_sink) journal_->set_sink(options_.journal_sink);
  world_ = generate_world(scenario_ref, seed_);
  history_cache_ = std::make_shared<wfm::HistoryCache>(options_.history_cache_bytes);
  for (const auto& key : options_.served_regions)
    if (!world_.find_org(key)) {
      std::string known;
      for (const auto& org : world_.orgs) known += (known.empty() ? "" : ", ") + org.region;
      throw std::runtime_error(
          fmt::format("region {} is not part of this scenario (its regions: {})", key, known));
    }
  // Each org's state is built on its own, and the id owners beside them: the first task, as the longest.
  const Instant started = clock_->now();
  orgs_.resize(world_.orgs.size());
  for_each_index(world_.orgs.size() + 1, parallel_threads(world_.orgs.size() + 1), [&](std::size_t task) {
    if (task == 0) {
      id_owners_ = std::make_unique<IdOwners>(world_, seed_);
      return;
    }
    const OrgWorld& org = world_.orgs[task - 1];
    auto state = std::make_unique<OrgState>();
    state->world = &org;
    state->id_rng = api::Rng::derive(seed_, {org.region, "runtime-activity-codes"});
    for (const auto& bu : org.business_units) {
      auto& codes = state->codes[bu.id];
      codes.codes = bu.activity_codes;
      rebuild_listing(codes, bu.id);
    }
    state->workforce = std::make_unique<wfm::Workforce>(world_, org, seed_);
    state->history = std::make_shared<wfm::HistoryState>(org, state->workforce->demand(), seed_, started, history_cache_);
    state->agents = std::make_unique<wfm::AgentStates>(*state->workforce);
    state->agent_topics_until = started;
    orgs_[task - 1] = std::move(state);
  });
  hub_ = std::make_unique<notifications::Hub>(
      api::derive_seed(id_seed_, {"notifications"}), *clock_,
      [this](std::string_view region, std::string_view client_id, std::string_view topic) {
        return notification_topic_rejection(*this, region, client_id, topic);
      });
  hub_->set_tick([this](Instant now) {
    apply_events(now);
    publish_agent_topics(now);
  });
  hub_->set_heartbeat_gate([this](std::string_view region, Instant now) {
    return std::string(current_faults()->plan.heartbeat_stopped(now, region));
  });
  hub_->set_log([this](const journal::JournalRecord& record) { journal_->append(record); });
  add_routes();
}

bool WorldEpoch::serves(std::string_view region) const {
  const auto& served = options_.served_regions;
  return served.empty() || std::find(served.begin(), served.end(), region) != served.end();
}

std::vector<RegionEndpointInfo> WorldEpoch::regions() const {
  std::vector<RegionEndpointInfo> out;
  for (const auto& org : world_.orgs)
    if (serves(org.region)) out.push_back({org.region, org.org_name, org.client_id, org.client_secret});
  return out;
}

OrgState* WorldEpoch::find_org(std::string_view region) {
  for (auto& o : orgs_)
    if (o->world->region == region && serves(region)) return o.get();
  return nullptr;
}

OrgState* WorldEpoch::find_org_by_client(std::string_view client_id) {
  for (auto& o : orgs_)
    if (o->world->client_id == client_id && serves(o->world->region)) return o.get();
  return nullptr;
}

std::string WorldEpoch::next_correlation_id() {
  const auto n = request_counter_.fetch_add(1, std::memory_order_relaxed);
  api::Rng rng(api::derive_seed(id_seed_, "correlation-id", n));
  return api::make_uuid(rng);
}

api::HttpResponse WorldEpoch::handle(const api::HttpRequest& request, const RequestContext& ctx) {
  std::string correlation_id;
  try {
    correlation_id = next_correlation_id();
  } catch (...) {
    correlation_id = "00000000-0000-4000-8000-000000000000";
  }
  Reply reply;
  RequestTrace trace;
  try {
    trace.faults = current_faults();
    trace.now = clock_->now();
    trace.correlation_id = correlation_id;
    read_credentials(request, ctx, trace);
    reply = dispatch(request, ctx, correlation_id, trace);
  } catch (...) {
    // Handlers do not throw by design; this is the last line against bad_alloc and bugs.
    reply = error_reply(internal_error());
  }
  api::HttpResponse response;
  try {
    response = finalize(std::move(reply), correlation_id, request, trace);
  } catch (...) {
    response = {};
    response.status = 500;
  }
  // A caller that reads only `body` gets its own copy of a shared one.
  if (response.shared_body && !ctx.shared_body) {
    response.body = *response.shared_body;
    response.shared_body.reset();
  }
  leave_inflight(trace);
  // A scenario load / reset answered: the new epoch (already journaling this request) takes over now.
  if (trace.replacement && host_) host_->install(std::move(trace.replacement));
  return response;
}

void WorldEpoch::read_credentials(const api::HttpRequest& request, const RequestContext& ctx, RequestTrace& trace) {
  // A Bearer token, looked up once (expired tokens too: the journal tells "expired" from "invalid").
  if (auto authorization = request.headers.get("Authorization")) {
    const std::string_view auth = trim_view(*authorization);
    if (auth.size() > 7 && api::iequals(auth.substr(0, 7), "bearer ")) {
      const std::string_view token = trim_view(auth.substr(7));
      if (!token.empty() && token.find(' ') == std::string_view::npos) trace.bearer = std::string(token);
    }
  }
  if (!trace.bearer.empty()) {
    // 12 lowercase hex digits, zero-padded (the hash's top 48 bits).
    char hex[12];
    const auto end = std::to_chars(hex, hex + sizeof hex, stable_hash(trace.bearer) >> 16, 16).ptr;
    trace.token_fingerprint.assign(sizeof hex - static_cast<std::size_t>(end - hex), '0');
    trace.token_fingerprint.append(hex, end);
    trace.token = tokens_.find_any(trace.bearer);
  }
  // In flight per client: its OAuth client, else the token, else the connection.
  trace.inflight_key = trace.token ? trace.token->client_id : !trace.bearer.empty() ? trace.token_fingerprint : ctx.peer;
  std::lock_guard lock(inflight_mutex_);
  if (inflight_.size() >= kMaxInflightKeys && !inflight_.contains(trace.inflight_key)) {
    trace.inflight_key.clear();
    return;
  }
  trace.inflight = ++inflight_[trace.inflight_key];
}

void WorldEpoch::leave_inflight(const RequestTrace& trace) {
  if (trace.inflight == 0) return;
  std::lock_guard lock(inflight_mutex_);
  auto it = inflight_.find(trace.inflight_key);
  if (it != inflight_.end() && --it->second <= 0) inflight_.erase(it);
}

std::string_view WorldEpoch::credential_kind(std::string_view value) const {
  if (value.size() == TokenStore::kTokenChars && tokens_.find_any(value)) return "access_token";
  for (const auto& org : world_.orgs)
    if (value == org.client_secret) return "client_secret";
  return {};
}

void WorldEpoch::scan_request(const api::HttpRequest& request, const api::Target& target, RequestTrace& trace) {
  auto note_owner = [&](std::string_view value) {
    if (trace.owned_ids.size() >= kMaxOwnedIds) return;
    if (auto owner = id_owners_->owner(value); !owner.empty()) trace.owned_ids.emplace_back(value, owner);
  };
  // Credentials in the URL are flagged and never stored: the journal keeps "REDACTED" in their place.
  for (const auto& segment : target.segments) {
    if (!credential_kind(segment).empty()) {
      trace.leak = "token in path";
      redact(trace.path_storage, segment);
      trace.path = trace.path_storage;
      continue;
    }
    note_owner(segment);
  }
  for (const auto& [key, value] : target.query.items()) {
    std::string_view leak;
    std::string_view kind = key == "access_token" || key == "client_secret" ? std::string_view(key) : credential_kind(value);
    if (kind == "access_token") leak = "access_token in query";
    else if (kind == "client_secret") leak = "client_secret in query";
    if (!leak.empty()) {
      if (trace.leak.empty()) trace.leak = leak;
      if (trace.query_storage.empty()) trace.query_storage = trace.query;
      if (!value.empty()) redact(trace.query_storage, value);
      trace.query = trace.query_storage;
      continue;
    }
    std::string_view rest = value;
    while (!rest.empty()) {
      const auto comma = rest.find(',');
      note_owner(rest.substr(0, comma));
      rest = comma == std::string_view::npos ? std::string_view{} : rest.substr(comma + 1);
    }
  }
  // The body: its hash, and for a JSON object sent to create or change something, its name and ids.
  if (request.body.empty()) return;
  trace.body_hash = stable_hash(request.body);
  if (request.method != "POST" && request.method != "PUT" && request.method != "PATCH") return;
  const auto first = request.body.find_first_not_of(" \t\r\n");
  if (first == std::string::npos || request.body[first] != '{') return;
  bool name_next = false;
  for_each_json_string(std::string_view(request.body).substr(0, kMaxScannedBody),
                       [&](std::string_view text, std::size_t depth, bool is_key) {
                         if (name_next && !is_key && depth == 1) {
                           trace.name = text;
                           if (text.find('\\') != std::string_view::npos) {  // decode escapes
                             const auto decoded = json::parse(fmt::format("\"{}\"", text), nullptr, false);
                             if (decoded.is_string()) trace.name = decoded.get<std::string>();
                           }
                         }
                         name_next = is_key && depth == 1 && text == "name";
                         if (!is_key) note_owner(text);
                       });
}

Reply WorldEpoch::dispatch(const api::HttpRequest& request, const RequestContext& ctx, std::string_view correlation_id,
                            RequestTrace& trace) {
  // 1. parse
  if (request.body.size() > options_.max_body_bytes) return error_reply(payload_too_large(options_.max_body_bytes));
  const api::Target target = api::parse_target(request.target);
  if (!target.valid) return error_reply(bad_request("The request URL is malformed (bad percent-encoding)."));
  trace.path_storage = target.path;  // finalize (journal) runs after `target` is gone
  trace.path = trace.path_storage;
  if (const auto q = request.target.find('?'); q != std::string::npos)
    trace.query = std::string_view(request.target).substr(q + 1);
  scan_request(request, target, trace);

  // 2. route
  if (target.path.rfind("/mockgc/admin/", 0) == 0 || target.path == "/mockgc/console")
    return handle_admin(request, ctx, target, trace);
  RouteMatch match = router_.match(request.method, target.segments);

  // 3. region, resolved once: the listener's, else the Host header's; when neither names one, the bearer
  //    token's (step 4), or the login's client id (the login handler).
  const AddressedRegion addressed = addressed_region(request, ctx);
  OrgState* const org = addressed.key.empty() ? nullptr : find_org(addressed.key);
  const Route* route = match.found() ? &routes_[static_cast<std::size_t>(match.route_id)] : nullptr;
  const bool is_public = route && route->access == Route::Access::Public;
  if (route) trace.route = route->pattern;  // journalled and counted under its route, faulted or not

  // Fault stage A (the request names its region): an outage or maintenance window answers for every path of
  // its scope, routed or not, before authentication, as a gateway would. Public routes are never faulted.
  const bool has_faults = trace.faults->any();
  const bool faults_evaluated = has_faults && org && !is_public;
  if (faults_evaluated) {
    trace.region = org->world->region;
    if (auto early = apply_faults(request, trace)) return std::move(*early);
  }
  if (!route) {
    if (match.path_known()) {
      Reply r = error_reply(method_not_allowed(request.method));
      std::string allow;
      for (const auto& m : match.allowed) allow += (allow.empty() ? "" : ", ") + m;
      r.headers.set("Allow", allow);
      return r;
    }
    return error_reply(not_found(fmt::format("No resource found for {} {}.", request.method, target.path)));
  }
  Call call{request, ctx, target, std::move(match.params), *this, nullptr, nullptr, trace.now, correlation_id};
  if (is_public) {
    // Public routes (pre-signed downloads and uploads) are journalled under the region they were sent to.
    if (org) trace.region = org->world->region;
    return route->handler(call);
  }
  if (!addressed.key.empty() && !org) {
    if (addressed.host_region)
      return error_reply(not_found(fmt::format("Region {} ({}) is not part of this mock-gc world.", addressed.key,
                                               addressed.host_region->environment)));
    return error_reply(not_found(fmt::format("Region {} is not part of this mock-gc world.", addressed.key)));
  }
  call.org = org;
  if (call.org) trace.region = call.org->world->region;  // logins included, whatever their outcome
  if (route->access == Route::Access::Login) return route->handler(call);  // resolves by client id if needed

  // 4. authentication: a Bearer token issued by this region's org (read once in read_credentials).
  if (trace.bearer.empty()) {
    trace.auth = "missing";
    return error_reply(authentication_required());
  }
  const auto& record = trace.token;
  if (!record) {
    trace.auth = "invalid";
    return error_reply(bad_credentials());
  }
  if (call.now >= record->expires) {
    trace.auth = "expired";
    return error_reply(bad_credentials());
  }
  if (call.org && call.org->world->region != record->region) {
    trace.auth = "foreign";
    return error_reply(bad_credentials());
  }
  if (!call.org) call.org = find_org(record->region);
  if (!call.org)
    return error_reply(not_found(
        "No region: connect to a region's own port, send Host: api.<environment> (e.g. api.mypurecloud.de), or use "
        "a token issued by this world."));
  call.token = &*record;
  trace.region = call.org->world->region;
  trace.client_id = record->client_id;

  // Fault stage B (the token is known): outages when only the token named the region (stage A did not
  // run), revoked tokens, clock skew, then the rate limiter.
  if (has_faults) {
    if (!faults_evaluated)
      if (auto early = apply_faults(request, trace)) return std::move(*early);
    if (trace.faults->plan.token_revoked(record->issued, trace.now, trace.region, record->client_id)) {
      trace.auth = "revoked";
      return error_reply(bad_credentials());
    }
    // "now" rendered into payloads follows the region's (possibly skewed) clock.
    call.now = trace.now + trace.faults->plan.clock_skew(trace.now, trace.region);
  }
  trace.auth = "ok";
  if (trace.faults->limiter) {
    trace.rate = trace.faults->limiter->check_at(trace.now, trace.region, trace.client_id, request.method, trace.path);
    if (const auto* rule = trace.rate->endpoint_rule)
      trace.limit_scope = fmt::format("route:{} {}", request.method, rule->path ? rule->path->text() : "/**");
    else
      trace.limit_scope = "client";
    if (!trace.rate->allowed) {
      trace.rate_limited = true;
      // The client is told real seconds (FAULTS.md, "Speed"); the journal keeps the world wait.
      trace.retry_after_s = trace.rate->retry_after_seconds;
      const auto shown = static_cast<int>(advertised_wait_seconds(trace.retry_after_s, clock_->speed()));
      Reply r = error_reply(too_many_requests(shown));
      r.headers.set("Retry-After", std::to_string(shown));
      return r;
    }
  }

  // 5. handler. Bodies must be JSON; a JSON Content-Type on a bodiless GET/DELETE is fine (the JS SDK sends it).
  if (request.method == "POST" || request.method == "PATCH" || request.method == "PUT") {
    auto content_type = request.headers.get("Content-Type");
    if (!content_type || !api::is_json_media_type(*content_type))
      return error_reply(unsupported_media_type(content_type ? *content_type : "none"));
  }
  return route->handler(call);
}

api::HttpResponse WorldEpoch::finalize(Reply reply, std::string_view correlation_id, const api::HttpRequest& request,
                                         RequestTrace& trace) {
  api::HttpResponse res;
  res.status = reply.status;
  res.headers = std::move(reply.headers);
  res.headers.reserve(res.headers.size() + 9);  // the fields added below, rate limits included
  if (reply.error) {
    res.status = reply.error->status;
    res.body = error_body_json(*reply.error, correlation_id);
    trace.error_code = reply.error->code;
    trace.error_message = reply.error->message;
  } else if (reply.oauth_error) {
    res.body = api::to_json_text(*reply.oauth_error);
    trace.error_code = reply.oauth_error->error;
    trace.error_message = reply.oauth_error->description;
  } else {
    res.body = std::move(reply.body);
    res.shared_body = std::move(reply.shared_body);
  }
  if (!res.body_text().empty() && !res.headers.get("Content-Type")) res.headers.set("Content-Type", "application/json");
  if (reply.event_stream) res.delivery.action = api::Delivery::Action::event_stream;
  res.headers.set("ININ-Correlation-Id", std::string(correlation_id));
  // The caching headers Genesys sends (the JS SDK README's extended-response example): nothing is cacheable.
  // A handler's own (the token response's RFC 6749 `no-store`) stays.
  if (!res.headers.get("Cache-Control")) {
    res.headers.set("Cache-Control", "no-cache, no-store, must-revalidate");
    res.headers.set("Pragma", "no-cache");
    res.headers.set("Expires", "0");
  }
  // Every HTTP server (Genesys' included) sends Date; ours is the world's clock as this region sees it
  // (clock_skew applies), which also lets a client tell a virtual world's time from its own.
  Instant shown = trace.now;
  if (trace.faults && !trace.region.empty()) shown += trace.faults->plan.clock_skew(trace.now, trace.region);
  res.headers.set("Date", api::format_http_date(shown));
  if (trace.rate) {
    faults::RateDecision advertised = *trace.rate;  // reset in real seconds (FAULTS.md, "Speed")
    advertised.reset_seconds = static_cast<int>(advertised_wait_seconds(advertised.reset_seconds, clock_->speed()));
    faults::set_rate_limit_headers(res.headers, advertised);
  }

  const auto& d = trace.decision;
  using faults::TransportAction;
  switch (d.transport) {
    case TransportAction::truncated_json:
      res.body = faults::truncate_json_body(res.body_text());
      res.shared_body.reset();
      break;
    case TransportAction::malformed_json:
      res.body = faults::malform_json_body(res.body_text());
      res.shared_body.reset();
      break;
    case TransportAction::reset: res.delivery.action = api::Delivery::Action::reset; break;
    case TransportAction::close_mid_body: res.delivery.action = api::Delivery::Action::close_mid_body; break;
    case TransportAction::slow_body:
      res.delivery.action = api::Delivery::Action::slow_body;
      res.delivery.bytes_per_chunk = d.bytes_per_chunk;
      res.delivery.chunk_interval_ms = d.chunk_interval.count();
      break;
    case TransportAction::none: break;
  }
  // Injected latency is clock time: a virtual clock jumps by it (costs nothing), the shell sleeps it otherwise.
  if (d.latency > Millis{0}) {
    if (virtual_clock_) virtual_clock_->advance(d.latency);
    else res.delivery.delay_ms = d.latency.count();
  }

  if (!trace.leak.empty() && !trace.error_message.empty()) {
    // An error message may quote the path ("User … was not found"): the credential stays out of it too.
    for (const auto& segment : api::parse_target(request.target).segments)
      if (!credential_kind(segment).empty())
        for (auto at = trace.error_message.find(segment); at != std::string::npos;
             at = trace.error_message.find(segment, at))
          trace.error_message.replace(at, segment.size(), "REDACTED");
  }
  const std::string_view client_id = reply.login_client_id.empty() ? std::string_view(trace.client_id)
                                                                   : std::string_view(reply.login_client_id);
  std::string foreign;
  if (!trace.region.empty()) {
    std::size_t listed = 0;
    for (const auto& [id, owner] : trace.owned_ids) {
      if (owner == trace.region || listed == kMaxForeignIds) continue;
      foreign += fmt::format("{}{}@{}", listed++ ? "," : "", id, owner);
    }
  }
  journal::TrafficFacts facts;
  facts.token = trace.token_fingerprint;
  facts.token_region = trace.token ? std::string_view(trace.token->region) : std::string_view{};
  facts.auth = trace.auth;
  facts.retry_after_s = trace.retry_after_s;
  facts.limit_scope = trace.limit_scope;
  facts.expires_in_s = reply.expires_in_s;
  facts.body_hash = trace.body_hash;
  facts.name = trace.name;
  facts.foreign_ids = foreign;
  facts.leak = trace.leak;
  facts.inflight = trace.inflight;
  facts.error_code = trace.error_code;
  facts.error_message = trace.error_message;
  facts.more = reply.more;

  std::string fault = d.applied;
  if (trace.rate_limited) fault += fault.empty() ? "rate_limit" : ",rate_limit";
  const bool no_response = res.delivery.action == api::Delivery::Action::reset;
  // A load/reset request opens the new epoch's journal (seq 1); every other request goes to its own epoch.
  auto& journal = trace.replacement ? *trace.replacement->journal_ : *journal_;
  journal.append({trace.now, trace.region, client_id, request.method, trace.path, trace.query, trace.route,
                  no_response ? 0 : res.status, d.latency.count(), fault, facts});
  return res;
}

std::string WorldEpoch::console_update(console::Cursor& cursor) const {
  console::Snapshot s;
  s.seed = seed_;
  s.generation = generation_;
  s.scenario = scenario_.name;
  s.virtual_clock = virtual_clock_ != nullptr;
  s.now = clock_->now();
  for (const auto& org : world_.orgs) s.regions.push_back({org.region, org.org_name});
  const auto state = current_faults();
  for (const auto& f : state->plan.faults()) s.faults.push_back(fault_entry(f, state->plan, s.now));
  for (const auto& family : faults::api_families()) s.families.emplace_back(family.name);
  s.last_seq = journal_->last_seq();
  s.entries = journal_->snapshot(console::first_seq(cursor, generation_, s.last_seq));
  auto next = console::update(s, cursor);
  cursor = next.next;
  return std::move(next.json);
}

ServiceHost::ServiceHost(const ServiceOptions& options) : options_(options) {
  Scenario scenario = load_for(options_);
  const std::uint64_t seed = options_.seed.value_or(scenario.seed);
  engine_ = std::make_shared<WorldEpoch>(options_, as_played(std::move(scenario), options_), seed, 0, this);
}

api::HttpResponse ServiceHost::handle(const api::HttpRequest& request, const RequestContext& ctx) {
  std::shared_ptr<WorldEpoch> engine;
  try {
    engine = current();
    if (is_health_probe(request)) return health_response(*engine);
  } catch (...) {
    api::HttpResponse res;
    res.status = 500;
    return res;
  }
  return engine->handle(request, ctx);
}

bool is_health_probe(const api::HttpRequest& request) {
  if (request.method != "GET" && request.method != "HEAD") return false;
  const std::string_view target = request.target;
  return target.substr(0, target.find('?')) == "/mockgc/health";
}

api::HttpResponse health_response(const Service& service) {
  json regions = json::array();
  for (const auto& r : service.regions()) regions.push_back(r.region);
  api::HttpResponse res;
  res.headers.set("Content-Type", "application/json");
  res.headers.set("Cache-Control", "no-store");
  res.body = json{{"status", "UP"}, {"seed", service.seed()}, {"regions", std::move(regions)}}.dump();
  return res;
}

void WorldEpoch::notify(std::string_view region, std::string_view topic, const json& body, Instant now,
                         std::optional<Instant> at) {
  // The delivery faults are decided for the event's own world instant: now, or when a later step is due.
  const bool later = at && *at > now;
  const auto state = current_faults();
  const auto decision = state->plan.notification(later ? *at : now, region,
                                                 notifications_published_.fetch_add(1, std::memory_order_relaxed));
  const notifications::PublishFaults faults{decision.delay, decision.duplicate, decision.drop, decision.applied};
  if (later) hub_->schedule(region, topic, body, *at, faults);
  else hub_->publish(region, topic, body, now, faults);
}

namespace {

// A stream that keeps its epoch (clock, hub) alive for as long as the connection lasts.
class EpochStream final : public notifications::Stream {
 public:
  EpochStream(std::shared_ptr<WorldEpoch> epoch, std::unique_ptr<notifications::Stream> inner)
      : epoch_(std::move(epoch)), inner_(std::move(inner)) {}
  ~EpochStream() override { inner_.reset(); }
  notifications::Outbox pull() override { return inner_->pull(); }
  void confirm() override { inner_->confirm(); }
  void receive(std::string_view text) override { inner_->receive(text); }

 private:
  std::shared_ptr<WorldEpoch> epoch_;
  std::unique_ptr<notifications::Stream> inner_;
};

}  // namespace

std::unique_ptr<notifications::Stream> ServiceHost::open_stream(const api::HttpRequest& upgrade,
                                                                const RequestContext& ctx) {
  auto engine = current();
  auto inner = engine->open_stream(upgrade, ctx);
  if (!inner) return nullptr;
  return std::make_unique<EpochStream>(std::move(engine), std::move(inner));
}

std::unique_ptr<notifications::Stream> WorldEpoch::open_stream(const api::HttpRequest& upgrade,
                                                                const RequestContext& ctx) {
  const api::Target target = api::parse_target(upgrade.target);
  if (!target.valid || target.segments.size() != 2 || target.segments[0] != "channels" || target.segments[1].empty())
    return nullptr;
  const std::string region(addressed_region(upgrade, ctx).key);
  // The hub journals the socket (channel_event::kSocketOpen) and everything that happens to it.
  return hub_->connect(target.segments[1], region);
}

std::shared_ptr<WorldEpoch> ServiceHost::current() const {
  std::lock_guard lock(mutex_);
  return engine_;
}

std::shared_ptr<WorldEpoch> ServiceHost::build(Scenario scenario, std::uint64_t seed, std::optional<Instant> restart) {
  auto* injected = dynamic_cast<api::ManualClock*>(options_.clock);
  const Instant before = injected ? injected->now() : Instant{};
  if (injected) {
    if (scenario.clock.start) injected->set(*scenario.clock.start);
    else if (restart) injected->set(*restart);
  }
  try {
    return std::make_shared<WorldEpoch>(options_, as_played(std::move(scenario), options_), seed, ++generations_,
                                         this);
  } catch (...) {
    if (injected) injected->set(before);
    throw;
  }
}

void ServiceHost::install(std::shared_ptr<WorldEpoch> next) {
  std::shared_ptr<WorldEpoch> old;
  {
    std::lock_guard lock(mutex_);
    old = std::exchange(engine_, std::move(next));
  }
  // `old` is released here, outside the lock (or later by the last in-flight request that holds it).
}

std::unique_ptr<Service> make_service(const ServiceOptions& options) { return std::make_unique<ServiceHost>(options); }

}  // namespace mockgc::core
