#pragma once
// Shared plumbing of the workflow subcommands (sync-codes, volume, adherence, timeoff, forecast, …): the
// common flags, ORGS.json → OrgClients over real sockets and the server's clock (server_time.hpp: "current
// week" and "now" are the served world's), and the progress bar switch.
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "mockgc/client/beast_transport.hpp"
#include "mockgc/client/org_clients.hpp"
#include "mockgc/client/server_time.hpp"

namespace CLI {
class App;
class Validator;
}  // namespace CLI

namespace gchub {

// The flags every workflow command takes.
struct WorkflowFlags {
  std::string orgs;         // --orgs FILE (required)
  bool json = false;        // --json
  std::uint64_t seed = 1;   // --seed N: retry jitter and poll offsets
  bool progress = false;    // --progress (also on when stderr is a terminal)
};

// Declares --orgs, --json, --seed and --progress on a workflow command and appends the exit statuses to
// its footer.
void add_workflow_flags(CLI::App& command, WorkflowFlags& flags);

// Checks a --week value: a local date YYYY-MM-DD (a day inside the week) or `keyword` ("current", "next").
CLI::Validator local_week_or(const std::string& keyword);

// The epilog of every workflow command's help.
inline constexpr std::string_view kWorkflowFooter =
    "Exit status: 0 every region answered, 1 a region ended missing (its reason is in the table / JSON),\n"
    "2 usage or a bad ORGS.json.";

struct WorkflowContext {
  std::vector<mockgc::client::OrgConfig> orgs;
  std::unique_ptr<mockgc::client::BeastTransport> sockets;
  std::unique_ptr<mockgc::client::ServerAlignedClock> clock;
  std::unique_ptr<mockgc::client::DateObservingTransport> transport;  // sockets, teaching `clock` the server's time
  std::unique_ptr<mockgc::client::OrgClients> clients;
  bool json = false;
  bool progress = false;  // --progress, or stderr is a terminal
  std::uint64_t seed = 1;
  // The server's now: before any answer has told the clock the server's time, the first org signs in (the
  // token is kept for the run, so this costs no extra request).
  mockgc::client::Instant now();
};

// Reads ORGS.json. On a bad file prints the reason and returns nullopt with `exit_code` set (kExitUsage).
std::optional<WorkflowContext> make_workflow_context(std::string_view command, const WorkflowFlags& flags,
                                                     std::ostream& err, int& exit_code);

// Prints a workflow's result: with --json its JSON with the run's "seed" added, otherwise its table.
void print_result(const WorkflowContext& ctx, std::ostream& out, const std::function<nlohmann::json()>& as_json,
                  const std::function<std::string()>& as_table);

}  // namespace gchub
