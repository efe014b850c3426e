#pragma once
// Per-org state of the conversation-history area (hung off OrgState::history): the history of the window around the service's start instant (cell values never depend on that window), built
// one queue-day at a time as queries read it into the service's bounded HistoryCache; the analytics jobs of
// every family, the historical-data imports and the historical adherence jobs.
#include <deque>
#include <map>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <string>
#include <variant>

#include "aggregates.hpp"
#include "conversation_details.hpp"
#include "user_analytics.hpp"
#include "mockgc/api/random.hpp"
#include "mockgc/core/wfm/demand.hpp"
#include "mockgc/core/wfm/history.hpp"

namespace mockgc::core {
struct OrgWorld;
}

namespace mockgc::core::wfm {

// An analytics job of any family (conversation or user, aggregates or details). Its results are those of
// the query evaluated as of `completes`, so its pages never change under a paging client.
struct AnalyticsJob {
  enum class Kind { ConversationAggregates, ConversationDetails, UserAggregates, UserDetails };
  using Query = std::variant<AggregateQuery, DetailsQuery, UserAggregateQuery, UserDetailsQuery>;
  Kind kind = Kind::ConversationAggregates;
  std::string id;
  Query query;
  Instant submitted{}, completes{}, expires{};
  // Aggregates: the text of each element of the "results" array, computed once when first read. Details are
  // rendered page by page.
  std::shared_ptr<const std::vector<std::string>> results;
};

struct HistoricalImport {
  std::string id;
  std::string file_name;
  std::size_t file_size = 0;
  Instant date_import_ended{};
  Instant created{};
  std::string error;  // empty: the CSV validated
  Instant window{};    // valid imports: when the nightly processing window takes it out of Pending
  Instant earliest{}, latest{};  // interval range found in the file (valid files)
};

// A historical adherence query (answered 202 Processing): its result is parked in the download store.
struct AdherenceJob {
  std::string id;
  std::string requester;  // OAuth client id: only the requester reads the job
  Instant completes{};
  std::string download_id;
};

struct HistoryState {
  static constexpr Millis kJobDelay = std::chrono::seconds(2);
  static constexpr Millis kJobLifetime = std::chrono::hours(24);
  static constexpr std::size_t kMaxJobs = 1000;
  // An import is Initiated for kImportValidation, InProgress (validating) until kImportValidated, then
  // Failed, or Pending until its window and InProgress for kImportRun from there before Success.
  static constexpr Millis kImportValidation = std::chrono::seconds(10);
  static constexpr Millis kImportValidated = std::chrono::seconds(60);
  static constexpr Millis kImportRun = std::chrono::seconds(60);

  // `demand` is the org's (the workforce's) demand model and outlives this state.
  HistoryState(const OrgWorld& world, const DemandModel& demand, std::uint64_t seed, Instant anchor,
               std::shared_ptr<HistoryCache> cache);
  // The job registry (the caller holds `mutex`). add_job forgets jobs expired for a lifetime and, past
  // kMaxJobs, the oldest; find_job and remove_job see only jobs of `kind` (another family's id is unknown).
  AnalyticsJob& add_job(AnalyticsJob::Kind kind, AnalyticsJob::Query query, Instant now);
  AnalyticsJob* find_job(AnalyticsJob::Kind kind, const std::string& id);
  bool remove_job(AnalyticsJob::Kind kind, const std::string& id);
  const HistorySource& history() const { return history_; }
  // The history's window, without building anything.
  std::pair<Instant, Instant> window() const { return HistoryStore::window_around(anchor_); }

  std::mutex mutex;  // guards everything below
  std::map<std::string, AnalyticsJob> jobs;
  std::deque<std::string> job_order;  // the ids of `jobs`, oldest first
  std::deque<HistoricalImport> imports;  // newest last; a new upload supersedes the earlier ones
  std::deque<AdherenceJob> adherence_jobs;  // newest last, at most kMaxJobs
  api::Rng id_rng;

 private:
  Instant anchor_;
  LazyHistory history_;
};

}  // namespace mockgc::core::wfm
