#pragma once
// The envelope of an exploration: which fault kinds may be drawn, in which regions, how many per case and
// inside which window of world time. Read from a scenario's `explore` section (keys documented in
// mock-gc/explore/README.md); without one, the default envelope: every kind explore draws, every region of
// the world, one to three faults, anywhere inside the per-case time limit.
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "mockgc/core/clock.hpp"
#include "mockgc/core/faults/fault_plan.hpp"

namespace mockgc::explore {

// A bad `explore` section, or one that allows no fault at all: the message names the source and the JSON
// pointer ("scenarios/x.json: /explore/kinds/1: unknown fault kind 'storm' (known: …)").
class EnvelopeError : public std::invalid_argument {
 public:
  using std::invalid_argument::invalid_argument;
};

struct Envelope {
  std::vector<core::faults::FaultType> kinds;  // each once, in FaultType order
  std::vector<std::string> regions;            // each once, in world order
  bool every_region = true;                    // `regions` is the whole world: a fault may hit every region
  std::vector<std::string> families;           // API families a maintenance fault may take down
  int min_faults = 1, max_faults = 3;
  core::Millis from{0};  // window of fault starts and ends, from the run start
  core::Millis until{0};
  core::Millis step{0};     // starts and lengths are whole multiples of it
  core::Millis longest{0};  // longest fault window
};

// What the default envelope takes from the run: the world's regions and the per-case time limit in world time.
struct EnvelopeDefaults {
  std::vector<std::string> regions;
  core::Millis until{0};
};

// The fault kinds explore can draw ("data" faults change the world rather than its weather and are left out).
const std::vector<core::faults::FaultType>& drawable_kinds();

// `explore_json` is the section's canonical JSON text ("" = absent: the default envelope). `source` prefixes
// every message. Throws EnvelopeError.
Envelope parse_envelope(std::string_view explore_json, const EnvelopeDefaults& defaults, const std::string& source);

// "kinds outage, rate_limit; regions eu_central_1; 1-3 faults; window PT0S-PT10M in steps of PT10S, each at most PT5M"
std::string describe(const Envelope& envelope);

}  // namespace mockgc::explore
