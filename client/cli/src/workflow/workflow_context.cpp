#include "workflow/workflow_context.hpp"

#include <unistd.h>

#include <fmt/format.h>

#include "command.hpp"

namespace gchub {

std::vector<FlagSpec> workflow_flags(std::initializer_list<FlagSpec> own) {
  std::vector<FlagSpec> out(std::begin(kCommonWorkflowFlags), std::end(kCommonWorkflowFlags));
  out.insert(out.end(), own.begin(), own.end());
  return out;
}

std::optional<WorkflowContext> make_workflow_context(std::string_view command, const Args& args, std::ostream& err,
                                                     int& exit_code) {
  using namespace mockgc::client;
  WorkflowContext ctx;
  auto file = args.text("orgs");
  if (!file) {
    exit_code = usage_error(command, "--orgs FILE is required", err);
    return std::nullopt;
  }
  std::string error;
  if (auto seed = args.unsigned_integer("seed", error)) ctx.seed = *seed;
  if (!error.empty()) {
    exit_code = usage_error(command, error, err);
    return std::nullopt;
  }
  try {
    ctx.orgs = load_orgs(*file);
  } catch (const OrgsFileError& e) {
    err << fmt::format("gc-hub {}: {}\n", command, e.what());
    exit_code = kExitUsage;
    return std::nullopt;
  }
  ctx.json = args.has("json");
  ctx.progress = args.has("progress") || ::isatty(STDERR_FILENO) == 1;
  ctx.transport = std::make_unique<BeastTransport>();
  ctx.clock = std::make_unique<SystemClock>();
  ctx.clients = std::make_unique<OrgClients>(ctx.orgs, *ctx.transport, *ctx.clock, OrgClientOptions{}, ctx.seed);
  return ctx;
}

}  // namespace gchub
