// `mock-gc explore`: calm weather, drawn cases, shrinking; every run is a `mock-gc check` run.
#include <fstream>
#include <ostream>
#include <sstream>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "mockgc/api/time.hpp"
#include "mockgc/check/drivers.hpp"
#include "mockgc/core/scenario.hpp"
#include "mockgc/explore/counterexample.hpp"
#include "mockgc/explore/envelope.hpp"
#include "mockgc/explore/explore.hpp"
#include "mockgc/explore/timeline.hpp"

namespace mockgc::explore {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

constexpr int kExitPass = 0;
constexpr int kExitFound = 1;
constexpr int kExitInput = 2;

class UsageError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

json read_json(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  // Already loaded by the scenario loader: readable and valid.
  return json::parse(in);
}

void write_file(const fs::path& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << text;
  if (!out.flush()) throw UsageError(fmt::format("{}: cannot write the file", path.string()));
}

// Moves a run's directory to `to`, replacing what was there.
void keep_as(const fs::path& from, const fs::path& to) {
  fs::remove_all(to);
  fs::rename(from, to);
}

json timeline_json(const Timeline& timeline) {
  auto out = json::array();
  for (const auto& fault : timeline) out.push_back(core::faults::FaultPlan::fault_json(fault));
  return out;
}

// The ids of the error rules that failed, in report order, each once.
std::vector<std::string> failed_rules(const check::CheckReport& report) {
  std::vector<std::string> out;
  for (const auto& r : report.rules)
    if (r.status == check::RuleStatus::fail && (out.empty() || out.back() != r.id)) out.push_back(r.id);
  if (out.empty() && !report.passed()) out.push_back("exit-code");
  return out;
}

bool rule_fails(const check::CheckReport& report, const std::string& rule) {
  for (const auto& r : report.rules)
    if (r.id == rule && r.status == check::RuleStatus::fail) return true;
  return false;
}

// The first finding of `rule` that failed, for the console.
std::string first_finding(const check::CheckReport& report, const std::string& rule) {
  for (const auto& r : report.rules)
    if (r.id == rule && r.status == check::RuleStatus::fail && !r.findings.empty())
      return fmt::format("{} {}", r.region.value_or("-"), r.findings.front().message);
  return {};
}

class Explorer {
 public:
  Explorer(const ExploreOptions& options, std::ostream& out, std::ostream& err)
      : options_(options), out_(out), err_(err) {}

  int run() {
    load();
    // What an earlier exploration left here must not pass for this one's outcome.
    for (const char* stale : {"counterexample.json", "explore.json", "original", "shrunk", "runs"})
      fs::remove_all(dir() / stale);
    fs::create_directories(dir() / "runs");
    out_ << fmt::format(
        "mock-gc explore seed={} cases={} speed={} time-limit-per-case={} shrink-runs={} "
        "scenario={} report-dir={}\n",
        seed_, options_.cases, options_.speed, api::format_duration(options_.time_limit_per_case), options_.shrink_runs,
        options_.scenario.string(), dir().string());
    out_ << "envelope: " << describe(envelope_) << "\n";
    out_.flush();

    const auto calm = run_case("calm", {}, "calm weather");
    if (!calm) return exit_code_;
    summary_["calm"] = calm->passed() ? "pass" : "fail";
    if (!calm->passed()) {
      const auto rules = failed_rules(*calm);
      out_ << fmt::format("calm weather: FAIL {} ({})\n", fmt::join(rules, ", "), first_finding(*calm, rules.front()));
      out_ << "the integration fails with no fault at all: nothing can be blamed on a fault, so nothing is shrunk. "
              "Fix this first (replay: mock-gc check --scenario "
           << (dir() / "counterexample.json").string() << " -- COMMAND).\n";
      return found("calm", {}, {}, rules.front(), *calm, "calm weather");
    }
    out_ << "calm weather: pass\n" << std::flush;

    for (int k = 1; k <= options_.cases; ++k) {
      Timeline timeline = draw_timeline(envelope_, seed_, static_cast<std::uint64_t>(k));
      const auto name = fmt::format("case-{}", k);
      const auto report = run_case(name, timeline, fmt::format("case {} of the exploration seeded {}", k, seed_));
      if (!report) return exit_code_;
      summary_["cases"].push_back({{"case", k},
                                   {"faults", timeline_json(timeline)},
                                   {"verdict", report->verdict()},
                                   {"failed_rules", failed_rules(*report)}});
      if (report->passed()) {
        out_ << fmt::format("case {}: pass  {}\n", k, describe(timeline)) << std::flush;
        fs::remove_all(dir() / "runs" / name);
        continue;
      }
      const auto rules = failed_rules(*report);
      out_ << fmt::format("case {}: FAIL {}  {}\n", k, fmt::join(rules, ", "), describe(timeline)) << std::flush;
      return found(name, std::move(timeline), k, rules.front(), *report, fmt::format("case {}", k));
    }
    summary_["verdict"] = "pass";
    write_summary();
    out_ << fmt::format("no counterexample: calm weather and {} cases passed (seed {}); {}\n", options_.cases, seed_,
                        (dir() / "explore.json").string());
    return kExitPass;
  }

