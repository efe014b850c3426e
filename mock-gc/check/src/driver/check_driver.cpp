// `mock-gc check`: serve the scenario's world, run the integration against it, judge its traffic.
#include <fmt/format.h>
#include <signal.h>

#include <csignal>
#include <fstream>
#include <mutex>
#include <optional>
#include <ostream>
#include <random>
#include <thread>

#include "driver/child_process.hpp"
#include "driver/judging.hpp"
#include "mockgc/check/drivers.hpp"
#include "mockgc/check/evaluator.hpp"
#include "mockgc/api/time.hpp"
#include "mockgc/core/journal/request_journal.hpp"
#include "mockgc/core/service.hpp"
#include "mockgc/net/orgs_file.hpp"
#include "mockgc/net/server.hpp"
#include "mockgc/reports/files.hpp"

namespace mockgc::check {
namespace {

using driver::InputError;

// Streams every journal entry of the run into journal.jsonl, the evaluator and the HTML report's digest as it
// is appended, so memory stays bounded whatever the integration sends (the ring may wrap; this sees
// everything once).
class Recorder {
 public:
  Recorder(const std::filesystem::path& jsonl, Evaluator& evaluator, HtmlReport& html)
      : path_(jsonl), out_(jsonl, std::ios::binary | std::ios::trunc), evaluator_(evaluator), html_(html) {
    if (!out_) throw InputError(fmt::format("{}: cannot write the file", jsonl.string()));
  }

  // The journal calls this under its own lock; this lock also orders the entries of an epoch change.
  void record(const core::journal::JournalEntry& entry) {
    std::lock_guard lock(mutex_);
    if (closed_) return;
    out_ << core::journal::entry_jsonl_line(entry);
    evaluator_.observe(entry);
    html_.observe(entry);
  }

  // No entry is taken after this. Throws std::runtime_error when the file could not be written.
  void close() {
    std::lock_guard lock(mutex_);
    closed_ = true;
    if (!out_.flush()) throw std::runtime_error(fmt::format("cannot write {}", path_.string()));
  }

 private:
  std::filesystem::path path_;
  std::mutex mutex_;
  std::ofstream out_;
  Evaluator& evaluator_;
  HtmlReport& html_;
  bool closed_ = false;
};

// The admin API stays closed to the integration (it must not reset the world it is judged in): a token
// nobody is told.
std::string unguessable_token() {
  std::random_device device;
  std::string out;
  for (int i = 0; i < 4; ++i) out += fmt::format("{:08x}", device());
  return out;
}

// SIGINT/SIGTERM to the harness while the integration runs: stop the integration's group too (it has a group
// of its own, so a terminal's Ctrl-C does not reach it), then end like the signal would have.
volatile std::sig_atomic_t g_interrupt = 0;

extern "C" void on_interrupt(int signal) { g_interrupt = signal; }

class InterruptGuard {
 public:
  InterruptGuard() {
    g_interrupt = 0;
    struct sigaction action {};
    action.sa_handler = on_interrupt;
    sigemptyset(&action.sa_mask);
    sigaction(SIGINT, &action, &old_int_);
    sigaction(SIGTERM, &action, &old_term_);
  }
  ~InterruptGuard() {
    sigaction(SIGINT, &old_int_, nullptr);
    sigaction(SIGTERM, &old_term_, nullptr);
  }
  InterruptGuard(const InterruptGuard&) = delete;
  InterruptGuard& operator=(const InterruptGuard&) = delete;

 private:
  struct sigaction old_int_ {};
  struct sigaction old_term_ {};
};

std::string joined(const std::vector<std::string>& words) { return fmt::format("{}", fmt::join(words, " ")); }

// The server's io threads, stopped and joined on every way out of run_check.
class ServingThread {
 public:
  explicit ServingThread(net::Server& server) : server_(server), thread_([this] { server_.run(); }) {}
  ~ServingThread() {
    server_.stop();
    thread_.join();
  }
  ServingThread(const ServingThread&) = delete;
  ServingThread& operator=(const ServingThread&) = delete;

