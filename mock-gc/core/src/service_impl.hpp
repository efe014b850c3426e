#pragma once
// The real Service behind the seam. handle() is one straight pipeline:
//   parse -> route -> resolve region -> authenticate -> [faults / rate limits] -> handler -> finalize
// with the journal hook in finalize. Each org has its own shared_mutex (region state is isolated) and keeps
// a serialized activity-code listing per BU, rebuilt on writes.
#include <atomic>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <shared_mutex>
#include <string>
#include <unordered_map>
#include <vector>

#include "mockgc/api/error_body.hpp"
#include "mockgc/api/url.hpp"
#include "mockgc/core/download_store.hpp"
#include "mockgc/core/errors.hpp"
#include "mockgc/core/faults/fault_plan.hpp"
#include "mockgc/core/faults/rate_limiter.hpp"
#include "mockgc/core/journal/request_journal.hpp"
#include "mockgc/api/random.hpp"
#include "mockgc/core/router.hpp"
#include "mockgc/core/scenario.hpp"
#include "mockgc/core/service.hpp"
#include "mockgc/core/token_store.hpp"
#include "mockgc/core/upload_store.hpp"
#include "mockgc/core/wfm/agent_state.hpp"
#include "mockgc/core/wfm/history.hpp"
#include "mockgc/core/wfm/schedule.hpp"
#include "mockgc/core/world.hpp"
#include "agent_topics.hpp"
#include "id_owners.hpp"
#include "notifications/hub.hpp"
#include "roster.hpp"

namespace mockgc::core {
namespace wfm {
struct HistoryState;
}

using json = nlohmann::json;

struct BuActivityCodes {
  std::vector<ActivityCode> codes;  // defaults "0".."7" first, then custom codes in creation order
  std::string listing_json;         // cached {"entities":[…]} for the hot list GET
};

struct OrgState {
  const OrgWorld* world = nullptr;
  mutable std::shared_mutex mutex;  // guards `codes`, `id_rng` and `roster`
  std::unordered_map<std::string, BuActivityCodes> codes;  // by BU id
  Roster roster;                    // agents added to / removed from MUs by data events (roster.hpp)
  std::atomic<bool> roster_changed{false};  // false: `roster` is empty, readers skip the lock
  std::atomic<std::uint64_t> roster_version{0};  // grows with every roster change (the agent topics compare it)
  api::Rng id_rng{0};                    // ids of codes created at run time
  std::shared_ptr<wfm::HistoryState> history;  // conversation history, aggregates jobs, history imports
  std::unique_ptr<wfm::Workforce> workforce;  // schedules, time off, adherence, forecasts (own locking)
  std::unique_ptr<wfm::AgentStates> agents;   // per-agent state process over `workforce` (own locking)
  // The agent topics (agent_topics.cpp) are published up to this instant of the world clock; the calendar
  // of the followed agents' next changes (agent_topics.hpp). Both under agent_topics_mutex.
  std::mutex agent_topics_mutex;
  Instant agent_topics_until{};
  AgentTopicCalendar agent_topics;
};

class ServiceImpl;

struct Reply {
  int status = 200;
  std::string body;  // JSON text; empty for 204
  api::Headers headers;
  std::optional<ApiError> error;             // rendered as ErrorBody at finalize (needs the contextId)
  std::optional<api::OAuthError> oauth_error;  // rendered in the login service's shape
  // For the journal (TrafficFacts): what is left to read ("page 2/5", "cursor", "downloadUrl"), and a
  // login's client id (whatever the outcome) and the world-second lifetime of the token it issued.
  std::string more;
  std::string login_client_id;
  std::int64_t expires_in_s = -1;
  bool event_stream = false;  // the shell streams console updates after the header (Delivery::event_stream)
};

Reply json_reply(const json& j, int status = 200);
Reply error_reply(ApiError e);
Reply no_content();

struct Call {
  const api::HttpRequest& request;
  const RequestContext& ctx;
  const api::Target& target;
  std::vector<std::string> params;
  ServiceImpl& service;
  OrgState* org = nullptr;  // resolved region (null only for region-less routes)
  const TokenRecord* token = nullptr;
  Instant now{};
  std::string_view correlation_id;
};

using Handler = Reply (*)(Call&);

// The fault side of a world that the admin API can change at run time (inject / clear faults). Immutable
// once built; the service swaps whole FaultStates and every request pins the one it started with.
struct FaultState {
  faults::FaultPlan plan;
  bool has_events = false;                        // data faults that change the world
  std::shared_ptr<faults::RateLimiter> limiter;   // null: no rate limits
  bool any() const { return !plan.faults().empty(); }
};

// What the pipeline learned about one request, for finalize (headers, body faults, delivery, journal).
struct RequestTrace {
  Instant now{};                 // captured once per request
  std::shared_ptr<const FaultState> faults;  // pinned once per request (never null in the pipeline)
  std::shared_ptr<ServiceImpl> replacement;  // set by admin scenario load / reset: installed after finalize
  std::string_view correlation_id;
  std::string_view region;       // resolved region key (empty when unknown)
  std::string client_id;         // authenticated OAuth client (empty before/without authentication)
  std::string_view route;        // matched route template (empty = unmatched)
  std::string path_storage;      // owns the decoded path: `path` outlives dispatch's parsed target
  std::string_view path;         // decoded path without the query
  std::string_view query;
  faults::FaultDecision decision;
  std::optional<faults::RateDecision> rate;  // set when the limiter ran
  bool rate_limited = false;

