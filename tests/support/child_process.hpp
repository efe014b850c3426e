#pragma once
// Runs a program (build/bin/mock-gc) as a child process with its stdout and stderr piped back.
#include <sys/types.h>

#include <chrono>
#include <optional>
#include <string>
#include <vector>

namespace mockgc::testing {

class ChildProcess {
 public:
  explicit ChildProcess(const std::vector<std::string>& argv);
  ~ChildProcess();  // kills (SIGKILL) and reaps the child if it still runs
  ChildProcess(const ChildProcess&) = delete;
  ChildProcess& operator=(const ChildProcess&) = delete;

  // Next stdout line without its '\n'; nullopt on EOF or when the guard expires.
  std::optional<std::string> read_line(std::chrono::milliseconds guard = std::chrono::seconds(20));
  void send_signal(int signal);
  // Exit status (0-255), 128+N when killed by signal N, or nullopt when still running after the guard.
  std::optional<int> wait_exit(std::chrono::milliseconds guard = std::chrono::seconds(20));
  // Everything the child wrote to stderr (call after it exited).
  std::string drain_stderr();

 private:
  pid_t pid_ = -1;
  int out_ = -1;
  int err_ = -1;
  std::string pending_;
  bool reaped_ = false;
};

}  // namespace mockgc::testing
