// gc-hub erlang: the Erlang C calculator (Erlang A with --patience).
#include <array>
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <optional>
#include <ostream>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "args.hpp"
#include "command.hpp"
#include "mockgc/capacity/des.hpp"
#include "mockgc/capacity/erlang_a.hpp"
#include "mockgc/capacity/erlang_c.hpp"
#include "mockgc/capacity/staffing.hpp"

namespace gchub {

namespace mc = mockgc::capacity;
using nlohmann::json;

namespace {

constexpr std::array kFlags{
    FlagSpec{"calls"},        FlagSpec{"interval-min"},  FlagSpec{"aht"},
    FlagSpec{"sl"},           FlagSpec{"sl-seconds"},    FlagSpec{"agents"},
    FlagSpec{"patience"},     FlagSpec{"max-occupancy"}, FlagSpec{"max-asa"},
    FlagSpec{"sl-definition"}, FlagSpec{"json", false},
    // Discrete-event cross-check of the same staffing.
    FlagSpec{"simulate", false}, FlagSpec{"replications"}, FlagSpec{"seed"},
    FlagSpec{"service"},       FlagSpec{"service-cv"},   FlagSpec{"horizon-hours"},
};

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

int run_erlang(std::span<const std::string_view> argv, std::ostream& out, std::ostream& err) {
  constexpr std::string_view kName = "erlang";
  std::string error;
  auto args = Args::parse(argv, kFlags, error);
  if (!args) return usage_error(kName, error, err);
  for (const char* required : {"calls", "interval-min", "aht"}) {
    if (!args->has(required)) return usage_error(kName, fmt::format("--{} is required", required), err);
  }
  const auto calls = args->number("calls", error);
  const auto interval_min = args->number("interval-min", error);
  const auto aht = args->number("aht", error);
  const auto sl = args->number("sl", error);
  const auto sl_seconds = args->number("sl-seconds", error);
  const auto agents = args->integer("agents", error);
  const auto patience = args->number("patience", error);
  const auto max_occ = args->number("max-occupancy", error);
  const auto max_asa = args->number("max-asa", error);
  if (!error.empty()) return usage_error(kName, error, err);

  mc::StaffingTarget target;
  target.service_level = sl.value_or(0.8);
  target.sl_seconds = sl_seconds.value_or(20.0);
  target.max_occupancy = max_occ;
  target.max_asa_seconds = max_asa;
  if (auto d = args->text("sl-definition")) {
    auto def = parse_definition(*d);
    if (!def) return usage_error(kName, fmt::format("unknown --sl-definition '{}'", *d), err);
    target.sl_definition = *def;
  }
  if (auto s = mc::validate(target); !s) return usage_error(kName, s.error().message, err);
  auto load = mc::offered_load(*calls, *interval_min * 60.0, *aht);
  if (!load) return usage_error(kName, load.error().message, err);
  if (agents && (*agents < 0 || *agents > 10'000'000)) {
    return usage_error(kName, fmt::format("--agents must be in 0..10000000 (got {})", *agents), err);
  }
  const bool evaluate = agents.has_value();
  const bool json_out = args->has("json");

  json j{{"model", patience ? "erlang-a" : "erlang-c"},
         {"mode", evaluate ? "evaluate" : "search"},
         {"inputs", json{{"calls", num(*calls)}, {"interval_minutes", num(*interval_min)}, {"aht_seconds", num(*aht)},
                         {"sl_target", num(*target.service_level)}, {"sl_seconds", num(target.sl_seconds)}}},
         {"erlangs", num(*load)}};
  if (patience) {
    if (evaluate && *agents < 1) return usage_error(kName, "--agents must be ≥ 1 with --patience", err);
    auto m = evaluate ? mc::evaluate_erlang_a(static_cast<int>(*agents), *load, *aht, *patience, target.sl_seconds)
                      : mc::required_agents_erlang_a(*load, *aht, *patience, target);
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
    auto m = evaluate ? mc::evaluate_erlang_c(static_cast<int>(*agents), *load, *aht, target.sl_seconds)
                      : mc::required_agents_erlang_c(*load, *aht, target);
    if (!m) return usage_error(kName, m.error().message, err);
    j["agents"] = m->agents;
    j["service_level"] = num(m->service_level);
    j["sl_definition"] = "answered-within/offered";
    j["asa_seconds"] = num(m->asa_seconds);
    j["occupancy"] = num(m->occupancy);
    j["p_wait"] = num(m->p_wait);
    j["stable"] = m->stable() || *load == 0.0;
  }
  if (args->has("simulate")) {
    mc::DesConfig c;
    const auto reps = args->integer("replications", error);
    const auto seed = args->unsigned_integer("seed", error);
    const auto cv = args->number("service-cv", error);
    const auto hours = args->number("horizon-hours", error);
    if (!error.empty()) return usage_error(kName, error, err);
    const std::string service = args->text("service").value_or("exponential");
    if (service != "exponential" && service != "lognormal") {
      return usage_error(kName, fmt::format("--service must be exponential or lognormal (got '{}')", service), err);
    }
    if (reps && (*reps < 2 || *reps > 100000)) return usage_error(kName, "--replications must be in 2..100000", err);
    if (hours && !(*hours > 0.0 && *hours <= 24.0 * 7)) return usage_error(kName, "--horizon-hours must be in (0, 168]", err);
    const int n = j["agents"].get<int>();
    if (n < 1 || *load == 0.0) return usage_error(kName, "--simulate needs at least one agent and some volume", err);
    c.arrivals_per_second = *load / *aht;
    c.aht_seconds = *aht;
    c.agents = n;
    c.patience_seconds = patience;
    c.sl_seconds = target.sl_seconds;
    c.service = service == "lognormal" ? mc::ServiceTimeDistribution::lognormal : mc::ServiceTimeDistribution::exponential;
    c.service_cv = service == "lognormal" ? cv.value_or(1.0) : 1.0;
    c.replications = static_cast<int>(reps.value_or(200));
    c.seed = seed.value_or(1);
    c.horizon_seconds = hours.value_or(8.0) * 3600.0;
    c.warmup_seconds = std::max(3600.0, 20.0 * *aht);
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
