#pragma once
// POST /api/v2/analytics/conversations/aggregates/query (and the body of an aggregates job):
// request parsing with Genesys' errors, and evaluation over the HistoryStore. Pure: no locks, no clock
// reads (the caller passes "now"), so the sync route, the jobs and the properties share it.
#include <date/tz.h>

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <span>
#include <string>
#include <variant>
#include <vector>

#include "mockgc/api/zone_cursor.hpp"
#include "mockgc/core/clock.hpp"
#include "mockgc/core/errors.hpp"
#include "mockgc/core/scenario.hpp"
#include "mockgc/core/wfm/history.hpp"

namespace mockgc::core::wfm {

inline constexpr auto kMaxAsyncInterval = std::chrono::days(190);
inline constexpr std::int64_t kMaxBuckets = 20'000;

// The conversation metrics mock-gc gives data (mock-gc/core/README.md, analytics): the first seven come from
// the history store, the others from the conversations; every other accepted metric is Unmodelled (no data).
enum class Metric {
  nOffered,
  nTransferred,
  tAnswered,
  tAbandon,
  tHandle,
  tTalk,
  tAcw,
  nConnected,
  nOverSla,
  tWait,
  tAcd,
  tHeld,
  tShortAbandon,
  oServiceLevel,
  tConnected,
  tTalkComplete,
  tHeldComplete,
  tAlert,
  oServiceTarget,
  Unmodelled
};
Metric metric_of(std::string_view name);
std::string_view metric_name(Metric m);  // empty for Unmodelled
// Whether the history store holds the metric (else the conversations answer it).
bool stored(Metric m);

struct Predicate {
  // Property: a `type: property` predicate on a custom participant attribute (`property` names it); the
  // generated conversations carry none, so its value is always absent. Metric: a `type: metric` predicate on
  // the value of one of the conversation's metrics (`metric`, `range`).
  enum class Dimension {
    QueueId,
    MediaType,
    UserId,
    Direction,
    OriginatingDirection,
    ConversationId,
    RequestedRoutingSkillId,
    RequestedLanguageId,
    WrapUpCode,
    Property,
    Metric
  };
  Dimension dimension = Dimension::QueueId;
  enum class Operator { Matches, Exists, NotExists } op = Operator::Matches;
  std::string value;
  // Dimension::Metric: the metric and its NumericRange (absent bounds are open).
  Metric metric = Metric::Unmodelled;
  std::optional<double> gt, gte, lt, lte;
  bool in_range(double v) const;
};

// The Dimension of a dimension name (as the queries spell it).
Predicate::Dimension dimension_of(std::string_view name);

struct Filter {
  bool any = false;  // type "or"
  std::vector<Predicate> predicates;
  std::vector<Filter> clauses;
};

// The stats of one metric of one response cell: durations (count/sum/min/max), counts (count) or, for
// oServiceLevel, answered within the queue's service-level duration (numerator) of answered + abandoned
// (denominator), with the queue's target percentage when the cell holds one queue's conversations.
struct MetricCell {
  TimeTotal time;
  std::uint64_t numerator = 0, denominator = 0;
  double target_lo = 2, target_hi = -1;  // the targets seen (lo > hi: none)
  void add(std::uint32_t value) { time.merge(TimeStat{value, value, value, 1}); }
  void add_service_level(bool within, double target);
  void merge(const MetricCell& o);
};
// The stats object of a metric, or null when the cell has no data for it (the metric is omitted).
nlohmann::json metric_stats(Metric m, const MetricCell& c);
// Whether metric_stats(m, c) is not null.
bool has_stats(Metric m, const MetricCell& c);

// The time side of an analytics query (conversation and user aggregates, user details): `interval`,
// `timeZone` and `granularity`, and the buckets they cut.
struct QueryWindow {
  Instant start{}, end{};
  enum class Buckets { Whole, Fixed, LocalDays } buckets = Buckets::Whole;
  Millis step{0};      // Fixed
  int days = 1;        // LocalDays: 1 (P1D) or 7 (P7D)
  const date::time_zone* zone = nullptr;  // null = UTC
};

// Reads interval (15-minute aligned, at most 31 days, or 190 when `async`), timeZone and granularity
// (`with_granularity` false: granularity is not a field of the body and is left alone).
// `limits` holds the strictness Genesys does not document (15-minute-aligned interval ends, the sync interval
// limit); its 400s say they are mock-gc choices. With aligned_intervals off, an end between boundaries moves up
// to the next one (the data is kept per 15-minute interval, which counts where it starts).
std::optional<ApiError> parse_query_window(const nlohmann::json& body, bool async, bool with_granularity,
                                           QueryWindow& out, const ApiLimits& limits = {});

// Bucket keys of instants inside a window, in increasing time order (caches the zone's offset span).
class Bucketer {
 public:
  explicit Bucketer(const QueryWindow& w);
  std::int64_t key(Instant t);
  // "start/end" of a bucket, clipped to the window.
  std::string interval(std::int64_t key) const;
  // [start, end) of a bucket, clipped to the window.
  std::pair<Instant, Instant> bounds(std::int64_t key) const;

