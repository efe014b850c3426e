#pragma once
// Domain-valid RapidCheck generators shared by the property suites: valid UTF-8 names, small valid
// scenarios, and a world fingerprint for equality checks.
#include <rapidcheck.h>

#include <string>

#include "mockgc/core/scenario.hpp"
#include "mockgc/core/world.hpp"

namespace mockgc::properties {

// 1..max_chars code points from ASCII letters, spaces, Latin-1 accents, Greek, CJK and an emoji: always
// valid UTF-8 (never arbitrary bytes, which nlohmann rejects).
rc::Gen<std::string> utf8_name(int max_chars = 16);
// A valid scenario: 1..3 orgs in distinct regions, small sizes, optional shared agents.
rc::Gen<core::Scenario> small_scenario();
// ISO-8601 instant text in every spelling the grammar of mockgc/api/time.hpp accepts (seconds or not,
// 0..9 fraction digits, Z/z or an offset with or without a colon, T/t), and about as often a near miss: one
// character dropped, doubled or replaced, or one field just out of range (month 13, Feb 30, hour 24,
// offset 19:00, ten fraction digits, no zone).
rc::Gen<std::string> instant_text();
// Every generated fact of a world as text (ids, names, emails, memberships, codes), for equality checks.
std::string fingerprint(const core::World& world);

}  // namespace mockgc::properties

namespace rc {
template <>
struct Arbitrary<mockgc::core::Scenario> {
  static Gen<mockgc::core::Scenario> arbitrary() { return mockgc::properties::small_scenario(); }
};
}  // namespace rc
