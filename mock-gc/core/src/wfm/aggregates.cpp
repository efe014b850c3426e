#include "aggregates.hpp"

#include <date/tz.h>
#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <array>
#include <charconv>
#include <map>
#include <string_view>

#include "json_text.hpp"
#include "mockgc/api/time.hpp"

namespace mockgc::core::wfm {
namespace {

using json = nlohmann::json;

// ConversationAggregationQuery.metrics (genesys-api.md §6a, Java SDK MetricsEnum).
constexpr std::string_view kKnownMetrics[] = {
    "nBlindTransferred", "nBotInteractions", "nCobrowseSessions", "nConnected", "nConsult", "nConsultTransferred",
    "nError", "nOffered", "nOutbound", "nOutboundAbandoned", "nOutboundAttempted", "nOutboundConnected", "nOverSla",
    "nStateTransitionError", "nTransferred", "oExternalMediaCount", "oMediaCount", "oMessageCount",
    "oMessageSegmentCount", "oMessageTurn", "oServiceLevel", "oServiceTarget", "tAbandon", "tAcd",
    "tActiveCallback", "tActiveCallbackComplete", "tAcw", "tAgentResponseTime", "tAlert", "tAnswered",
    "tAverageAgentResponseTime", "tAverageCustomerResponseTime", "tBarging", "tCoaching", "tCoachingComplete",
    "tConnected", "tContacting", "tDialing", "tFirstConnect", "tFirstDial", "tFirstEngagement", "tFirstResponse",
    "tFlowOut", "tHandle", "tHeld", "tHeldComplete", "tIvr", "tMonitoring", "tMonitoringComplete",
    "tNotResponding", "tPark", "tParkComplete", "tShortAbandon", "tTalk", "tTalkComplete", "tUserResponseTime",
    "tVoicemail", "tWait"};
constexpr std::size_t kKnownMetricCount = std::size(kKnownMetrics);

// ConversationAggregateQueryPredicate.dimension values mock-gc models (mock-gc/core/README.md, analytics).
constexpr std::array<std::string_view, 8> kDimensions = {"direction", "mediaType",           "originatingDirection",
                                                         "queueId",   "requestedLanguageId", "requestedRoutingSkillId",
                                                         "userId",    "wrapUpCode"};
// Custom-attribute property types (SegmentDetailQueryPredicate.propertyType).
constexpr std::array<std::string_view, 6> kPropertyTypes = {"bool", "integer", "real", "date", "string", "uuid"};

std::optional<int> parse_int(std::string_view s) {
  int v = 0;
  if (s.empty()) return std::nullopt;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || p != s.data() + s.size() || v <= 0) return std::nullopt;
  return v;
}

// PTnM / PTnH / PTnHmM (a multiple of 15 minutes dividing a day), P1D, P7D, P1W.
std::optional<ApiError> parse_granularity(std::string_view g, QueryWindow& q) {
  static constexpr std::array<std::string_view, 6> allowed = {"PT15M", "PT30M", "PT1H", "(any PTnM/PTnH, a multiple of 15 minutes dividing a day)", "P1D", "P7D"};
  auto invalid = [&] { return invalid_value(g, "Granularity", allowed); };
  if (g == "P1D") {
    q.buckets = QueryWindow::Buckets::LocalDays;
    q.days = 1;
    return std::nullopt;
  }
  if (g == "P7D" || g == "P1W") {
    q.buckets = QueryWindow::Buckets::LocalDays;
    q.days = 7;
    return std::nullopt;
  }
  if (g.size() < 4 || g.substr(0, 2) != "PT") return invalid();
  std::string_view rest = g.substr(2);
  int minutes = 0;
  if (auto h = rest.find('H'); h != std::string_view::npos) {
    auto hours = parse_int(rest.substr(0, h));
    if (!hours || *hours > 24) return invalid();
    minutes += *hours * 60;
    rest = rest.substr(h + 1);
  }
  if (!rest.empty()) {
    if (rest.back() != 'M') return invalid();
    auto m = parse_int(rest.substr(0, rest.size() - 1));
    if (!m || *m > 1440) return invalid();
    minutes += *m;
  }
  if (minutes <= 0 || minutes >= 1440 || minutes % 15 != 0 || 1440 % minutes != 0) return invalid();
  q.buckets = QueryWindow::Buckets::Fixed;
  q.step = std::chrono::minutes(minutes);
  return std::nullopt;
}

json time_stats(const TimeTotal& t) {
  return {{"max", t.max_ms}, {"min", t.min_ms}, {"count", t.count}, {"sum", t.sum_ms}};
}

// A stored metric's stats in a HistoryTotals.
MetricCell stored_cell(Metric m, const HistoryTotals& t) {
  MetricCell c;
  switch (m) {
    case Metric::nOffered: c.time.count = t.offered; break;
    case Metric::nTransferred: c.time.count = t.transferred; break;
    case Metric::tAnswered: c.time = t.answered; break;
    case Metric::tAbandon: c.time = t.abandon; break;
    case Metric::tHandle: c.time = t.handle; break;
    case Metric::tTalk: c.time = t.talk; break;
    case Metric::tAcw: c.time = t.acw; break;
    default: break;
  }
  return c;
}

Instant local_midnight(const date::time_zone* zone, date::local_days day) {
  return std::chrono::time_point_cast<Millis>(zone->to_sys(date::local_seconds{day}, date::choose::earliest));
}

// The modelled metrics by name.
constexpr std::pair<std::string_view, Metric> kModelled[] = {{"nOffered", Metric::nOffered},
                                                             {"nTransferred", Metric::nTransferred},
                                                             {"tAnswered", Metric::tAnswered},
                                                             {"tAbandon", Metric::tAbandon},
                                                             {"tHandle", Metric::tHandle},
                                                             {"tTalk", Metric::tTalk},
                                                             {"tAcw", Metric::tAcw},
                                                             {"nConnected", Metric::nConnected},
                                                             {"nOverSla", Metric::nOverSla},
                                                             {"tWait", Metric::tWait},
                                                             {"tAcd", Metric::tAcd},
                                                             {"tHeld", Metric::tHeld},
                                                             {"tShortAbandon", Metric::tShortAbandon},
                                                             {"oServiceLevel", Metric::oServiceLevel},
                                                             {"tConnected", Metric::tConnected},
                                                             {"tTalkComplete", Metric::tTalkComplete},
                                                             {"tHeldComplete", Metric::tHeldComplete},
                                                             {"tAlert", Metric::tAlert},
                                                             {"oServiceTarget", Metric::oServiceTarget}};

// Reads one bound of a NumericRange (absent or null: open).
std::optional<ApiError> read_bound(const json& range, const char* key, std::optional<double>& out) {
  auto b = range.find(key);
  if (b == range.end() || b->is_null()) return std::nullopt;
  if (!b->is_number()) return bad_request(fmt::format("A metric predicate's range.{} must be a number.", key));
  out = b->get<double>();
  return std::nullopt;
}

// A `type: metric` predicate: `metric` (a metric each conversation emits a value for) and `range`.
std::optional<ApiError> parse_metric_predicate(const json& pj, Predicate& pred) {
  pred.dimension = Predicate::Dimension::Metric;
  auto m = pj.find("metric");
  if (m == pj.end() || !m->is_string())
    return bad_request("A metric predicate needs a metric (e.g. tAnswered) and a range.");
  const std::string name = m->get<std::string>();
  pred.metric = metric_of(name);
  if (pred.metric == Metric::Unmodelled || pred.metric == Metric::oServiceLevel ||
      pred.metric == Metric::oServiceTarget) {
    std::vector<std::string_view> per_conversation;
    for (const auto& [n, metric] : kModelled)
      if (metric != Metric::oServiceLevel && metric != Metric::oServiceTarget) per_conversation.push_back(n);
    return invalid_value(name, "ConversationAggregateQueryPredicate.metric (a metric mock-gc gives each conversation a value for)",
                         per_conversation);
  }
  if (auto r = pj.find("range"); r != pj.end() && !r->is_null()) {
    if (!r->is_object()) return bad_request("A metric predicate's range must be an object with gt, gte, lt or lte.");
    for (auto [key, bound] : {std::pair{"gt", &pred.gt}, {"gte", &pred.gte}, {"lt", &pred.lt}, {"lte", &pred.lte}})
      if (auto e = read_bound(*r, key, *bound)) return e;
  }
  return std::nullopt;
}
}  // namespace