 private:
  net::Server& server_;
  std::thread thread_;
};

CheckRun check(const CheckOptions& options, std::ostream& out, std::ostream& err) {
  if (options.command.empty()) throw InputError("no COMMAND given (mock-gc check … -- COMMAND [ARG…])");
  if (!(options.speed > 0)) throw InputError(fmt::format("--speed must be > 0, got {}", options.speed));
  if (options.time_limit <= core::Millis(0)) throw InputError("--time-limit must be positive");

  auto judging = driver::load_judging(options.scenario, options.rules_file);
  const std::uint64_t seed = options.seed.value_or(judging.scenario.seed);
  const auto& dir = options.report_dir;
  driver::make_report_dir(dir);

  Evaluator evaluator(driver::context_for(judging.scenario, options.scenario.string(), seed, options.speed, options.strict),
                      std::move(judging.rules));
  HtmlReport html(judging.scenario, options.scenario.string(), seed);
  Recorder recorder(dir / "journal.jsonl", evaluator, html);

  core::ServiceOptions service_options;
  service_options.scenario_file = options.scenario;
  service_options.clock_speed = options.speed;  // from run_start(scenario), as the evaluator counts
  service_options.seed = seed;
  service_options.admin_token = unguessable_token();
  service_options.journal_sink = [&recorder](const core::journal::JournalEntry& e) { recorder.record(e); };
  const auto service = core::make_service(service_options);

  net::ServerOptions server_options;  // 127.0.0.1, ephemeral ports, every region and the shared port
  net::Server server(*service, server_options);
  server.start();
  std::optional<ServingThread> serving(std::in_place, server);

  const auto orgs = std::filesystem::absolute(dir / "orgs.json");
  reports::write_text_file(orgs, net::orgs_json(service->regions(), server.endpoints()));
  out << fmt::format("mock-gc check seed={} speed={} scenario={} report-dir={}\n", seed, options.speed,
                     options.scenario.string(), dir.string());
  for (const auto& e : server.endpoints())
    out << (e.region.empty() ? fmt::format("shared url={}\n", net::client_url(e))
                             : fmt::format("region={} url={}\n", e.region, net::client_url(e)));
  out << fmt::format("running: {} (orgs {}, output {}, time limit {})\n", joined(options.command), orgs.string(),
                     (dir / "integration.log").string(), api::format_duration(options.time_limit));
  out.flush();

  ChildSpec spec;
  spec.argv = options.command;
  for (auto& arg : spec.argv)
    if (arg == "{orgs}") arg = orgs.string();
  spec.env = {{"MOCKGC_ORGS", orgs.string()}};
  spec.output = dir / "integration.log";
  RunOutcome outcome;
  outcome.command = joined(options.command);
  {
    InterruptGuard guard;
    std::optional<ChildProcess> child;
    try {
      child.emplace(spec);
    } catch (const SpawnError& e) {
      err << "mock-gc check: " << e.what() << "\n";
      return {driver::kExitInput, std::nullopt};
    }
    const auto exit = child->wait(options.time_limit, kKillGrace, &g_interrupt);
    if (exit.interrupted) {
      err << fmt::format("mock-gc check: interrupted by signal {}; the integration was stopped\n", int{g_interrupt});
      return {128 + g_interrupt, std::nullopt};
    }
    outcome.exit_code = exit.exit_code;
    outcome.timed_out = exit.timed_out;
  }
  out << (outcome.timed_out ? fmt::format("integration killed at the time limit (exit {})\n", outcome.exit_code)
                            : fmt::format("integration exited with {}\n", outcome.exit_code));

  serving.reset();  // no request is in flight after this
  recorder.close();
  auto report = evaluator.finish(outcome);
  const int code = driver::publish(report, html, dir, out);
  return {code, std::move(report)};
}

}  // namespace

CheckRun run_check_report(const CheckOptions& options, std::ostream& out, std::ostream& err) {
  try {
    return check(options, out, err);
  } catch (const std::exception& e) {  // bad input, or a listener / report file that cannot be used
    err << "mock-gc check: " << e.what() << "\n";
    return {driver::kExitInput, std::nullopt};
  }
}

RulesConfig effective_rules(const std::filesystem::path& scenario,
                            const std::optional<std::filesystem::path>& rules_file) {
  return driver::load_judging(scenario, rules_file).rules;
}

int run_check(const CheckOptions& options, std::ostream& out, std::ostream& err) {
  return run_check_report(options, out, err).exit_code;
}

}  // namespace mockgc::check
