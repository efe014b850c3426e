// mock-gc: serve a simulated multi-region Genesys Cloud world until SIGINT/SIGTERM.
// Exit status: 0 after a clean stop, 2 for a bad command line, scenario or TLS file, 1 when listening fails.
#include <fmt/format.h>
#include <sys/resource.h>

#include <cstdio>
#include <exception>
#include <fstream>
#include <system_error>

#include "banner.hpp"
#include "cli.hpp"
#include "mockgc/core/service.hpp"
#include "mockgc/net/server.hpp"
#include "scenario_runner.hpp"

namespace {

// The shell allows 10,000 connections; the usual soft limit of 1024 descriptors would cap it far lower.
void raise_descriptor_limit() {
  rlimit limit{};
  if (getrlimit(RLIMIT_NOFILE, &limit) == 0 && limit.rlim_cur < limit.rlim_max) {
    limit.rlim_cur = limit.rlim_max;
    setrlimit(RLIMIT_NOFILE, &limit);
  }
}

void write_file(const std::filesystem::path& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << text;
  if (!out.flush()) throw std::runtime_error(fmt::format("cannot write {}", path.string()));
}

int serve(const mockgc::app::CliOptions& cli) {
  using namespace mockgc;
  std::unique_ptr<core::Service> service;
  try {
    core::ServiceOptions service_options;  // fields set by name: the seam may grow more of them
    service_options.scenario_file = cli.scenario;
    service_options.admin_token = cli.admin_token;
    service_options.seed = cli.seed;
    service = core::make_service(service_options);
  } catch (const std::exception& e) {  // bad scenario file: a start-up error
    fmt::print(stderr, "mock-gc: {}\n", e.what());
    return 2;
  }

  raise_descriptor_limit();
  net::ServerOptions options;
  options.bind_address = cli.bind;
  options.port = cli.port;
  options.io_threads = cli.threads;
  options.body_limit = cli.body_limit;
  options.stop_on_signals = true;
  if (cli.tls_cert) options.tls = net::TlsFiles{*cli.tls_cert, *cli.tls_key};
  net::Server server(*service, options);
  try {
    server.start();
  } catch (const std::system_error& e) {  // the port is taken, the address is not ours, …
    fmt::print(stderr, "mock-gc: {}\n", e.what());
    return 1;
  } catch (const std::exception& e) {  // a bad bind address, unusable TLS files: configuration errors
    fmt::print(stderr, "mock-gc: {}\n", e.what());
    return 2;
  }

  app::BannerInput info{MOCKGC_VERSION, service->seed(), cli.scenario ? cli.scenario->string() : "default",
                        service->regions(), server.endpoints()};
  if (cli.write_orgs) {
    try {
      write_file(*cli.write_orgs, app::orgs_json(info));
    } catch (const std::exception& e) {
      fmt::print(stderr, "mock-gc: {}\n", e.what());
      return 1;
    }
  }
  fmt::print("{}", app::banner(info, cli.verbose));
  std::fflush(stdout);
  server.run();
  return 0;
}

int run(const mockgc::app::CliOptions& cli) {
  using namespace mockgc;
  app::RunOptions options{*cli.scenario, cli.seed, cli.report_json, cli.junit, cli.journal_jsonl};
  app::RunReport report;
  try {
    report = app::run_scenario(options);
  } catch (const std::exception& e) {  // bad scenario file: a start-up error
    fmt::print(stderr, "mock-gc: {}\n", e.what());
    return 2;
  }
  fmt::print("mock-gc run scenario={} seed={}\n", report.scenario, report.seed);
  for (const auto& c : report.checks) {
    fmt::print("{} {}\n", c.diffs.empty() ? "ok  " : "FAIL", c.name);
    for (const auto& d : c.diffs) fmt::print("       {}\n", d);
  }
  fmt::print("{} ({} checks)\n", report.passed() ? "PASSED" : "FAILED", report.checks.size());
  return report.passed() ? 0 : 1;
}

}  // namespace

int main(int argc, char** argv) {
  using namespace mockgc::app;
  CliOptions cli;
  try {
    cli = parse_cli({argv + 1, argv + argc});
  } catch (const UsageError& e) {
    fmt::print(stderr, "mock-gc: {}\n\n{}", e.what(), usage_text());
    return 2;
  }
  switch (cli.command) {
    case Command::help: fmt::print("{}", usage_text()); return 0;
    case Command::version: fmt::print("mock-gc {}\n", MOCKGC_VERSION); return 0;
    case Command::serve: return serve(cli);
    case Command::run: return run(cli);
  }
  return 2;
}
