#include "mockgc/reports/charts/daily_bars.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "mockgc/reports/svg.hpp"

namespace mockgc::reports::charts {

namespace {
constexpr double kWidth = 900, kHeight = 260;
constexpr double kLeft = 56, kRight = 16, kTop = 34, kBottom = 40;
constexpr double kLabelWidth = 44;  // px a "03-29" label needs
}  // namespace

std::string daily_bars_svg(const DailyBarsChart& chart) {
  svg::Canvas c(kWidth, kHeight, chart.title);
  const auto& days = chart.days;
  const double x0 = kLeft, x1 = kWidth - kRight, y_top = kTop, y_bottom = kHeight - kBottom;
  double hi = 0;
  for (const auto& d : days)
    for (double v : d.values) hi = std::max(hi, v);
  const double top_value = svg::nice_max(hi);
  const svg::LinearScale y{0, top_value, y_bottom, y_top};
  const double step = days.empty() ? 0 : (x1 - x0) / static_cast<double>(days.size());
  const double gap = std::min(step * 0.2, 4.0);
  const double bar = chart.series.empty() ? 0 : (step - gap) / static_cast<double>(chart.series.size());

  for (std::size_t i = 0; i < days.size(); ++i) {
    const auto& d = days[i];
    if (d.mark.empty()) continue;
    const double left = x0 + step * static_cast<double>(i);
    c.band(left, left + step, y_top, y_bottom, d.mark, "mark");
  }
  c.y_axis(x0, y, svg::nice_ticks(0, top_value, 5));
  for (std::size_t i = 0; i < days.size(); ++i) {
    const auto& d = days[i];
    const double left = x0 + step * static_cast<double>(i) + gap / 2;
    c.open_group("day", "date", d.date);
    for (std::size_t s = 0; s < chart.series.size(); ++s) {
      const double v = s < d.values.size() ? d.values[s] : 0.0;
      std::string tip = fmt::format("{} {}: {}", d.date, chart.series[s], svg::num(v));
      if (!d.mark.empty()) tip += " · " + d.mark;
      if (!d.note.empty()) tip += " · " + d.note;
      c.rect(left + bar * static_cast<double>(s), y(v), bar, y_bottom - y(v), fmt::format("s{}", s % 6), {}, tip);
    }
    c.close_group();
  }
  std::vector<std::pair<double, std::string>> ticks;
  const std::size_t every =
      step >= kLabelWidth || step <= 0 ? 1 : static_cast<std::size_t>(std::ceil(kLabelWidth / step));
  for (std::size_t i = 0; i < days.size(); i += every)
    ticks.emplace_back(x0 + step * (static_cast<double>(i) + 0.5), days[i].date.size() == 10 ? days[i].date.substr(5) : days[i].date);
  c.x_axis(y_bottom, ticks);
  std::vector<svg::LegendItem> legend;
  for (std::size_t s = 0; s < chart.series.size(); ++s) legend.push_back({chart.series[s], fmt::format("s{}", s % 6), {}});
  c.legend(x0, 16, legend);
  return c.str();
}

}  // namespace mockgc::reports::charts
