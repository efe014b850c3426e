#include "mockgc/reports/charts/fan_chart.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <limits>

#include "mockgc/reports/svg.hpp"

namespace mockgc::reports::charts {

const std::array<const char*, 5> kFanPercentiles{"P5", "P25", "P50", "P75", "P95"};

namespace {

constexpr double kWidth = 900, kHeight = 320;
constexpr double kLeft = 56, kRight = 16, kTop = 34, kBottom = 44;
constexpr double kLabelWidth = 74;  // px a "2026-01-05" label needs

// Every k-th period is labelled so labels never overlap.
std::size_t label_every(std::size_t periods, double step) {
  if (periods == 0 || step >= kLabelWidth) return 1;
  return static_cast<std::size_t>(std::ceil(kLabelWidth / step));
}

}  // namespace

std::string fan_chart_svg(const FanChart& chart) {
  svg::Canvas c(kWidth, kHeight, chart.title);
  const auto& ps = chart.periods;
  const double x0 = kLeft, x1 = kWidth - kRight, y_top = kTop, y_bottom = kHeight - kBottom;
  if (ps.empty()) {
    c.text(kWidth / 2, kHeight / 2, "no periods", "middle", "caption");
    return c.str();
  }
  double lo = std::numeric_limits<double>::infinity(), hi = -lo;
  for (const auto& p : ps) {
    lo = std::min({lo, p.quantiles.front(), p.plan.value_or(lo)});
    hi = std::max({hi, p.quantiles.back(), p.plan.value_or(hi)});
  }
  const auto ticks = svg::nice_ticks(lo, hi, 5);
  const svg::LinearScale y{ticks.front(), ticks.back(), y_bottom, y_top};
  const double step = (x1 - x0) / static_cast<double>(ps.size());
  const auto left = [&](std::size_t i) { return x0 + step * static_cast<double>(i); };

  // Step outline of percentile q: two points per period.
  const auto outline = [&](std::size_t q) {
    std::vector<svg::Point> pts;
    for (std::size_t i = 0; i < ps.size(); ++i) {
      pts.push_back({left(i), y(ps[i].quantiles[q])});
      pts.push_back({left(i + 1), y(ps[i].quantiles[q])});
    }
    return pts;
  };
  // Band between percentiles lo_q (bottom) and hi_q (top): the top edge left to right, the bottom back.
  const auto band = [&](std::size_t lo_q, std::size_t hi_q, std::string_view cls) {
    auto pts = outline(hi_q);
    const auto bottom = outline(lo_q);
    pts.insert(pts.end(), bottom.rbegin(), bottom.rend());
    c.area(pts, cls);
  };

  c.y_axis(x0, y, ticks);
  c.text(4, y_top - 12, chart.unit, "start", "caption");
  band(0, 4, "fan-band outer");
  band(1, 3, "fan-band inner");
  for (std::size_t q = 0; q < kFanPercentiles.size(); ++q) {
    const std::string name = kFanPercentiles[q];
    std::string cls = "fan-line " + name;
    std::transform(cls.begin(), cls.end(), cls.begin(), [](unsigned char ch) { return std::tolower(ch); });
    c.open_group("fan-series", "q", name);
    c.polyline(outline(q), cls);
    c.close_group();
  }
  const bool plan = std::all_of(ps.begin(), ps.end(), [](const FanPeriod& p) { return p.plan.has_value(); });
  if (plan) {
    std::vector<svg::Point> pts;
    for (std::size_t i = 0; i < ps.size(); ++i) {
      pts.push_back({left(i), y(*ps[i].plan)});
      pts.push_back({left(i + 1), y(*ps[i].plan)});
    }
    c.polyline(pts, "plan-line");
  }
  // One transparent hover target per period carries the numbers as a tooltip.
  for (std::size_t i = 0; i < ps.size(); ++i) {
    const auto& q = ps[i].quantiles;
    std::string tip = fmt::format("{}: P5 {} · P25 {} · P50 {} · P75 {} · P95 {}", ps[i].label, svg::num(q[0]),
                                  svg::num(q[1]), svg::num(q[2]), svg::num(q[3]), svg::num(q[4]));
    if (ps[i].plan) tip += fmt::format(" · plan {}", svg::num(*ps[i].plan));
    if (!chart.unit.empty()) tip += " " + chart.unit;
    c.rect(left(i), y_top, step, y_bottom - y_top, "hover", {}, tip);
  }
  std::vector<std::pair<double, std::string>> x_ticks;
  const auto every = label_every(ps.size(), step);
  for (std::size_t i = 0; i < ps.size(); i += every) x_ticks.emplace_back(left(i) + step / 2, ps[i].label);
  c.x_axis(y_bottom, x_ticks);
  std::vector<svg::LegendItem> legend{
      {"P5–P95", "fan-band outer", {}}, {"P25–P75", "fan-band inner", {}}, {"P50", {}, "#2d5c99"}};
  if (plan) legend.push_back({"plan", "plan-line", {}});
  c.legend(x0, 16, legend);
  return c.str();
}

}  // namespace mockgc::reports::charts