  // Traffic facts for the journal (journal::TrafficFacts documents each one).
  std::string bearer;                 // the bearer token presented; empty = none
  std::optional<TokenRecord> token;   // its record, expired or not (looked up once per request)
  std::string token_fingerprint;      // 12 hex digits
  std::string_view auth;              // "", "ok", "missing", "invalid", "expired", "revoked", "foreign"
  std::int64_t retry_after_s = -1;    // world seconds
  std::string limit_scope;
  std::string_view leak;
  std::string query_storage;          // owns the query when a credential in it was redacted
  std::uint64_t body_hash = 0;
  std::string name;
  std::vector<std::pair<std::string, std::string_view>> owned_ids;  // ids seen in the request, with owner region
  std::string inflight_key;
  int inflight = 0;
  std::string_view error_code;
  std::string error_message;
};

// The handler functions, one file per area (src/handlers/*.cpp).
Reply handle_oauth_token(Call&);
Reply handle_download(Call&);
Reply handle_upload_put(Call&);
Reply handle_tokens_me(Call&);
Reply handle_users_list(Call&);
Reply handle_user_get(Call&);
Reply handle_queues_list(Call&);
Reply handle_queue_get(Call&);
// Directory: the organization, divisions, teams, routing dictionaries, /users/me and user search.
Reply handle_users_me(Call&);
Reply handle_users_search(Call&);
Reply handle_organization_me(Call&);
Reply handle_oauth_client_get(Call&);
Reply handle_divisions_list(Call&);
Reply handle_division_get(Call&);
Reply handle_teams_list(Call&);
Reply handle_team_get(Call&);
Reply handle_team_members(Call&);
Reply handle_skills_list(Call&);
Reply handle_skill_get(Call&);
Reply handle_languages_list(Call&);
Reply handle_language_get(Call&);
Reply handle_user_routing_skills(Call&);
Reply handle_queue_members(Call&);
Reply handle_planning_group_get(Call&);
Reply handle_business_units_list(Call&);
Reply handle_business_unit_get(Call&);
Reply handle_business_unit_management_units(Call&);
Reply handle_management_units_list(Call&);
Reply handle_management_unit_get(Call&);
Reply handle_management_unit_users(Call&);
Reply handle_management_unit_activity_codes(Call&);
Reply handle_agent_management_unit(Call&);
Reply handle_activity_codes_list(Call&);
Reply handle_activity_code_create(Call&);
Reply handle_activity_code_get(Call&);
Reply handle_activity_code_patch(Call&);
Reply handle_activity_code_delete(Call&);
Reply handle_activity_codes_bulk_patch(Call&);
// Conversation history: analytics aggregates and the WFM historical-data import.
Reply handle_aggregates_query(Call&);
Reply handle_aggregates_job_create(Call&);
Reply handle_aggregates_job_status(Call&);
Reply handle_aggregates_job_delete(Call&);
Reply handle_aggregates_job_results(Call&);
Reply handle_conversation_details_query(Call&);
Reply handle_conversation_details_job_create(Call&);
Reply handle_conversation_details_job_status(Call&);
Reply handle_conversation_details_job_delete(Call&);
Reply handle_conversation_details_job_results(Call&);
Reply handle_user_aggregates_query(Call&);
Reply handle_user_aggregates_job_create(Call&);
Reply handle_user_aggregates_job_status(Call&);
Reply handle_user_aggregates_job_delete(Call&);
Reply handle_user_aggregates_job_results(Call&);
Reply handle_user_details_query(Call&);
Reply handle_user_details_job_create(Call&);
Reply handle_user_details_job_status(Call&);
Reply handle_user_details_job_delete(Call&);
Reply handle_user_details_job_results(Call&);
Reply handle_analytics_details_availability(Call&);
Reply handle_conversation_details_get(Call&);
Reply handle_historicaldata_upload_url(Call&);
Reply handle_historicaldata_validate(Call&);
Reply handle_historicaldata_importstatus_list(Call&);
Reply handle_historicaldata_importstatus_get(Call&);
// WFM data: schedules, time off, adherence, forecasts (src/handlers/schedules.cpp, time_off.cpp, …).
Reply handle_bu_schedules_list(Call&);
Reply handle_bu_schedule_get(Call&);
Reply handle_bu_agent_schedules_query(Call&);
Reply handle_bu_agent_schedules_search(Call&);
Reply handle_mu_agent_schedules_search(Call&);
Reply handle_time_off_query(Call&);
Reply handle_time_off_create(Call&);
Reply handle_user_time_off_list(Call&);
Reply handle_user_time_off_get(Call&);
Reply handle_user_time_off_patch(Call&);
Reply handle_agent_time_off(Call&);
Reply handle_adherence(Call&);
Reply handle_mu_adherence(Call&);
Reply handle_team_adherence(Call&);
Reply handle_planning_groups(Call&);
Reply handle_forecasts_list(Call&);
Reply handle_forecast_get(Call&);
Reply handle_forecast_data(Call&);
Reply handle_forecast_import_upload_url(Call&);
Reply handle_forecast_import(Call&);
// BU schedule import (src/handlers/schedule_import.cpp).
Reply handle_schedule_import_upload_url(Call&);
Reply handle_schedule_import(Call&);
// BU schedule update of an imported schedule (src/handlers/schedule_update.cpp).
Reply handle_schedule_update_upload_url(Call&);
Reply handle_schedule_update(Call&);
// Shift trades of an MU week (src/handlers/shift_trades.cpp).
Reply handle_shift_trades_list(Call&);
Reply handle_shift_trade_create(Call&);
Reply handle_shift_trades_search(Call&);
Reply handle_shift_trade_patch(Call&);
Reply handle_shift_trades_state_bulk(Call&);
// Historical adherence queries and their jobs (src/handlers/historical_adherence.cpp).
Reply handle_mu_historical_adherence(Call&);
Reply handle_team_historical_adherence(Call&);
Reply handle_historical_adherence_job(Call&);
// Agent state: presence definitions (src/handlers/presence.cpp).
Reply handle_presence_definitions_list(Call&);
Reply handle_presence_definition_get(Call&);
// expand=presence / routingStatus of a user: the agent state at call.now, added to `j`.
void add_user_presence(const Call& call, const User& u, bool presence, bool routing, json& j);
// The agent state at t as REST shows it (presence.cpp): a user's presence ({source, presenceDefinition,
// primary, modifiedDate}) and routing status ({status, startTime}); the agent topics reuse both.
json user_presence_json(const ServiceImpl& service, const OrgState& org, const User& u, Instant t);
json user_routing_status_json(const OrgState& org, const User& u, Instant t);
// A user's live adherence record at t (adherence.cpp): the REST model (WFM adherence endpoints) or the
// adherence topics' model (string managementUnitId/businessUnitId, adherenceChangeTime, team name).
enum class AdherenceModel { rest, topic };
json adherence_json(const OrgState& org, const User& u, Instant t, AdherenceModel model);
// The Notifications API's REST side (src/handlers/notifications.cpp).
Reply handle_notification_channel_create(Call&);
Reply handle_notification_channels_list(Call&);
Reply handle_notification_channel_head(Call&);
Reply handle_notification_subscriptions_get(Call&);
Reply handle_notification_subscriptions_add(Call&);
Reply handle_notification_subscriptions_replace(Call&);
Reply handle_notification_subscriptions_delete(Call&);
Reply handle_notification_available_topics(Call&);
// Why (region, client) may not subscribe to `topic` (unknown topic, an id of another org or of nothing).
std::optional<std::string> notification_topic_rejection(const ServiceImpl& service, std::string_view region,
                                                        std::string_view client_id, std::string_view topic);

class ServiceHost;

// One world "epoch": everything a scenario load or reset replaces at once. ServiceHost (the Service that
// make_service returns) holds the current one and swaps it atomically; in-flight requests finish on the
// epoch they started with (they hold a shared_ptr), so each request sees either the old or the new state.
class ServiceImpl final : public Service {
 public:
  // `generation` counts loads/resets (0 = the start-up world); it is mixed into token, correlation,
  // download and upload ids so that nothing issued by an older epoch is accepted by a newer one.
  ServiceImpl(const ServiceOptions& options, Scenario scenario, std::uint64_t seed, std::uint64_t generation,
              ServiceHost* host);
  api::HttpResponse handle(const api::HttpRequest& request, const RequestContext& ctx) override;
  std::vector<RegionEndpointInfo> regions() const override;
  std::uint64_t seed() const override { return seed_; }
  const journal::RequestJournal* journal() const override { return journal_.get(); }
  api::Clock* clock() const override { return clock_; }
  std::string console_update(console::Cursor& cursor) const override;
  std::unique_ptr<notifications::Stream> open_stream(const api::HttpRequest& upgrade, const RequestContext& ctx) override;
  // Lifetime of a token issued now (a `short_lifetime` token fault shortens the default).
  std::chrono::seconds token_lifetime(Instant now, std::string_view region, std::string_view client_id,
                                      std::chrono::seconds fallback) const;

