#include "mockgc/reports/charts/tornado_chart.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "mockgc/reports/svg.hpp"

namespace mockgc::reports::charts {

namespace {
constexpr double kWidth = 900;
constexpr double kLeft = 150, kRight = 190, kTop = 40, kRow = 30, kBar = 20, kBottom = 34;
}  // namespace

std::vector<TornadoBar> sorted_by_swing(std::vector<TornadoBar> bars) {
  std::stable_sort(bars.begin(), bars.end(),
                   [](const TornadoBar& a, const TornadoBar& b) { return a.high - a.low > b.high - b.low; });
  return bars;
}

std::string tornado_chart_svg(const TornadoChart& chart) {
  const auto bars = sorted_by_swing(chart.bars);
  const double height = kTop + kRow * static_cast<double>(std::max<std::size_t>(bars.size(), 1)) + kBottom;
  svg::Canvas c(kWidth, height, chart.title);
  double lo = chart.baseline, hi = chart.baseline;
  for (const auto& b : bars) {
    lo = std::min(lo, b.low);
    hi = std::max(hi, b.high);
  }
  const auto ticks = svg::nice_ticks(lo, hi, 6);
  const svg::LinearScale x{ticks.front(), ticks.back(), kLeft, kWidth - kRight};
  const double axis_y = kTop + kRow * static_cast<double>(bars.size()) + 4;

  for (std::size_t i = 0; i < bars.size(); ++i) {
    const auto& b = bars[i];
    const double top = kTop + kRow * static_cast<double>(i) + (kRow - kBar) / 2;
    const std::string tip = fmt::format("{}: {} – {} {} (swing {})", b.label, svg::num(b.low), svg::num(b.high),
                                        chart.unit, svg::num(b.high - b.low));
    c.open_group("tornado-bar", "name", b.label);
    c.text(kLeft - 8, top + kBar / 2 + 4, b.label, "end");
    // The part below the baseline and the part above it; a bar with no swing still shows as a 1 px tick.
    const double base = x(chart.baseline);
    const double left = x(std::min(b.low, chart.baseline)), right = x(std::max(b.high, chart.baseline));
    if (b.low < chart.baseline) c.rect(x(b.low), top, base - x(b.low), kBar, "tornado-low", {}, tip);
    if (b.high > chart.baseline) c.rect(base, top, x(b.high) - base, kBar, "tornado-high", {}, tip);
    if (!(b.high > b.low)) c.rect(x(b.low) - 0.5, top, 1, kBar, "tornado-low", {}, tip);
    if (!b.note.empty()) c.text(std::max(right, left) + 8, top + kBar / 2 + 4, b.note, "start", "caption");
    c.close_group();
  }
  c.line(x(chart.baseline), kTop - 6, x(chart.baseline), axis_y, "baseline");
  c.text(x(chart.baseline), kTop - 10, chart.baseline_label, "middle", "caption");
  std::vector<std::pair<double, std::string>> x_ticks;
  for (double t : ticks) x_ticks.emplace_back(x(t), svg::num(t));
  c.x_axis(axis_y, x_ticks);
  c.text(kLeft - 30, axis_y + 15, chart.unit, "end", "caption");
  c.legend(kLeft, 16, {{"below the baseline", "tornado-low", {}}, {"above the baseline", "tornado-high", {}}});
  return c.str();
}

}  // namespace mockgc::reports::charts
