#include "workflow/workflow_context.hpp"

#include <unistd.h>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "command.hpp"
#include "mockgc/api/time.hpp"

namespace gchub {

void add_workflow_flags(CLI::App& command, WorkflowFlags& flags) {
  command.add_option("--orgs", flags.orgs, "ORGS.json: the orgs to talk to (client/README.md)")
      ->required()
      ->type_name("FILE");
  command.add_flag("--json", flags.json, "print the report as JSON instead of tables");
  command.add_option("--seed", flags.seed, "seed of retry jitter and poll offsets (printed in the report)");
  command.add_flag("--progress", flags.progress, "show a progress bar on stderr (default when stderr is a terminal)");
  command.footer(command.get_footer() + (command.get_footer().empty() ? "" : "\n\n") + std::string(kWorkflowFooter));
}

CLI::Validator local_week_or(const std::string& keyword) {
  return CLI::Validator(
      [keyword](const std::string& text) {
        return text == keyword || mockgc::api::parse_local_date(text) ? std::string()
                                                                      : fmt::format("must be YYYY-MM-DD or {}", keyword);
      },
      "", "week");
}

std::optional<WorkflowContext> make_workflow_context(std::string_view command, const WorkflowFlags& flags,
                                                     std::ostream& err, int& exit_code) {
  using namespace mockgc::client;
  WorkflowContext ctx;
  ctx.seed = flags.seed;
  try {
    ctx.orgs = load_orgs(flags.orgs);
  } catch (const OrgsFileError& e) {
    err << fmt::format("gc-hub {}: {}\n", command, e.what());
    exit_code = kExitUsage;
    return std::nullopt;
  }
  ctx.json = flags.json;
  ctx.progress = flags.progress || ::isatty(STDERR_FILENO) == 1;
  ctx.sockets = std::make_unique<BeastTransport>();
  ctx.clock = std::make_unique<ServerAlignedClock>();
  ctx.transport = std::make_unique<DateObservingTransport>(*ctx.sockets, *ctx.clock);
  ctx.clients = std::make_unique<OrgClients>(ctx.orgs, *ctx.transport, *ctx.clock, OrgClientOptions{}, ctx.seed);
  return ctx;
}

mockgc::client::Instant WorkflowContext::now() {
  if (!clock->observed() && clients->size() > 0) (void)clients->at(0).sign_in();
  return clock->now();
}

void print_result(const WorkflowContext& ctx, std::ostream& out, const std::function<nlohmann::json()>& as_json,
                  const std::function<std::string()>& as_table) {
  if (ctx.json) {
    auto j = as_json();
    j["seed"] = ctx.seed;
    out << j.dump(2) << "\n";
  } else {
    out << as_table();
  }
}

}  // namespace gchub