Predicate::Dimension dimension_of(std::string_view d) {
  if (d == "queueId") return Predicate::Dimension::QueueId;
  if (d == "requestedRoutingSkillId") return Predicate::Dimension::RequestedRoutingSkillId;
  if (d == "requestedLanguageId") return Predicate::Dimension::RequestedLanguageId;
  if (d == "wrapUpCode") return Predicate::Dimension::WrapUpCode;
  if (d == "mediaType") return Predicate::Dimension::MediaType;
  if (d == "direction") return Predicate::Dimension::Direction;
  if (d == "originatingDirection") return Predicate::Dimension::OriginatingDirection;
  if (d == "conversationId") return Predicate::Dimension::ConversationId;
  return Predicate::Dimension::UserId;
}

Metric metric_of(std::string_view name) {
  for (const auto& [n, m] : kModelled)
    if (n == name) return m;
  return Metric::Unmodelled;
}

std::string_view metric_name(Metric m) {
  for (const auto& [n, mm] : kModelled)
    if (mm == m) return n;
  return {};
}

bool stored(Metric m) { return m <= Metric::tAcw; }

void MetricCell::add_service_level(bool within, double target) {
  ++denominator;
  if (within) ++numerator;
  target_lo = std::min(target_lo, target);
  target_hi = std::max(target_hi, target);
}

