#pragma once
// gc-hub erlang: the Erlang C calculator (Erlang A with --patience), optionally cross-checked by simulation.
#include <cstdint>
#include <iosfwd>
#include <optional>
#include <string>

namespace CLI {
class App;
}

namespace gchub {

struct ErlangArgs {
  double calls = 0.0;             // required
  double interval_minutes = 0.0;  // required
  double aht_seconds = 0.0;       // required
  double sl = 0.8;
  double sl_seconds = 20.0;
  std::optional<std::int64_t> agents;  // given: evaluate this staffing; else search the minimal one
  std::optional<double> patience_seconds;
  std::optional<double> max_occupancy;
  std::optional<double> max_asa_seconds;
  std::string sl_definition = "offered";
  bool json = false;
  // --simulate: discrete-event cross-check of the same staffing.
  bool simulate = false;
  int replications = 200;
  std::uint64_t seed = 1;
  std::string service = "exponential";
  double service_cv = 1.0;
  double horizon_hours = 8.0;
};

CLI::App* declare_erlang(CLI::App& root, ErlangArgs& args);
int run_erlang(const ErlangArgs& args, std::ostream& out, std::ostream& err);

}  // namespace gchub
