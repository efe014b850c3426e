// One ISO-8601 grammar at every door: a generated instant text (valid or a near miss) is accepted or
// refused alike by a request body, a scenario file's clock.start and POST /mockgc/admin/clock/set, and
// exactly when mockgc/api/time.hpp parses it.
#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include "mockgc/api/time.hpp"
#include "support/generators.hpp"
#include "support/instant_entry_points.hpp"

using namespace mockgc;

namespace {

mockgc::testing::InstantEntryPoints& doors() {
  static mockgc::testing::InstantEntryPoints shared;
  return shared;
}

RC_GTEST_PROP(InstantEntryPoints, RequestBodyScenarioAndAdminAcceptTheSameInstants, ()) {
  const auto text = *properties::instant_text();
  const auto parsed = api::parse_instant(text);
  const auto v = doors().verdicts(text);
  RC_TAG(parsed ? "valid" : "invalid");
  RC_ASSERT(v.request_body == parsed.has_value());
  RC_ASSERT(v.scenario == parsed.has_value());
  RC_ASSERT(v.admin == parsed.has_value());
  if (parsed) RC_ASSERT(v.scenario_start == parsed);
  if (v.admin_now) RC_ASSERT(*v.admin_now == *parsed);
}

}  // namespace