void MetricCell::merge(const MetricCell& o) {
  time.merge(o.time);
  numerator += o.numerator;
  denominator += o.denominator;
  target_lo = std::min(target_lo, o.target_lo);
  target_hi = std::max(target_hi, o.target_hi);
}

bool has_stats(Metric m, const MetricCell& c) {
  switch (m) {
    case Metric::oServiceLevel: return c.denominator > 0;
    // The queue's service-level target where the cell holds conversations of queues with one target.
    case Metric::oServiceTarget: return c.denominator > 0 && c.target_lo == c.target_hi;
    case Metric::Unmodelled: return false;
    default: return c.time.count > 0;
  }
}

json metric_stats(Metric m, const MetricCell& c) {
  if (!has_stats(m, c)) return json();
  switch (m) {
    case Metric::nOffered:
    case Metric::nTransferred:
    case Metric::nConnected:
    case Metric::nOverSla: return json{{"count", c.time.count}};
    case Metric::oServiceLevel: {
      json s = {{"ratio", static_cast<double>(c.numerator) / static_cast<double>(c.denominator)},
                {"numerator", c.numerator},
                {"denominator", c.denominator}};
      if (c.target_lo == c.target_hi) s["target"] = c.target_lo;
      return s;
    }
    case Metric::oServiceTarget: return json{{"current", c.target_lo}};
    default: return time_stats(c.time);
  }
}

bool Predicate::in_range(double v) const {
  return (!gt || v > *gt) && (!gte || v >= *gte) && (!lt || v < *lt) && (!lte || v <= *lte);
}

std::optional<ApiError> parse_filter(const json& j, std::span<const std::string_view> dimensions,
                                     std::string_view dimension_type, Filter& out, bool metric_predicates) {
  if (!j.is_object()) return bad_request("filter must be an object with a type and predicates or clauses.");
  auto type = j.find("type");
  if (type == j.end() || !type->is_string()) return bad_request("filter.type is required (and, or).");
  static constexpr std::array<std::string_view, 2> types = {"and", "or"};
  const std::string t = type->get<std::string>();
  if (t != "and" && t != "or") return invalid_value(t, "FilterType", types);
  out.any = t == "or";
  if (auto p = j.find("predicates"); p != j.end()) {
    if (!p->is_array()) return bad_request("filter.predicates must be an array.");
    for (const auto& pj : *p) {
      if (!pj.is_object()) return bad_request("A filter predicate must be an object.");
      Predicate pred;
      const auto ty = pj.find("type");
      if (ty != pj.end() && *ty == "property") {
        // A custom participant attribute: `property` names it, `propertyType` (optional) types its value.
        auto prop = pj.find("property");
        if (prop == pj.end() || !prop->is_string() || prop->get<std::string>().empty())
          return bad_request("A property predicate needs a property (the name of a participant attribute).");
        if (auto pt = pj.find("propertyType"); pt != pj.end() && !pt->is_null()) {
          const std::string ptype = pt->is_string() ? pt->get<std::string>() : pt->dump();
          if (std::find(kPropertyTypes.begin(), kPropertyTypes.end(), ptype) == kPropertyTypes.end())
            return invalid_value(ptype, "PropertyType", kPropertyTypes);
        }
        pred.dimension = Predicate::Dimension::Property;
      } else if (ty != pj.end() && *ty == "metric") {
        if (!metric_predicates)
          return bad_request("This query takes dimension and property predicates only (metric predicates filter "
                             "conversations).");
        if (auto e = parse_metric_predicate(pj, pred)) return e;
      } else {
        if (ty != pj.end() && *ty != "dimension")
          return bad_request(fmt::format("mock-gc supports dimension predicates ({}), property predicates{} only.",
                                         fmt::join(dimensions, ", "),
                                         metric_predicates ? " and metric predicates" : ""));
        auto dim = pj.find("dimension");
        if (dim == pj.end() || !dim->is_string()) return bad_request("A filter predicate needs a dimension.");
        const std::string d = dim->get<std::string>();
        if (std::find(dimensions.begin(), dimensions.end(), d) == dimensions.end())
          return invalid_value(d, dimension_type, dimensions);
        pred.dimension = dimension_of(d);
      }
      const std::string op = pj.value("operator", std::string("matches"));
      if (op == "matches") pred.op = Predicate::Operator::Matches;
      else if (op == "exists") pred.op = Predicate::Operator::Exists;
      else if (op == "notExists") pred.op = Predicate::Operator::NotExists;
      else {
        static constexpr std::array<std::string_view, 3> ops = {"matches", "exists", "notExists"};
        return invalid_value(op, "PredicateOperator", ops);
      }
      if (pred.op == Predicate::Operator::Matches && pred.dimension == Predicate::Dimension::Metric) {
        if (!pred.gt && !pred.gte && !pred.lt && !pred.lte)
          return bad_request("A matches metric predicate needs a range (gt, gte, lt or lte).");
      } else if (pred.op == Predicate::Operator::Matches) {
        auto v = pj.find("value");
        if (v == pj.end() || !v->is_string()) return bad_request("A matches predicate needs a string value.");
        pred.value = v->get<std::string>();
      }
      out.predicates.push_back(std::move(pred));
    }
  }
  if (auto c = j.find("clauses"); c != j.end()) {
    if (!c->is_array()) return bad_request("filter.clauses must be an array.");
    for (const auto& cj : *c) {
      Filter sub;
      if (auto e = parse_filter(cj, dimensions, dimension_type, sub, metric_predicates)) return e;
      out.clauses.push_back(std::move(sub));
    }
  }
  return std::nullopt;
}

