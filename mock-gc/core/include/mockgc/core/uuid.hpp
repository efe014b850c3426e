#pragma once
// UUIDv4-shaped identifiers ("3f2b…-…-4…-[89ab]…-…"), drawn from a seeded Rng so worlds are reproducible.
#include <cstdint>
#include <string>
#include <string_view>

#include "mockgc/core/rng.hpp"

namespace mockgc::core {

std::string make_uuid(Rng& rng);
// The UUID for two 64-bit words (used for correlation ids derived from seed + request counter).
std::string uuid_from_words(std::uint64_t hi, std::uint64_t lo);
// Lowercase 8-4-4-4-12 hex with version 4 and an RFC 4122 variant.
bool is_uuid_v4(std::string_view s);

}  // namespace mockgc::core
