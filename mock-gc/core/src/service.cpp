// The request pipeline of one world epoch (the stages are documented in service_impl.hpp).
#include <fmt/format.h>

#include <algorithm>
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
#include "service_impl.hpp"
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

ServiceImpl::ServiceImpl(const ServiceOptions& options, Scenario scenario, std::uint64_t seed,
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
  for (const auto& org : world_.orgs) {
    auto state = std::make_unique<OrgState>();
    state->world = &org;
    state->id_rng = api::Rng::derive(seed_, {org.region, "runtime-activity-codes"});
    for (const auto& bu : org.business_units) {
      auto& codes = state->codes[bu.id];
      codes.codes = bu.activity_codes;
      rebuild_listing(codes, bu.id);
    }
    state->workforce = std::make_unique<wfm::Workforce>(world_, org, seed_);
    state->history = std::make_shared<wfm::HistoryState>(org, state->workforce->demand(), seed_, clock_->now(),
                                                         history_cache_);
    state->agents = std::make_unique<wfm::AgentStates>(*state->workforce);
    state->agent_topics_until = clock_->now();
    orgs_.push_back(std::move(state));
  }
  id_owners_ = std::make_unique<IdOwners>(world_, seed_);
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

  using A = Route::Access;
  const std::string wfm = "/api/v2/workforcemanagement";
  const struct {
    const char* method;
    std::string pattern;
    Handler handler;
    A access;
  } table[] = {
      {"POST", "/oauth/token", &handle_oauth_token, A::Login},
      {"GET", "/mockgc/downloads/{downloadId}", &handle_download, A::Public},
      {"PUT", "/mockgc/uploads/{uploadKey}", &handle_upload_put, A::Public},
      {"GET", "/api/v2/tokens/me", &handle_tokens_me, A::Api},
      {"GET", "/api/v2/users", &handle_users_list, A::Api},
      {"GET", "/api/v2/users/{userId}", &handle_user_get, A::Api},
      {"GET", "/api/v2/routing/queues", &handle_queues_list, A::Api},
      {"GET", "/api/v2/routing/queues/{queueId}", &handle_queue_get, A::Api},
      // Directory: organization, divisions, teams, routing dictionaries and membership.
      {"GET", "/api/v2/users/me", &handle_users_me, A::Api},
      {"POST", "/api/v2/users/search", &handle_users_search, A::Api},
      {"GET", "/api/v2/users/{userId}/routingskills", &handle_user_routing_skills, A::Api},
      {"GET", "/api/v2/organizations/me", &handle_organization_me, A::Api},
      {"GET", "/api/v2/oauth/clients/{clientId}", &handle_oauth_client_get, A::Api},
      {"GET", "/api/v2/authorization/divisions", &handle_divisions_list, A::Api},
      {"GET", "/api/v2/authorization/divisions/{divisionId}", &handle_division_get, A::Api},
      {"GET", "/api/v2/teams", &handle_teams_list, A::Api},
      {"GET", "/api/v2/teams/{teamId}", &handle_team_get, A::Api},
      {"GET", "/api/v2/teams/{teamId}/members", &handle_team_members, A::Api},
      {"GET", "/api/v2/routing/skills", &handle_skills_list, A::Api},
      {"GET", "/api/v2/routing/skills/{skillId}", &handle_skill_get, A::Api},
      {"GET", "/api/v2/routing/languages", &handle_languages_list, A::Api},
      {"GET", "/api/v2/routing/languages/{languageId}", &handle_language_get, A::Api},
      {"GET", "/api/v2/routing/queues/{queueId}/members", &handle_queue_members, A::Api},
      {"GET", wfm + "/businessunits/{businessUnitId}/planninggroups/{planningGroupId}", &handle_planning_group_get, A::Api},
      {"GET", wfm + "/businessunits", &handle_business_units_list, A::Api},
      {"GET", wfm + "/businessunits/{businessUnitId}", &handle_business_unit_get, A::Api},
      {"GET", wfm + "/businessunits/{businessUnitId}/managementunits", &handle_business_unit_management_units, A::Api},
      {"GET", wfm + "/businessunits/{businessUnitId}/activitycodes", &handle_activity_codes_list, A::Api},
      {"POST", wfm + "/businessunits/{businessUnitId}/activitycodes", &handle_activity_code_create, A::Api},
      {"PATCH", wfm + "/businessunits/{businessUnitId}/activitycodes/bulk", &handle_activity_codes_bulk_patch, A::Api},
      {"GET", wfm + "/businessunits/{businessUnitId}/activitycodes/{activityCodeId}", &handle_activity_code_get, A::Api},
      {"PATCH", wfm + "/businessunits/{businessUnitId}/activitycodes/{activityCodeId}", &handle_activity_code_patch, A::Api},
      {"DELETE", wfm + "/businessunits/{businessUnitId}/activitycodes/{activityCodeId}", &handle_activity_code_delete, A::Api},
      {"GET", wfm + "/managementunits", &handle_management_units_list, A::Api},
      {"GET", wfm + "/managementunits/{managementUnitId}", &handle_management_unit_get, A::Api},
      {"GET", wfm + "/managementunits/{managementUnitId}/users", &handle_management_unit_users, A::Api},
      {"GET", wfm + "/managementunits/{managementUnitId}/activitycodes", &handle_management_unit_activity_codes, A::Api},
      {"GET", wfm + "/agents/{agentId}/managementunit", &handle_agent_management_unit, A::Api},
      // Conversation history: analytics aggregates + historical-data import.
      {"POST", "/api/v2/analytics/conversations/aggregates/query", &handle_aggregates_query, A::Api},
      {"POST", "/api/v2/analytics/conversations/aggregates/jobs", &handle_aggregates_job_create, A::Api},
      {"GET", "/api/v2/analytics/conversations/aggregates/jobs/{jobId}", &handle_aggregates_job_status, A::Api},
      {"GET", "/api/v2/analytics/conversations/aggregates/jobs/{jobId}/results", &handle_aggregates_job_results, A::Api},
      {"POST", "/api/v2/analytics/users/aggregates/query", &handle_user_aggregates_query, A::Api},
      {"POST", "/api/v2/analytics/users/details/query", &handle_user_details_query, A::Api},
      // Analytics jobs of every family, and conversation details.
      {"DELETE", "/api/v2/analytics/conversations/aggregates/jobs/{jobId}", &handle_aggregates_job_delete, A::Api},
      {"POST", "/api/v2/analytics/conversations/details/query", &handle_conversation_details_query, A::Api},
      {"POST", "/api/v2/analytics/conversations/details/jobs", &handle_conversation_details_job_create, A::Api},
      {"GET", "/api/v2/analytics/conversations/details/jobs/availability", &handle_analytics_details_availability, A::Api},
      {"GET", "/api/v2/analytics/conversations/details/jobs/{jobId}", &handle_conversation_details_job_status, A::Api},
      {"DELETE", "/api/v2/analytics/conversations/details/jobs/{jobId}", &handle_conversation_details_job_delete, A::Api},
      {"GET", "/api/v2/analytics/conversations/details/jobs/{jobId}/results", &handle_conversation_details_job_results, A::Api},
      {"POST", "/api/v2/analytics/users/aggregates/jobs", &handle_user_aggregates_job_create, A::Api},
      {"GET", "/api/v2/analytics/users/aggregates/jobs/{jobId}", &handle_user_aggregates_job_status, A::Api},
      {"DELETE", "/api/v2/analytics/users/aggregates/jobs/{jobId}", &handle_user_aggregates_job_delete, A::Api},
      {"GET", "/api/v2/analytics/users/aggregates/jobs/{jobId}/results", &handle_user_aggregates_job_results, A::Api},
      {"POST", "/api/v2/analytics/users/details/jobs", &handle_user_details_job_create, A::Api},
      {"GET", "/api/v2/analytics/users/details/jobs/availability", &handle_analytics_details_availability, A::Api},
      {"GET", "/api/v2/analytics/users/details/jobs/{jobId}", &handle_user_details_job_status, A::Api},
      {"DELETE", "/api/v2/analytics/users/details/jobs/{jobId}", &handle_user_details_job_delete, A::Api},
      {"GET", "/api/v2/analytics/users/details/jobs/{jobId}/results", &handle_user_details_job_results, A::Api},
      // One conversation's details (GET by id).
      {"GET", "/api/v2/analytics/conversations/{conversationId}/details", &handle_conversation_details_get, A::Api},
      {"POST", "/api/v2/uploads/workforcemanagement/historicaldata/csv", &handle_historicaldata_upload_url, A::Api},
      {"POST", wfm + "/historicaldata/validate", &handle_historicaldata_validate, A::Api},
      {"GET", wfm + "/historicaldata/importstatus", &handle_historicaldata_importstatus_list, A::Api},
      {"GET", wfm + "/historicaldata/importstatus/{jobId}", &handle_historicaldata_importstatus_get, A::Api},
      // WFM data: schedules, time off, live adherence, short-term forecasts.
      {"GET", wfm + "/businessunits/{businessUnitId}/weeks/{weekId}/schedules", &handle_bu_schedules_list, A::Api},
      {"GET", wfm + "/businessunits/{businessUnitId}/weeks/{weekId}/schedules/{scheduleId}", &handle_bu_schedule_get, A::Api},
      {"POST", wfm + "/businessunits/{businessUnitId}/weeks/{weekId}/schedules/{scheduleId}/agentschedules/query",
       &handle_bu_agent_schedules_query, A::Api},
      {"POST", wfm + "/businessunits/{businessUnitId}/agentschedules/search", &handle_bu_agent_schedules_search, A::Api},
      {"POST", wfm + "/managementunits/{managementUnitId}/agentschedules/search", &handle_mu_agent_schedules_search, A::Api},
      {"POST", wfm + "/managementunits/{managementUnitId}/timeoffrequests", &handle_time_off_create, A::Api},
      {"POST", wfm + "/managementunits/{managementUnitId}/timeoffrequests/query", &handle_time_off_query, A::Api},
      {"GET", wfm + "/managementunits/{managementUnitId}/users/{userId}/timeoffrequests", &handle_user_time_off_list, A::Api},
      {"GET", wfm + "/managementunits/{managementUnitId}/users/{userId}/timeoffrequests/{timeOffRequestId}",
       &handle_user_time_off_get, A::Api},
      {"PATCH", wfm + "/managementunits/{managementUnitId}/users/{userId}/timeoffrequests/{timeOffRequestId}",
       &handle_user_time_off_patch, A::Api},
      {"GET", wfm + "/timeoffrequests", &handle_agent_time_off, A::Api},
      {"POST", wfm + "/timeoffrequests", &handle_agent_time_off, A::Api},
      {"GET", wfm + "/timeoffrequests/{timeOffRequestId}", &handle_agent_time_off, A::Api},
      {"PATCH", wfm + "/timeoffrequests/{timeOffRequestId}", &handle_agent_time_off, A::Api},
      {"GET", wfm + "/adherence", &handle_adherence, A::Api},
      {"GET", wfm + "/managementunits/{managementUnitId}/adherence", &handle_mu_adherence, A::Api},
      {"GET", wfm + "/teams/{teamId}/adherence", &handle_team_adherence, A::Api},
      // Historical adherence: 202 + job, result by notification and downloadUrl.
      {"POST", wfm + "/managementunits/{managementUnitId}/historicaladherencequery", &handle_mu_historical_adherence,
       A::Api},
      {"POST", wfm + "/teams/{teamId}/adherence/historical", &handle_team_historical_adherence, A::Api},
      {"GET", wfm + "/adherence/historical/jobs/{jobId}", &handle_historical_adherence_job, A::Api},
      // Agent state: presence definitions (the ids users' presence and adherence refer to).
      {"GET", "/api/v2/presence/definitions", &handle_presence_definitions_list, A::Api},
      {"GET", "/api/v2/presence/definitions/{definitionId}", &handle_presence_definition_get, A::Api},
      {"GET", wfm + "/businessunits/{businessUnitId}/planninggroups", &handle_planning_groups, A::Api},
      {"GET", wfm + "/businessunits/{businessUnitId}/weeks/{weekDateId}/shorttermforecasts", &handle_forecasts_list, A::Api},
      {"GET", wfm + "/businessunits/{businessUnitId}/weeks/{weekDateId}/shorttermforecasts/{forecastId}",
       &handle_forecast_get, A::Api},
      {"GET", wfm + "/businessunits/{businessUnitId}/weeks/{weekDateId}/shorttermforecasts/{forecastId}/data",
       &handle_forecast_data, A::Api},
      {"POST", wfm + "/businessunits/{businessUnitId}/weeks/{weekDateId}/shorttermforecasts/import/uploadurl",
       &handle_forecast_import_upload_url, A::Api},
      {"POST", wfm + "/businessunits/{businessUnitId}/weeks/{weekDateId}/shorttermforecasts/import",
       &handle_forecast_import, A::Api},
      // BU schedule import: upload URL, then the import call naming the upload.
      {"POST", wfm + "/businessunits/{businessUnitId}/weeks/{weekId}/schedules/import/uploadurl",
       &handle_schedule_import_upload_url, A::Api},
      {"POST", wfm + "/businessunits/{businessUnitId}/weeks/{weekId}/schedules/import", &handle_schedule_import, A::Api},
      // BU schedule update (and publishing): upload URL, then the update call naming the upload.
      {"POST", wfm + "/businessunits/{businessUnitId}/weeks/{weekId}/schedules/{scheduleId}/update/uploadurl",
       &handle_schedule_update_upload_url, A::Api},
      {"POST", wfm + "/businessunits/{businessUnitId}/weeks/{weekId}/schedules/{scheduleId}/update",
       &handle_schedule_update, A::Api},
      // Shift trades of an MU week: list, create, search, PATCH, admin bulk approve/deny.
      {"GET", wfm + "/managementunits/{managementUnitId}/weeks/{weekDateId}/shifttrades", &handle_shift_trades_list,
       A::Api},
      {"POST", wfm + "/managementunits/{managementUnitId}/weeks/{weekDateId}/shifttrades", &handle_shift_trade_create,
       A::Api},
      {"POST", wfm + "/managementunits/{managementUnitId}/weeks/{weekDateId}/shifttrades/search",
       &handle_shift_trades_search, A::Api},
      {"POST", wfm + "/managementunits/{managementUnitId}/weeks/{weekDateId}/shifttrades/state/bulk",
       &handle_shift_trades_state_bulk, A::Api},
      {"PATCH", wfm + "/managementunits/{managementUnitId}/weeks/{weekDateId}/shifttrades/{tradeId}",
       &handle_shift_trade_patch, A::Api},
      // Notifications: channels and subscriptions (the WebSocket side is open_stream).
      {"POST", "/api/v2/notifications/channels", &handle_notification_channel_create, A::Api},
      {"GET", "/api/v2/notifications/channels", &handle_notification_channels_list, A::Api},
      {"HEAD", "/api/v2/notifications/channels/{channelId}", &handle_notification_channel_head, A::Api},
      {"GET", "/api/v2/notifications/channels/{channelId}/subscriptions", &handle_notification_subscriptions_get, A::Api},
      {"POST", "/api/v2/notifications/channels/{channelId}/subscriptions", &handle_notification_subscriptions_add, A::Api},
      {"PUT", "/api/v2/notifications/channels/{channelId}/subscriptions", &handle_notification_subscriptions_replace, A::Api},
      {"DELETE", "/api/v2/notifications/channels/{channelId}/subscriptions", &handle_notification_subscriptions_delete,
       A::Api},
      {"GET", "/api/v2/notifications/availabletopics", &handle_notification_available_topics, A::Api},
  };
  for (const auto& row : table) {
    router_.add(row.method, row.pattern, static_cast<int>(routes_.size()));
    routes_.push_back({row.handler, row.access, row.pattern});
  }
}

