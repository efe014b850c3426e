#pragma once
// ISO-8601 text for the clock: instants ("2026-03-29T01:00:00.000Z") and durations ("PT1H", "-PT30M",
// "P1DT2H", "PT0.5S"). Used by clock, fault and journal JSON so every file speaks the same time format.
#include <optional>
#include <string>
#include <string_view>

#include "mockgc/core/clock.hpp"

namespace mockgc::core {

// Accepts "YYYY-MM-DDTHH:MM:SS[.fff](Z|±HH:MM)"; nullopt for anything else.
std::optional<Instant> parse_instant(std::string_view text);
// Always UTC with milliseconds: "2026-03-29T01:00:00.000Z" (Genesys' yyyy-MM-ddTHH:mm:ss.SSSZ).
std::string format_instant(Instant t);

// Accepts "[-]P[nW][nD][T[nH][nM][n[.fff]S]]" (at least one component, no years/months: their length
// varies); nullopt otherwise. Fractions finer than a millisecond are rejected rather than rounded.
std::optional<Millis> parse_duration(std::string_view text);
// Canonical form, hours not folded into days: "PT0S", "PT1H30M", "-PT0.250S", "PT36H".
// parse_duration(format_duration(d)) == d for every d.
std::string format_duration(Millis d);

}  // namespace mockgc::core
