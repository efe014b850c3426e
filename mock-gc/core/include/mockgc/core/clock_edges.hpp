#pragma once
// Edge-case start instants for scenarios, computed from the IANA database through date/tz.h (never
// hand-rolled DST rules): the next DST change in a zone, the next local week start, New Year, 29 February.
// A scenario writes e.g. {"edge": "dst", "zone": "Europe/London", "after": "2026-01-01T00:00:00Z",
// "direction": "forward", "offset": "-PT1H"} to start one hour before London's spring-forward.
#include <string>
#include <string_view>

#include <nlohmann/json_fwd.hpp>

#include "mockgc/core/clock.hpp"

namespace mockgc::core {

enum class EdgeKind { dst, week, new_year, leap_day };
// forward = local clocks jump ahead (UTC offset grows, e.g. London in March, Sydney in October).
enum class DstDirection { any, forward, backward };

struct StartEdge {
  EdgeKind kind = EdgeKind::dst;
  std::string zone = "UTC";
  Instant after{};                           // the edge found is strictly later than this instant
  Millis offset{0};                          // added to the edge ("-PT1H" = one hour before it)
  DstDirection direction = DstDirection::any;  // dst only
  unsigned week_start = 1;                   // week only: 0 = Sunday … 6 = Saturday (a BU's startDayOfWeek)
  bool operator==(const StartEdge&) const = default;
};

// Default `after` when a scenario omits it: a fixed instant so runs never depend on the wall clock.
inline constexpr std::string_view kDefaultEdgeAfter = "2026-01-01T00:00:00Z";

// Each throws std::invalid_argument for an unknown zone, and next_dst_transition also when the zone has
// no matching transition within 100 years (e.g. Asia/Tokyo).
Instant next_dst_transition(std::string_view zone, Instant after, DstDirection direction = DstDirection::any);
// Next local midnight (or the first valid local instant, if midnight is skipped by DST) that starts a day
// with the given weekday (0 = Sunday).
Instant next_week_start(std::string_view zone, unsigned weekday, Instant after);
Instant next_new_year(std::string_view zone, Instant after);     // local 01-01 00:00
Instant next_leap_day(std::string_view zone, Instant after);     // local 02-29 00:00

Instant resolve_edge(const StartEdge& edge);

// Strict: unknown keys, bad zones, bad directions or weekdays throw std::invalid_argument naming the key.
StartEdge start_edge_from_json(const nlohmann::json& j);
nlohmann::json start_edge_to_json(const StartEdge& edge);

}  // namespace mockgc::core
