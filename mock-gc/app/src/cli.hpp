#pragma once
// Command line of the mock-gc executable. Parsing is separate from acting so usage errors all end
// the same way: the usage text on stderr and exit status 2.
#include <cstdint>
#include <filesystem>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace mockgc::app {

struct UsageError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

enum class Command { serve, run, help, version };

struct CliOptions {
  Command command = Command::help;
  std::optional<std::filesystem::path> scenario;
  std::optional<std::uint64_t> seed;
  std::uint16_t port = 0;
  std::string bind = "127.0.0.1";
  std::size_t threads = 2;
  std::uint64_t body_limit = 10 * 1024 * 1024;
  bool verbose = false;
  std::optional<std::filesystem::path> write_orgs;
  std::optional<std::filesystem::path> tls_cert;
  std::optional<std::filesystem::path> tls_key;
  std::optional<std::string> admin_token;  // admin API guard (else loopback peers only)
  // run
  std::optional<std::filesystem::path> report_json;
  std::optional<std::filesystem::path> junit;
  std::optional<std::filesystem::path> journal_jsonl;
};

// Throws UsageError with a one-line reason.
CliOptions parse_cli(const std::vector<std::string>& args);
const char* usage_text();

}  // namespace mockgc::app