  // Shared by handlers.
  const World& world() const { return world_; }
  // Only regions this process serves (ServiceOptions::served_regions); the world holds every region.
  OrgState* find_org(std::string_view region);
  OrgState* find_org_by_client(std::string_view client_id);
  bool serves(std::string_view region) const;
  TokenStore& tokens() { return tokens_; }
  IdOwners& id_owners() { return *id_owners_; }
  const IdOwners& id_owners() const { return *id_owners_; }
  notifications::Hub& hub() { return *hub_; }
  // Publishes an event of `topic` to `region`'s notification channels, now or (`at`) when the world clock
  // gets there; the scenario's notification faults (FAULTS.md) apply.
  void notify(std::string_view region, std::string_view topic, const json& body, Instant now,
              std::optional<Instant> at = std::nullopt);
  DownloadStore& downloads() { return downloads_; }
  UploadStore& uploads() { return uploads_; }
  // Absolute URL on the host the client used (Host header, else the region's api host): downloadUrl, upload url.
  std::string absolute_url(const Call& call, std::string_view path) const;
  const ServiceOptions& options() const { return options_; }
  const ApiLimits& limits() const { return scenario_.limits; }  // the scenario's `limits` section
  const WfmTiming& wfm_timing() const { return scenario_.wfm; }  // the scenario's `wfm` section
  // {"entities":…} inline, or parked in the download store and answered with {"downloadUrl":…}.
  Reply wfm_listing(Call& call, std::string listing_json, bool force_download);
  // `text` parked in the download store, answered with `fields` plus {"downloadUrl": …} (journal: more).
  Reply download_reply(Call& call, std::string text, json fields = json::object());
  static void rebuild_listing(BuActivityCodes& bu, const std::string& bu_id);