 private:
  const QueryWindow& w_;
  const date::time_zone* zone_;
  date::local_days first_day_{};
  api::ZoneCursor local_;
};

// The `groupBy` dimensions of an aggregates query: each one of the query's dimensions, de-duplicated, in
// request order (spelled as the allowed list spells them).
struct GroupBy {
  std::vector<std::string_view> dimensions;
  bool has(std::string_view d) const;
};
// Reads body.groupBy (absent or null: no grouping); `field_type` names the field in the invalid.value 400.
std::optional<ApiError> parse_group_by(const nlohmann::json& body, std::span<const std::string_view> dimensions,
                                       std::string_view field_type, GroupBy& out);
// Reads body.metrics (required, non-empty): each one of `allowed`, de-duplicated, in request order;
// `example` is the JSON array the "required" 400 shows.
std::optional<ApiError> parse_metric_names(const nlohmann::json& body, std::span<const std::string_view> allowed,
                                           std::string_view field_type, std::string_view example,
                                           std::vector<std::string>& out);

struct AggregateQuery : QueryWindow {
  bool group_by_queue = false;
  GroupBy group_by;
  std::optional<Filter> filter;
  std::vector<std::pair<std::string, Metric>> metrics;  // requested order, de-duplicated
  int page_size = 100;                                  // async jobs only
};

// A filter object; `dimensions` names the predicate dimensions the query accepts (and the error lists).
// `metric_predicates`: whether `type: metric` predicates are accepted (queries over conversations); elsewhere
// they are a 400 naming the predicate type.
std::optional<ApiError> parse_filter(const nlohmann::json& j, std::span<const std::string_view> dimensions,
                                     std::string_view dimension_type, Filter& out, bool metric_predicates = false);

// One metric a conversation's participant emitted: its value (ms or a count) and emitDate.
struct MetricEmission {
  bool agent = false;  // on the agent's session (else the ACD's)
  Metric metric = Metric::nOffered;
  std::uint32_t value = 0;
  Instant at{};
};

// The dimension values of one row (a group, a user, a conversation's segment); empty = the row has none.
// `metrics`: the conversation's emitted metrics, which metric predicates read (empty: none).
struct DimensionValues {
  std::string_view user_id{}, queue_id{}, media{}, direction{}, originating_direction{}, conversation_id{};
  std::string_view skill_id{}, language_id{}, wrap_up_code{};
  std::span<const MetricEmission> metrics{};
  std::string_view of(Predicate::Dimension d) const;
};
// Whether a row with these dimension values passes (an empty value never matches a predicate on it).
bool matches(const Filter& f, const DimensionValues& v);
bool matches(const Filter& f, std::string_view user_id, std::string_view queue_id, std::string_view media);
// Whether any predicate of `f` (or of its clauses) reads dimension `d`.
bool reads(const Filter& f, Predicate::Dimension d);

// body.order: "asc" (the default) or "desc".
std::optional<ApiError> parse_order(const nlohmann::json& body, std::string_view field_type, bool& descending);
// body.paging: {pageSize (1..max_page_size), pageNumber (>= 1)}; absent fields keep their defaults.
std::optional<ApiError> parse_paging(const nlohmann::json& body, int max_page_size, int& page_size, int& page_number);
// body.<name>: an array of filters over `dimensions` (parse_filter), every one of which must hold.
std::optional<ApiError> parse_filter_list(const nlohmann::json& body, std::string_view name,
                                          std::span<const std::string_view> dimensions,
                                          std::string_view dimension_type, std::vector<Filter>& out,
                                          bool metric_predicates = false);

// body.pageSize of an aggregates job (1..limits.max_job_page_size, a mock-gc choice); a 400 on a sync query.
std::optional<ApiError> parse_job_page_size(const nlohmann::json& body, bool async, const ApiLimits& limits,
                                            int& page_size);
// body.limit of a details job: the most results the job returns (absent: -1, no limit).
std::optional<ApiError> parse_job_limit(const nlohmann::json& body, std::int64_t& limit);

// `async`: allows the longer interval and `pageSize` (up to limits.max_job_page_size, a mock-gc choice).
std::variant<AggregateQuery, ApiError> parse_aggregate_query(const nlohmann::json& body, bool async,
                                                             const ApiLimits& limits = {});

// Whether the history store answers the query: every metric is stored and every dimension it reads is
// queueId or mediaType (else the conversations answer it: run_conversation_aggregate_query).
bool answered_by_store(const AggregateQuery& query);

// One group of an aggregates response, complete: its `group` object (dimension -> value, any order) and per
// bucket, in increasing key order, one cell per metric of the query (bucket-major).
struct AggregateGroup {
  std::vector<std::pair<std::string, std::string>> fields;
  std::vector<std::int64_t> keys;
  std::vector<MetricCell> cells;
};
// Receives the groups of a response in response order; a group whose cells hold no stats is left out.
class AggregateSink {
 public:
  virtual ~AggregateSink() = default;
  virtual void group(const AggregateGroup& g) = 0;
  // At most this many groups follow (a hint, given before the first group when known).
  virtual void expect_groups(std::size_t) {}
};
// The response as an nlohmann DOM ({"results":[…]}, or {} when no group has data): the reference rendering.
class AggregateJson final : public AggregateSink {
 public:
  explicit AggregateJson(const AggregateQuery& q) : q_(q), bucketer_(q) {}
  void group(const AggregateGroup& g) override;
  nlohmann::json finish();