 private:
  const fs::path& dir() const { return options_.report_dir; }

  void load() {
    if (options_.command.empty()) throw UsageError("no COMMAND given (mock-gc explore … -- COMMAND [ARG…])");
    if (options_.cases < 1) throw UsageError("--cases must be at least 1");
    if (options_.shrink_runs < 0) throw UsageError("--shrink-runs must not be negative");
    if (!(options_.speed > 0)) throw UsageError(fmt::format("--speed must be > 0, got {}", options_.speed));
    if (options_.time_limit_per_case <= core::Millis(0)) throw UsageError("--time-limit-per-case must be positive");
    try {
      scenario_ = core::load_scenario_file(options_.scenario);
    } catch (const core::ScenarioError& e) {
      throw UsageError(e.what());
    }
    // Bad conformance settings are usage errors, named with their file and pointer.
    conformance_ = check::effective_rules(options_.scenario, options_.rules_file).to_json();
    EnvelopeDefaults defaults;
    for (const auto& org : scenario_.world.orgs)
      if (std::find(defaults.regions.begin(), defaults.regions.end(), org.region) == defaults.regions.end())
        defaults.regions.push_back(org.region);
    defaults.until = std::chrono::duration_cast<core::Millis>(options_.time_limit_per_case * options_.speed);
    try {
      envelope_ = parse_envelope(scenario_.explore, defaults, options_.scenario.string());
    } catch (const EnvelopeError& e) {
      throw UsageError(e.what());
    }
    document_ = read_json(options_.scenario);
    seed_ = options_.seed.value_or(scenario_.seed);
    summary_ = {{"scenario", options_.scenario.string()},
                {"seed", seed_},
                {"speed", options_.speed},
                {"command", fmt::format("{}", fmt::join(options_.command, " "))},
                {"cases", json::array()},
                {"envelope", describe(envelope_)}};
  }

  std::string case_text(const Timeline& timeline, const std::string& description) const {
    const auto name = document_.value("name", options_.scenario.stem().string());
    return scenario_text(document_, timeline, conformance_, {name, description});
  }

  // Runs COMMAND under `mock-gc check` on the scenario with `timeline` in runs/NAME. nullopt when no report was
  // made (a COMMAND that cannot be started, an interrupt): exit_code_ says how explore ends.
  std::optional<check::CheckReport> run_case(const std::string& name, const Timeline& timeline,
                                             const std::string& description) {
    const fs::path run_dir = dir() / "runs" / name;
    fs::remove_all(run_dir);
    fs::create_directories(run_dir);
    write_file(run_dir / "scenario.json", case_text(timeline, description));
    check::CheckOptions o;
    o.scenario = run_dir / "scenario.json";
    o.speed = options_.speed;
    o.time_limit = options_.time_limit_per_case;
    o.report_dir = run_dir;
    o.command = options_.command;
    std::ofstream log(run_dir / "check.txt", std::ios::binary | std::ios::trunc);
    std::ostringstream errors;
    auto run = check::run_check_report(o, log, errors);
    ++runs_;
    if (!run.report) {
      err_ << errors.str();
      err_ << fmt::format("mock-gc explore: the {} run made no report (exit {}); stopping\n", name, run.exit_code);
      exit_code_ = run.exit_code == kExitPass || run.exit_code == kExitFound ? kExitInput : run.exit_code;
      return std::nullopt;
    }
    return std::move(run.report);
  }

