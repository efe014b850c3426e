#pragma once
// The real Service behind the seam. handle() is one straight pipeline:
//   parse -> route -> resolve region -> authenticate -> [faults / rate limits] -> handler -> finalize
// with the journal hook in finalize. Only activity codes mutate in this issue; each org has its own
// shared_mutex (region state is isolated) and keeps a serialized listing per BU, rebuilt on writes.
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
#include "mockgc/core/rng.hpp"
#include "mockgc/core/router.hpp"
#include "mockgc/core/service.hpp"
#include "mockgc/core/token_store.hpp"
#include "mockgc/core/upload_store.hpp"
#include "mockgc/core/wfm/schedule.hpp"
#include "mockgc/core/world.hpp"

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
  mutable std::shared_mutex mutex;  // guards `codes` and `id_rng`
  std::unordered_map<std::string, BuActivityCodes> codes;  // by BU id
  Rng id_rng{0};                    // ids of codes created at run time
  std::shared_ptr<wfm::HistoryState> history;  // conversation history, aggregates jobs, history imports
  std::unique_ptr<wfm::Workforce> workforce;  // schedules, time off, adherence, forecasts (own locking)
};

class ServiceImpl;

struct Reply {
  int status = 200;
  std::string body;  // JSON text; empty for 204
  api::Headers headers;
  std::optional<ApiError> error;             // rendered as ErrorBody at finalize (needs the contextId)
  std::optional<api::OAuthError> oauth_error;  // rendered in the login service's shape
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

// What the pipeline learned about one request, for finalize (headers, body faults, delivery, journal).
struct RequestTrace {
  Instant now{};                 // captured once per request
  std::string_view correlation_id;
  std::string_view region;       // resolved region key (empty when unknown)
  std::string client_id;         // authenticated OAuth client (empty before/without authentication)
  std::string_view route;        // matched route template (empty = unmatched)
  std::string path;              // decoded path without the query (owned: dispatch's Target dies before finalize)
  std::string_view query;
  faults::FaultDecision decision;
  std::optional<faults::RateDecision> rate;  // set when the limiter ran
  bool rate_limited = false;
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
// Conversation history: analytics aggregates and the WFM historical-data import (issue 3, part A).
Reply handle_aggregates_query(Call&);
Reply handle_aggregates_job_create(Call&);
Reply handle_aggregates_job_status(Call&);
Reply handle_aggregates_job_results(Call&);
Reply handle_historicaldata_upload_url(Call&);
Reply handle_historicaldata_validate(Call&);
Reply handle_historicaldata_importstatus_list(Call&);
Reply handle_historicaldata_importstatus_get(Call&);
// WFM data part B (src/handlers/schedules.cpp, time_off.cpp, adherence.cpp, forecasts.cpp).
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

class ServiceImpl final : public Service {
 public:
  explicit ServiceImpl(const ServiceOptions& options);
  api::HttpResponse handle(const api::HttpRequest& request, const RequestContext& ctx) override;
  std::vector<RegionEndpointInfo> regions() const override;
  std::uint64_t seed() const override { return seed_; }
  const journal::RequestJournal* journal() const override { return journal_.get(); }
  Clock* clock() const override { return clock_; }
  // Lifetime of a token issued now (a `short_lifetime` token fault shortens the default).
  std::chrono::seconds token_lifetime(Instant now, std::string_view region, std::string_view client_id,
                                      std::chrono::seconds fallback) const;

  // Shared by handlers.
  const World& world() const { return world_; }
  OrgState* find_org(std::string_view region);
  OrgState* find_org_by_client(std::string_view client_id);
  TokenStore& tokens() { return tokens_; }
  DownloadStore& downloads() { return downloads_; }
  UploadStore& uploads() { return uploads_; }
  // Absolute URL on the host the client used (Host header, else the region's api host): downloadUrl, upload url.
  std::string absolute_url(const Call& call, std::string_view path) const;
  const ServiceOptions& options() const { return options_; }
  // {"entities":…} inline, or parked in the download store and answered with {"downloadUrl":…}.
  Reply wfm_listing(Call& call, std::string listing_json, bool force_download);
  static void rebuild_listing(BuActivityCodes& bu, const std::string& bu_id);

 private:
  struct Route {
    Handler handler;
    enum class Access { Public, Login, Api } access;
    std::string pattern;  // route template, for the journal's per-route counters
  };
  std::string next_correlation_id();
  Reply dispatch(const api::HttpRequest& request, const RequestContext& ctx, std::string_view correlation_id,
                 RequestTrace& trace);
  api::HttpResponse finalize(Reply reply, std::string_view correlation_id, const api::HttpRequest& request,
                             RequestTrace& trace);
  // Faults (scenario timeline): world events due by `now`, then the request-scoped decision. A reply
  // when an outage/maintenance answers instead of the handler.
  std::optional<Reply> apply_faults(const api::HttpRequest& request, RequestTrace& trace);
  void apply_events(Instant now);
  // /mockgc/admin/… (admin.cpp).
  Reply handle_admin(const api::HttpRequest& request, const RequestContext& ctx, const api::Target& target,
                     RequestTrace& trace);

  ServiceOptions options_;
  std::uint64_t seed_ = 0;
  std::unique_ptr<Clock> owned_clock_;
  Clock* clock_ = nullptr;
  World world_;
  std::vector<std::unique_ptr<OrgState>> orgs_;
  TokenStore tokens_;
  DownloadStore downloads_;
  UploadStore uploads_;
  Router router_;
  std::vector<Route> routes_;
  std::atomic<std::uint64_t> request_counter_{0};

  // Issue 4: faults, rate limits, journal (from the scenario's clock/rate_limits/faults/journal sections).
  VirtualClock* virtual_clock_ = nullptr;  // set when the clock is virtual: injected latency advances it
  faults::FaultPlan plan_;
  bool has_faults_ = false;                // fast path: no timeline at all
  bool has_events_ = false;                // data faults that change the world
  std::unique_ptr<faults::RateLimiter> limiter_;  // null: the scenario has no rate limits
  std::unique_ptr<journal::RequestJournal> journal_;
  std::mutex events_mutex_;
  std::unique_ptr<faults::EventCursor> events_;
};

}  // namespace mockgc::core
