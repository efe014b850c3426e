// Schedule push round trip, for random central plans on the default world (in-process, virtual clock): every
// org whose codes cover the plan reads it back through the agent-schedule query exactly, in its own ids; a plan
// naming a code only one org has is rejected for the other org only, with the code's name in the reason; and a
// second push of the same plan changes nothing.
#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include "support/push_world.hpp"

namespace mockgc::workflows {
namespace {

using namespace std::chrono_literals;
using testing::PushWorld;

const std::vector<std::string> kSharedCodes = {"On Queue Work", "Break", "Meal", "Coaching", "Team Huddle", "Training"};
constexpr const char* kRegionalCode = "Regional Only";

struct GenShift {
  int day = 1, hour = 6;
  std::vector<std::pair<int, int>> activities;  // (quarter hours, code index; kSharedCodes.size() = the regional code)
};
struct GenAgent {
  int index = 0;
  std::vector<GenShift> shifts;  // on distinct days
};
struct GenPlan {
  std::vector<GenAgent> orgs[2];
  int regional_org = -1;  // -1: no regional code anywhere; else the org that has it
};

// A container of `min` to `max - 1` elements of `element` (a set: distinct ones).
template <class Container, class T>
rc::Gen<Container> sized(std::size_t min, std::size_t max, rc::Gen<T> element) {
  return rc::gen::mapcat(rc::gen::inRange(min, max),
                         [element](std::size_t n) { return rc::gen::container<Container>(n, element); });
}

rc::Gen<GenShift> gen_shift(int day, bool regional) {
  const int codes = static_cast<int>(kSharedCodes.size()) + (regional ? 1 : 0);
  return rc::gen::map(
      rc::gen::pair(rc::gen::inRange(6, 15),
                    sized<std::vector<std::pair<int, int>>>(1, 4, rc::gen::pair(rc::gen::inRange(1, 9), rc::gen::inRange(0, codes)))),
      [day](const std::pair<int, std::vector<std::pair<int, int>>>& p) { return GenShift{day, p.first, p.second}; });
}

rc::Gen<std::vector<GenAgent>> gen_agents(bool regional) {
  return rc::gen::mapcat(sized<std::set<int>>(1, 4, rc::gen::inRange(0, 8)),
                         [regional](const std::set<int>& indices) {
                           std::vector<rc::Gen<GenAgent>> agents;
                           for (int index : indices)
                             agents.push_back(rc::gen::mapcat(
                                 sized<std::set<int>>(0, 3, rc::gen::inRange(1, 7)),
                                 [index, regional](const std::set<int>& days) {
                                   std::vector<rc::Gen<GenShift>> shifts;
                                   for (int d : days) shifts.push_back(gen_shift(d, regional));
                                   return rc::gen::map(rc::gen::exec([shifts] {
                                                         std::vector<GenShift> out;
                                                         for (const auto& g : shifts) out.push_back(*g);
                                                         return out;
                                                       }),
                                                       [index](std::vector<GenShift> s) { return GenAgent{index, std::move(s)}; });
                                 }));
                           return rc::gen::exec([agents] {
                             std::vector<GenAgent> out;
                             for (const auto& g : agents) out.push_back(*g);
                             return out;
                           });
                         });
}

// The concrete plan: EMEA week 2026-03-09 (Monday, London UTC+0), APAC week 2026-03-08 (Sunday, Sydney UTC+11).
SchedulePlan concrete(PushWorld& p, const GenPlan& g) {
  static const client::Instant kWeekStart[2] = {api::parse_instant("2026-03-09T00:00:00Z").value(),
                                                api::parse_instant("2026-03-07T13:00:00Z").value()};
  SchedulePlan plan;
  plan.description = "property plan";
  const char* orgs[2] = {"EMEA", "APAC"};
  const char* bus[2] = {"EMEA Customer Care", "APAC Customer Care"};
  const char* weeks[2] = {"2026-03-09", "2026-03-08"};
  for (int o = 0; o < 2; ++o) {
    const auto emails = p.emails(static_cast<std::size_t>(o), 8);
    PlanTarget t{orgs[o], bus[o], weeks[o], {}};
    for (const auto& a : g.orgs[o]) {
      PlannedAgent agent{emails.at(static_cast<std::size_t>(a.index)), {}};
      for (const auto& s : a.shifts) {
        PlannedShift shift{kWeekStart[o] + std::chrono::hours(24 * s.day + s.hour), 0, {}};
        for (const auto& [quarters, code] : s.activities) {
          const std::string name = code < static_cast<int>(kSharedCodes.size()) ? kSharedCodes[code] : kRegionalCode;
          shift.activities.push_back({shift.start + std::chrono::minutes(shift.minutes), 15 * quarters, name});
          shift.minutes += 15 * quarters;
        }
        agent.shifts.push_back(std::move(shift));
      }
      t.agents.push_back(std::move(agent));
    }
    plan.targets.push_back(std::move(t));
  }
  return plan;
}

bool uses_regional(const PlanTarget& t) {
  for (const auto& a : t.agents)
    for (const auto& s : a.shifts)
      for (const auto& k : s.activities)
        if (k.code == kRegionalCode) return true;
  return false;
}

RC_GTEST_PROP(SchedulePushProps, PushedPlansReadBackInEachOrgsIdsAndMissingCodesRejectOnlyThatOrg, ()) {
  const int regional_org = *rc::gen::inRange(-1, 2);
  GenPlan g;
  g.regional_org = regional_org;
  g.orgs[0] = *gen_agents(regional_org >= 0);
  g.orgs[1] = *gen_agents(regional_org >= 0);
  PushWorld p;
  if (regional_org >= 0) RC_ASSERT(!p.create_code(static_cast<std::size_t>(regional_org), kRegionalCode).empty());
  const SchedulePlan plan = concrete(p, g);
  SchedulePushOptions o;
  o.publish = *rc::gen::arbitrary<bool>();
  o.notify_wait = 20s;
  o.poll_interval = 1s;
  o.poll_for = 30s;
  const auto r = push_schedules(*p.w.orgs, &p.sockets, plan, o);
  RC_ASSERT(r.targets.size() == 2u);
  for (std::size_t i = 0; i < 2; ++i) {
    const auto& t = r.targets[i];
    const bool lacks = uses_regional(plan.targets[i]) && regional_org != static_cast<int>(i);
    if (lacks) {
      RC_ASSERT(t.outcome == PushOutcome::rejected);
      RC_ASSERT(t.operation_id.empty());
      bool named = false;
      for (const auto& why : t.reasons) named = named || why.find(kRegionalCode) != std::string::npos;
      RC_ASSERT(named);
    } else {
      RC_ASSERT(t.outcome == PushOutcome::imported);
      RC_ASSERT(p.read_back(i, t) == p.expected(i, plan.targets[i]));
    }
  }
  const auto again = push_schedules(*p.w.orgs, &p.sockets, plan, o);
  for (std::size_t i = 0; i < 2; ++i)
    RC_ASSERT(again.targets[i].outcome == (r.targets[i].outcome == PushOutcome::rejected ? PushOutcome::rejected
                                                                                          : PushOutcome::unchanged));
}

}  // namespace
}  // namespace mockgc::workflows
