// mock-gc's command line in-process: generated help and --version, options bound to the verb that uses
// them, and usage errors that name the offending option (exit 2, nothing on stdout).
#include <gtest/gtest.h>

#include <regex>
#include <string>
#include <vector>

#include "cli.hpp"
#include "run_command.hpp"
#include "serve_command.hpp"
#include "support/command_line.hpp"

namespace {

using mockgc::testing::parse_subcommand;

mockgc::testing::CommandLineOutcome mock_gc(std::vector<std::string> args) {
  return mockgc::testing::run_command_line(mockgc::app::run_command_line, "mock-gc", std::move(args));
}

using mockgc::testing::contains;

TEST(MockGcCommandLine, TopLevelHelpListsTheVerbsAndExitsZero) {
  for (const char* flag : {"--help", "-h"}) {
    const auto r = mock_gc({flag});
    EXPECT_EQ(r.code, 0);
    EXPECT_TRUE(r.err.empty()) << r.err;
    EXPECT_TRUE(contains(r.out, "serve")) << r.out;
    EXPECT_TRUE(contains(r.out, "run")) << r.out;
    EXPECT_TRUE(contains(r.out, "--version")) << r.out;
  }
}

TEST(MockGcCommandLine, ServeHelpDescribesItsOptionsAndExitsZero) {
  const auto r = mock_gc({"serve", "--help"});
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_TRUE(r.err.empty()) << r.err;
  for (const char* part : {"mock-gc serve", "--port", "--write-orgs", "--tls-cert", "--admin-token", "=127.0.0.1",
                           "ready", "SIGINT/SIGTERM"})
    EXPECT_TRUE(contains(r.out, part)) << part << "\n" << r.out;
  EXPECT_FALSE(contains(r.out, "--junit")) << r.out;  // run's, not serve's
}

TEST(MockGcCommandLine, RunHelpDescribesItsReports) {
  const auto r = mock_gc({"run", "--help"});
  EXPECT_EQ(r.code, 0) << r.err;
  for (const char* part : {"--scenario", "--report-json", "--junit", "--journal-jsonl", "ok/FAIL"})
    EXPECT_TRUE(contains(r.out, part)) << part << "\n" << r.out;
}

TEST(MockGcCommandLine, VersionPrintsTheVersion) {
  const auto r = mock_gc({"--version"});
  EXPECT_EQ(r.code, 0);
  EXPECT_TRUE(std::regex_match(r.out, std::regex(R"(mock-gc \d+\.\d+\.\d+\n)"))) << r.out;
}

TEST(MockGcCommandLine, ServeOptionsLandInTheServiceAndServerOptions) {
  const auto defaults = parse_subcommand(mockgc::app::declare_serve, {"serve"});
  EXPECT_EQ(defaults.server.port, mockgc::net::ServerOptions{}.port);
  EXPECT_EQ(defaults.server.io_threads, mockgc::net::ServerOptions{}.io_threads);
  EXPECT_FALSE(defaults.service.scenario_file.has_value());
  EXPECT_FALSE(defaults.service.seed.has_value());

  const auto o = parse_subcommand(mockgc::app::declare_serve,
                        {"serve", "--port", "8080", "--seed", "5", "--scenario", "s.json", "--bind", "0.0.0.0",
                         "--threads", "4", "--body-limit", "1024", "--tls-cert", "c.pem", "--tls-key", "k.pem",
                         "--admin-token", "T", "--write-orgs", "orgs.json", "--verbose"});
  EXPECT_EQ(o.server.port, 8080);
  EXPECT_EQ(o.service.seed, 5U);
  EXPECT_EQ(o.service.scenario_file, std::filesystem::path("s.json"));
  EXPECT_EQ(o.server.bind_address, "0.0.0.0");
  EXPECT_EQ(o.server.io_threads, 4U);
  EXPECT_EQ(o.server.body_limit, 1024U);
  EXPECT_EQ(o.tls_cert, std::filesystem::path("c.pem"));
  EXPECT_EQ(o.tls_key, std::filesystem::path("k.pem"));
  EXPECT_EQ(o.service.admin_token, "T");
  EXPECT_EQ(o.write_orgs, std::filesystem::path("orgs.json"));
  EXPECT_TRUE(o.verbose);
}

TEST(MockGcCommandLine, RunOptionsLandInTheRunnerOptions) {
  const auto o = parse_subcommand(mockgc::app::declare_run, {"run", "--scenario", "s.json", "--seed", "7", "--report-json",
                                                   "r.json", "--junit", "j.xml", "--journal-jsonl", "j.jsonl"});
  EXPECT_EQ(o.scenario, std::filesystem::path("s.json"));
  EXPECT_EQ(o.seed, 7U);
  EXPECT_EQ(o.report_json, std::filesystem::path("r.json"));
  EXPECT_EQ(o.junit, std::filesystem::path("j.xml"));
  EXPECT_EQ(o.journal_jsonl, std::filesystem::path("j.jsonl"));
}

struct BadLine {
  std::vector<std::string> args;
  std::string named;  // what the message must name
};

TEST(MockGcCommandLine, UsageErrorsNameTheOptionAndExitTwo) {
  const std::vector<BadLine> cases{
      {{"serve", "--junit", "x"}, "--junit"},  // run's option: not silently ignored by serve
      {{"serve", "--report-json", "x"}, "--report-json"},
      {{"serve", "--no-such-flag"}, "--no-such-flag"},
      {{"serve", "--port", "http"}, "--port"},
      {{"serve", "--port", "70000"}, "--port"},
      {{"serve", "--seed"}, "--seed"},
      {{"serve", "--threads", "0"}, "--threads"},
      {{"serve", "--tls-cert", "only-cert.pem"}, "--tls-key"},
      {{"--seed", "3", "serve"}, "--seed"},  // a verb's option before the verb
      {{"run"}, "--scenario"},
      {{"run", "--scenario", "s.json", "--port", "1"}, "--port"},
      {{"bogus"}, "bogus"},
      {{}, "serve"},  // no verb: the message lists them
  };
  for (const auto& c : cases) {
    const auto r = mock_gc(c.args);
    std::string line;
    for (const auto& a : c.args) line += a + " ";
    EXPECT_EQ(r.code, 2) << line;
    EXPECT_TRUE(r.out.empty()) << line << "\n" << r.out;
    EXPECT_TRUE(contains(r.err, "mock-gc")) << line << "\n" << r.err;
    EXPECT_TRUE(contains(r.err, c.named)) << line << "\nexpected '" << c.named << "' in: " << r.err;
  }
  const auto junit = mock_gc({"serve", "--junit", "x"});
  EXPECT_TRUE(contains(junit.err, "mock-gc serve: '--junit' is not an option of serve")) << junit.err;
  EXPECT_TRUE(contains(junit.err, "mock-gc serve --help")) << junit.err;
}

}  // namespace
