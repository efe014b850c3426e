#pragma once
// gc-hub capacity: the living capacity plan (FTE range sentence, weekly/monthly table, attribution).
#include <cstdint>
#include <iosfwd>
#include <optional>
#include <string>
#include <vector>

#include "mockgc/capacity/living_plan.hpp"
#include "mockgc/capacity/volume.hpp"

namespace CLI {
class App;
}

namespace gchub {

struct CapacityArgs {
  std::optional<std::string> volume;  // a mockgc.capacity.volume/1 file …
  std::vector<std::string> updates;   // … and newer ones ingested after it
  std::optional<int> synthetic_weeks;  // … or synthetic volume
  mockgc::capacity::SyntheticVolumeOptions synthetic;
  mockgc::capacity::CapacitySettings settings;
  bool json = false;
  std::optional<std::string> html;  // also write the fan and tornado charts to this file
};

CLI::App* declare_capacity(CLI::App& root, CapacityArgs& args);
int run_capacity(const CapacityArgs& args, std::ostream& out, std::ostream& err);

}  // namespace gchub