std::string_view DimensionValues::of(Predicate::Dimension d) const {
  switch (d) {
    case Predicate::Dimension::QueueId: return queue_id;
    case Predicate::Dimension::MediaType: return media;
    case Predicate::Dimension::UserId: return user_id;
    case Predicate::Dimension::Direction: return direction;
    case Predicate::Dimension::OriginatingDirection: return originating_direction;
    case Predicate::Dimension::ConversationId: return conversation_id;
    case Predicate::Dimension::RequestedRoutingSkillId: return skill_id;
    case Predicate::Dimension::RequestedLanguageId: return language_id;
    case Predicate::Dimension::WrapUpCode: return wrap_up_code;
    case Predicate::Dimension::Property:
    case Predicate::Dimension::Metric: return {};
  }
  return {};
}

bool matches(const Filter& f, const DimensionValues& v) {
  if (f.predicates.empty() && f.clauses.empty()) return true;
  auto pred_ok = [&](const Predicate& p) {
    if (p.dimension == Predicate::Dimension::Metric) {
      // The conversation's value of the metric (any participant's emission of it).
      const auto e = std::find_if(v.metrics.begin(), v.metrics.end(),
                                  [&](const MetricEmission& m) { return m.metric == p.metric; });
      if (p.op == Predicate::Operator::Exists) return e != v.metrics.end();
      if (p.op == Predicate::Operator::NotExists) return e == v.metrics.end();
      return e != v.metrics.end() && p.in_range(e->value);
    }
    const std::string_view value = v.of(p.dimension);
    if (p.op == Predicate::Operator::Exists) return !value.empty();
    if (p.op == Predicate::Operator::NotExists) return value.empty();
    return !value.empty() && p.value == value;
  };
  auto clause_ok = [&](const Filter& c) { return matches(c, v); };
  if (f.any)
    return std::any_of(f.predicates.begin(), f.predicates.end(), pred_ok) ||
           std::any_of(f.clauses.begin(), f.clauses.end(), clause_ok);
  return std::all_of(f.predicates.begin(), f.predicates.end(), pred_ok) &&
         std::all_of(f.clauses.begin(), f.clauses.end(), clause_ok);
}

bool matches(const Filter& f, std::string_view user_id, std::string_view queue_id, std::string_view media) {
  return matches(f, DimensionValues{.user_id = user_id, .queue_id = queue_id, .media = media});
}

bool reads(const Filter& f, Predicate::Dimension d) {
  return std::any_of(f.predicates.begin(), f.predicates.end(), [&](const Predicate& p) { return p.dimension == d; }) ||
         std::any_of(f.clauses.begin(), f.clauses.end(), [&](const Filter& c) { return reads(c, d); });
}

