// Any bytes as a scenario file: the loader either returns a scenario or throws ScenarioError with a message
// — never another exception type, never a crash — and an accepted scenario builds a world.
#include <exception>
#include <string>

#include "fuzz_target.hpp"
#include "mockgc/core/scenario.hpp"
#include "mockgc/core/world.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  try {
    auto scenario = mockgc::core::parse_scenario(text, "fuzz.json");
    std::size_t agents = 0;
    for (const auto& org : scenario.world.orgs) agents += static_cast<std::size_t>(std::max(org.agents, 0));
    if (agents <= 5000) {  // keep each input cheap; big worlds are the benchmarks' business
      auto world = mockgc::core::generate_world(scenario, scenario.seed);
      if (world.orgs.size() != scenario.world.orgs.size()) fuzz_fail("world lost an org", text);
    }
  } catch (const mockgc::core::ScenarioError& e) {
    if (std::string(e.what()).empty()) fuzz_fail("ScenarioError without a message", text);
  } catch (const std::exception& e) {
    fuzz_fail(std::string("unexpected exception: ") + e.what(), text);
  }
  return 0;
}
