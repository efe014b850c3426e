#pragma once
// The stylesheet of the charts in mockgc/reports/charts/ (series palette s0…s5, fan bands and lines,
// tornado sides, marked days). A page that embeds one of them adds it with html::Document::style.
#include <string_view>

namespace mockgc::reports::charts {

extern const std::string_view kChartCss;

}  // namespace mockgc::reports::charts
