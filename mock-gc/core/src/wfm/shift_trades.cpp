// Shift trades: generation, review and application (see shift_trades.hpp for the rules).
#include "mockgc/core/wfm/shift_trades.hpp"

#include <algorithm>
#include <array>
#include <set>

#include "mockgc/api/random.hpp"

namespace mockgc::core::wfm {

using std::chrono::days;

namespace {

constexpr std::array<std::string_view, 6> kStates{"Unmatched", "Matched", "Approved", "Denied", "Expired", "Canceled"};

const Shift* find_shift(const AgentWeek* aw, std::string_view id) {
  if (!aw) return nullptr;
  for (const auto& s : aw->shifts)
    if (s.id == id) return &s;
  return nullptr;
}

// Whether the agent works or is off on full-day time off on BU date `d` (ignoring shift `except`).
bool busy_on(const AgentWeek& aw, Day d, std::string_view except = {}) {
  for (const auto& s : aw.shifts)
    if (s.bu_date == d && s.id != except) return true;
  for (const auto& m : aw.markers)
    if (m.bu_date == d) return true;
  return false;
}

// Whether `s` overlaps a shift of `aw` (other than `except`) or falls on one of its full-day time-off dates.
bool conflicts(const AgentWeek& aw, const Shift& s, std::string_view except) {
  for (const auto& x : aw.shifts)
    if (x.id != except && x.start < s.end() && s.start < x.end()) return true;
  for (const auto& m : aw.markers)
    if (m.bu_date == s.bu_date) return true;
  return false;
}

}  // namespace

std::string_view to_string(TradeState s) { return kStates[static_cast<std::size_t>(s)]; }

std::optional<TradeState> parse_trade_state(std::string_view s) {
  for (std::size_t i = 0; i < kStates.size(); ++i)
    if (kStates[i] == s) return static_cast<TradeState>(i);
  return std::nullopt;
}

TradeState ShiftTrade::state_at(Instant now) const {
  if ((state == TradeState::Unmatched || state == TradeState::Matched) && now >= expiration) return TradeState::Expired;
  return state;
}

std::vector<ShiftTrade> generated_shift_trades(const Workforce& wf, const BusinessUnit& bu, const ManagementUnit& mu,
                                               Day week) {
  std::vector<ShiftTrade> out;
  const auto ws = wf.schedule(bu, week);
  std::vector<const AgentWeek*> agents;
  for (const auto& aw : ws->agents)
    if (aw.user->management_unit_id == mu.id && !aw.shifts.empty()) agents.push_back(&aw);
  if (agents.size() < 2) return out;
  api::Rng rng = api::Rng::derive(wf.seed(), {"shift-trades", mu.id, std::to_string(week.time_since_epoch().count())});
  const int wanted = static_cast<int>(rng.between(2, 4));
  std::set<const AgentWeek*> taken;
  for (int attempt = 0; attempt < 12 && static_cast<int>(out.size()) < wanted; ++attempt) {
    const AgentWeek* a = agents[rng.below(agents.size())];
    const Shift& offered = a->shifts[rng.below(a->shifts.size())];
    const double kind = rng.uniform();
    const std::string id = api::make_uuid(rng);
    if (taken.count(a)) continue;
    ShiftTrade t;
    t.id = id;
    t.business_unit_id = bu.id;
    t.management_unit_id = mu.id;
    t.week = week;
    t.schedule_id = ws->id;
    t.initiating_user_id = a->user->id;
    t.initiating_shift_id = offered.id;
    t.initiating_start = offered.start;
    t.initiating_end = offered.end();
    t.expiration = offered.start;
    t.modified = t.expiration - days(rng.between(3, 10));
    t.modified_by = Actor::user(a->user->id);
    if (kind >= 0.8) {  // an open offer nobody has matched yet
      t.state = TradeState::Unmatched;
    } else {
      // A receiver free on the offered day; for a swap, with a shift on a day the initiator is free.
      const std::size_t first = rng.below(agents.size());
      for (std::size_t k = 0; k < agents.size() && t.receiving_user_id.empty(); ++k) {
        const AgentWeek* b = agents[(first + k) % agents.size()];
        if (b == a || taken.count(b) || busy_on(*b, offered.bu_date)) continue;
        const Shift* back = nullptr;
        if (kind < 0.55)
          for (const auto& s : b->shifts)
            if (!busy_on(*a, s.bu_date)) {
              back = &s;
              break;
            }
        if (kind < 0.55 && !back) continue;
        t.receiving_user_id = b->user->id;
        t.one_sided = back == nullptr;
        if (back) {
          t.receiving_shift_id = back->id;
          t.receiving_start = back->start;
          t.receiving_end = back->end();
        }
        taken.insert(b);
      }
      if (t.receiving_user_id.empty()) continue;
      t.state = TradeState::Matched;
      t.version = 2;
    }
    taken.insert(a);
    out.push_back(std::move(t));
  }
  return out;
}

int paid_minutes(const AgentWeek& aw) {
  int total = 0;
  for (const auto& s : aw.shifts)
    for (const auto& a : s.activities)
      if (a.paid) total += a.minutes;
  for (const auto& m : aw.markers)
    if (m.paid) total += m.minutes;
  return total;
}

TradeReview review_trade(const WeekSchedule& ws, const ShiftTrade& t) {
  TradeReview r;
  const AgentWeek* a = ws.find(t.initiating_user_id);
  const AgentWeek* b = t.receiving_user_id.empty() ? nullptr : ws.find(t.receiving_user_id);
  const Shift* offered = find_shift(a, t.initiating_shift_id);
  const Shift* back = t.receiving_shift_id.empty() ? nullptr : find_shift(b, t.receiving_shift_id);
  if (!a) r.failure = "InitiatingAgentScheduleNotFound";
  else if (!offered) r.failure = "InitiatingAgentShiftNotFound";
  else if (t.receiving_user_id.empty()) r.failure = "ReceivingAgentNotFound";
  else if (!b) r.failure = "ReceivingAgentScheduleNotFound";
  else if (!t.receiving_shift_id.empty() && !back) r.failure = "ReceivingAgentShiftNotFound";
  if (r.failure) return r;
  auto shift_paid = [](const Shift* s) {
    int m = 0;
    if (s)
      for (const auto& act : s->activities)
        if (act.paid) m += act.minutes;
    return m;
  };
  r.initiating.pre = paid_minutes(*a);
  r.receiving.pre = paid_minutes(*b);
  r.initiating.post = r.initiating.pre - shift_paid(offered) + shift_paid(back);
  r.receiving.post = r.receiving.pre + shift_paid(offered) - shift_paid(back);
  r.receiving.new_shifts.push_back(offered);
  if (back) r.initiating.new_shifts.push_back(back);
  if (conflicts(*b, *offered, t.receiving_shift_id)) r.violations.emplace_back("ReceivingShiftOverlapsExisting");
  if (back && conflicts(*a, *back, t.initiating_shift_id)) r.violations.emplace_back("InitiatingShiftOverlapsExisting");
  if (r.initiating.post > kWeeklyMaximumPaidMinutes) r.violations.emplace_back("InitiatingWeeklyMaxPaidTime");
  if (r.initiating.post < kWeeklyMinimumPaidMinutes) r.violations.emplace_back("InitiatingWeeklyMinPaidTime");
  if (r.receiving.post > kWeeklyMaximumPaidMinutes) r.violations.emplace_back("ReceivingWeeklyMaxPaidTime");
  if (r.receiving.post < kWeeklyMinimumPaidMinutes) r.violations.emplace_back("ReceivingWeeklyMinPaidTime");
  if (shift_paid(offered) != shift_paid(back) && back) r.violations.emplace_back("UnequalPaidTime");
  return r;
}

bool apply_trade(WeekSchedule& ws, const ShiftTrade& t) {
  const TradeReview r = review_trade(ws, t);
  if (r.failure) return false;
  auto agent = [&](std::string_view user_id) -> AgentWeek* {
    for (auto& aw : ws.agents)
      if (aw.user->id == user_id) return &aw;
    return nullptr;
  };
  AgentWeek* a = agent(t.initiating_user_id);
  AgentWeek* b = agent(t.receiving_user_id);
  auto take = [](AgentWeek& from, std::string_view id) {
    auto it = std::find_if(from.shifts.begin(), from.shifts.end(), [&](const Shift& s) { return s.id == id; });
    Shift s = std::move(*it);
    from.shifts.erase(it);
    return s;
  };
  Shift offered = take(*a, t.initiating_shift_id);
  if (!t.receiving_shift_id.empty()) a->shifts.push_back(take(*b, t.receiving_shift_id));
  b->shifts.push_back(std::move(offered));
  for (AgentWeek* aw : {a, b})
    std::sort(aw->shifts.begin(), aw->shifts.end(), [](const Shift& x, const Shift& y) { return x.start < y.start; });
  return true;
}

}  // namespace mockgc::core::wfm
