#pragma once
// API families: named groups of paths that a maintenance window (or any path-scoped fault) can take down
// together, e.g. "forecast-import" while the rest of WFM stays up. The table is in FAULTS.md.
#include <span>
#include <string_view>
#include <vector>

#include "mockgc/core/faults/path_pattern.hpp"

namespace mockgc::core::faults {

struct ApiFamily {
  std::string_view name;
  std::vector<std::string_view> patterns;  // PathPattern texts
};

// Every family, in documentation order.
std::span<const ApiFamily> api_families();
// nullptr for an unknown name.
const ApiFamily* find_api_family(std::string_view name);
// Compiled patterns of a family; throws std::invalid_argument for an unknown name.
std::vector<PathPattern> family_patterns(std::string_view name);

}  // namespace mockgc::core::faults