std::optional<ApiError> parse_query_window(const json& body, bool async, bool with_granularity, QueryWindow& q,
                                           const ApiLimits& limits) {
  auto interval_error = [](std::string message) { return at_field(bad_request(std::move(message)), "interval"); };
  // interval
  auto iv = body.find("interval");
  if (iv == body.end() || !iv->is_string()) return interval_error("interval is required (ISO-8601 start/end).");
  const std::string interval = iv->get<std::string>();
  const auto slash = interval.find('/');
  if (slash == std::string::npos || interval.find('/', slash + 1) != std::string::npos)
    return at_field(invalid_date(), "interval");
  auto s = api::parse_instant(std::string_view(interval).substr(0, slash));
  auto e = api::parse_instant(std::string_view(interval).substr(slash + 1));
  if (!s || !e) return at_field(invalid_date(), "interval");
  q.start = *s;
  q.end = *e;
  if (q.end <= q.start) return interval_error("The interval end must be after its start.");
  if (limits.aligned_intervals) {
    if (floor_interval(q.start) != q.start || floor_interval(q.end) != q.end)
      return interval_error(
          "interval boundaries must fall on 15-minute UTC boundaries: a mock-gc choice (it keeps 15-minute data; "
          "Genesys documents no such rule), relaxed by the scenario's limits.aligned_intervals = false.");
  } else {
    // Each 15-minute interval counts where it starts: the query covers those starting in [start, end).
    const auto up = [](Instant t) { return floor_interval(t) == t ? t : floor_interval(t) + std::chrono::minutes(15); };
    q.start = up(q.start);
    q.end = up(q.end);
    if (q.end <= q.start) return interval_error("The interval holds no 15-minute interval start.");
  }
  const auto sync_limit = std::chrono::days(limits.max_sync_interval_days);
  const auto limit = async ? Millis(kMaxAsyncInterval) : Millis(sync_limit);
  if (q.end - q.start > limit)
    return interval_error(async ? fmt::format("The interval is longer than the maximum of {} days for an aggregates job.",
                                              kMaxAsyncInterval.count())
                                : fmt::format("The interval is longer than the maximum of {} days for a synchronous query; "
                                              "split it, or use an aggregates job (up to {} days). The {}-day limit is a "
                                              "mock-gc choice (scenario limits.max_sync_interval_days).",
                                              sync_limit.count(), kMaxAsyncInterval.count(), sync_limit.count()));
  // timeZone
  if (auto tz = body.find("timeZone"); tz != body.end() && !tz->is_null()) {
    if (!tz->is_string()) return at_field(bad_request("timeZone must be an IANA time zone name."), "timeZone");
    try {
      q.zone = date::locate_zone(tz->get<std::string>());
    } catch (const std::exception&) {
      return at_field(bad_request(fmt::format("Unknown timeZone [{}]: use an IANA time zone name such as Europe/London.",
                                              tz->get<std::string>())),
                      "timeZone");
    }
  }
  if (!with_granularity) return std::nullopt;
  // granularity
  if (auto g = body.find("granularity"); g != body.end() && !g->is_null()) {
    if (!g->is_string()) return at_field(bad_request("granularity must be an ISO-8601 period string."), "granularity");
    if (auto err = parse_granularity(g->get<std::string>(), q)) return at_field(*err, "granularity");
  }
  const auto span_minutes = std::chrono::duration_cast<std::chrono::minutes>(q.end - q.start).count();
  std::int64_t buckets = 1;
  if (q.buckets == QueryWindow::Buckets::Fixed) buckets = (span_minutes + std::chrono::duration_cast<std::chrono::minutes>(q.step).count() - 1) / std::chrono::duration_cast<std::chrono::minutes>(q.step).count();
  if (q.buckets == QueryWindow::Buckets::LocalDays) buckets = span_minutes / (1440 * q.days) + 2;
  if (buckets > kMaxBuckets)
    return at_field(bad_request(fmt::format("The query would produce more than {} intervals; use a coarser granularity.",
                                            kMaxBuckets)),
                    "granularity");
  return std::nullopt;
}

Bucketer::Bucketer(const QueryWindow& w)
    : w_(w), zone_(w.zone ? w.zone : date::locate_zone("UTC")), local_(*zone_) {
  first_day_ = std::chrono::floor<date::days>(zone_->to_local(std::chrono::time_point_cast<std::chrono::seconds>(w.start)));
}

std::int64_t Bucketer::key(Instant t) {
  if (w_.buckets == QueryWindow::Buckets::Fixed) return (t - w_.start) / w_.step;
  if (w_.buckets != QueryWindow::Buckets::LocalDays) return 0;
  const auto local_day = std::chrono::floor<date::days>(local_.to_local(std::chrono::time_point_cast<std::chrono::seconds>(t)));
  return (local_day - first_day_).count() / w_.days;
}

std::pair<Instant, Instant> Bucketer::bounds(std::int64_t key) const {
  Instant a = w_.start, b = w_.end;
  if (w_.buckets == QueryWindow::Buckets::Fixed) {
    a = w_.start + w_.step * key;
    b = std::min(w_.end, a + w_.step);
  } else if (w_.buckets == QueryWindow::Buckets::LocalDays) {
    const auto day = first_day_ + date::days{key * w_.days};
    a = std::max(w_.start, local_midnight(zone_, day));
    b = std::min(w_.end, local_midnight(zone_, day + date::days{w_.days}));
  }
  return {a, b};
}

std::string Bucketer::interval(std::int64_t key) const {
  const auto [a, b] = bounds(key);
  return api::format_instant(a) + "/" + api::format_instant(b);
}

bool GroupBy::has(std::string_view d) const { return std::find(dimensions.begin(), dimensions.end(), d) != dimensions.end(); }

std::optional<ApiError> parse_group_by(const json& body, std::span<const std::string_view> dimensions,
                                       std::string_view field_type, GroupBy& out) {
  auto gb = body.find("groupBy");
  if (gb == body.end() || gb->is_null()) return std::nullopt;
  if (!gb->is_array()) return at_field(bad_request("groupBy must be an array of dimensions."), "groupBy");
  for (const auto& d : *gb) {
    if (!d.is_string()) return at_field(bad_request("groupBy entries must be strings."), "groupBy");
    const std::string name = d.get<std::string>();
    auto it = std::find(dimensions.begin(), dimensions.end(), name);
    if (it == dimensions.end()) return at_field(invalid_value(name, field_type, dimensions), "groupBy");
    if (!out.has(*it)) out.dimensions.push_back(*it);
  }
  return std::nullopt;
}

