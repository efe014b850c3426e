#include "mockgc/core/faults/fault_plan.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>
#include <set>
#include <stdexcept>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "strict_json.hpp"
#include "mockgc/api/http.hpp"
#include "mockgc/api/time.hpp"
#include "mockgc/core/faults/api_families.hpp"
#include "mockgc/api/random.hpp"

namespace mockgc::core::faults {
namespace {

constexpr std::string_view kTypeNames[] = {"rate_limit", "outage", "maintenance", "latency",     "transport",
                                           "token",      "data",   "clock_skew",  "notification"};
constexpr std::string_view kNotificationNames[] = {"socket_drop",        "heartbeat_stop",         "socket_closing",
                                                   "channel_expire",     "notification_delay",     "notification_duplicate",
                                                   "notification_drop"};
constexpr std::string_view kTransportNames[] = {"none", "reset", "close_mid_body", "truncated_json",
                                                "malformed_json", "slow_body"};
constexpr std::string_view kLatencyNames[] = {"fixed", "uniform", "lognormal"};
constexpr std::string_view kTokenNames[] = {"short_lifetime", "revoke_at"};
constexpr std::string_view kDataNames[] = {"rename_activity_code", "recategorise_activity_code", "add_agents",
                                           "remove_agents"};

template <std::size_t N>
int index_of(const std::string_view (&names)[N], std::string_view s) {
  for (std::size_t i = 0; i < N; ++i)
    if (names[i] == s) return static_cast<int>(i);
  return -1;
}

template <std::size_t N>
std::string choices(const std::string_view (&names)[N], std::size_t from = 0) {
  std::string out;
  for (std::size_t i = from; i < N; ++i) out += fmt::format("{}{}", out.empty() ? "" : ", ", names[i]);
  return out;
}

bool request_scoped(FaultType t) {
  return t == FaultType::rate_limit || t == FaultType::outage || t == FaultType::maintenance ||
         t == FaultType::latency || t == FaultType::transport;
}

std::int64_t require_int(const detail::JsonReader& r, std::string_view key, std::int64_t lo, std::int64_t hi) {
  auto v = r.optional_int(key);
  if (!v) r.fail(key, "is required");
  if (*v < lo || *v > hi) r.fail(key, fmt::format("must be {} … {}", lo, hi));
  return *v;
}

FaultParams params_from_json(const detail::JsonReader& r, FaultType type) {
  switch (type) {
    case FaultType::rate_limit: {
      RateLimitFault p;
      p.per_minute = static_cast<int>(require_int(r, "per_minute", 1, 1'000'000));
      return p;
    }
    case FaultType::outage: {
      OutageFault p;
      p.status = static_cast<int>(r.optional_int("status").value_or(503));
      if (p.status != 503 && p.status != 504) r.fail("status", "must be 503 or 504");
      return p;
    }
    case FaultType::maintenance:
      return MaintenanceFault{};
    case FaultType::latency: {
      LatencyFault p;
      auto model = r.optional_string("distribution").value_or("fixed");
      int m = index_of(kLatencyNames, model);
      if (m < 0) r.fail("distribution", "must be fixed, uniform or lognormal");
      p.model = static_cast<LatencyModel>(m);
      const std::int64_t kMax = 3'600'000;
      auto forbid = [&](std::string_view key) {
        if (r.has(key)) r.fail(key, fmt::format("does not apply to a {} latency", model));
      };
      if (p.model == LatencyModel::fixed) {
        p.ms = require_int(r, "ms", 0, kMax);
        for (auto k : {"min_ms", "max_ms", "median_ms", "sigma"}) forbid(k);
      } else if (p.model == LatencyModel::uniform) {
        p.min_ms = require_int(r, "min_ms", 0, kMax);
        p.max_ms = require_int(r, "max_ms", 0, kMax);
        if (p.max_ms < p.min_ms) r.fail("max_ms", "must be >= min_ms");
        for (auto k : {"ms", "median_ms", "sigma"}) forbid(k);
      } else {
        p.median_ms = require_int(r, "median_ms", 1, kMax);
        auto sigma = r.optional_number("sigma");
        if (!sigma || *sigma < 0 || *sigma > 5) r.fail("sigma", "is required, 0 … 5");
        p.sigma = *sigma;
        p.max_ms = r.has("max_ms") ? require_int(r, "max_ms", 1, kMax) : kMax;
        for (auto k : {"ms", "min_ms"}) forbid(k);
      }
      return p;
    }
    case FaultType::transport: {
      TransportFault p;
      int a = index_of(kTransportNames, r.required_string("action"));
      if (a <= 0) r.fail("action", fmt::format("must be one of {}", choices(kTransportNames, 1)));
      p.action = static_cast<TransportAction>(a);
      if (p.action == TransportAction::slow_body) {
        if (r.has("bytes_per_chunk")) p.bytes_per_chunk = static_cast<int>(require_int(r, "bytes_per_chunk", 1, 1 << 20));
        if (r.has("chunk_interval_ms")) p.chunk_interval_ms = require_int(r, "chunk_interval_ms", 0, 60'000);
      } else {
        for (auto k : {"bytes_per_chunk", "chunk_interval_ms"})
          if (r.has(k)) r.fail(k, "only applies to action slow_body");
      }
      return p;
    }
    case FaultType::token: {
      TokenFault p;
      int a = index_of(kTokenNames, r.required_string("action"));
      if (a < 0) r.fail("action", fmt::format("must be one of {}", choices(kTokenNames)));
      p.action = static_cast<TokenAction>(a);
      p.client_id = r.optional_string("client_id").value_or("");
      if (p.action == TokenAction::short_lifetime) {
        auto life = r.optional_duration("lifetime");
        if (!life || life->count() <= 0) r.fail("lifetime", "is required and must be positive (e.g. PT2M)");
        p.lifetime_ms = life->count();
      } else {
        if (r.has("lifetime")) r.fail("lifetime", "only applies to action short_lifetime");
        if (r.has("for")) r.fail("for", "revoke_at happens at one instant (`at`)");
      }
      return p;
    }
    case FaultType::data: {
      DataFault p;
      int a = index_of(kDataNames, r.required_string("action"));
      if (a < 0) r.fail("action", fmt::format("must be one of {}", choices(kDataNames)));
      p.action = static_cast<DataAction>(a);
      auto only = [&](std::initializer_list<const char*> allowed) {
        for (auto k : {"business_unit", "activity_code", "name", "category", "management_unit", "count", "users"}) {
          bool ok = false;
          for (auto al : allowed) ok = ok || std::string_view(al) == k;
          if (!ok && r.has(k)) r.fail(k, fmt::format("does not apply to action {}", kDataNames[a]));
        }
      };
      if (p.action == DataAction::rename_activity_code || p.action == DataAction::recategorise_activity_code) {
        p.business_unit = r.required_string("business_unit");
        p.activity_code = r.required_string("activity_code");
        if (p.action == DataAction::rename_activity_code) {
          only({"business_unit", "activity_code", "name"});
          p.name = r.required_string("name");
        } else {
          only({"business_unit", "activity_code", "category"});
          p.category = r.required_string("category");
        }
      } else {
        p.management_unit = r.required_string("management_unit");
        if (p.action == DataAction::add_agents) {
          only({"management_unit", "count"});
          p.count = static_cast<int>(require_int(r, "count", 1, 10'000));
        } else {
          only({"management_unit", "count", "users"});
          if (r.has("users")) {
            const auto& u = r.at("users");
            if (!u.is_array() || u.empty()) r.fail("users", "must be a non-empty array of user ids");
            for (const auto& x : u) {
              if (!x.is_string()) r.fail("users", "must be an array of strings");
              p.users.push_back(x.get<std::string>());
            }
            if (r.has("count")) r.fail("count", "give either count or users");
          } else {
            p.count = static_cast<int>(require_int(r, "count", 1, 10'000));
          }
        }
      }
      return p;
    }
    case FaultType::clock_skew: {
      ClockSkewFault p;
      auto skew = r.optional_duration("skew");
      if (!skew) r.fail("skew", "is required (e.g. PT90S or -PT2M)");
      p.skew_ms = skew->count();
      return p;
    }
    case FaultType::notification: {
      NotificationFault p;
      int a = index_of(kNotificationNames, r.required_string("action"));
      if (a < 0) r.fail("action", fmt::format("must be one of {}", choices(kNotificationNames)));
      p.action = static_cast<NotificationAction>(a);
      if (is_instant(p.action) && r.has("for")) r.fail("for", fmt::format("{} happens at one instant (`at`)", kNotificationNames[a]));
      if (p.action == NotificationAction::notification_delay) {
        auto delay = r.optional_duration("delay");
        if (!delay || delay->count() <= 0) r.fail("delay", "is required and must be positive (e.g. PT20S)");
        p.delay_ms = delay->count();
      } else if (r.has("delay")) {
        r.fail("delay", "only applies to action notification_delay");
      }
      if (p.action == NotificationAction::socket_closing) {
        if (auto grace = r.optional_duration("grace")) {
          if (grace->count() < 0) r.fail("grace", "must not be negative");
          p.grace_ms = grace->count();
        }
      } else if (r.has("grace")) {
        r.fail("grace", "only applies to action socket_closing");
      }
      return p;
    }
  }
  throw std::logic_error("unreachable fault type");
}

Fault fault_from_json(const nlohmann::json& j, std::string pointer, std::size_t index, Instant start) {
  detail::JsonReader r(j, std::move(pointer));
  int t = index_of(kTypeNames, r.required_string("type"));
  if (t < 0) r.fail("type", fmt::format("must be one of {}", choices(kTypeNames)));
  auto type = static_cast<FaultType>(t);
  switch (type) {
    case FaultType::rate_limit: r.allow_keys({"type", "id", "at", "for", "region", "method", "path", "activation", "per_minute"}); break;
    case FaultType::outage: r.allow_keys({"type", "id", "at", "for", "region", "method", "path", "family", "probability", "activation", "status"}); break;
    case FaultType::maintenance: r.allow_keys({"type", "id", "at", "for", "region", "method", "path", "family", "probability", "activation"}); break;
    case FaultType::latency: r.allow_keys({"type", "id", "at", "for", "region", "method", "path", "family", "probability", "activation", "distribution", "ms", "min_ms", "max_ms", "median_ms", "sigma"}); break;
    case FaultType::transport: r.allow_keys({"type", "id", "at", "for", "region", "method", "path", "family", "probability", "activation", "action", "bytes_per_chunk", "chunk_interval_ms"}); break;
    case FaultType::token: r.allow_keys({"type", "id", "at", "for", "region", "probability", "activation", "action", "client_id", "lifetime"}); break;
    case FaultType::data: r.allow_keys({"type", "id", "at", "region", "probability", "activation", "action", "business_unit", "activity_code", "name", "category", "management_unit", "count", "users"}); break;
    case FaultType::clock_skew: r.allow_keys({"type", "id", "at", "for", "region", "probability", "activation", "skew"}); break;
    case FaultType::notification: r.allow_keys({"type", "id", "at", "for", "region", "probability", "activation", "action", "delay", "grace"}); break;
  }
  Fault f;
  f.id = r.optional_string("id").value_or(fmt::format("{}#{}", kTypeNames[t], index));
  if (f.id.empty()) r.fail("id", "must not be empty");
  if (r.has("at")) {
    const auto& at = r.at("at");
    if (!at.is_string()) r.fail("at", "must be an ISO-8601 instant or a duration from the clock start");
    auto s = at.get<std::string>();
    if (auto d = api::parse_duration(s)) f.at = *d;
    else if (auto inst = api::parse_instant(s)) f.at = *inst - start;
    else r.fail("at", fmt::format("\"{}\" is neither an ISO-8601 instant nor a duration (PT5M)", s));
  }
  if (auto d = r.optional_duration("for")) {
    if (d->count() <= 0) r.fail("for", "must be positive");
    f.duration = *d;
  }
  if (auto v = r.optional_string("region")) {
    if (v->empty()) r.fail("region", "must not be empty (omit it for every region)");
    f.region = *v;
  }
  f.method = r.optional_string("method").value_or("");
  f.path = r.optional_string("path").value_or("");
  if (!f.path.empty() || r.has("path")) {
    try {
      PathPattern check(f.path);
    } catch (const std::invalid_argument& e) {
      r.fail("path", e.what());
    }
  }
  f.family = r.optional_string("family").value_or("");
  if (r.has("family") && !find_api_family(f.family)) r.fail("family", fmt::format("unknown API family \"{}\"", f.family));
  if (type == FaultType::maintenance && f.family.empty()) r.fail("family", "is required for a maintenance window");
  for (auto key : {"probability", "activation"}) {
    if (auto p = r.optional_number(key)) {
      if (!(*p >= 0.0 && *p <= 1.0)) r.fail(key, "must be 0 … 1");
      (std::string_view(key) == "probability" ? f.probability : f.activation) = *p;
    }
  }
  f.params = params_from_json(r, type);
  return f;
}

nlohmann::json fault_to_json(const Fault& f) {
  nlohmann::json j;
  j["type"] = fault_type_name(f.type());
  j["id"] = f.id;
  j["at"] = api::format_duration(f.at);
  if (f.duration) j["for"] = api::format_duration(*f.duration);
  if (!f.region.empty()) j["region"] = f.region;
  if (!f.method.empty()) j["method"] = f.method;
  if (!f.path.empty()) j["path"] = f.path;
  if (!f.family.empty()) j["family"] = f.family;
  if (f.probability != 1.0) j["probability"] = f.probability;
  if (f.activation != 1.0) j["activation"] = f.activation;
  std::visit(
      [&](const auto& p) {
        using P = std::decay_t<decltype(p)>;
        if constexpr (std::is_same_v<P, RateLimitFault>) {
          j["per_minute"] = p.per_minute;
        } else if constexpr (std::is_same_v<P, OutageFault>) {
          j["status"] = p.status;
        } else if constexpr (std::is_same_v<P, LatencyFault>) {
          j["distribution"] = kLatencyNames[static_cast<int>(p.model)];
          if (p.model == LatencyModel::fixed) j["ms"] = p.ms;
          if (p.model == LatencyModel::uniform) { j["min_ms"] = p.min_ms; j["max_ms"] = p.max_ms; }
          if (p.model == LatencyModel::lognormal) { j["median_ms"] = p.median_ms; j["sigma"] = p.sigma; j["max_ms"] = p.max_ms; }
        } else if constexpr (std::is_same_v<P, TransportFault>) {
          j["action"] = kTransportNames[static_cast<int>(p.action)];
          if (p.action == TransportAction::slow_body) {
            j["bytes_per_chunk"] = p.bytes_per_chunk;
            j["chunk_interval_ms"] = p.chunk_interval_ms;
          }
        } else if constexpr (std::is_same_v<P, TokenFault>) {
          j["action"] = kTokenNames[static_cast<int>(p.action)];
          if (!p.client_id.empty()) j["client_id"] = p.client_id;
          if (p.action == TokenAction::short_lifetime) j["lifetime"] = api::format_duration(Millis(p.lifetime_ms));
        } else if constexpr (std::is_same_v<P, DataFault>) {
          j["action"] = kDataNames[static_cast<int>(p.action)];
          if (!p.business_unit.empty()) j["business_unit"] = p.business_unit;
          if (!p.activity_code.empty()) j["activity_code"] = p.activity_code;
          if (p.action == DataAction::rename_activity_code) j["name"] = p.name;
          if (p.action == DataAction::recategorise_activity_code) j["category"] = p.category;
          if (!p.management_unit.empty()) j["management_unit"] = p.management_unit;
          if (!p.users.empty()) j["users"] = p.users;
          else if (p.count) j["count"] = p.count;
        } else if constexpr (std::is_same_v<P, ClockSkewFault>) {
          j["skew"] = api::format_duration(Millis(p.skew_ms));
        } else if constexpr (std::is_same_v<P, NotificationFault>) {
          j["action"] = kNotificationNames[static_cast<int>(p.action)];
          if (p.action == NotificationAction::notification_delay) j["delay"] = api::format_duration(Millis(p.delay_ms));
          if (p.action == NotificationAction::socket_closing) j["grace"] = api::format_duration(Millis(p.grace_ms));
        }
      },
      f.params);
  return j;
}

std::int64_t sample_latency(const LatencyFault& p, std::uint64_t h) {
  switch (p.model) {
    case LatencyModel::fixed: return p.ms;
    case LatencyModel::uniform: {
      auto span = static_cast<std::uint64_t>(p.max_ms - p.min_ms) + 1;
      return p.min_ms + static_cast<std::int64_t>(api::mix64(h) % span);
    }
    case LatencyModel::lognormal: {
      // Box-Muller from two hashed uniforms (no std:: distributions: identical on every platform).
      double u1 = 1.0 - api::unit_interval(api::mix64(h));   // (0, 1]
      double u2 = api::unit_interval(api::mix64(h ^ 0x5bd1e995));
      double z = std::sqrt(-2.0 * std::log(u1)) * std::cos(2.0 * std::numbers::pi * u2);
      double ms = static_cast<double>(p.median_ms) * std::exp(p.sigma * z);
      return std::min<std::int64_t>(p.max_ms, std::llround(ms));
    }
  }
  return 0;
}

std::string_view strip_query(std::string_view path) {
  auto q = path.find('?');
  return q == std::string_view::npos ? path : path.substr(0, q);
}

}  // namespace

std::string_view fault_type_name(FaultType t) { return kTypeNames[static_cast<int>(t)]; }
std::string_view transport_action_name(TransportAction a) { return kTransportNames[static_cast<int>(a)]; }
std::string_view notification_action_name(NotificationAction a) { return kNotificationNames[static_cast<int>(a)]; }
bool is_instant(NotificationAction a) {
  return a == NotificationAction::socket_drop || a == NotificationAction::socket_closing ||
         a == NotificationAction::channel_expire;
}

FaultPlan::FaultPlan(std::vector<Fault> faults, Instant start, std::uint64_t seed)
    : faults_(std::move(faults)), start_(start), seed_(seed) {
  std::set<std::string> ids;
  for (const auto& f : faults_) {
    if (!ids.insert(f.id).second) throw detail::StrictJsonError("/faults", fmt::format("duplicate id \"{}\"", f.id));
    std::vector<PathPattern> m;
    if (!f.path.empty()) m.emplace_back(f.path);
    if (!f.family.empty()) {
      auto fam = family_patterns(f.family);
      m.insert(m.end(), fam.begin(), fam.end());
    }
    matchers_.push_back(std::move(m));
    // BUGGIFY: a site is switched on for the whole run with probability `activation`.
    active_.push_back(f.activation >= 1.0 ||
                      api::unit_interval(api::hash_combine(api::hash_combine(seed_, 0xAC71), f.id)) < f.activation);
  }
}

FaultPlan FaultPlan::from_json(const nlohmann::json& faults, Instant start, std::uint64_t seed) {
  if (!faults.is_array()) throw detail::StrictJsonError("/faults", "must be a JSON array");
  std::vector<Fault> out;
  std::set<std::string> ids;
  for (std::size_t i = 0; i < faults.size(); ++i) {
    out.push_back(fault_from_json(faults[i], detail::pointer_child("/faults", i), i, start));
    if (!ids.insert(out.back().id).second)
      throw detail::StrictJsonError(detail::pointer_child("/faults", i) + "/id", fmt::format("duplicate id \"{}\"", out.back().id));
  }
  return FaultPlan(std::move(out), start, seed);
}

Fault FaultPlan::parse_fault(const nlohmann::json& j, std::string pointer, std::size_t index, Instant start) {
  return fault_from_json(j, std::move(pointer), index, start);
}

nlohmann::json FaultPlan::fault_json(const Fault& f) { return fault_to_json(f); }

nlohmann::json FaultPlan::to_json() const {
  auto arr = nlohmann::json::array();
  for (const auto& f : faults_) arr.push_back(fault_to_json(f));
  return arr;
}

bool FaultPlan::in_window(const Fault& f, Instant now) const {
  Instant from = start_ + f.at;
  return from <= now && (!f.duration || now < from + *f.duration);
}

bool FaultPlan::scoped(std::size_t i, std::string_view region, std::string_view method,
                       const PathSegments& path) const {
  const auto& f = faults_[i];
  if (!f.region.empty() && f.region != region) return false;
  if (!f.method.empty() && !api::iequals(f.method, method)) return false;
  const auto& m = matchers_[i];
  if (m.empty()) return true;
  return std::any_of(m.begin(), m.end(), [&](const PathPattern& p) { return p.matches(path); });
}

namespace {
std::uint64_t request_hash(std::uint64_t seed, std::string_view id, const RequestFacts& r) {
  std::uint64_t h = api::hash_combine(seed, id);
  h = api::hash_combine(h, r.region);
  h = api::hash_combine(h, r.method);
  h = api::hash_combine(h, strip_query(r.path));
  h = api::hash_combine(h, r.client_id);
  h = api::hash_combine(h, r.content);
  return api::hash_combine(h, r.ordinal);
}
}  // namespace

bool FaultPlan::fires(std::size_t i, const RequestFacts& r) const {
  const auto& f = faults_[i];
  if (!active_[i]) return false;
  if (f.probability >= 1.0) return true;
  return api::unit_interval(api::hash_combine(request_hash(seed_, f.id, r), 1)) < f.probability;
}

bool FaultPlan::event_fires(std::size_t i) const {
  const auto& f = faults_[i];
  if (!active_[i]) return false;
  if (f.probability >= 1.0) return true;
  return api::unit_interval(api::hash_combine(api::hash_combine(seed_, 0xE7E7), f.id)) < f.probability;
}

FaultDecision FaultPlan::evaluate(const RequestFacts& r) const {
  FaultDecision d;
  const PathSegments segments(r.path);
  for (std::size_t i = 0; i < faults_.size(); ++i) {
    const auto& f = faults_[i];
    auto type = f.type();
    if (type != FaultType::outage && type != FaultType::maintenance && type != FaultType::latency &&
        type != FaultType::transport)
      continue;
    if (!in_window(f, r.now) || !scoped(i, r.region, r.method, segments) || !fires(i, r)) continue;
    bool applied = false;
    if (const auto* o = std::get_if<OutageFault>(&f.params)) {
      if (!d.early) {
        d.early = o->status == 504 ? request_timeout() : service_unavailable();
        applied = true;
      }
    } else if (std::holds_alternative<MaintenanceFault>(f.params)) {
      if (!d.early) {
        d.early = service_unavailable();
        applied = true;
      }
    } else if (const auto* l = std::get_if<LatencyFault>(&f.params)) {
      d.latency += Millis(sample_latency(*l, api::hash_combine(request_hash(seed_, f.id, r), 2)));
      applied = true;
    } else if (const auto* t = std::get_if<TransportFault>(&f.params)) {
      if (d.transport == TransportAction::none) {
        d.transport = t->action;
        if (t->action == TransportAction::slow_body) {
          d.bytes_per_chunk = t->bytes_per_chunk;
          d.chunk_interval = Millis(t->chunk_interval_ms);
        }
        applied = true;
      }
    }
    if (applied) {
      if (!d.applied.empty()) d.applied += ',';
      d.applied += f.id;
    }
  }
  return d;
}

std::vector<RateLimitRule> FaultPlan::rate_limit_rules() const {
  std::vector<RateLimitRule> rules;
  for (std::size_t i = 0; i < faults_.size(); ++i) {
    const auto& f = faults_[i];
    const auto* p = std::get_if<RateLimitFault>(&f.params);
    if (!p || !active_[i]) continue;
    RateLimitRule rule;
    rule.id = f.id;
    rule.region = f.region;
    rule.method = f.method;
    if (!f.path.empty()) rule.path = PathPattern(f.path);
    rule.per_minute = p->per_minute;
    rule.from = start_ + f.at;
    if (f.duration) rule.until = start_ + f.at + *f.duration;
    rules.push_back(std::move(rule));
  }
  return rules;
}

std::optional<Millis> FaultPlan::token_lifetime(Instant issued_at, std::string_view region,
                                                std::string_view client_id) const {
  std::optional<Millis> out;
  for (std::size_t i = 0; i < faults_.size(); ++i) {
    const auto& f = faults_[i];
    const auto* t = std::get_if<TokenFault>(&f.params);
    if (!t || t->action != TokenAction::short_lifetime || !in_window(f, issued_at)) continue;
    if ((!f.region.empty() && f.region != region) || (!t->client_id.empty() && t->client_id != client_id)) continue;
    if (!event_fires(i)) continue;
    out = std::min(out.value_or(Millis::max()), Millis(t->lifetime_ms));
  }
  return out;
}

bool FaultPlan::token_revoked(Instant issued_at, Instant now, std::string_view region,
                              std::string_view client_id) const {
  for (std::size_t i = 0; i < faults_.size(); ++i) {
    const auto& f = faults_[i];
    const auto* t = std::get_if<TokenFault>(&f.params);
    if (!t || t->action != TokenAction::revoke_at) continue;
    if ((!f.region.empty() && f.region != region) || (!t->client_id.empty() && t->client_id != client_id)) continue;
    Instant at = start_ + f.at;
    if (issued_at < at && at <= now && event_fires(i)) return true;
  }
  return false;
}

Millis FaultPlan::clock_skew(Instant now, std::string_view region) const {
  Millis total{0};
  for (std::size_t i = 0; i < faults_.size(); ++i) {
    const auto& f = faults_[i];
    const auto* s = std::get_if<ClockSkewFault>(&f.params);
    if (!s || !in_window(f, now) || (!f.region.empty() && f.region != region) || !event_fires(i)) continue;
    total += Millis(s->skew_ms);
  }
  return total;
}

std::string_view FaultPlan::heartbeat_stopped(Instant now, std::string_view region) const {
  for (std::size_t i = 0; i < faults_.size(); ++i) {
    const auto& f = faults_[i];
    const auto* n = std::get_if<NotificationFault>(&f.params);
    if (!n || n->action != NotificationAction::heartbeat_stop) continue;
    if (in_window(f, now) && (f.region.empty() || f.region == region) && event_fires(i)) return f.id;
  }
  return {};
}

FaultPlan::NotificationDecision FaultPlan::notification(Instant now, std::string_view region,
                                                        std::uint64_t ordinal) const {
  NotificationDecision d;
  for (std::size_t i = 0; i < faults_.size(); ++i) {
    const auto& f = faults_[i];
    const auto* n = std::get_if<NotificationFault>(&f.params);
    if (!n || !active_[i] || !in_window(f, now) || (!f.region.empty() && f.region != region)) continue;
    if (n->action != NotificationAction::notification_delay && n->action != NotificationAction::notification_duplicate &&
        n->action != NotificationAction::notification_drop)
      continue;
    // Per event: the same (seed, fault, region, ordinal) always decides the same way.
    if (f.probability < 1.0 &&
        api::unit_interval(api::hash_combine(api::hash_combine(api::hash_combine(seed_, f.id), region), ordinal)) >=
            f.probability)
      continue;
    if (n->action == NotificationAction::notification_delay) d.delay += Millis(n->delay_ms);
    if (n->action == NotificationAction::notification_duplicate) d.duplicate = true;
    if (n->action == NotificationAction::notification_drop) d.drop = true;
    if (!d.applied.empty()) d.applied += ',';
    d.applied += f.id;
  }
  return d;
}

std::vector<FaultEvent> FaultPlan::due_events(Instant from, Instant to) const {
  struct Pending {
    Instant at;
    std::size_t index;
    int phase;  // 0 = a window starts, 1 = a window ends; at one instant ends come first, then plan order
    FaultEvent event;
  };
  std::vector<Pending> pending;
  auto add = [&](std::size_t i, Instant at, int phase, EventPayload payload) {
    if (!(from < at && at <= to)) return;
    const auto& f = faults_[i];
    pending.push_back({at, i, phase, FaultEvent{at, f.id, f.region, api::hash_combine(seed_, f.id), std::move(payload)}});
  };
  for (std::size_t i = 0; i < faults_.size(); ++i) {
    const auto& f = faults_[i];
    if (request_scoped(f.type()) || !event_fires(i)) continue;
    Instant begin = start_ + f.at;
    std::optional<Instant> end;
    if (f.duration) end = begin + *f.duration;
    if (const auto* t = std::get_if<TokenFault>(&f.params)) {
      if (t->action == TokenAction::revoke_at) {
        add(i, begin, 0, TokenRevocation{t->client_id});
      } else {
        add(i, begin, 0, TokenLifetimeChange{t->client_id, Millis(t->lifetime_ms)});
        if (end) add(i, *end, 1, TokenLifetimeChange{t->client_id, std::nullopt});
      }
    } else if (const auto* dfault = std::get_if<DataFault>(&f.params)) {
      switch (dfault->action) {
        case DataAction::rename_activity_code:
          add(i, begin, 0, ActivityCodeRenamed{dfault->business_unit, dfault->activity_code, dfault->name});
          break;
        case DataAction::recategorise_activity_code:
          add(i, begin, 0, ActivityCodeRecategorised{dfault->business_unit, dfault->activity_code, dfault->category});
          break;
        case DataAction::add_agents: add(i, begin, 0, AgentsAdded{dfault->management_unit, dfault->count}); break;
        case DataAction::remove_agents:
          add(i, begin, 0, AgentsRemoved{dfault->management_unit, dfault->count, dfault->users});
          break;
      }
    } else if (const auto* s = std::get_if<ClockSkewFault>(&f.params)) {
      add(i, begin, 0, ClockSkewChange{Millis(s->skew_ms)});
      if (end) add(i, *end, 1, ClockSkewChange{Millis(0)});
    } else if (const auto* n = std::get_if<NotificationFault>(&f.params)) {
      if (n->action == NotificationAction::socket_drop || n->action == NotificationAction::socket_closing ||
          n->action == NotificationAction::channel_expire)
        add(i, begin, 0, ChannelLifecycle{n->action, Millis(n->grace_ms)});
    }
  }
  std::stable_sort(pending.begin(), pending.end(), [](const Pending& a, const Pending& b) {
    if (a.at != b.at) return a.at < b.at;
    if (a.phase != b.phase) return a.phase > b.phase;  // a window ending and another starting: end first
    return a.index < b.index;
  });
  std::vector<FaultEvent> out;
  out.reserve(pending.size());
  for (auto& p : pending) out.push_back(std::move(p.event));
  return out;
}

std::vector<FaultEvent> EventCursor::advance_to(Instant now) {
  if (now <= applied_until_) return {};
  auto events = plan_.due_events(applied_until_, now);
  applied_until_ = now;
  return events;
}

std::string truncate_json_body(std::string_view body) {
  return std::string(body.substr(0, body.size() / 2));
}

std::string malform_json_body(std::string_view body) {
  auto pos = body.find_first_of("{[");
  if (pos == std::string_view::npos) return "NaN " + std::string(body);
  std::string out(body.substr(0, pos + 1));
  out += "NaN";
  out += body.substr(pos + 1);
  return out;
}

}  // namespace mockgc::core::faults
