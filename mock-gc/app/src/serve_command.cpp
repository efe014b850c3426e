#include "serve_command.hpp"

#include <fmt/format.h>
#include <sys/resource.h>

#include <CLI/CLI.hpp>
#include <cstdio>
#include <exception>
#include <fstream>
#include <limits>
#include <system_error>

#include "banner.hpp"
#include "mockgc/api/clock.hpp"
#include "cli.hpp"

namespace mockgc::app {
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

}  // namespace

CLI::App* declare_serve(CLI::App& root, ServeOptions& options) {
  auto* cmd = root.add_subcommand("serve", "Serve the simulated world over HTTP/1.1 until SIGINT/SIGTERM");
  cmd->footer(
      "On start mock-gc prints `mock-gc VERSION seed=N scenario=S`, one `region=KEY url=URL client_id=ID\n"
      "client_secret=SECRET org=NAME` line per region, a `shared url=URL hosts=H1,H2,...` line, a\n"
      "`clock mode=real|virtual now=INSTANT` line, a `console url=URL` line (the live console, served like the\n"
      "admin API) and `ready`. A scenario's timeline plays on its clock; a virtual one stands still (and so do\n"
      "imports and jobs) until the admin API moves it or --speed runs it. GET /mockgc/health answers 200\n"
      "{status, seed, regions} without credentials and is not journalled (container and Kubernetes probes).\n\n"
      "Exit status: 0 after SIGINT/SIGTERM; 1 when a port cannot be bound; 2 for a bad command line, scenario,\n"
      "bind address or TLS file.");
  auto& service = options.service;
  auto& server = options.server;
  cmd->add_option("--scenario", service.scenario_file, "world to load (default: the built-in default world)")
      ->type_name("FILE");
  cmd->add_option("--seed", service.seed, "seed for all randomness (overrides the scenario's)");
  cmd->add_option("--speed", service.clock_speed,
                  "play the scenario's clock from its start at S world seconds per real second, also a virtual\n"
                  "clock (which otherwise stands still until POST /mockgc/admin/clock/advance moves it)")
      ->type_name("S")
      ->check(CLI::PositiveNumber);
  cmd->add_option("--regions", service.served_regions,
                  "serve only these regions of the scenario (default: all). Processes serving disjoint regions\n"
                  "of one scenario and seed agree on ids, people and faults (docs/scaling.md)")
      ->delimiter(',')
      ->type_name("KEY,...");
  cmd->add_option("--port", server.port,
                  "shared port (Host header picks the region); regions get N+1, N+2, ... in the order printed.\n"
                  "0 = any free port for every listener");
  cmd->add_option("--bind", server.bind_address, "address to listen on")->type_name("ADDR");
  cmd->add_option("--threads", server.io_threads, "io threads")->check(CLI::Range(std::size_t{1}, std::size_t{64}));
  cmd->add_option("--body-limit", server.body_limit, "largest request body in bytes; bigger gets a 413")
      ->type_name("BYTES")
      ->check(CLI::Range(std::uint64_t{1}, std::uint64_t{1} << 32U));
  cmd->add_flag("--verbose", options.verbose, "also print ready-to-paste curl and JS SDK snippets");
  cmd->add_option("--write-orgs", options.write_orgs,
                  "write ORGS.json for the reference client (client/README.md) to FILE")
      ->type_name("FILE");
  auto* cert = cmd->add_option("--tls-cert", options.tls_cert, "PEM certificate chain; with --tls-key every listener speaks HTTPS")
                   ->type_name("FILE");
  auto* key = cmd->add_option("--tls-key", options.tls_key, "PEM private key")->type_name("FILE");
  cert->needs(key);
  key->needs(cert);
  cmd->add_option("--admin-token", service.admin_token,
                  "admin API (/mockgc/admin/...) requires Authorization: Bearer T\n"
                  "(default: admin API served to loopback peers only)")
      ->type_name("T");
  return cmd;
}

int serve_main(const ServeOptions& options) {
  std::unique_ptr<core::Service> service;
  try {
    service = core::make_service(options.service);
  } catch (const std::exception& e) {  // bad scenario file: a start-up error
    fmt::print(stderr, "mock-gc: {}\n", e.what());
    return kExitUsage;
  }

  raise_descriptor_limit();
  net::ServerOptions server_options = options.server;
  server_options.stop_on_signals = true;
  if (options.tls_cert) server_options.tls = net::TlsFiles{*options.tls_cert, *options.tls_key};
  net::Server server(*service, server_options);
  try {
    server.start();
  } catch (const std::system_error& e) {  // the port is taken, the address is not ours, …
    fmt::print(stderr, "mock-gc: {}\n", e.what());
    return kExitFailure;
  } catch (const std::exception& e) {  // a bad bind address, unusable TLS files: configuration errors
    fmt::print(stderr, "mock-gc: {}\n", e.what());
    return kExitUsage;
  }

  const auto& scenario = options.service.scenario_file;
  BannerInput info{MOCKGC_VERSION, service->seed(), scenario ? scenario->string() : "default", service->regions(),
                   server.endpoints()};
  if (const auto* clock = service->clock()) {
    info.virtual_clock = dynamic_cast<const api::ManualClock*>(clock) != nullptr;
    info.clock_now = clock->now();
    info.clock_speed = clock->speed();
  }
  if (options.write_orgs) {
    try {
      write_file(*options.write_orgs, orgs_json(info));
    } catch (const std::exception& e) {
      fmt::print(stderr, "mock-gc: {}\n", e.what());
      return kExitFailure;
    }
  }
  fmt::print("{}", banner(info, options.verbose));
  std::fflush(stdout);
  server.run();
  return kExitOk;
}

}  // namespace mockgc::app