std::optional<ApiError> parse_metric_names(const json& body, std::span<const std::string_view> allowed,
                                           std::string_view field_type, std::string_view example,
                                           std::vector<std::string>& out) {
  auto m = body.find("metrics");
  if (m == body.end() || !m->is_array() || m->empty())
    return at_field(bad_request(fmt::format("metrics is required (e.g. {}).", example)), "metrics");
  for (const auto& mj : *m) {
    if (!mj.is_string()) return at_field(bad_request("metrics entries must be strings."), "metrics");
    std::string name = mj.get<std::string>();
    if (std::find(allowed.begin(), allowed.end(), name) == allowed.end())
      return at_field(invalid_value(name, field_type, allowed), "metrics");
    if (std::find(out.begin(), out.end(), name) == out.end()) out.push_back(std::move(name));
  }
  return std::nullopt;
}

std::optional<ApiError> parse_order(const json& body, std::string_view field_type, bool& descending) {
  auto o = body.find("order");
  if (o == body.end() || o->is_null()) return std::nullopt;
  static constexpr std::array<std::string_view, 2> kOrders = {"asc", "desc"};
  if (!o->is_string() || (*o != "asc" && *o != "desc"))
    return at_field(invalid_value(o->is_string() ? o->get<std::string>() : o->dump(), field_type, kOrders), "order");
  descending = *o == "desc";
  return std::nullopt;
}

std::optional<ApiError> parse_paging(const json& body, int max_page_size, int& page_size, int& page_number) {
  auto p = body.find("paging");
  if (p == body.end() || p->is_null()) return std::nullopt;
  if (!p->is_object()) return at_field(bad_request("paging must be an object with pageSize and pageNumber."), "paging");
  if (auto s = p->find("pageSize"); s != p->end()) {
    if (!s->is_number_integer() || s->get<std::int64_t>() < 1 || s->get<std::int64_t>() > max_page_size)
      return at_field(bad_request(fmt::format("paging.pageSize must be an integer from 1 to {}.", max_page_size)),
                      "paging.pageSize");
    page_size = s->get<int>();
  }
  if (auto n = p->find("pageNumber"); n != p->end()) {
    if (!n->is_number_integer() || n->get<std::int64_t>() < 1 || n->get<std::int64_t>() > 1'000'000)
      return at_field(bad_request("paging.pageNumber must be a positive integer."), "paging.pageNumber");
    page_number = n->get<int>();
  }
  return std::nullopt;
}

std::optional<ApiError> parse_filter_list(const json& body, std::string_view name,
                                          std::span<const std::string_view> dimensions,
                                          std::string_view dimension_type, std::vector<Filter>& out,
                                          bool metric_predicates) {
  auto f = body.find(name);
  if (f == body.end() || f->is_null()) return std::nullopt;
  if (!f->is_array()) return at_field(bad_request(fmt::format("{} must be an array of filters.", name)), std::string(name));
  for (const auto& fj : *f) {
    Filter one;
    if (auto err = parse_filter(fj, dimensions, dimension_type, one, metric_predicates))
      return at_field(*err, std::string(name));
    out.push_back(std::move(one));
  }
  return std::nullopt;
}

std::optional<ApiError> parse_job_page_size(const json& body, bool async, const ApiLimits& limits, int& page_size) {
  auto ps = body.find("pageSize");
  if (ps == body.end() || ps->is_null()) return std::nullopt;
  if (!async) return at_field(bad_request("pageSize applies to aggregates jobs only."), "pageSize");
  if (!ps->is_number_integer() || ps->get<std::int64_t>() < 1 || ps->get<std::int64_t>() > limits.max_job_page_size)
    return at_field(bad_request(fmt::format("pageSize must be an integer from 1 to {}; the upper limit is a mock-gc "
                                            "choice (scenario limits.max_job_page_size).",
                                            limits.max_job_page_size)),
                    "pageSize");
  page_size = ps->get<int>();
  return std::nullopt;
}

std::optional<ApiError> parse_job_limit(const json& body, std::int64_t& limit) {
  if (body.contains("paging"))
    return at_field(bad_request("paging is not a field of a details job; page its results with cursor."), "paging");
  auto l = body.find("limit");
  if (l == body.end() || l->is_null()) return std::nullopt;
  if (!l->is_number_integer() || l->get<std::int64_t>() < 1)
    return at_field(bad_request("limit must be a positive integer (the most results the job returns)."), "limit");
  limit = l->get<std::int64_t>();
  return std::nullopt;
}

