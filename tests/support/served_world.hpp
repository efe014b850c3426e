#pragma once
// mock-gc as a child process: its start-up banner read up to `ready` (read_banner), a spawned
// `mock-gc serve --port 0 --write-orgs FILE [extra…]` for end-to-end tests (ServedWorld), and a program run to
// its end (run_and_capture). ServedWorld needs MOCKGC_BIN, the including target's path of build/bin/mock-gc.
#include <gtest/gtest.h>

#include <chrono>
#include <csignal>
#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "support/child_process.hpp"

namespace mockgc::testing {

// What `mock-gc serve` prints before `ready`:
//   mock-gc 0.1.0 seed=1 scenario=default
//   clock mode=virtual now=2026-03-02T09:00:00.000Z …
//   region=eu_central_1 url=http://127.0.0.1:33071 client_id=… client_secret=… org=EMEA
//   shared url=http://127.0.0.1:33513 hosts=…
struct Banner {
  std::vector<std::string> lines;  // every line before `ready` (with --verbose, the snippets too)
  std::string header;              // the first line
  std::map<std::string, std::map<std::string, std::string>> regions;  // region key -> the line's key=value words
  std::vector<std::string> region_lines;
  std::map<std::string, std::string> clock;  // the `clock …` line's words
  std::string shared_line;
  std::string shared_url;
  std::uint16_t shared_port = 0;
  bool ready = false;  // `ready` was read
};

// The key=value words of a banner line.
std::map<std::string, std::string> banner_words(const std::string& line);
// The port of "http://127.0.0.1:33071".
std::uint16_t port_of(const std::string& url);
// Reads the banner up to `ready`; a test failure when there is no output or no `ready`.
Banner read_banner(ChildProcess& child);

// Runs `argv` to its end: its stdout, its exit status in `exit_code` (-1 when it did not exit), its stderr in
// `*err` when given.
std::string run_and_capture(const std::vector<std::string>& argv, int& exit_code, std::string* err = nullptr);

// A file's bytes (empty when it cannot be read).
std::string read_file(const std::filesystem::path& p);

#ifdef MOCKGC_BIN
// `mock-gc serve --port 0 --write-orgs <TempDir>/<name>-orgs.json [extra…]`, its banner read and the ORGS.json
// it wrote expected; the destructor sends SIGTERM and expects exit 0. `name` keeps the file apart from other
// tests (ctest runs tests in parallel).
class ServedWorld {
 public:
  explicit ServedWorld(const std::string& name, const std::vector<std::string>& extra = {})
      : orgs(std::filesystem::path(::testing::TempDir()) / (name + "-orgs.json")) {
    std::filesystem::remove(orgs);
    std::vector<std::string> argv{MOCKGC_BIN, "serve", "--port", "0", "--write-orgs", orgs.string()};
    argv.insert(argv.end(), extra.begin(), extra.end());
    server = std::make_unique<ChildProcess>(argv);
    banner = read_banner(*server);
    EXPECT_TRUE(std::filesystem::exists(orgs)) << name;
  }
  ~ServedWorld() {
    server->send_signal(SIGTERM);
    EXPECT_EQ(server->wait_exit(), 0);
    std::filesystem::remove(orgs);
  }
  ServedWorld(const ServedWorld&) = delete;
  ServedWorld& operator=(const ServedWorld&) = delete;

  std::filesystem::path orgs;
  std::unique_ptr<ChildProcess> server;
  Banner banner;
};
#endif

}  // namespace mockgc::testing
