#pragma once
// `gc-hub capacity --html FILE`: the capacity report as one self-contained page — the weekly and monthly
// FTE fan charts (P5/P25/P50/P75/P95 and the point plan) and the tornado chart of the risk drivers —
// plus the chart data taken from the report (plain reports:: structs, tested on their own).
#include <string>
#include <vector>

#include "mockgc/capacity/living_plan.hpp"
#include "mockgc/reports/charts/fan_chart.hpp"
#include "mockgc/reports/charts/tornado_chart.hpp"

namespace gchub {

/// One fan period per range, from its P5…P95 ladder and its point plan.
mockgc::reports::charts::FanChart fan_chart_data(const std::vector<mockgc::capacity::PeriodRange>& periods,
                                                 std::string title);
/// One bar per risk factor: the horizon FTE's P5–P95 with only that factor random, around the point plan.
mockgc::reports::charts::TornadoChart risk_tornado_data(const mockgc::capacity::CapacityReport& report);
std::string capacity_page(const mockgc::capacity::CapacityReport& report);

}  // namespace gchub