std::variant<AggregateQuery, ApiError> parse_aggregate_query(const json& body, bool async, const ApiLimits& limits) {
  if (!body.is_object()) return bad_request("The request body must be a ConversationAggregationQuery object.");
  AggregateQuery q;
  if (auto err = parse_query_window(body, async, true, q, limits)) return *err;
  GroupBy group_by;
  if (auto err = parse_group_by(body, kDimensions, "ConversationAggregationQuery.groupBy", group_by)) return *err;
  q.group_by_queue = group_by.has("queueId");
  q.group_by = std::move(group_by);
  // filter
  if (auto f = body.find("filter"); f != body.end() && !f->is_null()) {
    Filter filter;
    if (auto err = parse_filter(*f, kDimensions, "ConversationAggregateQueryPredicate.dimension", filter, true))
      return at_field(*err, "filter");
    q.filter = std::move(filter);
  }
  std::vector<std::string> metrics;
  if (auto err = parse_metric_names(body, std::span<const std::string_view>(kKnownMetrics, kKnownMetricCount),
                                    "ConversationAggregateMetric", R"(["nOffered","tHandle"])", metrics))
    return *err;
  for (auto& name : metrics) {
    const Metric metric = metric_of(name);
    q.metrics.emplace_back(std::move(name), metric);
  }
  if (auto err = parse_job_page_size(body, async, limits, q.page_size)) return *err;
  return q;
}

bool answered_by_store(const AggregateQuery& q) {
  const bool metrics_stored = std::all_of(q.metrics.begin(), q.metrics.end(), [](const auto& m) {
    return stored(m.second) || m.second == Metric::Unmodelled;
  });
  const bool grouped_stored = std::all_of(q.group_by.dimensions.begin(), q.group_by.dimensions.end(),
                                          [](std::string_view d) { return d == "queueId" || d == "mediaType"; });
  bool filtered_stored = true;
  if (q.filter)
    for (auto d :
         {Predicate::Dimension::UserId, Predicate::Dimension::Direction, Predicate::Dimension::OriginatingDirection,
          Predicate::Dimension::RequestedRoutingSkillId, Predicate::Dimension::RequestedLanguageId,
          Predicate::Dimension::WrapUpCode, Predicate::Dimension::Property, Predicate::Dimension::Metric})
      filtered_stored = filtered_stored && !reads(*q.filter, d);
  return metrics_stored && grouped_stored && filtered_stored;
}

void run_aggregate_query(const AggregateQuery& q, const HistorySource& history, const DemandModel& demand, Instant now,
                         AggregateSink& out) {
  const Instant from = std::max(q.start, history.first());
  const Instant to = std::min({q.end, history.end(), floor_interval(now)});
  Bucketer bucketer(q);

  // Grouped by queue, a group is one queue's and is handed out when its queue is done (queue order); else one
  // group per media type collects every queue and is handed out at the end (media order).
  struct Group {
    std::size_t queue = 0;
    MediaType media{};
    std::vector<HistoryTotals> buckets;  // by bucket key
    std::vector<char> present;           // a non-empty cell counted in the bucket
  };
  auto emit = [&](const Group& g) {
    AggregateGroup r;
    r.fields.emplace_back("mediaType", to_string(g.media));
    if (q.group_by_queue) r.fields.emplace_back("queueId", demand.queues()[g.queue].queue_id);
    for (std::size_t k = 0; k < g.buckets.size(); ++k) {
      if (!g.present[k]) continue;
      r.keys.push_back(static_cast<std::int64_t>(k));
      for (const auto& [name, metric] : q.metrics) r.cells.push_back(stored_cell(metric, g.buckets[k]));
    }
    if (!r.keys.empty()) out.group(r);
  };
  std::map<int, Group> by_media;
  Group by_queue;
  const std::int64_t first = interval_index(from), last = interval_index(to);
  std::vector<std::size_t> queues;  // the filter's, in queue order
  for (std::size_t qi = 0; qi < demand.queues().size(); ++qi) {
    const QueueDemand& qd = demand.queues()[qi];
    if (!q.filter || matches(*q.filter, "", qd.queue_id, to_string(qd.media))) queues.push_back(qi);
  }
  if (q.group_by_queue) out.expect_groups(queues.size());
  if (!(from < to) || queues.empty()) return;
  // Days are read queue by queue; a queue's group is handed out when its last day has been read.
  Group* group = nullptr;
  const std::int64_t last_day = day_index(last - 1);
  history.read_days(queues, day_index(first), last_day + 1, [&](std::size_t qi, std::int64_t day, const HistoryRow& row) {
    if (!group || group->queue != qi) {
      const QueueDemand& qd = demand.queues()[qi];
      group = q.group_by_queue ? &by_queue : &by_media[static_cast<int>(qd.media)];
      if (q.group_by_queue) {
        group->buckets.clear();
        group->present.clear();
      }
      group->queue = qi;
      group->media = qd.media;
    }
    const std::int64_t day_end = std::min(last, (day + 1) * kIntervalsPerDay);
    for (std::int64_t i = std::max(first, day * kIntervalsPerDay); i < day_end; ++i) {
      const HistoryCell& c = row.at(i);
      if (!c.offered && !c.transferred && !c.answered.count && !c.abandon.count && !c.handle.count) continue;
      const auto key = static_cast<std::size_t>(bucketer.key(interval_start(i)));
      if (key >= group->buckets.size()) {
        group->buckets.resize(key + 1);
        group->present.resize(key + 1, 0);
      }
      group->buckets[key].merge(c);
      group->present[key] = 1;
    }
    if (q.group_by_queue && day == last_day) emit(*group);
  });
  for (const auto& [media, g] : by_media) emit(g);
}

