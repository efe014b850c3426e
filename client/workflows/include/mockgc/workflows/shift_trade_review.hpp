#pragma once
// Shift-trade review per region: plan, then apply (README: "gc-hub trades").
//
// Per org (only the org of TradeReviewOptions::region when one is named: the others are never contacted):
// GET …/managementunits; per MU its BU's settings (GET …/businessunits/{bu}?expand=settings: timeZone,
// startDayOfWeek) give the BU week containing `week` (week_containing, timeoff_week.hpp); GET
// …/managementunits/{mu}/users (who is in the MU) and GET …/managementunits/{mu}/weeks/{weekDateId}/shifttrades
// (evaluateMatches=true) give the MU week's trades. Pending = Matched (waiting for an admin decision);
// Unmatched offers and decided trades are counted, never touched.
// The approval rule decides each pending trade (held ones carry the reason):
//   matched     every pending trade;
//   paid-hours  both agents belong to the trade's MU, the match review names no violation, and both agents'
//               post-trade paid minutes stay within the review's weekly minimum and maximum.
// Apply: one POST …/managementunits/{mu}/weeks/{weekDateId}/shifttrades/state/bulk per MU week with the
// approvals (id, Approved, the listed metadata.version); an item's failureReason is reported as failed.
// Without a rule nothing is written (the plan is the listing). An org that cannot be read is missing.
#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "mockgc/client/org_clients.hpp"
#include "mockgc/workflows/activity_code_sync.hpp"
#include "mockgc/workflows/region_status.hpp"

namespace mockgc::workflows {

enum class ApprovalRule { matched, paid_hours };
std::string_view to_string(ApprovalRule r);                       // "matched", "paid-hours"
std::optional<ApprovalRule> parse_approval_rule(std::string_view);  // the same spellings

struct TradeReviewOptions {
  std::chrono::sys_days week{};       // a local date inside the wanted week (each BU's own week)
  std::optional<std::string> region;  // only this org is read and written
  std::optional<ApprovalRule> rule;   // nullopt: list only
  ProgressFn progress;                // per org read, then per MU week applied
};

struct PendingTrade {
  std::string id;
  std::string management_unit_id;
  std::string week_date;  // the MU week's weekDateId
  std::string initiating_user_id, receiving_user_id;
  std::string initiating_shift_start;
  bool one_sided = false;
  long long version = 0;
  int initiating_post_paid = 0, receiving_post_paid = 0;
  std::vector<std::string> violations;
  bool approve = false;  // the rule's decision
  std::string held_because;
  std::string outcome;  // after apply: "approved", "failed: <failureReason>", or empty
};

struct OrgTrades {
  std::string org, region;
  RegionStatus status;
  std::vector<PendingTrade> pending;  // MU order, then listing order
  int unmatched = 0;                  // open offers
  int decided = 0;                    // Approved, Denied, Expired, Canceled
  int approved = 0, failed = 0;       // after apply
};

struct TradeReview {
  std::optional<ApprovalRule> rule;
  bool applied = false;
  std::vector<OrgTrades> orgs;  // the orgs read, ORGS.json order
  bool any_missing() const;
};

// Reads the orgs and decides each pending trade by the rule. Never writes.
TradeReview plan_trade_review(client::OrgClients& orgs, const TradeReviewOptions& options);
// Sends the approvals of `plan` (made by plan_trade_review with a rule) and records each outcome.
TradeReview apply_trade_review(client::OrgClients& orgs, TradeReview plan, const TradeReviewOptions& options);

nlohmann::json to_json(const TradeReview& review);

}  // namespace mockgc::workflows
