#pragma once
// ISO-8601 as mock-gc speaks it, everywhere: request bodies and query parameters, scenario files, the admin
// API, the journal and the client all read and write time through this header (no second parser).
//
// Instants. Written as "2024-03-11T08:00:00.000Z" (UTC, milliseconds: Genesys' yyyy-MM-ddTHH:mm:ss.SSSZ).
// Read with this grammar (ASCII, no surrounding space):
//   instant  = date ("T" | "t") time zone
//   date     = YYYY "-" MM "-" DD                      a real calendar day (no Feb 30)
//   time     = HH ":" MM [ ":" SS [ "." 1*9DIGIT ] ]   00..23, 00..59, 00..59; seconds default to 0
//   zone     = "Z" | "z" | ("+" | "-") HH [":"] MM     offset up to ±18:59
// Fraction digits past the third are dropped (truncated to the millisecond). Calendar validity is
// checked through date/tz.h; no hand-written calendar rules.
//
// Durations. Written canonically as "PT0S", "PT1H30M", "-PT0.250S", "PT36H" (hours not folded into days).
// Read with this grammar:
//   duration = ["+" | "-"] "P" [n "W"] [n "D"] ["T" [n "H"] [n "M"] [n ["." | ","] 1*3DIGIT "S"]]
// at least one component, units in that order, n = 1*12DIGIT; no years or months (their length varies);
// a fraction only on seconds, finer than a millisecond rejected rather than rounded.
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
// "2024-03-11T08:00:00Z": the instant truncated to the second (intervals the reference client asks for).
std::string format_instant_seconds(Instant t);
// The instant grammar above; nullopt when `text` does not match it.
std::optional<Instant> parse_instant(std::string_view text);

// The duration grammar above; nullopt otherwise. parse_duration(format_duration(d)) == d for every d.
std::optional<std::chrono::milliseconds> parse_duration(std::string_view text);
std::string format_duration(std::chrono::milliseconds d);

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