bool ServiceImpl::serves(std::string_view region) const {
  const auto& served = options_.served_regions;
  return served.empty() || std::find(served.begin(), served.end(), region) != served.end();
}

std::vector<RegionEndpointInfo> ServiceImpl::regions() const {
  std::vector<RegionEndpointInfo> out;
  for (const auto& org : world_.orgs)
    if (serves(org.region)) out.push_back({org.region, org.org_name, org.client_id, org.client_secret});
  return out;
}

OrgState* ServiceImpl::find_org(std::string_view region) {
  for (auto& o : orgs_)
    if (o->world->region == region && serves(region)) return o.get();
  return nullptr;
}

OrgState* ServiceImpl::find_org_by_client(std::string_view client_id) {
  for (auto& o : orgs_)
    if (o->world->client_id == client_id && serves(o->world->region)) return o.get();
  return nullptr;
}

std::string ServiceImpl::next_correlation_id() {
  const auto n = request_counter_.fetch_add(1, std::memory_order_relaxed);
  api::Rng rng(api::derive_seed(id_seed_, "correlation-id", n));
  return api::make_uuid(rng);
}

api::HttpResponse ServiceImpl::handle(const api::HttpRequest& request, const RequestContext& ctx) {
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
  leave_inflight(trace);
  // A scenario load / reset answered: the new epoch (already journaling this request) takes over now.
  if (trace.replacement && host_) host_->install(std::move(trace.replacement));
  return response;
}

