#pragma once
// ISO-8601 as Genesys speaks it: instants go out as "2024-03-11T08:00:00.000Z" (UTC, milliseconds) and
// come in with any offset ("…Z", "…+10:00", "…-0500"), with or without fractional seconds.
// Calendar validity (Feb 30, hour 25) is checked through date/tz.h; no hand-written calendar rules.
#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace mockgc::api {

// The time vocabulary of server, client and tools: instants are UTC milliseconds.
using Millis = std::chrono::milliseconds;
using Instant = std::chrono::sys_time<Millis>;

// "2024-03-11T08:00:00.000Z"
std::string format_instant(Instant t);
// Accepts YYYY-MM-DDTHH:MM[:SS[.f{1,9}]](Z|±HH:MM|±HHMM); lowercase 't'/'z' too. nullopt when invalid.
std::optional<Instant> parse_instant(std::string_view text);
// "2024-03-11" (a local calendar date; no zone). nullopt when invalid.
std::optional<std::chrono::sys_days> parse_local_date(std::string_view text);
std::string format_local_date(std::chrono::sys_days day);

// HTTP `Date` (RFC 9110 IMF-fixdate, always GMT, whole seconds): "Sun, 06 Nov 1994 08:49:37 GMT".
std::string format_http_date(Instant t);
// Accepts IMF-fixdate only (the form every current server sends). nullopt when invalid.
std::optional<Instant> parse_http_date(std::string_view text);

// Genesys' invalid.date message, verbatim (genesys-api.md §3).
inline constexpr std::string_view kInvalidDateMessage =
    "Dates must be specified as ISO-8601 strings. For example: yyyy-MM-ddTHH:mm:ss.SSSZ";

}  // namespace mockgc::api
