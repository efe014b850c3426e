#pragma once
// A spawned `mock-gc serve --port 0 --write-orgs FILE [extra…]` for gc-hub end-to-end tests: waits for
// "ready" and the ORGS.json it wrote; the destructor sends SIGTERM and expects exit 0. `name` keeps the
// file apart from other tests (ctest runs tests in parallel). Needs MOCKGC_BIN and tests/net/child_process.
#include <gtest/gtest.h>

#include <csignal>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <memory>
#include <string>
#include <vector>

#include "net/child_process.hpp"

namespace mockgc::testing {

class ServedWorld {
 public:
  explicit ServedWorld(const std::string& name, const std::vector<std::string>& extra = {})
      : orgs(std::filesystem::path(::testing::TempDir()) / (name + "-orgs.json")) {
    std::filesystem::remove(orgs);
    std::vector<std::string> argv{MOCKGC_BIN, "serve", "--port", "0", "--write-orgs", orgs.string()};
    argv.insert(argv.end(), extra.begin(), extra.end());
    server = std::make_unique<ChildProcess>(argv);
    while (auto line = server->read_line())
      if (*line == "ready") break;
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
};

// Runs `argv` to its end: its stdout, and its exit status in `exit_code` (-1 when it did not exit).
inline std::string run_and_capture(const std::vector<std::string>& argv, int& exit_code) {
  ChildProcess child(argv);
  std::string out;
  while (auto line = child.read_line(std::chrono::seconds(120))) out += *line + "\n";
  exit_code = child.wait_exit().value_or(-1);
  return out;
}

// A file's bytes (empty when it cannot be read).
inline std::string read_file(const std::filesystem::path& p) {
  std::ifstream f(p, std::ios::binary);
  std::stringstream s;
  s << f.rdbuf();
  return s.str();
}

}  // namespace mockgc::testing
