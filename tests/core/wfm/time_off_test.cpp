// Time-off requests over every harness kind: the MU query and its 33-day / PENDING rule, filters,
// downloadUrl, per-user list/get, admin create, PATCH with metadata.version (stale -> 409), agent routes.
#include "core/endpoint_fixture.hpp"

namespace mockgc::testing {
namespace {

using nlohmann::json;
constexpr const char* kWfm = "/api/v2/workforcemanagement";

class TimeOff : public EndpointTest {
 protected:
  std::string mu(const std::string& region) {
    auto j = get_json(region, std::string(kWfm) + "/businessunits/" + bu_id(region) + "/managementunits");
    return j["entities"][0]["id"];
  }
  std::string mu_path(const std::string& region) { return std::string(kWfm) + "/managementunits/" + mu(region); }
  json query(const json& body, int status = 200, const std::string& flags = "") {
    auto res = send_json(kEmea, "POST", mu_path(kEmea) + "/timeoffrequests/query" + flags, body);
    EXPECT_EQ(res.status, status) << res.body;
    return body_json(res);
  }
  json pending() {
    auto j = query({{"statuses", {"PENDING"}}});
    return j["entities"];
  }
};

TEST_P(TimeOff, PendingQueryListsOnlyPendingRequests) {
  auto entities = pending();
  ASSERT_GT(entities.size(), 5u);
  for (const auto& r : entities) {
    EXPECT_EQ(r["status"], "PENDING");
    EXPECT_EQ(r["activityCodeId"], "5");
    EXPECT_TRUE(r["metadata"].contains("version"));
    EXPECT_FALSE(r.contains("modifiedDate"));  // TimeOffRequestListItem
    if (r["isFullDayRequest"] == true) {
      EXPECT_FALSE(r["fullDayManagementUnitDates"].empty());
      EXPECT_TRUE(r["partialDayStartDateTimes"].empty());
      // Submitted before the first date.
      EXPECT_LT(r["submittedDate"].get<std::string>().substr(0, 10), r["fullDayManagementUnitDates"][0].get<std::string>());
    } else {
      EXPECT_FALSE(r["partialDayStartDateTimes"].empty());
      EXPECT_TRUE(api::parse_instant(r["partialDayStartDateTimes"][0].get<std::string>()).has_value());
    }
  }
}

TEST_P(TimeOff, DateRangeOfAtMost33Days) {
  auto ok = query({{"dateRange", {{"startDate", "2026-03-01"}, {"endDate", "2026-04-02"}}}});  // 33 days inclusive
  ASSERT_GT(ok["entities"].size(), 0u);
  for (const auto& r : ok["entities"]) {
    std::string first, last;
    if (r["isFullDayRequest"] == true) {
      first = r["fullDayManagementUnitDates"].front();
      last = r["fullDayManagementUnitDates"].back();
    } else {
      first = last = r["partialDayStartDateTimes"][0].get<std::string>().substr(0, 10);
    }
    EXPECT_LE(first, "2026-04-02");
    EXPECT_GE(last, "2026-03-01");
  }
  auto res = send_json(kEmea, "POST", mu_path(kEmea) + "/timeoffrequests/query",
                       {{"dateRange", {{"startDate", "2026-03-01"}, {"endDate", "2026-04-03"}}}});
  EXPECT_ERROR_BODY(res, 400, "bad.request");
  EXPECT_ERROR_BODY(send_json(kEmea, "POST", mu_path(kEmea) + "/timeoffrequests/query", json::object()), 400,
                    "bad.request");
  EXPECT_ERROR_BODY(send_json(kEmea, "POST", mu_path(kEmea) + "/timeoffrequests/query", {{"statuses", {"APPROVED"}}}),
                    400, "bad.request");
  EXPECT_ERROR_BODY(send_json(kEmea, "POST", mu_path(kEmea) + "/timeoffrequests/query", {{"statuses", {"MAYBE"}}}),
                    400, "invalid.value");
  EXPECT_ERROR_BODY(send_json(kEmea, "POST", mu_path(kEmea) + "/timeoffrequests/query",
                              {{"dateRange", {{"startDate", "2026-03-10"}, {"endDate", "2026-03-01"}}}}),
                    400, "bad.request");
}

TEST_P(TimeOff, FiltersAndDownload) {
  auto all = pending();
  ASSERT_FALSE(all.empty());
  const std::string uid = all[0]["user"]["id"];
  auto by_user = query({{"userIds", {uid}}});
  ASSERT_FALSE(by_user["entities"].empty());
  for (const auto& r : by_user["entities"]) EXPECT_EQ(r["user"]["id"], uid);
  auto by_id = query({{"statuses", {"PENDING"}}, {"ids", {all[0]["id"]}}});
  ASSERT_EQ(by_id["entities"].size(), 1u);
  auto forced = query({{"statuses", {"PENDING"}}}, 200, "?forceDownloadService=true");
  ASSERT_TRUE(forced.contains("downloadUrl"));
  auto res = h().send(kEmea, get_request(path_of_url(forced["downloadUrl"].get<std::string>()), ""));
  EXPECT_EQ(body_json(res)["entities"], all);
}

TEST_P(TimeOff, PerUserListAndGet) {
  auto all = pending();
  ASSERT_FALSE(all.empty());
  const std::string uid = all[0]["user"]["id"];
  auto list = get_json(kEmea, mu_path(kEmea) + "/users/" + uid + "/timeoffrequests");
  ASSERT_FALSE(list["timeOffRequests"].empty());
  const std::string id = all[0]["id"];
  auto one = get_json(kEmea, mu_path(kEmea) + "/users/" + uid + "/timeoffrequests/" + id);
  EXPECT_EQ(one["id"], id);
  EXPECT_EQ(one["status"], "PENDING");
  EXPECT_ERROR_BODY(get(kEmea, mu_path(kEmea) + "/users/" + uid + "/timeoffrequests/nope"), 404, "not.found");
  EXPECT_ERROR_BODY(get(kEmea, mu_path(kEmea) + "/users/nobody/timeoffrequests"), 404, "not.found");
}

TEST_P(TimeOff, PatchApprovesWithVersionAndStaleIs409) {
  auto r = pending()[0];
  const std::string path = mu_path(kEmea) + "/users/" + r["user"]["id"].get<std::string>() + "/timeoffrequests/" +
                           r["id"].get<std::string>();
  const int version = r["metadata"]["version"];
  EXPECT_ERROR_BODY(send_json(kEmea, "PATCH", path, {{"status", "APPROVED"}}), 400, "bad.request");
  auto res = send_json(kEmea, "PATCH", path, {{"status", "APPROVED"}, {"metadata", {{"version", version}}}});
  ASSERT_EQ(res.status, 200) << res.body;
  auto patched = body_json(res);
  EXPECT_EQ(patched["status"], "APPROVED");
  EXPECT_EQ(patched["metadata"]["version"], version + 1);
  EXPECT_TRUE(patched.contains("reviewedDate"));
  EXPECT_EQ(get_json(kEmea, path)["status"], "APPROVED");
  EXPECT_ERROR_BODY(send_json(kEmea, "PATCH", path, {{"status", "DENIED"}, {"metadata", {{"version", version}}}}), 409,
                    "conflict");
  EXPECT_ERROR_BODY(send_json(kEmea, "PATCH", path, {{"status", "CANCELED"}, {"metadata", {{"version", version + 1}}}}),
                    400, "invalid.value");
  // No longer pending.
  for (const auto& p : pending()) EXPECT_NE(p["id"], r["id"]);
}

TEST_P(TimeOff, AdminCreateOnePerUser) {
  auto users = get_json(kEmea, mu_path(kEmea) + "/users")["entities"];
  ASSERT_GE(users.size(), 2u);
  json body{{"status", "APPROVED"},
            {"users", {{{"id", users[0]["id"]}}, {{"id", users[1]["id"]}}}},
            {"activityCodeId", "5"},
            {"fullDayManagementUnitDates", {"2026-03-20", "2026-03-23"}},
            {"dailyDurationMinutes", 480},
            {"notes", "Conference"}};
  auto res = send_json(kEmea, "POST", mu_path(kEmea) + "/timeoffrequests", body);
  ASSERT_EQ(res.status, 200) << res.body;
  auto created = body_json(res)["timeOffRequests"];
  ASSERT_EQ(created.size(), 2u);
  EXPECT_EQ(created[0]["status"], "APPROVED");
  EXPECT_EQ(created[0]["fullDayManagementUnitDates"], json({"2026-03-20", "2026-03-23"}));
  EXPECT_EQ(created[1]["user"]["id"], users[1]["id"]);
  auto got = get_json(kEmea, mu_path(kEmea) + "/users/" + users[0]["id"].get<std::string>() + "/timeoffrequests/" +
                                 created[0]["id"].get<std::string>());
  EXPECT_EQ(got["notes"], "Conference");
  auto in_range = query({{"dateRange", {{"startDate", "2026-03-20"}, {"endDate", "2026-03-20"}}}, {"ids", {created[0]["id"]}}});
  EXPECT_EQ(in_range["entities"].size(), 1u);

  const std::string path = mu_path(kEmea) + "/timeoffrequests";
  auto without = [&](const char* key) {
    json b = body;
    b.erase(key);
    return b;
  };
  EXPECT_ERROR_BODY(send_json(kEmea, "POST", path, without("activityCodeId")), 400, "bad.request");
  EXPECT_ERROR_BODY(send_json(kEmea, "POST", path, without("users")), 400, "bad.request");
  EXPECT_ERROR_BODY(send_json(kEmea, "POST", path, without("dailyDurationMinutes")), 400, "bad.request");
  EXPECT_ERROR_BODY(send_json(kEmea, "POST", path, without("fullDayManagementUnitDates")), 400, "bad.request");
  json wrong_code = body;
  wrong_code["activityCodeId"] = "0";
  EXPECT_ERROR_BODY(send_json(kEmea, "POST", path, wrong_code), 400, "bad.request");
  json denied = body;
  denied["status"] = "DENIED";
  EXPECT_ERROR_BODY(send_json(kEmea, "POST", path, denied), 400, "invalid.value");
  json partial = without("fullDayManagementUnitDates");
  partial["partialDayStartDateTimes"] = {"not-a-date"};
  EXPECT_ERROR_BODY(send_json(kEmea, "POST", path, partial), 400, "invalid.date");
}

TEST_P(TimeOff, PerDayDurationMinutesKeepEveryDay) {
  auto users = get_json(kEmea, mu_path(kEmea) + "/users")["entities"];
  ASSERT_FALSE(users.empty());
  json body{{"status", "PENDING"},
            {"users", {{{"id", users[0]["id"]}}}},
            {"activityCodeId", "5"},
            {"partialDayStartDateTimes", {"2026-03-24T09:00:00Z", "2026-03-25T13:00:00Z", "2026-03-26T10:00:00Z"}},
            {"durationMinutes", {120, 240, 60}},
            {"dailyDurationMinutes", 480}};  // ignored when durationMinutes is given
  const std::string path = mu_path(kEmea) + "/timeoffrequests";
  auto res = send_json(kEmea, "POST", path, body);
  ASSERT_EQ(res.status, 200) << res.body;
  const auto created = body_json(res)["timeOffRequests"][0];
  EXPECT_EQ(created["durationMinutes"], json({120, 240, 60}));
  EXPECT_EQ(created["payableMinutes"], json({120, 240, 60}));
  const std::string self = created["selfUri"];
  EXPECT_EQ(get_json(kEmea, self)["durationMinutes"], json({120, 240, 60}));
  // A patch with one daily duration replaces the per-day values.
  auto patched = send_json(kEmea, "PATCH", self, {{"dailyDurationMinutes", 90}, {"metadata", created["metadata"]}});
  ASSERT_EQ(patched.status, 200) << patched.body;
  EXPECT_EQ(body_json(patched)["durationMinutes"], json({90, 90, 90}));
  body["durationMinutes"] = {120, 0, 60};
  EXPECT_ERROR_BODY(send_json(kEmea, "POST", path, body), 400, "bad.request");
  body["durationMinutes"] = {120, 60};
  EXPECT_ERROR_BODY(send_json(kEmea, "POST", path, body), 400, "bad.request");
}

TEST_P(TimeOff, AgentRoutesNeedAUserToken) {
  EXPECT_ERROR_BODY(get(kEmea, std::string(kWfm) + "/timeoffrequests"), 400, "bad.request");
  EXPECT_ERROR_BODY(get(kEmea, std::string(kWfm) + "/timeoffrequests/abc"), 400, "bad.request");
  EXPECT_ERROR_BODY(send_json(kEmea, "POST", std::string(kWfm) + "/timeoffrequests", {{"activityCodeId", "5"}}), 400,
                    "bad.request");
}

MOCKGC_INSTANTIATE_FOR_HARNESSES(TimeOff);

}  // namespace
}  // namespace mockgc::testing
