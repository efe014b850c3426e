#pragma once
// `gc-hub adherence --html FILE`: per-region and global adherence (bi-regional people counted once
// globally) and the outliers, as one self-contained page, plus the chart data taken from the snapshot.
#include <cstdint>
#include <string>

#include "mockgc/reports/charts/share_bars.hpp"
#include "mockgc/workflows/adherence_snapshot.hpp"

namespace gchub {

/// One row per org and a total row for the merged global counts; parts: scheduled and in adherence,
/// scheduled and not in adherence, unscheduled (they add up to the row's agents).
mockgc::reports::charts::ShareBarsChart adherence_data(const mockgc::workflows::AdherenceSnapshot& snapshot);
std::string adherence_page(const mockgc::workflows::AdherenceSnapshot& snapshot, std::uint64_t seed);

}  // namespace gchub
