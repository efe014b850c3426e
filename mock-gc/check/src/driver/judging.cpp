#include "driver/judging.hpp"

#include <fmt/format.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <ostream>
#include <sstream>
#include <system_error>

#include "mockgc/check/report_writers.hpp"
#include "mockgc/reports/files.hpp"

namespace mockgc::check::driver {
namespace {

nlohmann::json read_json_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw InputError(fmt::format("{}: cannot read the file", path.string()));
  std::ostringstream text;
  text << in.rdbuf();
  try {
    return nlohmann::json::parse(text.str());
  } catch (const nlohmann::json::parse_error& e) {
    throw InputError(fmt::format("{}: not JSON ({})", path.string(), e.what()));
  }
}

}  // namespace

Judging load_judging(const std::filesystem::path& scenario, const std::optional<std::filesystem::path>& rules_file) {
  Judging out;
  try {
    out.scenario = core::load_scenario_file(scenario);
  } catch (const core::ScenarioError& e) {
    throw InputError(e.what());
  }
  try {
    if (!out.scenario.conformance.empty())
      out.rules = RulesConfig::from_json(nlohmann::json::parse(out.scenario.conformance),
                                         fmt::format("{}: conformance", scenario.string()));
    if (rules_file) out.rules = out.rules.merged_with(RulesConfig::from_json(read_json_file(*rules_file), rules_file->string()));
  } catch (const std::invalid_argument& e) {  // the messages name the file and the JSON pointer
    throw InputError(e.what());
  }
  return out;
}

CheckContext context_for(const core::Scenario& scenario, const std::string& label, std::uint64_t seed, double speed,
                         bool strict) {
  CheckContext c;
  c.scenario = label;
  c.seed = seed;
  c.speed = speed;
  c.strict = strict;
  c.start = core::run_start(scenario);
  for (const auto& org : scenario.world.orgs) c.regions.push_back(org.region);
  for (const auto& f : scenario.faults) {
    FaultWindow w;
    w.id = f.id;
    w.type = std::string(core::faults::fault_type_name(f.type()));
    w.region = f.region;
    w.start = c.start + f.at;
    if (f.duration) w.end = w.start + *f.duration;
    w.method = f.method;
    w.path = f.path;
    w.whole_region = f.probability >= 1.0 && f.method.empty() && f.path.empty() && f.family.empty();
    c.faults.push_back(std::move(w));
  }
  c.rate_limit_per_minute = scenario.rate_limit_per_minute;
  return c;
}

void make_report_dir(const std::filesystem::path& dir) {
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec || !std::filesystem::is_directory(dir))
    throw InputError(fmt::format("{}: cannot create the report directory ({})", dir.string(),
                                 ec ? ec.message() : "not a directory"));
}

int publish(const CheckReport& report, const HtmlReport& html, const std::optional<std::filesystem::path>& dir,
            std::ostream& out) {
  if (dir) {
    reports::write_text_file(*dir / "report.json", report_json(report));
    reports::write_text_file(*dir / "junit.xml", junit_xml(report));
    reports::write_text_file(*dir / "report.html", html.html(report));
  }
  out << console_text(report);
  out.flush();
  return report.passed() ? kExitPass : kExitFail;
}

}  // namespace mockgc::check::driver
