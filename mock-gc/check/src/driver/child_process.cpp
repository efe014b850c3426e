#include "driver/child_process.hpp"

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <string_view>
#include <thread>

#include <fmt/format.h>

extern char** environ;

namespace mockgc::check {
namespace {

// posix_spawn attributes and file actions, destroyed on every path out of the constructor.
struct SpawnSetup {
  posix_spawnattr_t attr{};
  posix_spawn_file_actions_t actions{};
  SpawnSetup() {
    posix_spawnattr_init(&attr);
    posix_spawn_file_actions_init(&actions);
  }
  ~SpawnSetup() {
    posix_spawn_file_actions_destroy(&actions);
    posix_spawnattr_destroy(&attr);
  }
  SpawnSetup(const SpawnSetup&) = delete;
  SpawnSetup& operator=(const SpawnSetup&) = delete;
};

std::vector<std::string> child_environment(const ChildSpec& spec) {
  std::vector<std::string> out;
  for (char** e = environ; e && *e; ++e) {
    const std::string_view entry(*e);
    const auto name = entry.substr(0, entry.find('='));
    const bool overridden =
        std::any_of(spec.env.begin(), spec.env.end(), [&](const auto& kv) { return kv.first == name; });
    if (!overridden) out.emplace_back(entry);
  }
  for (const auto& [name, value] : spec.env) out.push_back(name + "=" + value);
  return out;
}

std::vector<char*> pointers(std::vector<std::string>& strings) {
  std::vector<char*> out;
  out.reserve(strings.size() + 1);
  for (auto& s : strings) out.push_back(s.data());
  out.push_back(nullptr);
  return out;
}

}  // namespace

ChildProcess::ChildProcess(const ChildSpec& spec) {
  if (spec.argv.empty() || spec.argv[0].empty()) throw SpawnError("no command given");
  const std::string& program = spec.argv[0];
  // Opened here first so an unwritable output file is named as such, not blamed on the command.
  const int probe = ::open(spec.output.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (probe < 0) throw SpawnError(fmt::format("cannot write {}: {}", spec.output.string(), std::strerror(errno)));
  ::close(probe);

  SpawnSetup setup;
  // Its own process group (pgid = its pid), default signal handling, nothing blocked.
  posix_spawnattr_setpgroup(&setup.attr, 0);
  sigset_t none;
  sigemptyset(&none);
  posix_spawnattr_setsigmask(&setup.attr, &none);
  sigset_t defaults;
  sigemptyset(&defaults);
  for (int s : {SIGHUP, SIGINT, SIGQUIT, SIGPIPE, SIGTERM, SIGCHLD, SIGUSR1, SIGUSR2}) sigaddset(&defaults, s);
  posix_spawnattr_setsigdefault(&setup.attr, &defaults);
  posix_spawnattr_setflags(&setup.attr, POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF);

  posix_spawn_file_actions_addopen(&setup.actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_addopen(&setup.actions, STDOUT_FILENO, spec.output.c_str(), O_WRONLY | O_TRUNC, 0);
  posix_spawn_file_actions_adddup2(&setup.actions, STDOUT_FILENO, STDERR_FILENO);
  // The server's sockets and the harness's files stay out of the integration.
  posix_spawn_file_actions_addclosefrom_np(&setup.actions, STDERR_FILENO + 1);

  std::vector<std::string> args(spec.argv.begin(), spec.argv.end());
  std::vector<std::string> env = child_environment(spec);
  auto argv = pointers(args);
  auto envp = pointers(env);
  // glibc reports a failed exec (not found, not executable) as posix_spawnp's own result.
  const int rc = posix_spawnp(&pid_, program.c_str(), &setup.actions, &setup.attr, argv.data(), envp.data());
  if (rc != 0) {
    pid_ = -1;
    throw SpawnError(fmt::format("cannot start '{}': {}", program, std::strerror(rc)));
  }
}

ChildProcess::~ChildProcess() {
  if (pid_ > 0 && !reaped_) reap();
}

bool ChildProcess::exited_before(std::chrono::steady_clock::time_point deadline,
                                 const volatile std::sig_atomic_t* interrupt) const {
  auto pause = std::chrono::milliseconds(2);
  for (;;) {
    siginfo_t info{};
    if (::waitid(P_PID, static_cast<id_t>(pid_), &info, WEXITED | WNOHANG | WNOWAIT) == 0 && info.si_pid == pid_)
      return true;
    const auto now = std::chrono::steady_clock::now();
    if (now >= deadline || (interrupt && *interrupt != 0)) return false;
    std::this_thread::sleep_for(std::min<std::chrono::steady_clock::duration>(pause, deadline - now));
    pause = std::min(pause * 2, std::chrono::milliseconds(50));
  }
}

int ChildProcess::reap() {
  ::kill(-pid_, SIGKILL);  // whatever the child left running in its group
  int status = 0;
  while (::waitpid(pid_, &status, 0) < 0 && errno == EINTR) {
  }
  reaped_ = true;
  if (WIFSIGNALED(status)) return -WTERMSIG(status);
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

ChildExit ChildProcess::wait(core::Millis limit, core::Millis grace, const volatile std::sig_atomic_t* interrupt) {
  if (exited_before(std::chrono::steady_clock::now() + limit, interrupt)) return {reap(), false, false};
  const bool interrupted = interrupt && *interrupt != 0;
  ::kill(-pid_, SIGTERM);
  exited_before(std::chrono::steady_clock::now() + grace);
  return {reap(), !interrupted, interrupted};
}

}  // namespace mockgc::check
