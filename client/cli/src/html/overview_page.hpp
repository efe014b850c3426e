#pragma once
// `gc-hub overview --html FILE`: the consolidated week as one self-contained page — paid hours split by
// shrinkage cause per region and globally (a missing region is a row saying so, never a zero bar), the
// figures table with each region's coverage, and the bi-regional people.
#include <cstdint>
#include <string>
#include <vector>

#include "mockgc/reports/charts/share_bars.hpp"
#include "mockgc/workflows/workforce_overview.hpp"

namespace gchub {

/// The figures table, header first: one row per region and a GLOBAL row (what `gc-hub overview` prints and
/// the page shows); a missing region's figures read "missing", an unknown figure "-".
std::vector<std::vector<std::string>> overview_table(const mockgc::workflows::WorkforceOverview& overview);

/// One row per region that is not missing and a total row: time off, breaks and meals, training and
/// meetings, absence, and the rest of the scheduled paid hours.
mockgc::reports::charts::ShareBarsChart overview_shrinkage_data(const mockgc::workflows::WorkforceOverview& overview);
std::string overview_page(const mockgc::workflows::WorkforceOverview& overview, std::uint64_t seed);

}  // namespace gchub
