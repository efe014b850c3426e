#pragma once
// What `mock-gc check` and `mock-gc verify` share: reading the scenario and the rules, the rules' context, and
// writing and printing the outcome.
#include <filesystem>
#include <iosfwd>
#include <optional>
#include <stdexcept>
#include <string>

#include "mockgc/check/html_report.hpp"
#include "mockgc/check/result.hpp"
#include "mockgc/check/rules_config.hpp"
#include "mockgc/core/scenario.hpp"

namespace mockgc::check::driver {

// Bad input (scenario, conformance section, rules file, journal line, report directory): exit status 2, the
// message names the file and the key or line.
class InputError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

inline constexpr int kExitPass = 0;
inline constexpr int kExitFail = 1;
inline constexpr int kExitInput = 2;

struct Judging {
  core::Scenario scenario;
  RulesConfig rules;  // the scenario's `conformance` section, a --rules file over it
};

// Throws InputError.
Judging load_judging(const std::filesystem::path& scenario, const std::optional<std::filesystem::path>& rules_file);

// The regions and fault windows of `scenario` in world time, its fault offsets counted from core::run_start.
CheckContext context_for(const core::Scenario& scenario, const std::string& label, std::uint64_t seed, double speed,
                         bool strict);

// Creates `dir` (and its parents). Throws InputError naming it.
void make_report_dir(const std::filesystem::path& dir);

// report.json, junit.xml and report.html into `dir` when given, the console lines and the verdict to `out`;
// returns kExitPass or kExitFail.
int publish(const CheckReport& report, const HtmlReport& html, const std::optional<std::filesystem::path>& dir,
            std::ostream& out);

}  // namespace mockgc::check::driver