 private:
  const AggregateQuery& q_;
  Bucketer bucketer_;
  nlohmann::json results_ = nlohmann::json::array();
};
// The same response written straight to text, group by group, without a DOM: byte for byte what
// AggregateJson's finish().dump() gives (tests/wfm/aggregate_text_test.cpp).
class AggregateText final : public AggregateSink {
 public:
  AggregateText(const AggregateQuery& q, std::string& out) : q_(q), bucketer_(q), out_(out) {}
  void group(const AggregateGroup& g) override;
  void expect_groups(std::size_t n) override { expected_ = n; }
  void finish();

 private:
  const AggregateQuery& q_;
  Bucketer bucketer_;
  std::string& out_;
  bool any_ = false;
  std::size_t expected_ = 0, groups_ = 0;
  std::vector<std::string> intervals_;  // "start/end" by bucket key: every group has the same buckets
  const std::string& interval(std::int64_t key);
};

// The response's groups from the history cells, in response order. Cells whose interval ends after `now`
// have no data yet; only the queue-days the query's interval touches are read.
void run_aggregate_query(const AggregateQuery& query, const HistorySource& history, const DemandModel& demand,
                         Instant now, AggregateSink& out);
// The response body ({"results":[…]}, or {} when nothing matched) from the history cells, as a DOM.
nlohmann::json run_aggregate_query(const AggregateQuery& query, const HistorySource& history,
                                   const DemandModel& demand, Instant now);

}  // namespace mockgc::core::wfm
