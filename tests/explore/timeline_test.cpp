#include "mockgc/explore/timeline.hpp"

#include <set>

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

namespace mockgc::explore {
namespace {

using core::Millis;
using core::faults::Fault;
using namespace std::chrono_literals;

Envelope envelope(const std::string& section = "") {
  return parse_envelope(section, {{"eu_central_1", "ap_southeast_2", "us_east_1"}, Millis(10min)}, "s.json");
}

// Every drawn or shrunk fault stays inside the envelope.
void expect_inside(const Timeline& t, const Envelope& e) {
  for (const auto& f : t) {
    EXPECT_NE(std::find(e.kinds.begin(), e.kinds.end(), f.type()), e.kinds.end()) << describe(f);
    if (f.region.empty())
      EXPECT_TRUE(e.every_region);
    else
      EXPECT_NE(std::find(e.regions.begin(), e.regions.end(), f.region), e.regions.end());
    EXPECT_GE(f.at, e.from);
    EXPECT_LT(f.at, e.until);
    EXPECT_EQ((f.at - e.from) % e.step, Millis(0));
    if (f.duration) {
      EXPECT_GE(*f.duration, e.step);
      EXPECT_EQ(*f.duration % e.step, Millis(0));
      EXPECT_LE(*f.duration, e.longest);
      EXPECT_LE(f.at + *f.duration, e.until);
    }
    EXPECT_EQ(f.probability, 1.0);
    EXPECT_EQ(f.activation, 1.0);
  }
}

TEST(Timeline, SameSeedAndCaseSameTimelineCasesDiffer) {
  const auto e = envelope();
  EXPECT_EQ(draw_timeline(e, 7, 3), draw_timeline(e, 7, 3));
  std::set<std::string> seen;
  for (std::uint64_t k = 1; k <= 20; ++k) seen.insert(describe(draw_timeline(e, 7, k)));
  EXPECT_GT(seen.size(), 15u);
  EXPECT_NE(describe(draw_timeline(e, 7, 1)), describe(draw_timeline(e, 8, 1)));
}

TEST(Timeline, DrawsStayInsideTheEnvelopeAndCoverIt) {
  for (const auto* section : {"", R"({"kinds": ["outage", "token"], "regions": ["us_east_1"], "min_faults": 2,
                                      "max_faults": 4, "from": "PT2M", "until": "PT5M", "step": "PT1M", "longest": "PT2M"})"}) {
    const auto e = envelope(section);
    std::set<std::size_t> counts;
    std::set<core::faults::FaultType> kinds;
    bool every_region = false;
    for (std::uint64_t k = 1; k <= 300; ++k) {
      const auto t = draw_timeline(e, 1, k);
      counts.insert(t.size());
      for (std::size_t i = 0; i < t.size(); ++i) {
        EXPECT_EQ(t[i].id, "explore-" + std::to_string(i + 1));
        kinds.insert(t[i].type());
        every_region |= t[i].region.empty();
      }
      expect_inside(t, e);
    }
    EXPECT_EQ(*counts.begin(), static_cast<std::size_t>(e.min_faults));
    EXPECT_EQ(*counts.rbegin(), static_cast<std::size_t>(e.max_faults));
    EXPECT_EQ(kinds.size(), e.kinds.size());
    EXPECT_EQ(every_region, e.every_region);
  }
}

Fault outage(std::string id, std::string region, Millis at, std::optional<Millis> duration) {
  Fault f;
  f.id = std::move(id);
  f.region = std::move(region);
  f.at = at;
  f.duration = duration;
  f.params = core::faults::OutageFault{503};
  return f;
}

TEST(Timeline, ShrinkCandidatesComeFewerFaultsRegionsShorterThenLater) {
  const auto e = envelope(R"({"step": "PT1M"})");
  const Timeline t = {outage("explore-1", "", Millis(2min), Millis(4min)),
                      outage("explore-2", "us_east_1", Millis(0), Millis(1min))};
  std::vector<std::string> changes;
  for (const auto& c : shrink_candidates(t, e)) {
    changes.push_back(c.change);
    expect_inside(c.timeline, e);
  }
  EXPECT_EQ(changes, (std::vector<std::string>{
                         "removed explore-1", "removed explore-2", "explore-1: all regions -> eu_central_1",
                         "explore-1: all regions -> ap_southeast_2", "explore-1: all regions -> us_east_1",
                         "explore-1: for PT4M -> PT2M", "explore-1: at PT2M -> PT4M"}));
  const auto later = shrink_candidates(t, e).back().timeline;
  EXPECT_EQ(later[0].at, Millis(4min));
  EXPECT_EQ(later[0].duration, Millis(2min));  // the window keeps its end
}

TEST(Timeline, TheLastFaultIsNeverRemovedAndARevocationMovesWithinTheWindow) {
  const auto e = envelope(R"({"step": "PT1M"})");
  Fault revoke;
  revoke.id = "explore-1";
  revoke.region = "eu_central_1";
  revoke.at = Millis(4min);
  revoke.params = core::faults::TokenFault{core::faults::TokenAction::revoke_at, "", 0};
  const auto c = shrink_candidates({revoke}, e);
  ASSERT_EQ(c.size(), 1u);
  EXPECT_EQ(c[0].change, "explore-1: at PT4M -> PT7M");
  EXPECT_TRUE(shrink_candidates({outage("explore-1", "eu_central_1", Millis(9min), Millis(1min))}, e).empty());
}

TEST(Timeline, GreedyShrinkingAlwaysEnds) {
  // Whatever is accepted, the timeline gets strictly smaller: accepting every first candidate must end.
  const auto e = envelope(R"({"step": "PT10S", "max_faults": 5})");
  for (std::uint64_t k = 1; k <= 50; ++k) {
    Timeline t = draw_timeline(e, 3, k);
    int steps = 0;
    for (auto c = shrink_candidates(t, e); !c.empty(); c = shrink_candidates(t, e)) {
      t = c.front().timeline;
      ASSERT_LT(++steps, 1000);
    }
    EXPECT_EQ(t.size(), 1u);
  }
}

TEST(Timeline, DescribeSaysKindRegionAndWindow) {
  EXPECT_EQ(describe(outage("explore-1", "", Millis(1min), Millis(2min))), "outage 503 all regions at PT1M for PT2M");
  Fault storm = outage("explore-2", "eu_central_1", Millis(0), std::nullopt);
  storm.params = core::faults::RateLimitFault{5};
  EXPECT_EQ(describe(storm), "rate_limit 5/min eu_central_1 at PT0S for the rest of the run");
  EXPECT_EQ(describe(Timeline{}), "no fault");
}

TEST(Timeline, NotificationFaultsAreDrawnAsTheScenarioLoaderAcceptsThem) {
  const auto e = envelope(R"({"kinds": ["notification"]})");
  std::set<std::string> actions;
  for (std::uint64_t k = 1; k <= 200; ++k)
    for (const auto& f : draw_timeline(e, 3, k)) {
      const auto& n = std::get<core::faults::NotificationFault>(f.params);
      actions.insert(std::string(core::faults::notification_action_name(n.action)));
      EXPECT_EQ(!f.duration, core::faults::is_instant(n.action)) << describe(f);
      // What a counterexample file holds parses back to the same fault.
      const auto back = core::faults::FaultPlan::parse_fault(core::faults::FaultPlan::fault_json(f), "/faults/0", 0,
                                                            core::Instant{});
      EXPECT_EQ(back, f) << describe(f);
    }
  EXPECT_EQ(actions.size(), 7u);
  Fault drop = outage("explore-1", "eu_central_1", Millis(1min), std::nullopt);
  drop.params = core::faults::NotificationFault{core::faults::NotificationAction::socket_drop};
  EXPECT_EQ(describe(drop), "notification socket_drop eu_central_1 at PT1M");
  Fault late = outage("explore-2", "", Millis(0), Millis(2min));
  late.params = core::faults::NotificationFault{core::faults::NotificationAction::notification_delay, 20'000};
  EXPECT_EQ(describe(late), "notification notification_delay by PT20S all regions at PT0S for PT2M");
}

}  // namespace
}  // namespace mockgc::explore