  // Shrinks the failing case, then writes the counterexample, the two kept runs and explore.json.
  int found(const std::string& run_name, Timeline timeline, std::optional<int> case_number, const std::string& rule,
            const check::CheckReport& report, const std::string& what) {
    keep_as(dir() / "runs" / run_name, dir() / "original");
    json steps = json::array();
    const Timeline original = timeline;
    bool shrunk_run = false;
    int shrink_runs = 0;
    bool budget_left = true;
    if (!timeline.empty())
      out_ << fmt::format("shrinking while {} keeps failing (at most {} runs)\n", rule, options_.shrink_runs);
    for (bool progressed = !timeline.empty(); progressed;) {
      progressed = false;
      for (auto& candidate : shrink_candidates(timeline, envelope_)) {
        if (shrink_runs >= options_.shrink_runs) {
          budget_left = false;
          break;
        }
        ++shrink_runs;
        const auto name = fmt::format("shrink-{}", shrink_runs);
        const auto r = run_case(name, candidate.timeline, fmt::format("shrink run {}", shrink_runs));
        if (!r) return exit_code_;
        const bool still = rule_fails(*r, rule);
        out_ << fmt::format("shrink {}: {}  {}\n", shrink_runs, still ? "still fails" : "passes", candidate.change)
             << std::flush;
        steps.push_back({{"run", shrink_runs}, {"change", candidate.change}, {"still_fails", still}});
        if (!still) {
          fs::remove_all(dir() / "runs" / name);
          continue;
        }
        keep_as(dir() / "runs" / name, dir() / "shrunk");
        shrunk_run = true;
        timeline = std::move(candidate.timeline);
        progressed = true;
        break;
      }
    }
    if (!shrunk_run) {  // the original is already minimal (or nothing was tried): the shrunk case is the same run
      fs::remove_all(dir() / "shrunk");
      fs::copy(dir() / "original", dir() / "shrunk", fs::copy_options::recursive);
    }
    fs::remove_all(dir() / "runs");

    const auto description =
        timeline.empty()
            ? fmt::format("mock-gc explore (seed {}): rule {} fails in calm weather, with no fault at all.", seed_,
                          rule)
            : fmt::format("mock-gc explore (seed {}, {}): rule {} fails under this fault timeline ({}{}).", seed_, what,
                          rule, budget_left ? "shrunk until no smaller one fails it" : "shrink budget spent",
                          original.size() == timeline.size() ? "" : fmt::format(", from {} faults", original.size()));
    // The conformance section names the rule (on, as by default), so the file says what it reproduces.
    json conformance = conformance_;
    conformance["rules"][rule]["enabled"] = true;
    const auto name = document_.value("name", options_.scenario.stem().string());
    write_file(dir() / "counterexample.json", scenario_text(document_, timeline, conformance, {name, description}));

    summary_["verdict"] = "fail";
    summary_["counterexample"] = {{"rule", rule},
                                  {"calm_weather", timeline.empty()},
                                  {"case", case_number ? json(*case_number) : json(nullptr)},
                                  {"original_faults", timeline_json(original)},
                                  {"faults", timeline_json(timeline)},
                                  {"shrink_runs", shrink_runs},
                                  {"shrink_budget_spent", !budget_left},
                                  {"shrink_steps", std::move(steps)},
                                  {"first_finding", first_finding(report, rule)},
                                  {"file", "counterexample.json"}};
    write_summary();
    if (!timeline.empty())
      out_ << fmt::format("counterexample: {} fails under {} fault{} (from {} in {}, {} shrink run{}{}): {}\n", rule,
                          timeline.size(), timeline.size() == 1 ? "" : "s", original.size(), what, shrink_runs,
                          shrink_runs == 1 ? "" : "s", budget_left ? "" : ", budget spent", describe(timeline));
    out_ << fmt::format("wrote {} (replay: mock-gc check --scenario {} -- {}); reports in {} and {}\n",
                        (dir() / "counterexample.json").string(), (dir() / "counterexample.json").string(),
                        fmt::join(options_.command, " "), (dir() / "original").string(), (dir() / "shrunk").string());
    return kExitFound;
  }

  void write_summary() {
    summary_["runs"] = runs_;
    write_file(dir() / "explore.json", summary_.dump(2) + "\n");
  }

  const ExploreOptions& options_;
  std::ostream& out_;
  std::ostream& err_;
  core::Scenario scenario_;
  json document_;
  json conformance_;
  Envelope envelope_;
  std::uint64_t seed_ = 1;
  json summary_;
  int runs_ = 0;
  int exit_code_ = kExitInput;
};

}  // namespace

int run_explore(const ExploreOptions& options, std::ostream& out, std::ostream& err) {
  try {
    return Explorer(options, out, err).run();
  } catch (const std::exception& e) {  // usage errors, bad scenario or envelope, unwritable report directory
    err << "mock-gc explore: " << e.what() << "\n";
    return kExitInput;
  }
}

}  // namespace mockgc::explore
