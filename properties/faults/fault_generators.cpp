#include "fault_generators.hpp"

#include <fmt/format.h>

#include "mockgc/core/faults/api_families.hpp"

namespace mockgc::properties {

using namespace core::faults;
using core::Millis;

namespace {

rc::Gen<double> fraction() {
  // Thousandths: exact decimal round trip through JSON is what we test, not float formatting.
  return rc::gen::map(rc::gen::inRange(0, 1001), [](int k) { return k / 1000.0; });
}

rc::Gen<std::string> optional_region() { return rc::gen::element<std::string>("", "eu_central_1", "us_east_1", "ap_southeast_2"); }

rc::Gen<std::string> path_glob() {
  return rc::gen::element<std::string>("", "/api/v2/users/**", "/api/v2/users/{userId}", "/api/v2/analytics/*/aggregates/**",
                                       "/api/v2/routing/que*", "/**", "/oauth/token");
}

}  // namespace

rc::Gen<std::string> utf8_text() {
  return rc::gen::map(rc::gen::container<std::vector<std::string>>(
                          rc::gen::element<std::string>("a", "b", "Z", "0", "-", "_", " ", "é", "ü", "日", "本", "😀")),
                      [](const std::vector<std::string>& parts) {
                        std::string s = "x";
                        for (std::size_t i = 0; i < parts.size() && i < 11; ++i) s += parts[i];
                        return s;
                      });
}

rc::Gen<Fault> valid_fault() {
  return rc::gen::exec([] {
    Fault f;
    auto type = static_cast<FaultType>(*rc::gen::inRange(0, 9));
    f.at = Millis(*rc::gen::inRange<std::int64_t>(-3'600'000, 86'400'000));
    if (type != FaultType::data) {
      if (*rc::gen::arbitrary<bool>()) f.duration = Millis(*rc::gen::inRange<std::int64_t>(1, 7 * 86'400'000LL));
    }
    f.region = *optional_region();
    f.activation = *rc::gen::arbitrary<bool>() ? 1.0 : *fraction();
    bool request_scoped = type == FaultType::rate_limit || type == FaultType::outage ||
                          type == FaultType::maintenance || type == FaultType::latency || type == FaultType::transport;
    if (request_scoped) {
      f.method = *rc::gen::element<std::string>("", "GET", "POST", "PUT", "PATCH", "DELETE");
      f.path = *path_glob();
      if (type != FaultType::rate_limit && *rc::gen::arbitrary<bool>()) {
        auto fams = api_families();
        f.family = std::string(fams[*rc::gen::inRange<std::size_t>(0, fams.size())].name);
      }
    }
    if (type != FaultType::rate_limit) f.probability = *rc::gen::arbitrary<bool>() ? 1.0 : *fraction();
    switch (type) {
      case FaultType::rate_limit:
        f.params = RateLimitFault{*rc::gen::inRange(1, 1000)};
        break;
      case FaultType::outage:
        f.params = OutageFault{*rc::gen::element(503, 504)};
        break;
      case FaultType::maintenance:
        if (f.family.empty()) f.family = "forecast-import";
        f.params = MaintenanceFault{};
        break;
      case FaultType::latency: {
        LatencyFault l;
        l.model = static_cast<LatencyModel>(*rc::gen::inRange(0, 3));
        if (l.model == LatencyModel::fixed) l.ms = *rc::gen::inRange<std::int64_t>(0, 60'000);
        if (l.model == LatencyModel::uniform) {
          l.min_ms = *rc::gen::inRange<std::int64_t>(0, 5'000);
          l.max_ms = l.min_ms + *rc::gen::inRange<std::int64_t>(0, 5'000);
        }
        if (l.model == LatencyModel::lognormal) {
          l.median_ms = *rc::gen::inRange<std::int64_t>(1, 5'000);
          l.sigma = *rc::gen::inRange(0, 301) / 100.0;
          l.max_ms = *rc::gen::inRange<std::int64_t>(1, 3'600'000);
        }
        f.params = l;
        break;
      }
      case FaultType::transport: {
        TransportFault t;
        t.action = static_cast<TransportAction>(*rc::gen::inRange(1, 6));
        if (t.action == TransportAction::slow_body) {
          t.bytes_per_chunk = *rc::gen::inRange(1, 4096);
          t.chunk_interval_ms = *rc::gen::inRange<std::int64_t>(0, 60'000);
        }
        f.params = t;
        break;
      }
      case FaultType::token: {
        TokenFault t;
        t.action = *rc::gen::arbitrary<bool>() ? TokenAction::short_lifetime : TokenAction::revoke_at;
        if (*rc::gen::arbitrary<bool>()) t.client_id = *utf8_text();
        if (t.action == TokenAction::short_lifetime) t.lifetime_ms = *rc::gen::inRange<std::int64_t>(1, 86'400'000);
        else f.duration.reset();
        f.params = t;
        break;
      }
      case FaultType::data: {
        DataFault d;
        d.action = static_cast<DataAction>(*rc::gen::inRange(0, 4));
        if (d.action == DataAction::rename_activity_code || d.action == DataAction::recategorise_activity_code) {
          d.business_unit = *utf8_text();
          d.activity_code = *utf8_text();
          if (d.action == DataAction::rename_activity_code) d.name = *utf8_text();
          else d.category = *rc::gen::element<std::string>("OnQueueWork", "Break", "Meal", "Meeting", "Training");
        } else {
          d.management_unit = *utf8_text();
          if (d.action == DataAction::remove_agents && *rc::gen::arbitrary<bool>())
            d.users = *rc::gen::nonEmpty(rc::gen::container<std::vector<std::string>>(utf8_text()));
          else
            d.count = *rc::gen::inRange(1, 10'001);
        }
        f.params = d;
        break;
      }
      case FaultType::clock_skew:
        f.params = ClockSkewFault{*rc::gen::inRange<std::int64_t>(-86'400'000, 86'400'000)};
        break;
      case FaultType::notification: {
        NotificationFault n;
        n.action = static_cast<NotificationAction>(*rc::gen::inRange(0, 7));
        if (n.action == NotificationAction::socket_drop || n.action == NotificationAction::socket_closing ||
            n.action == NotificationAction::channel_expire)
          f.duration.reset();
        if (n.action == NotificationAction::notification_delay) n.delay_ms = *rc::gen::inRange<std::int64_t>(1, 3'600'000);
        if (n.action == NotificationAction::socket_closing) n.grace_ms = *rc::gen::inRange<std::int64_t>(0, 600'000);
        f.params = n;
        break;
      }
    }
    return f;
  });
}

rc::Gen<std::vector<Fault>> valid_faults(int max_count) {
  return rc::gen::map(rc::gen::container<std::vector<Fault>>(valid_fault()), [max_count](std::vector<Fault> fs) {
    if (fs.size() > static_cast<std::size_t>(max_count)) fs.resize(static_cast<std::size_t>(max_count));
    for (std::size_t i = 0; i < fs.size(); ++i) fs[i].id = fmt::format("{}-{}", fault_type_name(fs[i].type()), i);
    return fs;
  });
}

}  // namespace mockgc::properties
