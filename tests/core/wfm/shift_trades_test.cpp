// Shift trades of an MU week over every harness kind: the generated pending trades (same MU, the offered
// shift really the initiator's, the receiver free that day), admin approval swapping the shifts in the
// schedule the routes and adherence follow, denial, forceAsync's notification, create / PATCH / search, and
// Genesys-shaped refusals (unknown trade, another week's trade, a decided trade, stale version, bad state).
#include "core/notifications/channel_fixture.hpp"

namespace mockgc::testing {
namespace {

using nlohmann::json;
constexpr const char* kWfm = "/api/v2/workforcemanagement";
constexpr const char* kWeek = "2026-03-09";  // next week: the generated offers are still open

class ShiftTrades : public ChannelTest {
 protected:
  std::string trades(const std::string& week = kWeek) {
    return std::string(kWfm) + "/managementunits/" + mu_id(kEmea) + "/weeks/" + week + "/shifttrades";
  }
  json list(const std::string& week = kWeek) { return get_json(kEmea, trades(week))["entities"]; }
  // The first listed trade in `state` (two-sided when asked).
  json first(const std::string& state, bool two_sided = false) {
    for (const auto& e : list())
      if (e["trade"]["state"] == state && (!two_sided || e["trade"].contains("receivingShiftId"))) return e;
    ADD_FAILURE() << "no " << state << " trade";
    return json::object();
  }
  api::HttpResponse bulk(const json& entities, const std::string& query = "") {
    return send_json(kEmea, "POST", trades() + "/state/bulk" + query, {{"entities", entities}});
  }
  static json change(const json& trade, const std::string& state) {
    return {{"id", trade["id"]}, {"state", state}, {"metadata", {{"version", trade["metadata"]["version"]}}}};
  }
  // The shift ids of `user` in the agent query of week kWeek's published schedule.
  std::vector<std::string> shift_ids(const std::string& user, const std::string& schedule_id) {
    auto q = send_json(kEmea, "POST",
                       std::string(kWfm) + "/businessunits/" + bu_id(kEmea) + "/weeks/" + kWeek + "/schedules/" +
                           schedule_id + "/agentschedules/query",
                       {{"managementUnitId", mu_id(kEmea)}, {"userIds", {user}}});
    EXPECT_EQ(q.status, 200) << q.body;
    std::vector<std::string> out;
    const json result = body_json(q);
    for (const auto& a : result["result"]["agentSchedules"])
      for (const auto& s : a["shifts"]) out.push_back(s["id"]);
    return out;
  }
  static bool has(const std::vector<std::string>& v, const std::string& x) {
    return std::find(v.begin(), v.end(), x) != v.end();
  }
};

TEST_P(ShiftTrades, TheWorldGeneratesPendingTradesWithinOneManagementUnit) {
  auto all = list();
  ASSERT_GE(all.size(), 2u);
  std::set<std::string> members;
  const json users = get_json(kEmea, std::string(kWfm) + "/managementunits/" + mu_id(kEmea) + "/users");
  for (const auto& u : users["entities"]) members.insert(u["id"].get<std::string>());
  int matched = 0;
  for (const auto& e : all) {
    const auto& t = e["trade"];
    EXPECT_EQ(t["weekDate"], kWeek);
    EXPECT_TRUE(members.count(t["initiatingUser"]["id"].get<std::string>())) << t;
    EXPECT_TRUE(has(shift_ids(t["initiatingUser"]["id"], t["schedule"]["id"]), t["initiatingShiftId"])) << t;
    if (t["state"] == "Matched") {
      ++matched;
      EXPECT_TRUE(members.count(t["receivingUser"]["id"].get<std::string>())) << t;
      EXPECT_NE(t["receivingUser"]["id"], t["initiatingUser"]["id"]);
      EXPECT_EQ(t["oneSided"], !t.contains("receivingShiftId"));
      const auto& review = e["matchReview"];
      EXPECT_EQ(review["receivingUser"]["weeklyMaximumPaidMinutes"], 2400);
      EXPECT_GT(review["initiatingUser"]["preTradeSchedulePaidMinutes"].get<int>(), 0);
      EXPECT_FALSE(review["receivingUser"]["postTradeNewShift"]["activities"].empty());
    } else {
      EXPECT_EQ(t["state"], "Unmatched");
      EXPECT_FALSE(e.contains("matchReview"));
    }
  }
  EXPECT_GE(matched, 1);
  EXPECT_EQ(get(kEmea, trades()).body, get(kEmea, trades()).body) << "same seed, same bytes";
  // Undecided offers expire at their shift's start: once the week is over, every one reads Expired.
  clock_->set(*api::parse_instant("2026-03-08T23:00:00Z"));
  tokens_.clear();  // the day-old token has expired
  for (const auto& e : list("2026-03-02")) {
    const json state = e["trade"]["state"];
    EXPECT_TRUE(state == "Expired" || state == "Approved" || state == "Denied") << e;
  }
}

TEST_P(ShiftTrades, ApprovingSwapsTheShiftsInTheScheduleInForce) {
  const json trade = first("Matched", true)["trade"];
  const std::string a = trade["initiatingUser"]["id"], b = trade["receivingUser"]["id"];
  const std::string schedule = trade["schedule"]["id"];
  ASSERT_TRUE(has(shift_ids(a, schedule), trade["initiatingShiftId"]));
  ASSERT_TRUE(has(shift_ids(b, schedule), trade["receivingShiftId"]));

  const std::string changed_topic = "v2.workforcemanagement.managementunits." + mu_id(kEmea) + ".agentschedules.changed";
  auto channel = create();
  subscribe(channel["id"], {changed_topic});
  auto stream = connect(channel);
  auto res = bulk(json::array({change(trade, "Approved")}));
  ASSERT_EQ(res.status, 200) << res.body;
  auto j = body_json(res);
  // Mirrors of the schedule hear that both agents' week changed.
  auto got = events(*stream);
  ASSERT_EQ(got.size(), 1u);
  EXPECT_EQ(got[0]["topicName"], changed_topic);
  std::set<std::string> told;
  for (const auto& agent : got[0]["eventBody"]["agents"]) told.insert(agent["agentId"].get<std::string>());
  EXPECT_EQ(told, (std::set<std::string>{a, b}));
  EXPECT_EQ(j["status"], "Complete");
  ASSERT_EQ(j["result"]["entities"].size(), 1u);
  const auto& item = j["result"]["entities"][0];
  EXPECT_EQ(item["state"], "Approved");
  EXPECT_FALSE(item.contains("failureReason")) << item;
  EXPECT_EQ(item["metadata"]["version"], trade["metadata"]["version"].get<int>() + 1);
  EXPECT_TRUE(item.contains("reviewedDate"));

  // The schedule routes: the offered shift is now the receiver's, the receiving shift the initiator's.
  EXPECT_TRUE(has(shift_ids(b, schedule), trade["initiatingShiftId"]));
  EXPECT_FALSE(has(shift_ids(a, schedule), trade["initiatingShiftId"]));
  EXPECT_TRUE(has(shift_ids(a, schedule), trade["receivingShiftId"]));
  // The listing reports the decision.
  for (const auto& e : list())
    if (e["trade"]["id"] == trade["id"]) {
      EXPECT_EQ(e["trade"]["state"], "Approved");
    }

  // Adherence follows: inside the offered shift the receiver is scheduled and the initiator is not.
  clock_->set(*api::parse_instant(trade["initiatingShiftStart"].get<std::string>()) + std::chrono::minutes(30));
  tokens_.clear();  // the day-old token has expired
  auto rta = [&](const std::string& user) {
    return get_json(kEmea, std::string(kWfm) + "/adherence?userId=" + user)[0]["scheduledActivityCategory"];
  };
  EXPECT_NE(rta(b), "Unscheduled");
  EXPECT_EQ(rta(a), "Unscheduled");
}

TEST_P(ShiftTrades, DecisionsAreRefusedAsGenesysRefusesThem) {
  const json trade = first("Matched")["trade"];
  // Deny, then approve the denied trade: the transition is not allowed and nothing changes.
  auto denied = body_json(bulk(json::array({change(trade, "Denied")})));
  EXPECT_EQ(denied["result"]["entities"][0]["state"], "Denied");
  json again = change(trade, "Approved");
  again["metadata"]["version"] = denied["result"]["entities"][0]["metadata"]["version"];
  auto refused = body_json(bulk(json::array({again})));
  EXPECT_EQ(refused["result"]["entities"][0]["state"], "Denied");
  EXPECT_EQ(refused["result"]["entities"][0]["failureReason"], "TransitionNotAllowed");

  // A stale version: 409 naming the trade.
  auto stale = bulk(json::array({change(trade, "Approved")}));
  EXPECT_EQ(stale.status, 409) << stale.body;
  EXPECT_NE(stale.body.find(trade["id"].get<std::string>()), std::string::npos);
  // An unknown trade: 404; a trade of another week: 400 naming its week.
  json unknown = change(trade, "Approved");
  unknown["id"] = "00000000-0000-4000-8000-000000000000";
  EXPECT_EQ(bulk(json::array({unknown})).status, 404);
  const json other = get_json(kEmea, trades("2026-03-16"))["entities"][0]["trade"];
  auto wrong_week = bulk(json::array({change(other, "Approved")}));
  EXPECT_EQ(wrong_week.status, 400) << wrong_week.body;
  EXPECT_NE(wrong_week.body.find("2026-03-16"), std::string::npos) << wrong_week.body;
  // Malformed: a state that is no decision, an empty list, a week off the BU's start day, 'mine'.
  auto bad_state = bulk(json::array({change(other, "Matched")}));
  EXPECT_EQ(bad_state.status, 400);
  EXPECT_NE(bad_state.body.find("Matched"), std::string::npos);
  EXPECT_EQ(bulk(json::array()).status, 400);
  EXPECT_EQ(get(kEmea, trades("2026-03-10")).status, 400);
  EXPECT_EQ(get(kEmea, std::string(kWfm) + "/managementunits/mine/weeks/" + kWeek + "/shifttrades").status, 400);
  EXPECT_EQ(send_json(kEmea, "POST", trades() + "/state/bulk", json::array()).status, 400);
}

TEST_P(ShiftTrades, ForceAsyncAnswersProcessingAndNotifies) {
  const std::string topic = "v2.workforcemanagement.managementunits." + mu_id(kEmea) + ".shifttrades.state.bulk";
  auto channel = create();
  auto sub = subscribe(channel["id"], {topic});
  auto stream = connect(channel);
  const json trade = first("Matched")["trade"];
  auto res = bulk(json::array({change(trade, "Denied")}), "?forceAsync=true");
  ASSERT_EQ(res.status, 200) << res.body;
  auto j = body_json(res);
  EXPECT_EQ(j["status"], "Processing");
  EXPECT_FALSE(j.contains("result"));
  auto got = events(*stream);
  ASSERT_EQ(got.size(), 1u);
  EXPECT_EQ(got[0]["topicName"], topic);
  const auto& body = got[0]["eventBody"];
  EXPECT_EQ(body["operationId"], j["operationId"]);
  EXPECT_EQ(body["status"], "Complete");
  EXPECT_EQ(body["weekDate"], kWeek);
  EXPECT_EQ(body["result"]["entities"][0]["id"], trade["id"]);
  EXPECT_EQ(body["result"]["entities"][0]["state"], "Denied");
}

TEST_P(ShiftTrades, CreatePatchAndSearchAnOffer) {
  // An offer of a shift no trade names yet.
  const auto all = list();
  std::set<std::string> offered;
  for (const auto& e : all) offered.insert(e["trade"]["initiatingShiftId"].get<std::string>());
  const std::string schedule = all[0]["trade"]["schedule"]["id"];
  auto q = send_json(kEmea, "POST",
                     std::string(kWfm) + "/businessunits/" + bu_id(kEmea) + "/weeks/" + kWeek + "/schedules/" + schedule +
                         "/agentschedules/query",
                     {{"managementUnitId", mu_id(kEmea)}});
  const auto agents = body_json(q)["result"]["agentSchedules"];
  std::string initiator, shift, receiver, receiving_shift;
  for (const auto& a : agents)
    for (const auto& s : a["shifts"])
      if (shift.empty() && !offered.count(s["id"].get<std::string>())) initiator = a["user"]["id"], shift = s["id"];
  for (const auto& a : agents)
    if (receiving_shift.empty() && a["user"]["id"] != initiator && !a["shifts"].empty())
      receiver = a["user"]["id"], receiving_shift = a["shifts"][0]["id"];
  ASSERT_FALSE(shift.empty());
  auto created = send_json(kEmea, "POST", trades(), {{"scheduleId", schedule}, {"initiatingShiftId", shift}});
  ASSERT_EQ(created.status, 200) << created.body;
  const json t = body_json(created);
  EXPECT_EQ(t["state"], "Unmatched");
  EXPECT_EQ(t["initiatingUser"]["id"], initiator);
  EXPECT_EQ(t["metadata"]["version"], 1);
  EXPECT_EQ(list().size(), all.size() + 1);
  // The same shift twice, or another schedule: 400.
  EXPECT_EQ(send_json(kEmea, "POST", trades(), {{"scheduleId", schedule}, {"initiatingShiftId", shift}}).status, 400);
  EXPECT_EQ(send_json(kEmea, "POST", trades(), {{"scheduleId", "nope"}, {"initiatingShiftId", shift}}).status, 400);

  // PATCH: a direct offer to the receiver, with the version it was read at.
  const std::string one = trades() + "/" + t["id"].get<std::string>();
  auto patched = send_json(kEmea, "PATCH", one, {{"receivingUserId", {{"value", receiver}}}, {"metadata", {{"version", 1}}}});
  ASSERT_EQ(patched.status, 200) << patched.body;
  EXPECT_EQ(body_json(patched)["receivingUser"]["id"], receiver);
  EXPECT_EQ(body_json(patched)["metadata"]["version"], 2);
  EXPECT_EQ(send_json(kEmea, "PATCH", one, {{"metadata", {{"version", 1}}}}).status, 409);
  EXPECT_EQ(send_json(kEmea, "PATCH", trades() + "/00000000-0000-4000-8000-000000000000", {{"metadata", {{"version", 1}}}})
                .status,
            404);

  // Search: the receiver's shift matches the direct offer.
  auto found = send_json(kEmea, "POST", trades() + "/search",
                         {{"receivingScheduleId", schedule}, {"receivingShiftIds", {receiving_shift}}});
  ASSERT_EQ(found.status, 200) << found.body;
  bool seen = false;
  const json listed = body_json(found);
  for (const auto& r : listed["trades"])
    if (r["trade"]["id"] == t["id"]) {
      seen = true;
      EXPECT_EQ(r["matchingReceivingShiftIds"], json::array({receiving_shift}));
      EXPECT_FALSE(r["preview"]["activities"].empty());
    }
  EXPECT_TRUE(seen);
  EXPECT_EQ(send_json(kEmea, "POST", trades() + "/search", json::object()).status, 400);
}

}  // namespace

MOCKGC_INSTANTIATE_FOR_HARNESSES(ShiftTrades);

}  // namespace mockgc::testing
