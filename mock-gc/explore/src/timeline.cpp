#include "mockgc/explore/timeline.hpp"

#include <array>

#include <fmt/format.h>

#include "mockgc/api/random.hpp"
#include "mockgc/api/time.hpp"

namespace mockgc::explore {
namespace {

using core::Millis;
using core::faults::Fault;
using core::faults::FaultType;
namespace f = core::faults;

// Parameter menus: a few values per kind, each one a fault an integration must survive.
constexpr std::array kPerMinute{1, 5, 20};  // 429 storms
constexpr std::array kOutageStatus{503, 504};
constexpr std::array<std::int64_t, 3> kLatencyMs{500, 2000, 8000};
constexpr std::array kTransport{f::TransportAction::reset, f::TransportAction::close_mid_body,
                                f::TransportAction::truncated_json, f::TransportAction::malformed_json};
constexpr std::array<std::int64_t, 2> kShortLifetimeMs{60'000, 300'000};
constexpr std::array<std::int64_t, 4> kSkewMs{-7'200'000, -90'000, 90'000, 7'200'000};
constexpr std::array kNotification{f::NotificationAction::socket_drop,        f::NotificationAction::socket_closing,
                                   f::NotificationAction::channel_expire,     f::NotificationAction::heartbeat_stop,
                                   f::NotificationAction::notification_delay, f::NotificationAction::notification_duplicate,
                                   f::NotificationAction::notification_drop};
constexpr std::array<std::int64_t, 2> kNotificationDelayMs{20'000, 120'000};

f::FaultParams draw_params(FaultType kind, api::Rng& rng, const Envelope& e, Fault& fault) {
  switch (kind) {
    case FaultType::rate_limit: return f::RateLimitFault{rng.pick(kPerMinute)};
    case FaultType::outage: return f::OutageFault{rng.pick(kOutageStatus)};
    case FaultType::maintenance: fault.family = rng.pick(e.families); return f::MaintenanceFault{};
    case FaultType::latency: {
      f::LatencyFault l;
      l.ms = rng.pick(kLatencyMs);
      return l;
    }
    case FaultType::transport: {
      f::TransportFault t;
      t.action = rng.pick(kTransport);
      return t;
    }
    case FaultType::token: {
      f::TokenFault t;
      if (rng.chance(0.5)) {
        t.action = f::TokenAction::revoke_at;  // an instant: no window
      } else {
        t.action = f::TokenAction::short_lifetime;
        t.lifetime_ms = rng.pick(kShortLifetimeMs);
      }
      return t;
    }
    case FaultType::clock_skew: return f::ClockSkewFault{rng.pick(kSkewMs)};
    case FaultType::notification: {
      f::NotificationFault n;
      n.action = rng.pick(kNotification);
      if (n.action == f::NotificationAction::notification_delay) n.delay_ms = rng.pick(kNotificationDelayMs);
      return n;
    }
    case FaultType::data: break;
  }
  return f::OutageFault{};  // data faults change the world, not its weather: never drawn (drawable_kinds)
}

bool is_instant(const Fault& fault) {
  if (const auto* t = std::get_if<f::TokenFault>(&fault.params)) return t->action == f::TokenAction::revoke_at;
  if (const auto* n = std::get_if<f::NotificationFault>(&fault.params)) return f::is_instant(n->action);
  return false;
}

}  // namespace

Timeline draw_timeline(const Envelope& e, std::uint64_t seed, std::uint64_t index) {
  api::Rng rng(api::derive_seed(seed, "explore-case", index));
  const auto n = rng.between(e.min_faults, e.max_faults);
  const std::int64_t slots = (e.until - e.from) / e.step;  // >= 1 (parse_envelope)
  Timeline out;
  for (std::int64_t i = 0; i < n; ++i) {
    Fault fault;
    fault.id = fmt::format("explore-{}", i + 1);
    const FaultType kind = rng.pick(e.kinds);
    // Every region is drawn as often as each single one when the envelope spans the whole world.
    fault.region = e.every_region && e.regions.size() > 1 && rng.below(e.regions.size() + 1) == 0 ? std::string()
                                                                                                  : rng.pick(e.regions);
    const auto start_slot = rng.between(0, slots - 1);
    fault.at = e.from + e.step * start_slot;
    fault.params = draw_params(kind, rng, e, fault);
    if (!is_instant(fault)) {
      const std::int64_t longest =
          std::max<std::int64_t>(1, std::min<std::int64_t>(e.longest / e.step, slots - start_slot));
      fault.duration = e.step * rng.between(1, longest);
    }
    out.push_back(std::move(fault));
  }
  return out;
}

std::vector<ShrinkCandidate> shrink_candidates(const Timeline& timeline, const Envelope& e) {
  std::vector<ShrinkCandidate> out;
  if (timeline.size() > 1)
    for (std::size_t i = 0; i < timeline.size(); ++i) {
      Timeline t = timeline;
      t.erase(t.begin() + static_cast<std::ptrdiff_t>(i));
      out.push_back({std::move(t), "removed " + timeline[i].id});
    }
  for (std::size_t i = 0; i < timeline.size(); ++i) {
    if (!timeline[i].region.empty()) continue;
    for (const auto& region : e.regions) {
      Timeline t = timeline;
      t[i].region = region;
      out.push_back({std::move(t), fmt::format("{}: all regions -> {}", timeline[i].id, region)});
    }
  }
  for (std::size_t i = 0; i < timeline.size(); ++i) {
    const auto& d = timeline[i].duration;
    if (!d || *d < 2 * e.step) continue;
    Timeline t = timeline;
    t[i].duration = e.step * ((*d / e.step) / 2);
    auto change =
        fmt::format("{}: for {} -> {}", timeline[i].id, api::format_duration(*d), api::format_duration(*t[i].duration));
    out.push_back({std::move(t), std::move(change)});
  }
  for (std::size_t i = 0; i < timeline.size(); ++i) {
    const Fault& fault = timeline[i];
    // Half the remaining window later (in whole steps); a window keeps its end.
    const Millis room = fault.duration ? *fault.duration : e.until - fault.at;
    const std::int64_t shift = (room / e.step) / 2;
    if (shift < 1) continue;
    Timeline t = timeline;
    t[i].at += e.step * shift;
    if (fault.duration) t[i].duration = *fault.duration - e.step * shift;
    auto change =
        fmt::format("{}: at {} -> {}", fault.id, api::format_duration(fault.at), api::format_duration(t[i].at));
    out.push_back({std::move(t), std::move(change)});
  }
  return out;
}

std::string describe(const Fault& fault) {
  std::string what(f::fault_type_name(fault.type()));
  std::visit(
      [&](const auto& p) {
        using P = std::decay_t<decltype(p)>;
        if constexpr (std::is_same_v<P, f::RateLimitFault>) what += fmt::format(" {}/min", p.per_minute);
        if constexpr (std::is_same_v<P, f::OutageFault>) what += fmt::format(" {}", p.status);
        if constexpr (std::is_same_v<P, f::MaintenanceFault>) what += " " + fault.family;
        if constexpr (std::is_same_v<P, f::LatencyFault>) what += fmt::format(" {}ms", p.ms);
        if constexpr (std::is_same_v<P, f::TransportFault>)
          what += fmt::format(" {}", f::transport_action_name(p.action));
        if constexpr (std::is_same_v<P, f::TokenFault>)
          what += p.action == f::TokenAction::revoke_at ? std::string(" revoke")
                                                        : " lifetime " + api::format_duration(Millis(p.lifetime_ms));
        if constexpr (std::is_same_v<P, f::ClockSkewFault>) what += " " + api::format_duration(Millis(p.skew_ms));
        if constexpr (std::is_same_v<P, f::NotificationFault>) {
          what += fmt::format(" {}", f::notification_action_name(p.action));
          if (p.action == f::NotificationAction::notification_delay)
            what += " by " + api::format_duration(Millis(p.delay_ms));
        }
      },
      fault.params);
  const std::string region = fault.region.empty() ? "all regions" : fault.region;
  if (is_instant(fault)) return fmt::format("{} {} at {}", what, region, api::format_duration(fault.at));
  return fmt::format("{} {} at {} for {}", what, region, api::format_duration(fault.at),
                     fault.duration ? api::format_duration(*fault.duration) : std::string("the rest of the run"));
}

std::string describe(const Timeline& timeline) {
  if (timeline.empty()) return "no fault";
  std::vector<std::string> parts;
  for (const auto& fault : timeline) parts.push_back(describe(fault));
  return fmt::format("{}", fmt::join(parts, "; "));
}

}  // namespace mockgc::explore
