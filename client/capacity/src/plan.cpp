#include "mockgc/capacity/plan.hpp"

#include <algorithm>
#include <limits>

#include "mockgc/capacity/fte.hpp"
#include "validate.hpp"

namespace mockgc::capacity {

Status validate(const PlanSettings& s) {
  if (auto st = validate(s.target); !st) return st;
  if (auto e = detail::require_fraction(s.shrinkage, "shrinkage", false)) return *e;
  if (auto e = detail::require_positive(s.paid_hours_per_week, "paid hours per FTE per week")) return *e;
  return ok_status();
}

Result<PlanInputs> make_plan_inputs(const VolumeSet& volume, const PlanSettings& settings) {
  if (auto s = validate(volume); !s) return s.error();
  if (auto s = validate(settings); !s) return s.error();
  PlanInputs in;
  in.settings = settings;
  in.interval_hours = volume.interval_minutes / 60.0;
  const std::int64_t step = volume.interval_minutes * 60;
  constexpr std::int64_t kWeek = 7 * 86400;
  std::int64_t first = std::numeric_limits<std::int64_t>::max();
  std::int64_t last_end = std::numeric_limits<std::int64_t>::min();
  for (const auto& g : volume.groups) {
    first = std::min(first, g.start_utc);
    last_end = std::max(last_end, g.start_utc + static_cast<std::int64_t>(g.offered.size()) * step);
  }
  in.start_utc = first;
  in.weeks = static_cast<int>((last_end - first + kWeek - 1) / kWeek);
  for (int w = 0; w < in.weeks; ++w) {
    const std::int64_t ws = first + w * kWeek;
    in.week_start_utc.push_back(ws);
    in.week_coverage.push_back(static_cast<double>(std::min(kWeek, last_end - ws)) / kWeek);
  }
  for (const auto& g : volume.groups) {
    PlanInputs::Group pg;
    pg.name = g.name;
    pg.target = settings.target;
    if (g.service_level) pg.target.service_level = *g.service_level;
    if (g.sl_seconds) pg.target.sl_seconds = *g.sl_seconds;
    auto factor = chat_concurrency_factor(g.max_concurrent);
    if (!factor) return Error{fmt::format("queue group '{}': {}", g.name, factor.error().message)};
    pg.erlangs.reserve(g.offered.size());
    for (std::size_t i = 0; i < g.offered.size(); ++i) {
      const double aht = g.aht_seconds[i] / *factor;
      pg.aht_seconds.push_back(aht);
      pg.erlangs.push_back(g.offered[i] * aht / static_cast<double>(step));
      pg.week.push_back(static_cast<int>((g.start_utc + static_cast<std::int64_t>(i) * step - first) / kWeek));
    }
    in.groups.push_back(std::move(pg));
  }
  return in;
}

Result<WeeklyPlan> deterministic_plan(const PlanInputs& in) {
  WeeklyPlan plan;
  plan.productive_agent_hours.assign(static_cast<std::size_t>(in.weeks), 0.0);
  for (const auto& g : in.groups) {
    for (std::size_t i = 0; i < g.erlangs.size(); ++i) {
      auto m = required_agents_erlang_c(g.erlangs[i], g.aht_seconds[i], g.target);
      if (!m) return Error{fmt::format("queue group '{}', interval {}: {}", g.name, i, m.error().message)};
      plan.productive_agent_hours[static_cast<std::size_t>(g.week[i])] += m->agents * in.interval_hours;
    }
  }
  for (int w = 0; w < in.weeks; ++w) {
    const auto wi = static_cast<std::size_t>(w);
    plan.fte.push_back(plan.productive_agent_hours[wi] / (1.0 - in.settings.shrinkage) /
                       (in.settings.paid_hours_per_week * in.week_coverage[wi]));
  }
  return plan;
}

}  // namespace mockgc::capacity
