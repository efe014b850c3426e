#include "html/capacity_page.hpp"

#include <fmt/format.h>

#include "html/page.hpp"
#include "mockgc/reports/html.hpp"

namespace gchub {

namespace mc = mockgc::capacity;
namespace charts = mockgc::reports::charts;
namespace html = mockgc::reports::html;

charts::FanChart fan_chart_data(const std::vector<mc::PeriodRange>& periods, std::string title) {
  charts::FanChart chart{std::move(title), "FTE", {}};
  for (const auto& p : periods) chart.periods.push_back({p.label, p.fan, p.deterministic});
  return chart;
}

charts::TornadoChart risk_tornado_data(const mc::CapacityReport& report) {
  const auto& horizon = report.monte_carlo.horizon;
  charts::TornadoChart chart{"Risk drivers: horizon FTE P5–P95 with one factor random", "FTE",
                             horizon.deterministic, fmt::format("plan {:.0f}", horizon.deterministic), {}};
  for (const auto& f : report.attribution.factors)
    chart.bars.push_back({mc::to_string(f.factor), f.low, f.high, fmt::format("{:.0f} % of variance", 100.0 * f.share)});
  chart.bars = charts::sorted_by_swing(std::move(chart.bars));
  return chart;
}

std::string capacity_page(const mc::CapacityReport& report) {
  const auto& m = report.monte_carlo;
  auto page = html_page("gc-hub capacity", "Capacity plan",
                        fmt::format("seed {} · {} draws · {} attribution draws · revision {} · {} weeks from {}",
                                    report.seed, m.draws, report.attribution.draws, report.revision, report.weeks,
                                    m.weeks.empty() ? std::string("-") : m.weeks.front().label));
  page.paragraph(report.sentence);
  page.heading(2, "FTE range per week");
  page.body(charts::fan_chart_svg(fan_chart_data(m.weeks, "Required FTE per week, P5–P95")));
  page.heading(2, "FTE range per month");
  page.body(charts::fan_chart_svg(fan_chart_data(m.months, "Required FTE per month (mean of its weeks), P5–P95")));
  page.heading(2, "Risk drivers");
  page.body(charts::tornado_chart_svg(risk_tornado_data(report)));
  page.paragraph(fmt::format(
      "One-at-a-time runs: each bar is the horizon FTE (mean weekly FTE) with only that factor random, the others "
      "at their nominal values; the share is its variance over the sum (additivity {:.2f}).",
      report.attribution.additivity));
  return page.str();
}

}  // namespace gchub
