#include "mockgc/reports/svg.hpp"

#include <gtest/gtest.h>

namespace mockgc::reports::svg {
namespace {

using namespace std::chrono_literals;

TEST(SvgNum, TwoDecimalsNoTrailingZerosNoNegativeZero) {
  EXPECT_EQ(num(12), "12");
  EXPECT_EQ(num(3.5), "3.5");
  EXPECT_EQ(num(0.254), "0.25");
  EXPECT_EQ(num(-0.001), "0");
  EXPECT_EQ(num(-2.5), "-2.5");
  EXPECT_EQ(num(1.0 / 0.0), "0");
  EXPECT_EQ(count(999), "999");
  EXPECT_EQ(count(1234), "1.2k");
  EXPECT_EQ(count(2500000), "2.5M");
}

TEST(SvgScales, LinearAndTime) {
  const LinearScale y{0, 100, 200, 0};
  EXPECT_DOUBLE_EQ(y(0), 200);
  EXPECT_DOUBLE_EQ(y(50), 100);
  EXPECT_DOUBLE_EQ((LinearScale{5, 5, 7, 9})(5), 7);
  const api::Instant t0{api::Millis{0}};
  const TimeScale x{t0, t0 + 10min, 0, 600};
  EXPECT_DOUBLE_EQ(x(t0 + 5min), 300);
}

TEST(SvgTicks, NiceStepsCoverTheRange) {
  EXPECT_EQ(nice_ticks(0, 10, 5), (std::vector<double>{0, 2, 4, 6, 8, 10}));
  EXPECT_EQ(nice_ticks(0, 87, 5), (std::vector<double>{0, 20, 40, 60, 80, 100}));
  EXPECT_EQ(nice_max(87), 100);
  EXPECT_EQ(nice_max(0), 1);
}

TEST(SvgTicks, TimeTicksAtRoundMinutes) {
  const api::Instant lo = *api::parse_instant("2024-03-11T09:03:00Z");
  const auto ticks = time_ticks(lo, lo + 57min, 6);
  ASSERT_FALSE(ticks.empty());
  EXPECT_EQ(ticks.front().label, "09:10");
  EXPECT_EQ(ticks[1].label, "09:20");
  EXPECT_EQ(ticks.back().label, "10:00");
  const auto days = time_ticks(lo, lo + 72h, 4);
  ASSERT_FALSE(days.empty());
  EXPECT_EQ(days.front().label, "03-12 00:00");
}

TEST(SvgCanvas, BandsBarsAndEscapedText) {
  Canvas c{200, 100, "timeline <eu>"};
  c.band(10, 50, 0, 90, "outage \"APAC\"");
  c.stacked_bars({{0, 10, {2, 3}, "09:00 <5>"}}, LinearScale{0, 5, 90, 0}, {"ok", "server"});
  c.text(1, 2, "a&b");
  c.open_group("unclosed");
  const std::string s = c.str();
  EXPECT_NE(s.find(R"(<g class="band" data-name="outage &quot;APAC&quot;">)"), std::string::npos);
  EXPECT_NE(s.find(R"(<rect x="0" y="54" width="10" height="36" class="ok"/>)"), std::string::npos);
  EXPECT_NE(s.find(R"(<rect x="0" y="0" width="10" height="54" class="server"/>)"), std::string::npos);
  EXPECT_NE(s.find("<title>09:00 &lt;5&gt;</title>"), std::string::npos);
  EXPECT_NE(s.find(">a&amp;b</text>"), std::string::npos);
  EXPECT_NE(s.find("aria-label=\"timeline &lt;eu&gt;\""), std::string::npos);
  EXPECT_EQ(s.substr(s.size() - 10), "</g></svg>");
}

}  // namespace
}  // namespace mockgc::reports::svg
