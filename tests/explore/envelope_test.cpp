#include "mockgc/explore/envelope.hpp"

#include <string>

#include <gtest/gtest.h>

namespace mockgc::explore {
namespace {

using core::faults::FaultType;
using namespace std::chrono_literals;

const EnvelopeDefaults kDefaults{{"eu_central_1", "ap_southeast_2"}, core::Millis(10min)};

std::string error_of(const std::string& section) {
  try {
    parse_envelope(section, kDefaults, "s.json");
  } catch (const EnvelopeError& e) {
    return e.what();
  }
  return "(no error)";
}

TEST(Envelope, DefaultIsEveryKindEveryRegionOneToThreeInsideTheLimit) {
  const auto e = parse_envelope("", kDefaults, "s.json");
  EXPECT_EQ(e.kinds, drawable_kinds());
  EXPECT_EQ(e.regions, kDefaults.regions);
  EXPECT_TRUE(e.every_region);
  EXPECT_FALSE(e.families.empty());
  EXPECT_EQ(e.min_faults, 1);
  EXPECT_EQ(e.max_faults, 3);
  EXPECT_EQ(e.from, core::Millis(0));
  EXPECT_EQ(e.until, core::Millis(10min));
  EXPECT_EQ(e.step, core::Millis(50s));  // a twelfth of the window
  EXPECT_EQ(e.longest, core::Millis(10min));
  EXPECT_EQ(parse_envelope("{}", kDefaults, "s.json").kinds, e.kinds);
}

TEST(Envelope, KeysNarrowItAndListsComeBackInCanonicalOrder) {
  const auto e = parse_envelope(
      R"({"kinds": ["token", "outage"], "regions": ["ap_southeast_2"], "families": ["adherence"], "min_faults": 2,
          "max_faults": 2, "from": "PT1M", "until": "PT4M", "step": "PT30S", "longest": "PT1M"})",
      kDefaults, "s.json");
  EXPECT_EQ(e.kinds, (std::vector<FaultType>{FaultType::outage, FaultType::token}));
  EXPECT_EQ(e.regions, std::vector<std::string>{"ap_southeast_2"});
  EXPECT_FALSE(e.every_region);
  EXPECT_EQ(e.families, std::vector<std::string>{"adherence"});
  EXPECT_EQ(e.min_faults, 2);
  EXPECT_EQ(e.from, core::Millis(1min));
  EXPECT_EQ(e.until, core::Millis(4min));
  EXPECT_EQ(e.step, core::Millis(30s));
  EXPECT_EQ(e.longest, core::Millis(1min));
  EXPECT_EQ(describe(e),
            "kinds outage, token; regions ap_southeast_2; 2-2 faults; window PT1M-PT4M in steps of "
            "PT30S, each at most PT1M");
}

TEST(Envelope, BadKeysAndValuesNameTheSourceAndPointer) {
  EXPECT_EQ(error_of(R"({"depth": 3})"),
            "s.json: /explore/depth: unknown key 'depth' (allowed here: kinds, regions, families, min_faults, "
            "max_faults, from, until, step, longest)");
  EXPECT_NE(error_of(R"({"kinds": ["outage", "storm"]})")
                .find("s.json: /explore/kinds/1: unknown fault kind 'storm' (known: rate_limit, outage"),
            std::string::npos);
  EXPECT_NE(error_of(R"({"kinds": ["data"]})").find("/explore/kinds/0: unknown fault kind 'data'"), std::string::npos);
  EXPECT_EQ(error_of(R"({"kinds": "outage"})"), "s.json: /explore/kinds: must be an array of strings");
  EXPECT_EQ(error_of(R"({"kinds": ["outage", "outage"]})"), "s.json: /explore/kinds/1: 'outage' is listed twice");
  EXPECT_EQ(error_of(R"({"regions": ["us_east_1"]})"),
            "s.json: /explore/regions/0: unknown region 'us_east_1' (known: eu_central_1, ap_southeast_2)");
  EXPECT_EQ(error_of(R"({"until": "10 minutes"})"),
            "s.json: /explore/until: '10 minutes' is not an ISO-8601 duration (e.g. PT10M, PT30S)");
  EXPECT_EQ(error_of(R"({"max_faults": 11})"), "s.json: /explore/max_faults: must be between 1 and 10");
  EXPECT_EQ(error_of(R"({"min_faults": 0})"), "s.json: /explore/min_faults: must be between 1 and 10");
  EXPECT_EQ(error_of(R"({"min_faults": 3, "max_faults": 2})"),
            "s.json: /explore/min_faults: 3 is more than max_faults (2)");
}

TEST(Envelope, AnEnvelopeThatAllowsNothingIsAnError) {
  EXPECT_EQ(error_of(R"({"kinds": []})"),
            "s.json: /explore/kinds: the envelope allows no fault: no fault kind is listed");
  EXPECT_EQ(error_of(R"({"regions": []})"),
            "s.json: /explore/regions: the envelope allows no fault: no region is listed");
  EXPECT_EQ(error_of(R"({"from": "PT5M", "until": "PT5M"})"),
            "s.json: /explore/until: the envelope allows no fault: the window PT5M-PT5M is empty");
  EXPECT_EQ(error_of(R"({"until": "PT1M", "step": "PT2M"})"),
            "s.json: /explore/step: the envelope allows no fault: the step PT2M is longer than the window PT1M");
  EXPECT_EQ(error_of(R"({"step": "PT1M", "longest": "PT30S"})"),
            "s.json: /explore/longest: the envelope allows no fault: the longest window PT30S is shorter than the "
            "step PT1M");
  EXPECT_EQ(error_of(R"({"kinds": ["maintenance"], "families": []})"),
            "s.json: /explore/families: the envelope allows no fault: maintenance is the only kind and no API family "
            "is listed");
  // Other kinds left: maintenance is dropped, not an error.
  const auto e = parse_envelope(R"({"kinds": ["maintenance", "outage"], "families": []})", kDefaults, "s.json");
  EXPECT_EQ(e.kinds, std::vector<FaultType>{FaultType::outage});
}

}  // namespace
}  // namespace mockgc::explore
