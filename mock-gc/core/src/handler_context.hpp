#pragma once
// What a request handler sees: its call (the request, the resolved org and token, the instant), the epoch's
// narrow HandlerContext, the Reply it returns, and the handler functions (one file per area, src/handlers/).
// The pipeline that calls them is WorldEpoch (world_epoch.hpp).
#include <atomic>
#include <chrono>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <shared_mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "mockgc/api/error_body.hpp"
#include "mockgc/api/random.hpp"
#include "mockgc/api/url.hpp"
#include "mockgc/core/download_store.hpp"
#include "mockgc/core/errors.hpp"
#include "mockgc/core/scenario.hpp"
#include "mockgc/core/service.hpp"
#include "mockgc/core/token_store.hpp"
#include "mockgc/core/upload_store.hpp"
#include "mockgc/core/wfm/agent_state.hpp"
#include "mockgc/core/wfm/history.hpp"
#include "mockgc/core/wfm/workforce.hpp"
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
  // Cached {"entities":[…]} for the hot list GET; immutable once built, so answers share it (a change of the
  // codes builds a new one).
  std::shared_ptr<const std::string> listing_json;
};

// Re-serializes `bu`'s listing after a change of its codes.
void rebuild_listing(BuActivityCodes& bu, const std::string& bu_id);

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

// What a handler may use of the world epoch that serves it: the world, its seed and clock, the options and
// scenario limits, the stores, and the three epoch behaviours a handler triggers (publishing a notification
// under the notification faults, the lifetime of a token under the token faults, the org of a login's
// client). The epoch (WorldEpoch) implements it; the pipeline, the fault state and the admin API stay out
// of a handler's reach.
class HandlerContext {
 public:
  virtual const World& world() const = 0;
  virtual std::uint64_t seed() const = 0;
  virtual api::Clock* clock() const = 0;
  virtual const ServiceOptions& options() const = 0;
  virtual const ApiLimits& limits() const = 0;      // the scenario's `limits` section
  virtual const WfmTiming& wfm_timing() const = 0;  // the scenario's `wfm` section
  virtual TokenStore& tokens() = 0;
  virtual DownloadStore& downloads() = 0;
  virtual UploadStore& uploads() = 0;
  virtual IdOwners& id_owners() = 0;
  virtual const IdOwners& id_owners() const = 0;
  virtual notifications::Hub& hub() = 0;
  // Publishes an event of `topic` to `region`'s notification channels, now or (`at`) when the world clock
  // gets there; the scenario's notification faults (FAULTS.md) apply.
  virtual void notify(std::string_view region, std::string_view topic, const json& body, Instant now,
                      std::optional<Instant> at = std::nullopt) = 0;
  // Lifetime of a token issued now (a `short_lifetime` token fault shortens `fallback`).
  virtual std::chrono::seconds token_lifetime(Instant now, std::string_view region, std::string_view client_id,
                                              std::chrono::seconds fallback) const = 0;
  // The served org whose OAuth client is `client_id` (a login on a port or host that names no region).
  virtual OrgState* find_org_by_client(std::string_view client_id) = 0;

 protected:
  ~HandlerContext() = default;
};

struct Reply {
  int status = 200;
  std::string body;  // JSON text; empty for 204
  std::shared_ptr<const std::string> shared_body;  // instead of `body`: a cached rendering (api::HttpResponse)
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
  HandlerContext& epoch;
  OrgState* org = nullptr;  // resolved region (null only for region-less routes)
  const TokenRecord* token = nullptr;
  Instant now{};
  std::string_view correlation_id;
};

using Handler = Reply (*)(Call&);

// Reply helpers over the call's epoch.
// Absolute URL on the host the client used (Host header, else the region's api host): downloadUrl, upload url.
std::string absolute_url(const Call& call, std::string_view path);
// `text` parked in the download store, answered with `fields` plus {"downloadUrl": …} (journal: more).
Reply download_reply(Call& call, std::string text, json fields = json::object());
// {"entities":…} inline, or (forced, or over ServiceOptions::download_threshold_bytes) parked in the download
// store and answered with {"downloadUrl":…}.
Reply wfm_listing(Call& call, std::string listing_json, bool force_download);
// The same for a listing the caller keeps rendered: answered by sharing it, not copying it.
Reply wfm_listing(Call& call, std::shared_ptr<const std::string> listing_json, bool force_download);

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
json user_presence_json(const HandlerContext& epoch, const OrgState& org, const User& u, Instant t);
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
std::optional<std::string> notification_topic_rejection(const HandlerContext& epoch, std::string_view region,
                                                        std::string_view client_id, std::string_view topic);

}  // namespace mockgc::core
