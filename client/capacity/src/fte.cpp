#include "mockgc/capacity/fte.hpp"

#include <array>
#include <cmath>

#include "validate.hpp"

namespace mockgc::capacity {

using namespace detail;

namespace {
// Integer rounding guard: a ratio within 1e-9 of an integer is that integer (14/0.7 must give 20).
constexpr double kRoundingSlack = 1e-9;
}  // namespace

Result<double> total_shrinkage(const Shrinkage& s) {
  if (auto e = require_fraction(s.planned, "planned shrinkage", false)) return *e;
  if (auto e = require_fraction(s.unplanned, "unplanned shrinkage", false)) return *e;
  const double total = s.combination == ShrinkageCombination::compounded
                           ? 1.0 - (1.0 - s.planned) * (1.0 - s.unplanned)
                           : s.planned + s.unplanned;
  if (total >= 1.0) return Error{fmt::format("total shrinkage must be < 1 (got {})", total)};
  return total;
}

Result<int> scheduled_agents(int productive, double shrinkage) {
  if (productive < 0) return Error{fmt::format("productive agents must be ≥ 0 (got {})", productive)};
  if (auto e = require_fraction(shrinkage, "shrinkage", false)) return *e;
  return static_cast<int>(std::ceil(productive / (1.0 - shrinkage) - kRoundingSlack));
}

Result<int> productive_agents(int scheduled, double shrinkage) {
  if (scheduled < 0) return Error{fmt::format("scheduled agents must be ≥ 0 (got {})", scheduled)};
  if (auto e = require_fraction(shrinkage, "shrinkage", false)) return *e;
  return static_cast<int>(std::floor((1.0 - shrinkage) * scheduled + kRoundingSlack));
}

Result<double> chat_concurrency_factor(int max_concurrent) {
  static constexpr std::array<double, 5> kTable{1.0, 1.7, 2.5, 2.9, 3.5};
  if (max_concurrent < 1 || max_concurrent > 5) {
    return Error{fmt::format("max concurrent chats must be 1..5 for the practitioner table (got {})",
                             max_concurrent)};
  }
  return kTable[static_cast<std::size_t>(max_concurrent - 1)];
}

Result<double> effective_aht(double aht_seconds, double factor) {
  if (auto e = require_positive(aht_seconds, "AHT (seconds)")) return *e;
  if (auto e = require_finite(factor, "concurrency factor")) return *e;
  if (factor < 1.0) return Error{fmt::format("concurrency factor must be ≥ 1 (got {})", factor)};
  return aht_seconds / factor;
}

Result<int> occupancy_floor(double erlangs, double max_occupancy) {
  if (auto e = require_non_negative(erlangs, "offered load (Erlangs)")) return *e;
  if (auto e = require_positive(max_occupancy, "max occupancy")) return *e;
  if (max_occupancy > 1.0) return Error{fmt::format("max occupancy must be ≤ 1 (got {})", max_occupancy)};
  return static_cast<int>(std::ceil(erlangs / max_occupancy - kRoundingSlack));
}

Result<double> fte_from_agent_hours(double hours, double shrinkage, double paid_hours) {
  if (auto e = require_non_negative(hours, "productive agent-hours")) return *e;
  if (auto e = require_fraction(shrinkage, "shrinkage", false)) return *e;
  if (auto e = require_positive(paid_hours, "paid hours per FTE")) return *e;
  return hours / (1.0 - shrinkage) / paid_hours;
}

Result<double> fte_from_interval_agents(std::span<const double> agents, double interval_minutes,
                                        double shrinkage, double paid_hours) {
  if (auto e = require_positive(interval_minutes, "interval length (minutes)")) return *e;
  double sum = 0.0;
  for (double a : agents) {
    if (auto e = require_non_negative(a, "agents in an interval")) return *e;
    sum += a;
  }
  return fte_from_agent_hours(sum * interval_minutes / 60.0, shrinkage, paid_hours);
}

}  // namespace mockgc::capacity
