#pragma once
// Tornado chart: one horizontal bar per driver from its low to its high outcome, around a baseline,
// widest swing (high − low) on top. Plain data in, one <svg> out; each bar is a <g class="tornado-bar"
// data-name="…"> so tests count and order them.
#include <string>
#include <vector>

namespace mockgc::reports::charts {

struct TornadoBar {
  std::string label;  ///< driver name
  double low = 0.0;
  double high = 0.0;
  std::string note;   ///< right of the bar, e.g. "61 % of variance"; may be empty
};

struct TornadoChart {
  std::string title;
  std::string unit;            ///< axis caption, e.g. "FTE"
  double baseline = 0.0;       ///< the vertical line the bars swing around
  std::string baseline_label;  ///< e.g. "plan 418"
  std::vector<TornadoBar> bars;
};

/// Widest swing first; equal swings keep their order.
std::vector<TornadoBar> sorted_by_swing(std::vector<TornadoBar> bars);

std::string tornado_chart_svg(const TornadoChart& chart);

}  // namespace mockgc::reports::charts
