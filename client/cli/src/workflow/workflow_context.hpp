#pragma once
// Shared plumbing of the workflow subcommands (sync-codes now; volume, adherence, timeoff, forecast
// later): the common flags, ORGS.json → OrgClients over real sockets and the system clock, and the
// progress bar switch. A workflow command adds its own flags to kCommonWorkflowFlags.
#include <cstdint>
#include <memory>
#include <optional>
#include <ostream>
#include <string_view>
#include <vector>

#include "args.hpp"
#include "mockgc/client/beast_transport.hpp"
#include "mockgc/client/org_clients.hpp"

namespace gchub {

// --orgs FILE (required), --json, --seed N (default 1: retry jitter and poll offsets), --progress.
inline constexpr FlagSpec kCommonWorkflowFlags[] = {
    {"orgs", true, false}, {"json", false, false}, {"seed", true, false}, {"progress", false, false}};

// Common flags followed by a command's own.
std::vector<FlagSpec> workflow_flags(std::initializer_list<FlagSpec> own);

struct WorkflowContext {
  std::vector<mockgc::client::OrgConfig> orgs;
  std::unique_ptr<mockgc::client::BeastTransport> transport;
  std::unique_ptr<mockgc::client::SystemClock> clock;
  std::unique_ptr<mockgc::client::OrgClients> clients;
  bool json = false;
  bool progress = false;  // --progress, or stderr is a terminal
  std::uint64_t seed = 1;
};

// Reads the common flags and ORGS.json. On a usage problem or a bad ORGS.json prints the reason and
// returns nullopt with `exit_code` set (kExitUsage).
std::optional<WorkflowContext> make_workflow_context(std::string_view command, const Args& args, std::ostream& err,
                                                     int& exit_code);

}  // namespace gchub
