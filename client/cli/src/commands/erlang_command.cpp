// gc-hub erlang: the Erlang C calculator (Erlang A with --patience).
#include "commands/erlang_command.hpp"

#include <CLI/CLI.hpp>
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <optional>
#include <ostream>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "command.hpp"
#include "mockgc/capacity/des.hpp"
#include "mockgc/capacity/erlang_a.hpp"
#include "mockgc/capacity/erlang_c.hpp"
#include "mockgc/capacity/staffing.hpp"

namespace gchub {

namespace mc = mockgc::capacity;
using nlohmann::json;

namespace {

std::optional<mc::ServiceLevelDefinition> parse_definition(std::string_view s) {
  using D = mc::ServiceLevelDefinition;
  if (s == "offered") return D::answered_within_over_offered;
  if (s == "answered") return D::answered_within_over_answered;
  if (s == "offered-less-short-abandons") return D::answered_within_over_offered_less_short_abandons;
  if (s == "left-queue") return D::left_queue_within_over_offered;
  return std::nullopt;
}

// JSON numbers rounded so output bytes do not depend on the last ulp; ∞ becomes null.
json num(double x) {
  if (!std::isfinite(x)) return nullptr;
  return std::round(x * 1e6) / 1e6;
}

std::string fmt_seconds(double s) { return std::isfinite(s) ? fmt::format("{:.2f} s", s) : std::string("infinite"); }

}  // namespace

CLI::App* declare_erlang(CLI::App& root, ErlangArgs& args) {
  auto* cmd = root.add_subcommand("erlang", "Erlang C/A calculator: agents, service level, ASA, occupancy, P(wait)");
  cmd->footer(
      "Erlang C calculator for one interval: the minimal agents meeting the service-level target (and\n"
      "--max-occupancy / --max-asa), or, with --agents, what that staffing achieves: service level, ASA,\n"
      "occupancy, P(wait). --patience switches to Erlang A (callers abandon; adds P(abandon)). --simulate\n"
      "cross-checks the result with a seeded discrete-event simulation (95 % confidence intervals).");
  // A finite number.
  const auto number = [cmd](const char* flag, auto& field, const char* help) {
    return cmd->add_option(flag, field, help)->check(finite_number());
  };
  number("--calls", args.calls, "calls offered in the interval")->required();
  number("--interval-min", args.interval_minutes, "interval length in minutes")->required();
  number("--aht", args.aht_seconds, "average handle time in seconds")->required();
  number("--sl", args.sl, "service-level target: the share answered within --sl-seconds");
  number("--sl-seconds", args.sl_seconds, "service-level threshold in seconds");
  cmd->add_option("--agents", args.agents, "evaluate this staffing instead of searching the minimal one")
      ->check(CLI::Range(std::int64_t{0}, std::int64_t{10'000'000}));
  auto* patience = number("--patience", args.patience_seconds, "mean caller patience in seconds: Erlang A");
  number("--max-occupancy", args.max_occupancy, "occupancy cap in (0, 1]");
  number("--max-asa", args.max_asa_seconds, "ASA cap in seconds");
  cmd->add_option("--sl-definition", args.sl_definition, "what the service level divides by (Erlang A)")
      ->check(CLI::IsMember({"offered", "answered", "offered-less-short-abandons", "left-queue"}))
      ->needs(patience);
  cmd->add_flag("--json", args.json, "print the result as JSON");
  const char* sim = "Simulation (with --simulate)";
  auto* simulate = cmd->add_flag("--simulate", args.simulate, "cross-check by discrete-event simulation")->group(sim);
  cmd->add_option("--replications", args.replications, "independent simulated intervals")
      ->check(CLI::Range(2, 100'000))
      ->needs(simulate)
      ->group(sim);
  cmd->add_option("--seed", args.seed, "simulation seed (printed)")->needs(simulate)->group(sim);
  cmd->add_option("--service", args.service, "service-time distribution")
      ->check(CLI::IsMember({"exponential", "lognormal"}))
      ->needs(simulate)
      ->group(sim);
  number("--service-cv", args.service_cv, "coefficient of variation of lognormal service times")
      ->needs(simulate)
      ->group(sim);
  number("--horizon-hours", args.horizon_hours, "simulated hours per replication, in (0, 168]")
      ->needs(simulate)
      ->group(sim);
  return cmd;
}

int run_erlang(const ErlangArgs& args, std::ostream& out, std::ostream& err) {
  constexpr std::string_view kName = "erlang";
  const double calls = args.calls;
  const double interval_min = args.interval_minutes;
  const double aht = args.aht_seconds;
  const auto& agents = args.agents;
  const auto& patience = args.patience_seconds;

  mc::StaffingTarget target;
  target.service_level = args.sl;
  target.sl_seconds = args.sl_seconds;
  target.max_occupancy = args.max_occupancy;
  target.max_asa_seconds = args.max_asa_seconds;
  target.sl_definition = *parse_definition(args.sl_definition);
  if (auto s = mc::validate(target); !s) return usage_error(kName, s.error().message, err);
  auto load = mc::offered_load(calls, interval_min * 60.0, aht);
  if (!load) return usage_error(kName, load.error().message, err);
  const bool evaluate = agents.has_value();
  const bool json_out = args.json;

  json j{{"model", patience ? "erlang-a" : "erlang-c"},
         {"mode", evaluate ? "evaluate" : "search"},
         {"inputs", json{{"calls", num(calls)}, {"interval_minutes", num(interval_min)}, {"aht_seconds", num(aht)},
                         {"sl_target", num(*target.service_level)}, {"sl_seconds", num(target.sl_seconds)}}},
         {"erlangs", num(*load)}};
  if (patience) {
    if (evaluate && *agents < 1) return usage_error(kName, "--agents must be ≥ 1 with --patience", err);
    auto m = evaluate ? mc::evaluate_erlang_a(static_cast<int>(*agents), *load, aht, *patience, target.sl_seconds)
                      : mc::required_agents_erlang_a(*load, aht, *patience, target);
    if (!m) return usage_error(kName, m.error().message, err);
    j["inputs"]["patience_seconds"] = num(*patience);
    j["agents"] = m->agents;
    j["service_level"] = num(m->service_level(target.sl_definition));
    j["sl_definition"] = mc::to_string(target.sl_definition);
    j["asa_seconds"] = num(m->asa_seconds);
    j["occupancy"] = num(m->occupancy);
    j["p_wait"] = num(m->p_wait);
    j["p_abandon"] = num(m->p_abandon);
  } else {
    auto m = evaluate ? mc::evaluate_erlang_c(static_cast<int>(*agents), *load, aht, target.sl_seconds)
                      : mc::required_agents_erlang_c(*load, aht, target);
    if (!m) return usage_error(kName, m.error().message, err);
    j["agents"] = m->agents;
    j["service_level"] = num(m->service_level);
    j["sl_definition"] = "answered-within/offered";
    j["asa_seconds"] = num(m->asa_seconds);
    j["occupancy"] = num(m->occupancy);
    j["p_wait"] = num(m->p_wait);
    j["stable"] = m->stable() || *load == 0.0;
  }
  if (args.simulate) {
    mc::DesConfig c;
    const std::string& service = args.service;
    if (!(args.horizon_hours > 0.0 && args.horizon_hours <= 24.0 * 7))
      return usage_error(kName, "--horizon-hours must be in (0, 168]", err);
    const int n = j["agents"].get<int>();
    if (n < 1 || *load == 0.0) return usage_error(kName, "--simulate needs at least one agent and some volume", err);
    c.arrivals_per_second = *load / aht;
    c.aht_seconds = aht;
    c.agents = n;
    c.patience_seconds = patience;
    c.sl_seconds = target.sl_seconds;
    c.service = service == "lognormal" ? mc::ServiceTimeDistribution::lognormal : mc::ServiceTimeDistribution::exponential;
    c.service_cv = service == "lognormal" ? args.service_cv : 1.0;
    c.replications = args.replications;
    c.seed = args.seed;
    c.horizon_seconds = args.horizon_hours * 3600.0;
    c.warmup_seconds = std::max(3600.0, 20.0 * aht);
    auto r = mc::simulate_interval(c);
    if (!r) return usage_error(kName, r.error().message, err);
    auto est = [](const mc::Estimate& e) { return json{{"mean", num(e.mean)}, {"low", num(e.low())}, {"high", num(e.high())}}; };
    j["simulation"] = json{{"seed", c.seed},
                           {"replications", c.replications},
                           {"horizon_hours", num(c.horizon_seconds / 3600.0)},
                           {"service", service},
                           {"service_cv", num(c.service_cv)},
                           {"confidence", 0.95},
                           {"measured_arrivals", r->measured_arrivals},
                           {"service_level", est(r->service_level)},
                           {"asa_seconds", est(r->asa_seconds)},
                           {"p_wait", est(r->p_wait)},
                           {"p_abandon", est(r->p_abandon)},
                           {"occupancy", est(r->occupancy)}};
  }
  if (json_out) {
    out << j.dump(2) << "\n";
    return kExitOk;
  }
  auto d = [&](const char* k) { return j[k].is_null() ? std::numeric_limits<double>::infinity() : j[k].get<double>(); };
  out << fmt::format("model            {} ({})\n", j["model"].get<std::string>(), evaluate ? "given staffing" : "minimal agents for the target");
  out << fmt::format("offered load     {:.4f} Erlangs\n", *load);
  out << fmt::format("agents           {}\n", j["agents"].get<int>());
  out << fmt::format("service level    {:.4f} within {:g} s ({})\n", d("service_level"), target.sl_seconds,
                     j["sl_definition"].get<std::string>());
  out << fmt::format("ASA              {}\n", fmt_seconds(d("asa_seconds")));
  out << fmt::format("occupancy        {:.4f}\n", d("occupancy"));
  out << fmt::format("P(wait)          {:.4f}\n", d("p_wait"));
  if (patience) out << fmt::format("P(abandon)       {:.4f}\n", d("p_abandon"));
  if (j.contains("simulation")) {
    const json& sim = j["simulation"];
    out << fmt::format("simulation       {} replications × {:g} h, seed {}, {} service{} (95 % CI)\n",
                       sim["replications"].get<int>(), sim["horizon_hours"].get<double>(), sim["seed"].get<std::uint64_t>(),
                       sim["service"].get<std::string>(),
                       sim["service"] == "lognormal" ? fmt::format(" CV {:g}", sim["service_cv"].get<double>()) : std::string());
    auto row = [&](const char* label, const char* key, const char* model_key) {
      const json& e = sim[key];
      out << fmt::format("  {:<14} {:.4f} ({:.4f}–{:.4f})   model {:.4f}\n", label, e["mean"].get<double>(),
                         e["low"].get<double>(), e["high"].get<double>(), d(model_key));
    };
    row("service level", "service_level", "service_level");
    row("ASA (s)", "asa_seconds", "asa_seconds");
    row("P(wait)", "p_wait", "p_wait");
    row("occupancy", "occupancy", "occupancy");
    if (patience) row("P(abandon)", "p_abandon", "p_abandon");
  }
  if (!patience && j.contains("stable") && !j["stable"].get<bool>()) {
    out << "warning: agents ≤ offered load — the queue is unstable (Erlang C)\n";
  }
  return kExitOk;
}

}  // namespace gchub
