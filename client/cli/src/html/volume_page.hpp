#pragma once
// `gc-hub volume --html FILE`: offered and handled per local day per org, DST days marked, as one
// self-contained page, plus the chart data taken from the report (plain reports:: structs).
#include <cstdint>
#include <string>

#include "mockgc/reports/charts/daily_bars.hpp"
#include "mockgc/workflows/volume_aggregation.hpp"

namespace gchub {

/// The org's local days: offered and handled per day; a DST day is marked "DST 23 h" / "DST 25 h"; a day
/// the window cuts carries "partial: N of M intervals" in its tooltip.
mockgc::reports::charts::DailyBarsChart volume_days_data(const mockgc::workflows::OrgVolume& org,
                                                         int interval_minutes);
std::string volume_page(const mockgc::workflows::VolumeReport& report, std::uint64_t seed);

}  // namespace gchub
