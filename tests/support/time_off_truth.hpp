#pragma once
// Ground truth for a time-off week, read straight from the server: every MU of an org queried with a
// generous range; a request is in the week when one of its full-day dates or partial starts (local to the
// MU's zone, computed here with date/tz, not with the workflow's helpers) falls on one of the 7 local dates of
// the MU's week containing `date`.
#include <gtest/gtest.h>

#include <chrono>
#include <map>
#include <set>
#include <string>

#include <date/date.h>
#include <date/tz.h>
#include <nlohmann/json.hpp>

#include "mockgc/api/time.hpp"
#include "mockgc/client/json_calls.hpp"
#include "mockgc/client/org_client.hpp"
#include "mockgc/workflows/timeoff_week.hpp"

namespace mockgc::testing {

// Adds the org's requests in the week to `out` (by id); a read that fails is a test failure.
inline void add_time_off_week_truth(client::OrgClient& c, std::chrono::sys_days date,
                                    std::map<std::string, nlohmann::json>& out) {
  auto mus = client::get_wfm_listing(c, "/api/v2/workforcemanagement/managementunits");
  EXPECT_TRUE(mus.has_value());
  if (!mus) return;
  for (const auto& mu : (*mus)["entities"]) {
    const std::string zone = mu["timeZone"];
    const unsigned start = mu["startDayOfWeek"] == "Sunday" ? 0u : 1u;
    auto first = date;
    while (date::weekday(first).c_encoding() != start) first -= date::days(1);
    std::set<std::string> days;
    for (int k = 0; k < 7; ++k) days.insert(api::format_local_date(first + date::days(k)));
    nlohmann::json body{{"dateRange",
                         {{"startDate", api::format_local_date(first - date::days(3))},
                          {"endDate", api::format_local_date(first + date::days(10))}}}};
    auto r = client::send_json(
        c, "POST", "/api/v2/workforcemanagement/managementunits/" + mu["id"].get<std::string>() + "/timeoffrequests/query",
        body);
    EXPECT_TRUE(r.has_value());
    if (!r) continue;
    auto listing = client::resolve_download(c, std::move(*r));
    for (const auto& e : (*listing)["entities"]) {
      bool in = false;
      for (const auto& d : e["fullDayManagementUnitDates"]) in = in || days.count(d.get<std::string>().substr(0, 10));
      for (const auto& p : e["partialDayStartDateTimes"]) {
        const auto local = date::make_zoned(zone, *api::parse_instant(p.get<std::string>())).get_local_time();
        in = in ||
             days.count(api::format_local_date(std::chrono::sys_days(date::floor<date::days>(local).time_since_epoch())));
      }
      if (in) out.emplace(e["id"].get<std::string>(), e);
    }
  }
}

// The workflow's week holds exactly the truth's requests: each id once, each in the truth with the same status
// and submittedDate, as many as the truth has, and the truth is not empty (an empty week proves nothing).
inline void expect_week_matches_truth(const workflows::TimeOffWeek& week,
                                      const std::map<std::string, nlohmann::json>& truth) {
  std::set<std::string> got;
  for (const auto& e : week.requests) {
    EXPECT_TRUE(got.insert(e.id).second) << "duplicate " << e.id;
    auto it = truth.find(e.id);
    ASSERT_NE(it, truth.end()) << "not in the week: " << e.id;
    EXPECT_EQ(e.status, it->second["status"]);
    EXPECT_EQ(api::format_instant(e.submitted), it->second["submittedDate"]);
  }
  EXPECT_EQ(got.size(), truth.size());
  EXPECT_FALSE(truth.empty());
}

}  // namespace mockgc::testing