 private:
  struct Route {
    Handler handler;
    enum class Access { Public, Login, Api } access;
    std::string pattern;  // route template, for the journal's per-route counters
  };
  std::string next_correlation_id();
  // The bearer token (looked up once) and the in-flight count of the request's client.
  void read_credentials(const api::HttpRequest& request, const RequestContext& ctx, RequestTrace& trace);
  void leave_inflight(const RequestTrace& trace);
  // The URL and body facts of the journal: credential leaks (redacted), ids with an owner, body hash and name.
  void scan_request(const api::HttpRequest& request, const api::Target& target, RequestTrace& trace);
  // "access_token" (a token this world issued), "client_secret" (an org's secret) or "".
  std::string_view credential_kind(std::string_view value) const;
  Reply dispatch(const api::HttpRequest& request, const RequestContext& ctx, std::string_view correlation_id,
                 RequestTrace& trace);
  api::HttpResponse finalize(Reply reply, std::string_view correlation_id, const api::HttpRequest& request,
                             RequestTrace& trace);
  // Faults (scenario timeline): world events due by `now`, then the request-scoped decision. A reply
  // when an outage/maintenance answers instead of the handler.
  std::optional<Reply> apply_faults(const api::HttpRequest& request, RequestTrace& trace);
  void apply_events(Instant now);
  // Publishes the agent and adherence topics of the changes of the agent state process since the last call,
  // for subscribed topics only (agent_topics.cpp).
  void publish_agent_topics(Instant now);
  void apply_world_events(const std::vector<faults::FaultEvent>& due);
  std::shared_ptr<const FaultState> current_faults() const;
  std::shared_ptr<const FaultState> make_fault_state(std::vector<faults::Fault> faults, const FaultState* previous,
                                                     bool rules_changed) const;
  // Swaps in `next`; `added` (an injected fault) has its events up to the cursor applied at once.
  void install_faults(std::shared_ptr<const FaultState> next, const faults::Fault* added);
  // /mockgc/admin/… (admin.cpp).
  Reply handle_admin(const api::HttpRequest& request, const RequestContext& ctx, const api::Target& target,
                     RequestTrace& trace);
  Reply admin_faults(const api::HttpRequest& request, const api::Target& target, RequestTrace& trace);
  Reply admin_replace(const api::HttpRequest& request, bool reset, RequestTrace& trace);
  // 403/401 when `request` may not use the admin API or the console; nullopt when it may.
  std::optional<Reply> admin_refusal(const api::HttpRequest& request, const RequestContext& ctx,
                                     const api::Target& target) const;
  Reply admin_console(const api::HttpRequest& request, const api::Target& target);
  json fault_entry(const faults::Fault& f, const faults::FaultPlan& plan, Instant now) const;

