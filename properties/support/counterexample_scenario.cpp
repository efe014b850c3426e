#include "support/counterexample_scenario.hpp"

#include <filesystem>
#include <fstream>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <rapidcheck.h>

#include "mockgc/api/time.hpp"

namespace mockgc::testing {

std::string counterexample_scenario_path() {
  const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
  std::string name = info ? std::string(info->test_suite_name()) + "." + info->name() : std::string("property");
  for (char& c : name)
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '.' && c != '_' && c != '-') c = '_';
  return (std::filesystem::path(MOCKGC_PROPERTY_COUNTEREXAMPLE_DIR) / (name + ".json")).string();
}

CounterexampleScenario::CounterexampleScenario(std::string scenario_text, std::optional<core::Instant> clock_start)
    : text_(std::move(scenario_text)), clock_start_(clock_start) {}

CounterexampleScenario::~CounterexampleScenario() {
  if (std::uncaught_exceptions() <= uncaught_) return;  // the case passed (or was never judged)
  try {
    auto scenario = nlohmann::json::parse(text_);
    if (clock_start_) scenario["clock"] = {{"mode", "virtual"}, {"start", api::format_instant(*clock_start_)}};
    const auto path = counterexample_scenario_path();
    scenario["description"] = "The case a RapidCheck property failed on (" +
                              std::filesystem::path(path).stem().string() + "), as a scenario file.";
    std::filesystem::create_directories(std::filesystem::path(path).parent_path());
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out << scenario.dump(2) << "\n";
    RC_LOG() << "counterexample scenario: " << path << "\n";
  } catch (const std::exception& e) {  // never a second exception while unwinding
    RC_LOG() << "counterexample scenario not written: " << e.what() << "\n";
  }
}

}  // namespace mockgc::testing
