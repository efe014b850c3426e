#pragma once
// Runs a program as a child process the way `mock-gc check` runs an integration: argv[0] looked up on PATH,
// extra environment variables, stdin from /dev/null, stdout and stderr into one file, descriptors beyond
// those three closed, and a process group of its own so a stop reaches everything it started.
#include <sys/types.h>

#include <csignal>
#include <filesystem>
#include <optional>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "mockgc/core/clock.hpp"

namespace mockgc::check {

struct ChildSpec {
  std::vector<std::string> argv;  // argv[0] without a '/' is looked up on PATH
  std::vector<std::pair<std::string, std::string>> env;  // set (or overridden) on top of this process's
  std::filesystem::path output;   // stdout and stderr, truncated first
};

// The program cannot be started (not found, not executable, the output file cannot be opened, …).
class SpawnError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct ChildExit {
  int exit_code = 0;  // the exit status, or -N when signal N ended it
  bool timed_out = false;
  bool interrupted = false;  // stopped early because *interrupt became non-zero
};

class ChildProcess {
 public:
  // Throws SpawnError naming argv[0] and the reason.
  explicit ChildProcess(const ChildSpec& spec);
  // Stops the group (SIGKILL) and reaps the child if it still runs.
  ~ChildProcess();
  ChildProcess(const ChildProcess&) = delete;
  ChildProcess& operator=(const ChildProcess&) = delete;

  pid_t pid() const { return pid_; }
  // Waits up to `limit` for the child to exit. At the limit: SIGTERM to its process group, then SIGKILL to the
  // group after `grace` if the child is still there (timed_out is set either way). Whatever the child left
  // running in its group gets SIGKILL once it has exited. A non-zero `*interrupt` (a signal handler's flag)
  // stops the child the same way before the limit.
  ChildExit wait(core::Millis limit, core::Millis grace, const volatile std::sig_atomic_t* interrupt = nullptr);

 private:
  // True once the child has exited, polling until `deadline` (or a non-zero `*interrupt`). It stays unreaped
  // (a zombie), so its pid and process group id cannot be reused while the group is signalled.
  bool exited_before(std::chrono::steady_clock::time_point deadline,
                     const volatile std::sig_atomic_t* interrupt = nullptr) const;
  int reap();  // kills what is left of the group, reaps the child, returns ChildExit::exit_code

  pid_t pid_ = -1;
  bool reaped_ = false;
};

}  // namespace mockgc::check
