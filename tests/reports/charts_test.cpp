// The reusable charts: element counts a reader (and the browser test) relies on, order, marks, escaping of
// names and byte determinism.
#include <gtest/gtest.h>

#include <regex>
#include <string>
#include <vector>

#include "mockgc/reports/charts/daily_bars.hpp"
#include "mockgc/reports/charts/fan_chart.hpp"
#include "mockgc/reports/charts/share_bars.hpp"
#include "mockgc/reports/charts/tornado_chart.hpp"
#include "mockgc/reports/html.hpp"

namespace mockgc::reports::charts {
namespace {

std::size_t occurrences(const std::string& text, const std::string& what) {
  std::size_t n = 0;
  for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at + what.size())) ++n;
  return n;
}

// The values of attribute `name` on every element with tag `tag` whose class starts with `cls`.
std::vector<std::string> attribute_of(const std::string& svg, const std::string& tag, const std::string& cls,
                                      const std::string& name) {
  std::vector<std::string> out;
  const std::regex element("<" + tag + R"(\b[^>]*>)");
  for (auto it = std::sregex_iterator(svg.begin(), svg.end(), element); it != std::sregex_iterator(); ++it) {
    const std::string e = it->str();
    if (e.find("class=\"" + cls) == std::string::npos) continue;
    std::smatch m;
    if (std::regex_search(e, m, std::regex(" " + name + "=\"([^\"]*)\""))) out.push_back(m[1]);
  }
  return out;
}

FanChart fan(std::size_t periods, bool plan = true) {
  FanChart c{"FTE per week", "FTE", {}};
  for (std::size_t i = 0; i < periods; ++i) {
    const double base = 100.0 + 3.0 * static_cast<double>(i);
    c.periods.push_back({"2026-01-" + std::to_string(5 + i), {base - 20, base - 8, base, base + 9, base + 25},
                         plan ? std::optional<double>(base + 1) : std::nullopt});
  }
  return c;
}

TEST(FanChart, FivePercentileLinesAndTwoBandsWithTwoPointsPerPeriod) {
  for (const std::size_t n : {1U, 4U, 26U}) {
    SCOPED_TRACE(n);
    const auto svg = fan_chart_svg(fan(n));
    const auto lines = attribute_of(svg, "polyline", "fan-line", "points");
    ASSERT_EQ(lines.size(), 5U);
    for (const auto& points : lines) EXPECT_EQ(occurrences(points, ","), 2 * n) << points;
    const auto bands = attribute_of(svg, "path", "fan-band", "d");
    ASSERT_EQ(bands.size(), 2U);
    for (const auto& d : bands) EXPECT_EQ(occurrences(d, ","), 4 * n) << d;  // top edge out, bottom edge back
    EXPECT_EQ(attribute_of(svg, "polyline", "plan-line", "points").size(), 1U);
    EXPECT_EQ(attribute_of(svg, "rect", "hover", "x").size(), n);
    for (const char* q : {"P5", "P25", "P50", "P75", "P95"})
      EXPECT_EQ(occurrences(svg, std::string("data-q=\"") + q + "\""), 1U) << q;
  }
}

TEST(FanChart, PercentilesAreOrderedTopToBottomAndThePlanLineIsOptional) {
  const auto svg = fan_chart_svg(fan(3, false));
  EXPECT_TRUE(attribute_of(svg, "polyline", "plan-line", "points").empty());
  // SVG y grows downwards: P95's first point lies above P5's.
  const auto lines = attribute_of(svg, "polyline", "fan-line", "points");
  ASSERT_EQ(lines.size(), 5U);
  const auto first_y = [](const std::string& pts) { return std::stod(pts.substr(pts.find(',') + 1)); };
  for (std::size_t q = 1; q < lines.size(); ++q) EXPECT_LT(first_y(lines[q]), first_y(lines[q - 1])) << q;
}

TEST(TornadoChart, BarsAreSortedBySwingWidestFirst) {
  TornadoChart c{"drivers", "FTE", 100, "plan 100",
                 {{"aht", 97, 104, ""}, {"volume", 80, 125, "61 %"}, {"none", 100, 100, ""}, {"attrition", 90, 108, ""}}};
  const auto sorted = sorted_by_swing(c.bars);
  ASSERT_EQ(sorted.size(), 4U);
  EXPECT_EQ(sorted[0].label, "volume");
  EXPECT_EQ(sorted[1].label, "attrition");
  EXPECT_EQ(sorted[2].label, "aht");
  EXPECT_EQ(sorted[3].label, "none");
  const auto svg = tornado_chart_svg(c);
  EXPECT_EQ(attribute_of(svg, "g", "tornado-bar", "data-name"),
            (std::vector<std::string>{"volume", "attrition", "aht", "none"}));
  EXPECT_EQ(occurrences(svg, "class=\"tornado-low\"><title>"), 4U);  // the bar with no swing shows as a tick
  EXPECT_EQ(occurrences(svg, "class=\"tornado-high\"><title>"), 3U);
  EXPECT_NE(svg.find(">61 %</text>"), std::string::npos);
}

