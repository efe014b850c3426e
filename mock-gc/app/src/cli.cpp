#include "cli.hpp"

#include <fmt/format.h>

#include <charconv>
#include <limits>

namespace mockgc::app {
namespace {

template <class Int>
Int parse_int(const std::string& flag, const std::string& text, Int min, Int max) {
  unsigned long long value = 0;
  const auto* end = text.data() + text.size();
  const auto [ptr, ec] = std::from_chars(text.data(), end, value);
  if (text.empty() || ec != std::errc{} || ptr != end || value < static_cast<unsigned long long>(min) ||
      value > static_cast<unsigned long long>(max))
    throw UsageError(fmt::format("{} expects a whole number in [{}, {}], got '{}'", flag, min, max, text));
  return static_cast<Int>(value);
}

}  // namespace

const char* usage_text() {
  return R"(usage: mock-gc serve [options]
       mock-gc run --scenario FILE [--seed N] [--report-json F] [--junit F] [--journal-jsonl F]
       mock-gc --help | --version

Serves a simulated multi-region Genesys Cloud world over HTTP/1.1 until SIGINT/SIGTERM.

options for serve:
  --scenario FILE     world to load (default: the built-in default world)
  --seed N            seed for all randomness (overrides the scenario's)
  --port N            shared port (Host header picks the region); regions get N+1, N+2, ...
                      in the order printed. 0 (default) = any free port for every listener
  --bind ADDR         address to listen on (default 127.0.0.1)
  --threads N         io threads (default 2)
  --body-limit BYTES  largest request body; bigger gets a 413 (default 10485760)
  --verbose           also print ready-to-paste curl and JS SDK snippets
  --write-orgs FILE   write ORGS.json for the reference client (client/README.md) to FILE
  --tls-cert FILE     PEM certificate chain; with --tls-key every listener speaks HTTPS
  --tls-key FILE      PEM private key
  --admin-token T     admin API (/mockgc/admin/...) requires Authorization: Bearer T
                      (default: admin API served to loopback peers only)

run plays a scenario in-process on a virtual clock (its timeline of faults, then its `expect` probes
and counters; see scenarios/README.md), prints one ok/FAIL line per check and exits 0 when all pass,
1 when one fails, 2 for a bad command line or scenario file.

On start mock-gc prints `mock-gc VERSION seed=N scenario=S`, one `region=KEY url=URL client_id=ID
client_secret=SECRET org=NAME` line per region, a `shared url=URL hosts=H1,H2,...` line and `ready`.

exit status: 0 after SIGINT/SIGTERM; 1 when a port cannot be bound; 2 for a bad command line, scenario,
bind address or TLS file.
)";
}

CliOptions parse_cli(const std::vector<std::string>& args) {
  CliOptions out;
  if (args.empty()) throw UsageError("missing command");
  if (args[0] == "--help" || args[0] == "-h" || args[0] == "help") {
    out.command = Command::help;
    return out;
  }
  if (args[0] == "--version") {
    out.command = Command::version;
    return out;
  }
  if (args[0] != "serve" && args[0] != "run") throw UsageError(fmt::format("unknown command '{}'", args[0]));
  out.command = args[0] == "run" ? Command::run : Command::serve;
  for (std::size_t i = 1; i < args.size(); ++i) {
    const std::string& flag = args[i];
    auto value = [&]() -> const std::string& {
      if (i + 1 >= args.size()) throw UsageError(fmt::format("{} needs a value", flag));
      return args[++i];
    };
    if (flag == "--scenario") out.scenario = value();
    else if (flag == "--seed") out.seed = parse_int<std::uint64_t>(flag, value(), 0, std::numeric_limits<std::uint64_t>::max());
    else if (flag == "--port") out.port = parse_int<std::uint16_t>(flag, value(), 0, 65535);
    else if (flag == "--bind") out.bind = value();
    else if (flag == "--threads") out.threads = parse_int<std::size_t>(flag, value(), 1, 64);
    else if (flag == "--body-limit") out.body_limit = parse_int<std::uint64_t>(flag, value(), 1, std::uint64_t{1} << 32U);
    else if (flag == "--verbose") out.verbose = true;
    else if (flag == "--write-orgs") out.write_orgs = value();
    else if (flag == "--tls-cert") out.tls_cert = value();
    else if (flag == "--tls-key") out.tls_key = value();
    else if (flag == "--admin-token") out.admin_token = value();
    else if (flag == "--report-json") out.report_json = value();
    else if (flag == "--junit") out.junit = value();
    else if (flag == "--journal-jsonl") out.journal_jsonl = value();
    else if (flag == "--help" || flag == "-h") out.command = Command::help;
    else throw UsageError(fmt::format("unknown option '{}'", flag));
  }
  if (out.command == Command::run && !out.scenario) throw UsageError("run needs --scenario FILE");
  if (out.tls_cert.has_value() != out.tls_key.has_value())
    throw UsageError("--tls-cert and --tls-key go together");
  return out;
}

}  // namespace mockgc::app
