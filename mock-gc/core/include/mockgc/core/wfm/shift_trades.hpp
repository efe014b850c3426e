#pragma once
// Shift trades of one org (genesys-api.md; the JS SDK's ShiftTradeResponse): pending trades generated from
// the seed, the run-time changes made through the API, and what an approved trade does to the schedule.
//
// Generated trades are a pure function of (seed, MU, week) and the generated schedule of the week: a few
// per MU, each offering the initiating agent's shift on a day the receiving agent (same MU) neither works
// nor is off on full-day time off. Most are Matched (a swap for a receiving shift on a day the initiating
// agent is free, or a one-sided pick-up), the rest Unmatched offers. No agent is in two trades of a week,
// so any subset of them can be approved. An offer not decided by its expiration (the initiating shift's
// start) reads as Expired.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "mockgc/core/wfm/workforce.hpp"

namespace mockgc::core::wfm {

enum class TradeState { Unmatched, Matched, Approved, Denied, Expired, Canceled };
std::string_view to_string(TradeState s);  // "Unmatched", …
std::optional<TradeState> parse_trade_state(std::string_view s);

struct ShiftTrade {
  std::string id;
  std::string business_unit_id, management_unit_id;
  Day week{};              // BU week of the initiating shift
  std::string schedule_id;  // the schedule the initiating shift was offered from
  TradeState state = TradeState::Unmatched;
  std::string initiating_user_id, initiating_shift_id;
  Instant initiating_start{}, initiating_end{};
  std::string receiving_user_id;   // empty: an open offer
  std::string receiving_shift_id;  // empty: a pick-up (one-sided) or not yet matched
  Instant receiving_start{}, receiving_end{};
  bool one_sided = false;
  Instant expiration{};
  std::vector<std::string> acceptable_intervals;  // ISO-8601 intervals, as given
  Actor reviewed_by;
  std::optional<Instant> reviewed;
  int version = 1;
  Instant modified{};
  Actor modified_by;
  // The state a reader sees at `now`: an undecided offer past its expiration is Expired.
  TradeState state_at(Instant now) const;
};

// The generated trades of an MU week (week: a week start of the MU's BU), in generation order.
std::vector<ShiftTrade> generated_shift_trades(const Workforce& wf, const BusinessUnit& bu, const ManagementUnit& mu,
                                               Day week);

// Paid minutes of an agent week: paid activities of shifts plus paid full-day time off.
int paid_minutes(const AgentWeek& aw);
// Weekly paid-time bounds each agent's work plan allows (one plan for every agent; UNCERTAIN, README).
inline constexpr int kWeeklyMinimumPaidMinutes = 1920;
inline constexpr int kWeeklyMaximumPaidMinutes = 2400;

// What approving `t` against the schedule `ws` would do (ShiftTradeMatchReviewResponse).
struct TradeReview {
  struct Side {
    int pre = 0, post = 0;                // paid minutes of the week before and after the trade
    std::vector<const Shift*> new_shifts;  // the shift the agent would receive (into `ws`)
  };
  Side initiating, receiving;
  std::vector<std::string> violations;  // ShiftTradeMatchViolation types
  // Why the trade cannot be applied to `ws` at all (a BulkUpdateShiftTradeStateResultItem failureReason).
  std::optional<std::string> failure;
};
TradeReview review_trade(const WeekSchedule& ws, const ShiftTrade& t);
// `ws` with the shifts of approved `t` swapped (the initiating shift to the receiving agent and the receiving
// shift, if any, to the initiating agent); false, and `ws` unchanged, when review_trade reports a failure.
bool apply_trade(WeekSchedule& ws, const ShiftTrade& t);

}  // namespace mockgc::core::wfm
