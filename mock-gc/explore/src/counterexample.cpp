#include "mockgc/explore/counterexample.hpp"

#include <nlohmann/json.hpp>

namespace mockgc::explore {

std::string scenario_text(const nlohmann::json& scenario, const Timeline& timeline, const nlohmann::json& conformance,
                          const ScenarioLabel& label) {
  nlohmann::json out = scenario;
  out.erase("faults");
  if (!timeline.empty()) {
    auto faults = nlohmann::json::array();
    for (const auto& fault : timeline) faults.push_back(core::faults::FaultPlan::fault_json(fault));
    out["faults"] = std::move(faults);
  }
  out["conformance"] = conformance;
  out["name"] = label.name;
  out["description"] = label.description;
  return out.dump(2) + "\n";
}

}  // namespace mockgc::explore
