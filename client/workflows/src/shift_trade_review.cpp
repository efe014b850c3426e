#include "mockgc/workflows/shift_trade_review.hpp"

#include <date/date.h>
#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <map>
#include <set>

#include "mockgc/api/time.hpp"
#include "mockgc/api/url.hpp"
#include "mockgc/client/json_calls.hpp"
#include "mockgc/workflows/timeoff_week.hpp"
#include "genesys_paths.hpp"

namespace mockgc::workflows {
namespace {

using nlohmann::json;

using paths::kWfm;

std::string text_of(const json& j, const char* key) {
  auto it = j.find(key);
  return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}
std::string id_of(const json& j, const char* key) {
  auto it = j.find(key);
  return it != j.end() && it->is_object() ? text_of(*it, "id") : std::string();
}
int int_of(const json& j, const char* key) {
  auto it = j.find(key);
  return it != j.end() && it->is_number_integer() ? it->get<int>() : 0;
}

std::string trades_path(const std::string& mu_id, const std::string& week) {
  return fmt::format("{}/managementunits/{}/weeks/{}/shifttrades", kWfm, api::percent_encode(mu_id), week);
}

// The rule's decision on one pending trade; empty when it is approved.
std::string held_because(ApprovalRule rule, const PendingTrade& t, const json& review, const std::set<std::string>& members) {
  if (rule == ApprovalRule::matched) return {};
  if (!members.count(t.initiating_user_id) || !members.count(t.receiving_user_id))
    return "an agent is not in the trade's management unit";
  if (!t.violations.empty()) return fmt::format("violations: {}", fmt::join(t.violations, ", "));
  for (const char* side : {"initiatingUser", "receivingUser"}) {
    if (!review.contains(side)) return "no match review";
    const json& s = review[side];
    const int post = int_of(s, "postTradeSchedulePaidMinutes");
    if (post < int_of(s, "weeklyMinimumPaidMinutes") || post > int_of(s, "weeklyMaximumPaidMinutes"))
      return fmt::format("{} paid minutes {} outside {}..{}", side, post, int_of(s, "weeklyMinimumPaidMinutes"),
                         int_of(s, "weeklyMaximumPaidMinutes"));
  }
  return {};
}

// Reads one org; fills `o` (status missing on the first failure that leaves nothing usable).
void read_org(client::OrgClient& c, const TradeReviewOptions& options, OrgTrades& o) {
  const std::string mus_path = fmt::format("{}/managementunits", kWfm);
  auto mus = client::get_wfm_listing(c, mus_path);
  if (!mus) {
    o.status = RegionStatus::missing(fmt::format("GET {}: {}", mus_path, mus.error().message()));
    return;
  }
  std::map<std::string, std::string> week_of_bu;  // BU id → its weekDateId
  UnitFailures mus_read;
  auto fail = [&](std::string why) { mus_read.fail(std::move(why)); };
  for (const auto& mu : (*mus)["entities"]) {
    const std::string mu_id = text_of(mu, "id"), bu_id = id_of(mu, "businessUnit");
    if (mu_id.empty()) continue;
    ++mus_read.units;
    if (!week_of_bu.count(bu_id)) {
      const auto path = fmt::format("{}/businessunits/{}", kWfm, api::percent_encode(bu_id));
      auto bu = client::get_json(c, path, {{"expand", "settings"}});
      if (!bu || !bu->contains("settings")) {
        fail(fmt::format("GET {}: {}", path, bu ? std::string("no settings") : bu.error().message()));
        continue;
      }
      try {
        const auto w = week_containing(options.week, text_of((*bu)["settings"], "timeZone"),
                                       text_of((*bu)["settings"], "startDayOfWeek"));
        week_of_bu[bu_id] = date::format("%F", w.first_day);
      } catch (const std::exception& e) {
        fail(fmt::format("business unit {}: {}", bu_id, e.what()));
        continue;
      }
    }
    const std::string week = week_of_bu[bu_id];
    std::set<std::string> members;
    const auto users_path = fmt::format("{}/managementunits/{}/users", kWfm, api::percent_encode(mu_id));
    auto users = client::get_wfm_listing(c, users_path);
    if (!users) {
      fail(fmt::format("GET {}: {}", users_path, users.error().message()));
      continue;
    }
    for (const auto& u : (*users)["entities"]) members.insert(text_of(u, "id"));
    auto listing = client::get_wfm_listing(c, trades_path(mu_id, week), {{"evaluateMatches", "true"}});
    if (!listing) {
      fail(fmt::format("GET {}: {}", trades_path(mu_id, week), listing.error().message()));
      continue;
    }
    for (const auto& e : (*listing)["entities"]) {
      const json& t = e.contains("trade") ? e["trade"] : json::object();
      const std::string state = text_of(t, "state");
      if (state == "Unmatched") ++o.unmatched;
      if (state != "Matched") {
        o.decided += state != "Unmatched";
        continue;
      }
      PendingTrade p;
      p.id = text_of(t, "id");
      p.management_unit_id = mu_id;
      p.week_date = week;
      p.initiating_user_id = id_of(t, "initiatingUser");
      p.receiving_user_id = id_of(t, "receivingUser");
      p.initiating_shift_start = text_of(t, "initiatingShiftStart");
      p.one_sided = t.value("oneSided", false);
      p.version = t.contains("metadata") ? t["metadata"].value("version", 0LL) : 0LL;
      const json review = e.contains("matchReview") ? e["matchReview"] : json::object();
      if (review.contains("initiatingUser")) p.initiating_post_paid = int_of(review["initiatingUser"], "postTradeSchedulePaidMinutes");
      if (review.contains("receivingUser")) p.receiving_post_paid = int_of(review["receivingUser"], "postTradeSchedulePaidMinutes");
      if (review.contains("violations") && review["violations"].is_array())
        for (const auto& v : review["violations"]) p.violations.push_back(text_of(v, "type"));
      if (options.rule) {
        p.held_because = held_because(*options.rule, p, review, members);
        p.approve = p.held_because.empty();
      }
      o.pending.push_back(std::move(p));
    }
  }
  if (mus_read.failed > 0) o.status = mus_read.status("management units");
}

}  // namespace

std::string_view to_string(ApprovalRule r) { return r == ApprovalRule::matched ? "matched" : "paid-hours"; }

std::optional<ApprovalRule> parse_approval_rule(std::string_view s) {
  for (auto r : {ApprovalRule::matched, ApprovalRule::paid_hours})
    if (to_string(r) == s) return r;
  return std::nullopt;
}

bool TradeReview::any_missing() const {
  return std::any_of(orgs.begin(), orgs.end(), [](const OrgTrades& o) { return o.status.is_missing(); });
}

TradeReview plan_trade_review(client::OrgClients& orgs, const TradeReviewOptions& options) {
  TradeReview out;
  out.rule = options.rule;
  for (std::size_t i = 0; i < orgs.size(); ++i) {
    auto& c = orgs.at(i);
    if (options.region && c.org().region != *options.region) continue;  // never contacted
    OrgTrades o;
    o.org = c.org().name;
    o.region = c.org().region;
    read_org(c, options, o);
    out.orgs.push_back(std::move(o));
    if (options.progress) options.progress(i + 1, orgs.size(), c.org().name);
  }
  return out;
}

TradeReview apply_trade_review(client::OrgClients& orgs, TradeReview plan, const TradeReviewOptions& options) {
  plan.applied = plan.rule.has_value();
  if (!plan.applied) return plan;
  for (auto& o : plan.orgs) {
    if (o.status.is_missing()) continue;
    auto* c = orgs.find(o.org);
    if (!c) continue;
    // One bulk request per MU week, in plan order.
    std::vector<std::pair<std::string, std::string>> batches;
    for (const auto& t : o.pending)
      if (t.approve && std::find(batches.begin(), batches.end(), std::pair(t.management_unit_id, t.week_date)) == batches.end())
        batches.emplace_back(t.management_unit_id, t.week_date);
    std::size_t done = 0;
    for (const auto& [mu, week] : batches) {
      json entities = json::array();
      for (const auto& t : o.pending)
        if (t.approve && t.management_unit_id == mu && t.week_date == week)
          entities.push_back({{"id", t.id}, {"state", "Approved"}, {"metadata", {{"version", t.version}}}});
      const std::string path = trades_path(mu, week) + "/state/bulk";
      auto res = client::send_json(*c, "POST", path, {{"entities", entities}});
      std::map<std::string, std::string> outcome;  // trade id → outcome
      if (!res) {
        for (const auto& e : entities) outcome[e["id"]] = fmt::format("failed: POST {}: {}", path, res.error().message());
      } else if (res->contains("result") && (*res)["result"].contains("entities")) {
        for (const auto& item : (*res)["result"]["entities"]) {
          const std::string reason = text_of(item, "failureReason");
          outcome[text_of(item, "id")] = reason.empty() ? text_of(item, "state") == "Approved" ? "approved" : "failed: " + text_of(item, "state")
                                                        : "failed: " + reason;
        }
      }
      for (auto& t : o.pending) {
        if (!t.approve || t.management_unit_id != mu || t.week_date != week) continue;
        auto it = outcome.find(t.id);
        t.outcome = it == outcome.end() ? "failed: no result for the trade" : it->second;
        (t.outcome == "approved" ? o.approved : o.failed) += 1;
      }
      if (options.progress) options.progress(++done, batches.size(), o.org);
    }
    if (o.failed > 0 && o.status.is_complete())
      o.status = RegionStatus::partial(fmt::format("{} of {} approvals", o.failed, o.approved + o.failed),
                                       "an approval failed (see the trades)");
  }
  return plan;
}

json to_json(const TradeReview& review) {
  json orgs = json::array();
  for (const auto& o : review.orgs) {
    json pending = json::array();
    for (const auto& t : o.pending) {
      json j{{"id", t.id},
             {"managementUnitId", t.management_unit_id},
             {"weekDate", t.week_date},
             {"initiatingUserId", t.initiating_user_id},
             {"receivingUserId", t.receiving_user_id},
             {"initiatingShiftStart", t.initiating_shift_start},
             {"oneSided", t.one_sided},
             {"initiatingPostTradePaidMinutes", t.initiating_post_paid},
             {"receivingPostTradePaidMinutes", t.receiving_post_paid},
             {"violations", t.violations}};
      if (review.rule) j["decision"] = t.approve ? "approve" : "hold";
      if (!t.held_because.empty()) j["heldBecause"] = t.held_because;
      if (!t.outcome.empty()) j["outcome"] = t.outcome;
      pending.push_back(std::move(j));
    }
    json j{{"org", o.org}, {"region", o.region}, {"pending", std::move(pending)}, {"unmatched", o.unmatched},
           {"decided", o.decided}, {"approved", o.approved}, {"failed", o.failed}};
    json status;
    to_json(status, o.status);
    j.update(status);
    orgs.push_back(std::move(j));
  }
  return {{"rule", review.rule ? json(std::string(to_string(*review.rule))) : json(nullptr)},
          {"applied", review.applied},
          {"orgs", std::move(orgs)}};
}

}  // namespace mockgc::workflows
