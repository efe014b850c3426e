// `mock-gc verify`: judge a journal exported from a `mock-gc serve` run, offline.
#include <fmt/format.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <ostream>
#include <string_view>
#include <vector>

#include "driver/judging.hpp"
#include "mockgc/check/drivers.hpp"
#include "mockgc/check/evaluator.hpp"
#include "mockgc/core/journal/request_journal.hpp"

namespace mockgc::check {
namespace {

using driver::InputError;

// A longer line is no export line (each field has a bound); reading stops there rather than holding it.
constexpr std::size_t kMaxLineBytes = 64 * 1024;

int verify(const VerifyOptions& options, std::ostream& out) {
  auto judging = driver::load_judging(options.scenario, options.rules_file);
  const auto& scenario = judging.scenario;
  if (options.report_dir) driver::make_report_dir(*options.report_dir);
  std::ifstream in(options.journal, std::ios::binary);
  if (!in) throw InputError(fmt::format("{}: cannot read the journal", options.journal.string()));

  Evaluator evaluator(driver::context_for(scenario, options.scenario.string(), scenario.seed, scenario.clock.speed,
                                          options.strict),
                      std::move(judging.rules));
  HtmlReport html(scenario, options.scenario.string(), scenario.seed);
  out << fmt::format("mock-gc verify journal={} scenario={}\n", options.journal.string(), options.scenario.string());
  std::vector<char> buffer(kMaxLineBytes + 2);
  std::size_t number = 0;
  for (;;) {
    in.getline(buffer.data(), static_cast<std::streamsize>(buffer.size()));
    if (in.bad()) throw InputError(fmt::format("{}: read error after line {}", options.journal.string(), number));
    if (in.fail() && in.eof() && in.gcount() == 0) break;  // the end
    ++number;
    if (in.fail())  // the buffer filled before the line ended
      throw InputError(fmt::format("{}:{}: line longer than {} bytes", options.journal.string(), number, kMaxLineBytes));
    const auto length = static_cast<std::size_t>(in.gcount()) - (in.eof() ? 0 : 1);  // without the '\n'
    const std::string_view line(buffer.data(), length);
    if (line.find_first_not_of(" \t\r") != std::string_view::npos) {
      try {
        const auto entry = core::journal::entry_from_json(nlohmann::json::parse(line));
        evaluator.observe(entry);
        html.observe(entry);
      } catch (const std::exception& e) {  // not JSON, or a key of the wrong type
        throw InputError(fmt::format("{}:{}: not a journal entry: {}", options.journal.string(), number, e.what()));
      }
    }
    if (in.eof()) break;
  }

  // No process was watched: the run is judged as if it exited 0, and `exit-code` says it does not apply.
  auto report = evaluator.finish(RunOutcome{});
  for (auto& r : report.rules)
    if (r.id == "exit-code" && r.status == RuleStatus::pass) {
      r.status = RuleStatus::not_applicable;
      r.note = "mock-gc verify judges a journal: no command was run";
    }
  return driver::publish(report, html, options.report_dir, out);
}

}  // namespace

int run_verify(const VerifyOptions& options, std::ostream& out, std::ostream& err) {
  try {
    return verify(options, out);
  } catch (const std::exception& e) {
    err << "mock-gc verify: " << e.what() << "\n";
    return driver::kExitInput;
  }
}

}  // namespace mockgc::check