  ServiceOptions options_;
  std::uint64_t seed_ = 0;
  std::uint64_t generation_ = 0;
  std::uint64_t id_seed_ = 0;  // seed_ mixed with generation_: tokens, correlation/download/upload ids
  ServiceHost* host_ = nullptr;
  Scenario scenario_;          // what a reset rebuilds
  Instant start_{};            // the instant fault offsets count from (clock start)
  std::unique_ptr<api::Clock> owned_clock_;
  api::Clock* clock_ = nullptr;
  World world_;
  std::shared_ptr<wfm::HistoryCache> history_cache_;  // every org's history cells, bounded
  std::vector<std::unique_ptr<OrgState>> orgs_;
  TokenStore tokens_;
  DownloadStore downloads_;
  UploadStore uploads_;
  Router router_;
  std::vector<Route> routes_;
  std::atomic<std::uint64_t> request_counter_{0};
  std::unique_ptr<IdOwners> id_owners_;      // foreign_ids: who minted which id (built with the world)
  std::unique_ptr<notifications::Hub> hub_;  // notification channels of every org of this epoch
  std::atomic<std::uint64_t> notifications_published_{0};  // decorrelates notification fault decisions
  // Requests in flight per client key (the journal's `inflight`); bounded: beyond kMaxInflightKeys keys
  // new clients are not counted (inflight 0).
  std::mutex inflight_mutex_;
  std::unordered_map<std::string, int> inflight_;
  // Fault draws: how many identical requests (key = hash of region, client, method, path, query, body) came
  // before. Bounded: past kMaxAttemptKeys distinct requests the count starts afresh (still a pure function
  // of the request sequence).
  std::uint64_t attempts_before(std::uint64_t request_key);
  std::mutex attempts_mutex_;
  std::unordered_map<std::uint64_t, std::uint64_t> attempts_;

