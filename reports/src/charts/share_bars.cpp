#include "mockgc/reports/charts/share_bars.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <numeric>

#include "mockgc/reports/svg.hpp"

namespace mockgc::reports::charts {

namespace {
constexpr double kWidth = 900;
constexpr double kLeft = 170, kBarWidth = 480, kTop = 40, kRow = 32, kBar = 22, kBottom = 12;

std::string part_class(const ShareBarsChart& chart, std::size_t part) {
  return part < chart.classes.size() ? chart.classes[part] : fmt::format("s{}", part % 6);
}
}  // namespace

std::string share_bars_svg(const ShareBarsChart& chart) {
  const double height = kTop + kRow * static_cast<double>(chart.rows.size()) + kBottom;
  svg::Canvas c(kWidth, height, chart.title);
  for (std::size_t i = 0; i < chart.rows.size(); ++i) {
    const auto& r = chart.rows[i];
    const double top = kTop + kRow * static_cast<double>(i) + (kRow - kBar) / 2;
    const double sum = std::accumulate(r.parts.begin(), r.parts.end(), 0.0);
    c.open_group(r.total ? "share-row total" : "share-row", "name", r.label);
    c.text(kLeft - 8, top + kBar / 2 + 4, r.label, "end");
    double x = kLeft;
    for (std::size_t p = 0; p < r.parts.size(); ++p) {
      if (!(r.parts[p] > 0) || !(sum > 0)) continue;
      const double w = kBarWidth * r.parts[p] / sum;
      const std::string name = p < chart.parts.size() ? chart.parts[p] : fmt::format("part {}", p + 1);
      c.rect(x, top, w, kBar, part_class(chart, p), {},
             fmt::format("{}: {} {} ({}%)", r.label, name, svg::num(r.parts[p]), svg::num(100.0 * r.parts[p] / sum)));
      x += w;
    }
    if (!(sum > 0)) c.rect(kLeft, top, kBarWidth, kBar, "s3", {}, fmt::format("{}: no data", r.label));
    if (!r.value_text.empty()) c.text(kLeft + kBarWidth + 10, top + kBar / 2 + 4, r.value_text);
    c.close_group();
  }
  std::vector<svg::LegendItem> legend;
  for (std::size_t p = 0; p < chart.parts.size(); ++p) legend.push_back({chart.parts[p], part_class(chart, p), {}});
  c.legend(kLeft, 16, legend);
  return c.str();
}

}  // namespace mockgc::reports::charts
