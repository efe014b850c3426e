#pragma once
// Fan chart: a range per period drawn as two shaded bands (P5–P95 outside, P25–P75 inside), five
// percentile lines and, when given, the point plan as a dashed line. Each period is a step (its value
// holds across the period's width), so one period still draws. Plain data in, one <svg> out.
//
// Counted by tests: one <path class="fan-band …"> per band (2), one <polyline class="fan-line …"> per
// percentile (5) with two points per period, data-q="P5"… on each line's group.
#include <array>
#include <optional>
#include <string>
#include <vector>

namespace mockgc::reports::charts {

struct FanPeriod {
  std::string label;                  ///< x label, e.g. "2026-01-05" or "2026-01"
  std::array<double, 5> quantiles{};  ///< P5, P25, P50, P75, P95 (ascending)
  std::optional<double> plan;         ///< the point plan, drawn dashed
};

struct FanChart {
  std::string title;  ///< aria-label and <title> of the svg
  std::string unit;   ///< y-axis caption, e.g. "FTE"
  std::vector<FanPeriod> periods;
};

/// The percentile names of FanPeriod::quantiles, in order ("P5" … "P95").
extern const std::array<const char*, 5> kFanPercentiles;

std::string fan_chart_svg(const FanChart& chart);

}  // namespace mockgc::reports::charts
