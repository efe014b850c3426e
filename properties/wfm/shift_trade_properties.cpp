// Properties of shift trades (default scenario, seed 1, a random org, MU and week): approving any subset of
// the generated Matched trades, in any order, keeps every agent's week valid (no overlapping shifts, no shift
// on a full-day time-off date), keeps the week's shifts (by id) and moves each traded shift to its new owner;
// the schedule in force before the approval instant stays the generated one.
#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include <algorithm>
#include <map>
#include <memory>
#include <set>

#include "mockgc/core/scenario.hpp"
#include "mockgc/core/wfm/shift_trades.hpp"

using namespace mockgc::core;
using wfm::Day;
using std::chrono::days;

namespace {

std::map<std::string, std::string> owners(const wfm::WeekSchedule& ws) {  // shift id → user id
  std::map<std::string, std::string> out;
  for (const auto& aw : ws.agents)
    for (const auto& s : aw.shifts) out[s.id] = aw.user->id;
  return out;
}

}  // namespace

RC_GTEST_PROP(ShiftTradeProperties, ApprovedTradesSwapShiftsAndKeepEveryWeekValid, ()) {
  // A fresh world per case: approvals are run-time state of its Workforce.
  static const World world = generate_world(default_scenario(), 1);
  const auto& org = world.orgs[*rc::gen::inRange<std::size_t>(0, world.orgs.size())];
  wfm::Workforce wf(world, org, 1);
  const BusinessUnit& bu = org.business_units.front();
  const ManagementUnit* mu = org.find_management_unit(
      bu.management_unit_ids[*rc::gen::inRange<std::size_t>(0, bu.management_unit_ids.size())]);
  RC_PRE(mu != nullptr);
  const Day week = wf.week_containing(bu, Day(std::chrono::year(2026) / 3 / 2) + days(7 * *rc::gen::inRange(-8, 9)));
  auto trades = wfm::generated_shift_trades(wf, bu, *mu, week);
  std::erase_if(trades, [](const wfm::ShiftTrade& t) { return t.state != wfm::TradeState::Matched; });
  RC_PRE(!trades.empty());
  // A random subset, approved in increasing or decreasing order.
  const auto picked = *rc::gen::container<std::vector<bool>>(trades.size(), rc::gen::arbitrary<bool>());
  std::vector<std::size_t> order;
  for (std::size_t i = 0; i < trades.size(); ++i)
    if (picked[i]) order.push_back(i);
  if (*rc::gen::arbitrary<bool>()) std::reverse(order.begin(), order.end());
  const auto before = wf.schedule(bu, week);
  const Instant at = before->start - days(1);
  auto expected = owners(*before);
  for (std::size_t i : order) {
    auto t = trades[i];
    const auto review = wfm::review_trade(*wf.schedule_in_force(bu, week, at), t);
    RC_ASSERT(!review.failure.has_value());
    t.state = wfm::TradeState::Approved;
    t.reviewed = at;
    wf.store_shift_trade(t);
    expected[t.initiating_shift_id] = t.receiving_user_id;
    if (!t.receiving_shift_id.empty()) expected[t.receiving_shift_id] = t.initiating_user_id;
  }
  const auto after = wf.schedule_in_force(bu, week, at);
  RC_ASSERT(owners(*after) == expected);
  for (const auto& aw : after->agents) {
    std::set<Day> off;
    for (const auto& m : aw.markers) off.insert(m.bu_date);
    for (std::size_t k = 0; k < aw.shifts.size(); ++k) {
      RC_ASSERT(!off.count(aw.shifts[k].bu_date));
      if (k > 0) RC_ASSERT(aw.shifts[k - 1].end() <= aw.shifts[k].start);
    }
  }
  RC_ASSERT(owners(*wf.schedule_in_force(bu, week, at - std::chrono::milliseconds(1))) == owners(*before));
}