  // Faults, rate limits, journal (from the scenario's clock/rate_limits/faults/journal sections).
  api::ManualClock* virtual_clock_ = nullptr;  // set when the clock is virtual: injected latency advances it
  mutable std::mutex faults_mutex_;        // guards the `faults_` pointer (not the immutable state)
  std::shared_ptr<const FaultState> faults_;
  std::mutex admin_mutex_;                 // serialises fault injection / clearing (read-modify-write)
  std::size_t injected_ = 0;               // default ids of injected faults: "<type>#<plan size + n>"
  std::unique_ptr<journal::RequestJournal> journal_;
  std::mutex events_mutex_;                // guards the cursor and the state it reads
  std::shared_ptr<const FaultState> cursor_state_;
  std::unique_ptr<faults::EventCursor> events_;
};

// The Service make_service returns: forwards to the current epoch and swaps epochs on load/reset.
// journal() and clock() answer for the current epoch (a pointer obtained before a load/reset refers
// to the old epoch and may dangle once its last request finished).
class ServiceHost final : public Service {
 public:
  explicit ServiceHost(const ServiceOptions& options);
  api::HttpResponse handle(const api::HttpRequest& request, const RequestContext& ctx) override;
  std::vector<RegionEndpointInfo> regions() const override { return current()->regions(); }
  std::uint64_t seed() const override { return current()->seed(); }
  const journal::RequestJournal* journal() const override { return current()->journal(); }
  api::Clock* clock() const override { return current()->clock(); }
  std::string console_update(console::Cursor& cursor) const override { return current()->console_update(cursor); }
  std::unique_ptr<notifications::Stream> open_stream(const api::HttpRequest& upgrade, const RequestContext& ctx) override;

  // A new epoch for `scenario` with `seed`. With an injected ManualClock (ServiceOptions::clock) the
  // clock is set to the scenario's clock start, else to `restart` when given. Throws on a bad scenario.
  std::shared_ptr<ServiceImpl> build(Scenario scenario, std::uint64_t seed, std::optional<Instant> restart);
  void install(std::shared_ptr<ServiceImpl> next);
  std::shared_ptr<ServiceImpl> current() const;

 private:
  ServiceOptions options_;
  mutable std::mutex mutex_;  // guards engine_ (the pointer)
  std::shared_ptr<ServiceImpl> engine_;
  std::atomic<std::uint64_t> generations_{0};
};

}  // namespace mockgc::core