TEST(DailyBars, OneGroupPerDayAndOneMarkPerMarkedDay) {
  DailyBarsChart c{"EMEA", {"offered", "handled"}, {}};
  for (int d = 23; d <= 31; ++d)
    c.days.push_back({"2026-03-" + std::to_string(d), {100.0 + d, 90.0 + d}, d == 29 ? "DST 23 h" : "", ""});
  const auto svg = daily_bars_svg(c);
  const auto days = attribute_of(svg, "g", "day", "data-date");
  ASSERT_EQ(days.size(), 9U);
  EXPECT_EQ(days.front(), "2026-03-23");
  EXPECT_EQ(attribute_of(svg, "g", "band mark", "data-name"), (std::vector<std::string>{"DST 23 h"}));
  EXPECT_EQ(occurrences(svg, "class=\"s0\"/>") + occurrences(svg, "class=\"s0\">"), 9U + 1U);  // + legend swatch
  EXPECT_NE(svg.find("<title>2026-03-29 offered: 129 · DST 23 h</title>"), std::string::npos);
}

TEST(ShareBars, OneRowPerRegionPlusTheTotal) {
  ShareBarsChart c{"adherence", {"in", "out", "unscheduled"},
                   {{"EMEA", {150, 30, 20}, "83.3 %", false}, {"global", {290, 60, 45}, "82.9 %", true}},
                   {}};
  const auto svg = share_bars_svg(c);
  EXPECT_EQ(attribute_of(svg, "g", "share-row", "data-name"), (std::vector<std::string>{"EMEA", "global"}));
  EXPECT_EQ(attribute_of(svg, "g", "share-row total", "data-name"), (std::vector<std::string>{"global"}));
  EXPECT_NE(svg.find("class=\"s0\"><title>EMEA: in 150 (75%)</title>"), std::string::npos);
  c.classes = {"ok", "server"};  // the third part falls back to the palette
  const auto styled = share_bars_svg(c);
  EXPECT_NE(styled.find("class=\"ok\"><title>EMEA: in 150 (75%)</title>"), std::string::npos);
  EXPECT_NE(styled.find("class=\"server\"><title>EMEA: out 30 (15%)</title>"), std::string::npos);
  EXPECT_NE(styled.find("class=\"s2\"><title>EMEA: unscheduled 20 (10%)</title>"), std::string::npos);
}

TEST(Charts, NamesWithMarkupCharactersAreEscaped) {
  const std::string name = R"(Acme <EU> & "Ops" 'North')";
  const std::string escaped = html::escape(name);
  ASSERT_NE(escaped, name);
  std::vector<std::string> svgs;
  DailyBarsChart days{name, {name}, {{"2026-03-29", {1}, name, name}}};
  svgs.push_back(daily_bars_svg(days));
  svgs.push_back(tornado_chart_svg({name, name, 0, name, {{name, -1, 1, name}}}));
  svgs.push_back(share_bars_svg({name, {name}, {{name, {1}, name, true}}, {}}));
  FanChart f = fan(2);
  f.title = f.unit = f.periods[0].label = name;
  svgs.push_back(fan_chart_svg(f));
  for (const auto& svg : svgs) {
    EXPECT_EQ(svg.find(name), std::string::npos) << svg;
    EXPECT_EQ(svg.find("<EU>"), std::string::npos);
    EXPECT_NE(svg.find(escaped), std::string::npos) << svg;
  }
}

TEST(Charts, SameDataSameBytes) {
  EXPECT_EQ(fan_chart_svg(fan(7)), fan_chart_svg(fan(7)));
  const TornadoChart t{"t", "FTE", 1, "b", {{"a", 0, 2, "x"}, {"b", 0.5, 1.5, "y"}}};
  EXPECT_EQ(tornado_chart_svg(t), tornado_chart_svg(t));
  const DailyBarsChart d{"d", {"o"}, {{"2026-01-01", {3}, "", ""}}};
  EXPECT_EQ(daily_bars_svg(d), daily_bars_svg(d));
}

}  // namespace
}  // namespace mockgc::reports::charts
