#pragma once
// ASCII case folding for the protocol's case-insensitive tokens (header names, schemes, hosts, media
// types, "Bearer") and for keys mock-gc compares without case (e-mail addresses, activity code names).
// Locale-independent: only 'A'..'Z' fold.
#include <string>
#include <string_view>

namespace mockgc::api {

bool iequals(std::string_view a, std::string_view b);
std::string lower(std::string_view s);

}  // namespace mockgc::api
