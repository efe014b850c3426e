#pragma once
// Share bars: one horizontal 100 % bar per row, split into parts (e.g. agents in / out of adherence /
// unscheduled), with a value text at the right (e.g. "92.5 % in adherence"). Plain data in, one <svg>
// out; each row is a <g class="share-row" data-name="…">, an emphasised row also has class "total".
#include <string>
#include <vector>

namespace mockgc::reports::charts {

struct ShareRow {
  std::string label;
  std::vector<double> parts;  ///< one per ShareBarsChart::parts; drawn in proportion to their sum
  std::string value_text;     ///< right of the bar; may be empty
  bool total = false;         ///< drawn emphasised (a global row under per-region rows)
};

struct ShareBarsChart {
  std::string title;
  std::vector<std::string> parts;  ///< part names, in legend order
  std::vector<ShareRow> rows;
  std::vector<std::string> classes;  ///< CSS class per part (e.g. "ok", "server"); default s0, s1, …
};

std::string share_bars_svg(const ShareBarsChart& chart);

}  // namespace mockgc::reports::charts
