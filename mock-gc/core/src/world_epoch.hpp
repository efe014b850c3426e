#pragma once
// One world epoch behind the Service seam, and its request pipeline. handle() runs each request through
// these stages; each hands on to the next or answers with a Genesys-shaped error:
//   1. parse     body size cap (413), target (path + query) decoding (400)
//   2. route     method + path -> handler (404 unknown path, 405 known path / other method); /mockgc/admin
//                and the console leave here for admin.cpp
//   3. region    resolved once: the listener's (ctx.region), else the Host header's (404 when that region is
//                not served); when neither names one, the bearer token's (stage 4) or, for /oauth/token, the
//                login's client id (the handler)
//      faults A  when the request names its region (not for public routes): world events due by now, then
//                the request's fault decision; an outage or maintenance answers here, before the 404/405 of
//                an unrouted path and before authentication, as a gateway would
//   4. auth      Bearer token bound to the region's org (401 authentication.required / bad.credentials)
//      faults B  the fault decision when only the token named the region (faults A did not run); revoked
//                tokens 401; clock skew of the region; the rate limiter 429
//   5. handler   Content-Type checked for bodies (415); handlers get a Call (handler_context.hpp) and return
//                a Reply, never throwing out of handle()
//   6. finalize  ErrorBody with contextId, Content-Type, ININ-Correlation-Id, cache headers, Date,
//                inin-ratelimit-*, body corruption and delivery directives of the fault decision, journal
// The fault decision (apply_faults) is made at most once per request, at A or B. Each org has its own
// shared_mutex (region state is isolated) and keeps a serialized activity-code listing per BU, rebuilt on
// writes.
#include <atomic>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "mockgc/core/faults/fault_plan.hpp"
#include "mockgc/core/faults/rate_limiter.hpp"
#include "mockgc/core/journal/request_journal.hpp"
#include "mockgc/core/router.hpp"
#include "handler_context.hpp"

namespace mockgc::core {

class WorldEpoch;

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
  std::shared_ptr<WorldEpoch> replacement;  // set by admin scenario load / reset: installed after finalize
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

class ServiceHost;

// One world "epoch": everything a scenario load or reset replaces at once. ServiceHost (the Service that
// make_service returns) holds the current one and swaps it atomically; in-flight requests finish on the
// epoch they started with (they hold a shared_ptr), so each request sees either the old or the new state.
class WorldEpoch final : public Service, public HandlerContext {
 public:
  // `generation` counts loads/resets (0 = the start-up world); it is mixed into token, correlation,
  // download and upload ids so that nothing issued by an older epoch is accepted by a newer one.
  WorldEpoch(const ServiceOptions& options, Scenario scenario, std::uint64_t seed, std::uint64_t generation,
              ServiceHost* host);
  api::HttpResponse handle(const api::HttpRequest& request, const RequestContext& ctx) override;
  std::vector<RegionEndpointInfo> regions() const override;
  std::uint64_t seed() const override { return seed_; }
  const journal::RequestJournal* journal() const override { return journal_.get(); }
  api::Clock* clock() const override { return clock_; }
  std::string console_update(console::Cursor& cursor) const override;
  std::unique_ptr<notifications::Stream> open_stream(const api::HttpRequest& upgrade, const RequestContext& ctx) override;

  // HandlerContext: what handlers use.
  const World& world() const override { return world_; }
  const ServiceOptions& options() const override { return options_; }
  const ApiLimits& limits() const override { return scenario_.limits; }
  const WfmTiming& wfm_timing() const override { return scenario_.wfm; }
  TokenStore& tokens() override { return tokens_; }
  DownloadStore& downloads() override { return downloads_; }
  UploadStore& uploads() override { return uploads_; }
  IdOwners& id_owners() override { return *id_owners_; }
  const IdOwners& id_owners() const override { return *id_owners_; }
  notifications::Hub& hub() override { return *hub_; }
  void notify(std::string_view region, std::string_view topic, const json& body, Instant now,
              std::optional<Instant> at = std::nullopt) override;
  std::chrono::seconds token_lifetime(Instant now, std::string_view region, std::string_view client_id,
                                      std::chrono::seconds fallback) const override;
  OrgState* find_org_by_client(std::string_view client_id) override;

  // Only regions this process serves (ServiceOptions::served_regions); the world holds every region.
  OrgState* find_org(std::string_view region);
  bool serves(std::string_view region) const;

 private:
  struct Route {
    Handler handler;
    enum class Access { Public, Login, Api } access;
    std::string pattern;  // route template, for the journal's per-route counters
  };
  void add_routes();  // the route table (routes.cpp)
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
  std::shared_ptr<WorldEpoch> build(Scenario scenario, std::uint64_t seed, std::optional<Instant> restart);
  void install(std::shared_ptr<WorldEpoch> next);
  std::shared_ptr<WorldEpoch> current() const;

 private:
  ServiceOptions options_;
  mutable std::mutex mutex_;  // guards engine_ (the pointer)
  std::shared_ptr<WorldEpoch> engine_;
  std::atomic<std::uint64_t> generations_{0};
};

}  // namespace mockgc::core