void ServiceImpl::read_credentials(const api::HttpRequest& request, const RequestContext& ctx, RequestTrace& trace) {
  // A Bearer token, looked up once (expired tokens too: the journal tells "expired" from "invalid").
  if (auto authorization = request.headers.get("Authorization")) {
    const std::string auth = trim(*authorization);
    if (auth.size() > 7 && lower(auth.substr(0, 7)) == "bearer ") {
      std::string token = trim(auth.substr(7));
      if (!token.empty() && token.find(' ') == std::string::npos) trace.bearer = std::move(token);
    }
  }
  if (!trace.bearer.empty()) {
    trace.token_fingerprint = fmt::format("{:012x}", stable_hash(trace.bearer) >> 16);
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

void ServiceImpl::leave_inflight(const RequestTrace& trace) {
  if (trace.inflight == 0) return;
  std::lock_guard lock(inflight_mutex_);
  auto it = inflight_.find(trace.inflight_key);
  if (it != inflight_.end() && --it->second <= 0) inflight_.erase(it);
}

std::string_view ServiceImpl::credential_kind(std::string_view value) const {
  if (value.size() == TokenStore::kTokenChars && tokens_.find_any(value)) return "access_token";
  for (const auto& org : world_.orgs)
    if (value == org.client_secret) return "client_secret";
  return {};
}

void ServiceImpl::scan_request(const api::HttpRequest& request, const api::Target& target, RequestTrace& trace) {
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

std::chrono::seconds ServiceImpl::token_lifetime(Instant now, std::string_view region, std::string_view client_id,
                                                 std::chrono::seconds fallback) const {
  const auto state = current_faults();
  if (!state->any()) return fallback;
  const auto shorter = state->plan.token_lifetime(now, region, client_id);
  if (!shorter) return fallback;
  return std::max(std::chrono::seconds(1), std::chrono::duration_cast<std::chrono::seconds>(*shorter));
}

std::shared_ptr<const FaultState> ServiceImpl::current_faults() const {
  std::lock_guard lock(faults_mutex_);
  return faults_;
}

std::shared_ptr<const FaultState> ServiceImpl::make_fault_state(std::vector<faults::Fault> list,
                                                                const FaultState* previous, bool rules_changed) const {
  auto next = std::make_shared<FaultState>();
  next->plan = faults::FaultPlan(std::move(list), start_, seed_);
  bool any_rate_limit = false;
  for (const auto& f : next->plan.faults()) {
    next->has_events = next->has_events || f.type() == faults::FaultType::data ||
                       f.type() == faults::FaultType::notification;
    any_rate_limit = any_rate_limit || f.type() == faults::FaultType::rate_limit;
  }
  if (previous && !rules_changed) {
    next->limiter = previous->limiter;  // same rules: keep the windows counted so far
  } else if (scenario_.rate_limit_per_minute || any_rate_limit) {
    // New rules start with empty windows (documented: injecting/clearing a rate_limit fault resets counts).
    faults::RateLimitConfig limits;
    limits.client_per_minute = scenario_.rate_limit_per_minute.value_or(300);
    limits.max_clients = scenario_.rate_limit_max_clients;
    limits.rules = next->plan.rate_limit_rules();
    next->limiter = std::make_shared<faults::RateLimiter>(*clock_, std::move(limits));
  }
  return next;
}

void ServiceImpl::install_faults(std::shared_ptr<const FaultState> next, const faults::Fault* added) {
  {
    std::lock_guard lock(faults_mutex_);
    faults_ = next;
  }
  std::vector<faults::FaultEvent> catch_up;
  {
    std::lock_guard lock(events_mutex_);
    const Instant until = events_ ? events_->applied_until() : Instant::min();
    events_.reset();
    cursor_state_ = next;
    if (next->has_events) events_ = std::make_unique<faults::EventCursor>(cursor_state_->plan, until);
    // The cursor already passed `until`: events of the new fault at or before it happen now, exactly once.
    if (added && until != Instant::min()) {
      const faults::FaultPlan single({*added}, start_, seed_);
      catch_up = single.due_events(Instant::min(), until);
    }
  }
  apply_world_events(catch_up);
}

void ServiceImpl::apply_events(Instant now) {
  std::vector<faults::FaultEvent> due;
  {
    std::lock_guard lock(events_mutex_);
    if (!events_) return;
    due = events_->advance_to(now);
  }
  apply_world_events(due);
}

void ServiceImpl::apply_world_events(const std::vector<faults::FaultEvent>& due) {
  // Token and clock-skew events are answered statelessly by the plan (token_revoked, clock_skew); only
  // activity-code and MU membership changes touch the world here.
  for (const auto& event : due) {
    for (auto& org : orgs_) {
      if (!event.region.empty() && event.region != org->world->region) continue;
      std::unique_lock lock(org->mutex);
      auto change = [&](const std::string& bu_ref, const std::string& code_ref, auto&& edit) {
        for (const auto& bu : org->world->business_units) {
          if (bu.id != bu_ref && bu.name != bu_ref) continue;
          auto& codes = org->codes[bu.id];
          for (auto& code : codes.codes) {
            if (code.id != code_ref && code.name != code_ref) continue;
            edit(code);
            code.metadata.version += 1;
            code.metadata.date_modified = event.at;
          }
          rebuild_listing(codes, bu.id);
        }
      };
      if (const auto* lifecycle = std::get_if<faults::ChannelLifecycle>(&event.payload)) {
        using faults::NotificationAction;
        const auto& region = org->world->region;
        if (lifecycle->action == NotificationAction::socket_drop) hub_->drop_sockets(region, event.fault_id);
        else if (lifecycle->action == NotificationAction::socket_closing)
          hub_->announce_closing(region, event.at, lifecycle->grace, event.fault_id);
        else hub_->expire(region, event.at, event.fault_id);
      } else if (const auto* renamed = std::get_if<faults::ActivityCodeRenamed>(&event.payload)) {
        change(renamed->business_unit, renamed->activity_code, [&](ActivityCode& c) { c.name = renamed->name; });
      } else if (const auto* recat = std::get_if<faults::ActivityCodeRecategorised>(&event.payload)) {
        if (auto category = parse_activity_category(recat->category))
          change(recat->business_unit, recat->activity_code, [&](ActivityCode& c) { c.category = *category; });
      } else {
        // A roster change: the MU's schedules change for the agents who joined or left.
        std::vector<std::string> agents;
        const ManagementUnit* mu = nullptr;
        if (const auto* added = std::get_if<faults::AgentsAdded>(&event.payload))
          mu = roster_add_agents(*org, event, *added, agents);
        else if (const auto* removed = std::get_if<faults::AgentsRemoved>(&event.payload))
          mu = roster_remove_agents(*org, event, *removed, agents);
        if (mu && !agents.empty()) {
          const auto day = std::chrono::floor<std::chrono::days>(event.at);
          json changed = json::array();
          for (const auto& id : agents)
            changed.push_back({{"agentId", id},
                               {"startDate", api::format_instant(day)},
                               {"endDate", api::format_instant(day + std::chrono::days(28))}});
          notify(org->world->region,
                 fmt::format("v2.workforcemanagement.managementunits.{}.agentschedules.changed", mu->id),
                 {{"managementUnitId", mu->id}, {"agents", std::move(changed)}}, event.at);
        }
      }
    }
  }
}

std::uint64_t ServiceImpl::attempts_before(std::uint64_t request_key) {
  constexpr std::size_t kMaxAttemptKeys = 1 << 16;
  std::lock_guard lock(attempts_mutex_);
  if (attempts_.size() >= kMaxAttemptKeys && !attempts_.contains(request_key)) attempts_.clear();
  return attempts_[request_key]++;
}

std::optional<Reply> ServiceImpl::apply_faults(const api::HttpRequest& request, RequestTrace& trace) {
  if (trace.faults->has_events) apply_events(trace.now);
  publish_agent_topics(trace.now);
  const std::string_view client = trace.token ? std::string_view(trace.token->client_id) : std::string_view{};
  const std::uint64_t content = api::hash_combine(api::hash_combine(0, trace.query), trace.body_hash);
  std::uint64_t key = api::hash_combine(api::hash_combine(content, trace.region), client);
  key = api::hash_combine(api::hash_combine(key, request.method), trace.path);
  trace.decision =
      trace.faults->plan.evaluate({trace.now, trace.region, request.method, trace.path, client, attempts_before(key), content});
  if (!trace.decision.early) return std::nullopt;
  return error_reply(*trace.decision.early);
}

Reply ServiceImpl::dispatch(const api::HttpRequest& request, const RequestContext& ctx, std::string_view correlation_id,
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
  trace.route = route->pattern;
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

api::HttpResponse ServiceImpl::finalize(Reply reply, std::string_view correlation_id, const api::HttpRequest& request,
                                         RequestTrace& trace) {
  api::HttpResponse res;
  res.status = reply.status;
  res.headers = std::move(reply.headers);
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
  }
  if (!res.body.empty() && !res.headers.get("Content-Type")) res.headers.set("Content-Type", "application/json");
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
    case TransportAction::truncated_json: res.body = faults::truncate_json_body(res.body); break;
    case TransportAction::malformed_json: res.body = faults::malform_json_body(res.body); break;
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

std::string ServiceImpl::console_update(console::Cursor& cursor) const {
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
  engine_ = std::make_shared<ServiceImpl>(options_, as_played(std::move(scenario), options_), seed, 0, this);
}

api::HttpResponse ServiceHost::handle(const api::HttpRequest& request, const RequestContext& ctx) {
  std::shared_ptr<ServiceImpl> engine;
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

void ServiceImpl::notify(std::string_view region, std::string_view topic, const json& body, Instant now,
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
  EpochStream(std::shared_ptr<ServiceImpl> epoch, std::unique_ptr<notifications::Stream> inner)
      : epoch_(std::move(epoch)), inner_(std::move(inner)) {}
  ~EpochStream() override { inner_.reset(); }
  notifications::Outbox pull() override { return inner_->pull(); }
  void confirm() override { inner_->confirm(); }
  void receive(std::string_view text) override { inner_->receive(text); }

 private:
  std::shared_ptr<ServiceImpl> epoch_;
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

std::unique_ptr<notifications::Stream> ServiceImpl::open_stream(const api::HttpRequest& upgrade,
                                                                const RequestContext& ctx) {
  const api::Target target = api::parse_target(upgrade.target);
  if (!target.valid || target.segments.size() != 2 || target.segments[0] != "channels" || target.segments[1].empty())
    return nullptr;
  const std::string region(addressed_region(upgrade, ctx).key);
  // The hub journals the socket (channel_event::kSocketOpen) and everything that happens to it.
  return hub_->connect(target.segments[1], region);
}

std::shared_ptr<ServiceImpl> ServiceHost::current() const {
  std::lock_guard lock(mutex_);
  return engine_;
}

std::shared_ptr<ServiceImpl> ServiceHost::build(Scenario scenario, std::uint64_t seed, std::optional<Instant> restart) {
  auto* injected = dynamic_cast<api::ManualClock*>(options_.clock);
  const Instant before = injected ? injected->now() : Instant{};
  if (injected) {
    if (scenario.clock.start) injected->set(*scenario.clock.start);
    else if (restart) injected->set(*restart);
  }
  try {
    return std::make_shared<ServiceImpl>(options_, as_played(std::move(scenario), options_), seed, ++generations_,
                                         this);
  } catch (...) {
    if (injected) injected->set(before);
    throw;
  }
}

void ServiceHost::install(std::shared_ptr<ServiceImpl> next) {
  std::shared_ptr<ServiceImpl> old;
  {
    std::lock_guard lock(mutex_);
    old = std::exchange(engine_, std::move(next));
  }
  // `old` is released here, outside the lock (or later by the last in-flight request that holds it).
}

std::unique_ptr<Service> make_service(const ServiceOptions& options) { return std::make_unique<ServiceHost>(options); }

}  // namespace mockgc::core