json run_aggregate_query(const AggregateQuery& q, const HistorySource& history, const DemandModel& demand,
                         Instant now) {
  AggregateJson out(q);
  run_aggregate_query(q, history, demand, now, out);
  return out.finish();
}

void AggregateJson::group(const AggregateGroup& g) {
  const std::size_t n = q_.metrics.size();
  json data = json::array();
  for (std::size_t b = 0; b < g.keys.size(); ++b) {
    json metrics = json::array();
    for (std::size_t m = 0; m < n; ++m) {
      json stats = metric_stats(q_.metrics[m].second, g.cells[b * n + m]);
      if (!stats.is_null()) metrics.push_back({{"metric", q_.metrics[m].first}, {"stats", std::move(stats)}});
    }
    if (!metrics.empty()) data.push_back({{"interval", bucketer_.interval(g.keys[b])}, {"metrics", std::move(metrics)}});
  }
  if (data.empty()) return;
  json group = json::object();
  for (const auto& [name, value] : g.fields) group[name] = value;
  results_.push_back({{"group", std::move(group)}, {"data", std::move(data)}});
}

json AggregateJson::finish() {
  if (results_.empty()) return json::object();
  return {{"results", std::move(results_)}};
}

using text::append_stats;
using text::append_string;

void AggregateText::group(const AggregateGroup& g) {
  const std::size_t n = q_.metrics.size();
  auto bucket_has_stats = [&](std::size_t b) {
    for (std::size_t m = 0; m < n; ++m)
      if (has_stats(q_.metrics[m].second, g.cells[b * n + m])) return true;
    return false;
  };
  bool any_data = false;
  for (std::size_t b = 0; b < g.keys.size() && !any_data; ++b) any_data = bucket_has_stats(b);
  if (!any_data) return;
  out_ += any_ ? ",{\"data\":[" : "{\"results\":[{\"data\":[";
  any_ = true;
  bool first_bucket = true;
  for (std::size_t b = 0; b < g.keys.size(); ++b) {
    if (!bucket_has_stats(b)) continue;
    out_ += first_bucket ? "{\"interval\":" : ",{\"interval\":";
    first_bucket = false;
    append_string(out_, interval(g.keys[b]));
    out_ += ",\"metrics\":[";
    bool first_metric = true;
    for (std::size_t m = 0; m < n; ++m) {
      const MetricCell& c = g.cells[b * n + m];
      if (!has_stats(q_.metrics[m].second, c)) continue;
      out_ += first_metric ? "{\"metric\":" : ",{\"metric\":";
      first_metric = false;
      append_string(out_, q_.metrics[m].first);
      out_ += ",\"stats\":";
      append_stats(out_, q_.metrics[m].second, c);
      out_ += '}';
    }
    out_ += "]}";
  }
  // The body grows by about one group's text per group: reserve for the groups announced once the first
  // is written, rather than doubling (and copying, and faulting in) a body of hundreds of MB.
  if (++groups_ == 1 && expected_ > 1) out_.reserve(out_.size() * expected_ + out_.size() / 8 + 1024);
  out_ += "],\"group\":{";
  std::vector<const std::pair<std::string, std::string>*> fields;
  for (const auto& f : g.fields) fields.push_back(&f);
  // As the DOM's object: sorted by name, a name given twice holds its last value.
  std::stable_sort(fields.begin(), fields.end(), [](auto* a, auto* b) { return a->first < b->first; });
  bool first_field = true;
  for (std::size_t f = 0; f < fields.size(); ++f) {
    if (f + 1 < fields.size() && fields[f + 1]->first == fields[f]->first) continue;
    if (!first_field) out_ += ',';
    first_field = false;
    append_string(out_, fields[f]->first);
    out_ += ':';
    append_string(out_, fields[f]->second);
  }
  out_ += "}}";
}

const std::string& AggregateText::interval(std::int64_t key) {
  const auto k = static_cast<std::size_t>(key);
  if (k >= intervals_.size()) intervals_.resize(k + 1);
  if (intervals_[k].empty()) intervals_[k] = bucketer_.interval(key);
  return intervals_[k];
}

void AggregateText::finish() { out_ += any_ ? "]}" : "{}"; }

}  // namespace mockgc::core::wfm
