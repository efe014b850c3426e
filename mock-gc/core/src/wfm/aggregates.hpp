#pragma once
// POST /api/v2/analytics/conversations/aggregates/query (and the body of an aggregates job):
// request parsing with Genesys' errors, and evaluation over the HistoryStore. Pure: no locks, no clock
// reads (the caller passes "now"), so the sync route, the jobs and the properties share it.
#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "mockgc/core/clock.hpp"
#include "mockgc/core/errors.hpp"
#include "mockgc/core/scenario.hpp"
#include "mockgc/core/wfm/history.hpp"

namespace date {
class time_zone;
}

namespace mockgc::core::wfm {

inline constexpr auto kMaxAsyncInterval = std::chrono::days(190);
inline constexpr std::int64_t kMaxBuckets = 20'000;

enum class Metric { nOffered, nTransferred, tAnswered, tAbandon, tHandle, tTalk, tAcw, Unmodelled };

struct Predicate {
  enum class Dimension { QueueId, MediaType } dimension = Dimension::QueueId;
  enum class Operator { Matches, Exists, NotExists } op = Operator::Matches;
  std::string value;
};

struct Filter {
  bool any = false;  // type "or"
  std::vector<Predicate> predicates;
  std::vector<Filter> clauses;
};

struct AggregateQuery {
  Instant start{}, end{};
  enum class Buckets { Whole, Fixed, LocalDays } buckets = Buckets::Whole;
  Millis step{0};      // Fixed
  int days = 1;        // LocalDays: 1 (P1D) or 7 (P7D)
  const date::time_zone* zone = nullptr;  // null = UTC
  bool group_by_queue = false;
  std::optional<Filter> filter;
  std::vector<std::pair<std::string, Metric>> metrics;  // requested order, de-duplicated
  int page_size = 100;                                  // async jobs only
};

// `async`: allows the longer interval and `pageSize`. `limits` holds the strictness Genesys does not document
// (15-minute-aligned interval ends, the sync interval limit, the job pageSize limit); its 400s say they are
// mock-gc choices. With aligned_intervals off, an end between boundaries moves up to the next one (the data
// is kept per 15-minute interval, which counts where it starts).
std::variant<AggregateQuery, ApiError> parse_aggregate_query(const nlohmann::json& body, bool async,
                                                             const ApiLimits& limits = {});

// The response body ({"results":[…]}, or {} when nothing matched). Cells whose interval ends after
// `now` have no data yet.
nlohmann::json run_aggregate_query(const AggregateQuery& query, const HistoryStore& store, const DemandModel& demand,
                                   Instant now);

}  // namespace mockgc::core::wfm
