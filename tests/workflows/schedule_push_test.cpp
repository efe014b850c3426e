// Schedule push in-process against mock-gc's default world on the virtual clock (the core's notification
// streams through inproc's WebSocket connector): a pushed plan reads back through the agent-schedule query in
// each org's own ids and re-pushing it writes nothing; a changed plan updates the schedule; a code name one
// org lacks rejects that org only, naming the code; a server Error comes back as the reason; and under faults
// (schedule API maintenance, a lost or late completion notification, a region down) no target is counted a
// success it is not.
#include <gtest/gtest.h>

#include "mockgc/api/time.hpp"
#include "support/push_world.hpp"

namespace mockgc::workflows {
namespace {

using nlohmann::json;
using testing::PushWorld;
using namespace std::chrono_literals;

PlannedShift shift(const std::string& start, const std::string& second_code) {
  const auto t = api::parse_instant(start).value();
  return {t, 300, {{t, 240, "On Queue Work"}, {t + 240min, 60, second_code}}};
}

// EMEA (Monday weeks) and APAC (Sunday weeks): two agents each, one shift each.
SchedulePlan plan_for(PushWorld& p, const std::string& second_code = "Coaching") {
  SchedulePlan plan;
  plan.description = "central plan";
  const auto emea = p.emails(0, 2), apac = p.emails(1, 2);
  plan.targets.push_back({"EMEA", "EMEA Customer Care", "2026-03-09",
                          {{emea[0], {shift("2026-03-10T08:00:00Z", second_code)}},
                           {emea[1], {shift("2026-03-11T09:00:00Z", second_code)}}}});
  plan.targets.push_back({"ap_southeast_2", "APAC Customer Care", "2026-03-08",
                          {{apac[0], {shift("2026-03-09T22:00:00Z", second_code)}},
                           {apac[1], {shift("2026-03-10T23:00:00Z", "On Queue Work")}}}});
  return plan;
}

SchedulePushOptions fast(bool publish = true) {
  SchedulePushOptions o;
  o.publish = publish;
  o.notify_wait = 20s;
  o.poll_interval = 1s;
  o.poll_for = 30s;
  return o;
}

TEST(SchedulePush, PushedPlanReadsBackInEachOrgsIdsAndRepushingWritesNothing) {
  PushWorld p;
  auto plan = plan_for(p);
  auto r = push_schedules(*p.w.orgs, &p.sockets, plan, fast());
  ASSERT_EQ(r.targets.size(), 2u);
  for (std::size_t i = 0; i < 2; ++i) {
    const auto& t = r.targets[i];
    EXPECT_EQ(t.outcome, PushOutcome::imported) << to_json(r);
    EXPECT_EQ(t.action, "import");
    EXPECT_EQ(t.completed_by, "notification");
    EXPECT_EQ(p.read_back(i, t), p.expected(i, plan.targets[i]));
  }
  // The two orgs' code ids for the same name differ: the plan was resolved per org.
  EXPECT_NE(p.expected(0, plan.targets[0]).dump(), p.expected(1, plan.targets[0]).dump());

  auto again = push_schedules(*p.w.orgs, &p.sockets, plan, fast());
  for (const auto& t : again.targets) {
    EXPECT_EQ(t.outcome, PushOutcome::unchanged) << to_json(again);
    EXPECT_TRUE(t.operation_id.empty());
  }

  // A changed plan updates the schedule this tool made (same id), and reads back as the new plan.
  plan.targets[0].agents[1].shifts[0] = shift("2026-03-12T07:00:00Z", "Team Huddle");
  plan.targets[0].agents.pop_back();
  auto changed = push_schedules(*p.w.orgs, &p.sockets, plan, fast());
  EXPECT_EQ(changed.targets[0].outcome, PushOutcome::imported);
  EXPECT_EQ(changed.targets[0].action, "update");
  EXPECT_EQ(changed.targets[0].schedule_id, r.targets[0].schedule_id);
  EXPECT_EQ(p.read_back(0, changed.targets[0]), p.expected(0, plan.targets[0]));
  EXPECT_EQ(changed.targets[1].outcome, PushOutcome::unchanged);
}

TEST(SchedulePush, DryRunWritesNothing) {
  PushWorld p;
  auto r = push_schedules(*p.w.orgs, &p.sockets, plan_for(p), [] {
    auto o = fast();
    o.dry_run = true;
    return o;
  }());
  for (const auto& t : r.targets) {
    EXPECT_EQ(t.action, "import");
    EXPECT_TRUE(t.operation_id.empty());
  }
  auto again = push_schedules(*p.w.orgs, &p.sockets, plan_for(p), fast());
  for (const auto& t : again.targets) EXPECT_EQ(t.action, "import") << "the dry run imported nothing";
}

TEST(SchedulePush, CodeNameOneOrgLacksRejectsThatOrgOnlyNamingIt) {
  PushWorld p;
  ASSERT_FALSE(p.create_code(0, "Regional Only").empty());
  auto plan = plan_for(p, "Regional Only");
  plan.targets[1].agents.push_back({"nobody@apac.example.com", {}});
  auto r = push_schedules(*p.w.orgs, &p.sockets, plan, fast());
  EXPECT_EQ(r.targets[0].outcome, PushOutcome::imported) << to_json(r);
  EXPECT_EQ(p.read_back(0, r.targets[0]), p.expected(0, plan.targets[0]));
  ASSERT_EQ(r.targets[1].outcome, PushOutcome::rejected) << to_json(r);
  const auto reasons = to_json(r)["targets"][1]["reasons"].dump();
  EXPECT_NE(reasons.find("Regional Only"), std::string::npos) << reasons;
  EXPECT_NE(reasons.find("nobody@apac.example.com"), std::string::npos) << reasons;
  EXPECT_TRUE(r.targets[1].operation_id.empty()) << "nothing written to the rejecting org";
}

TEST(SchedulePush, ServerErrorIsTheReasonAndADownRegionIsMissing) {
  PushWorld p;
  auto plan = plan_for(p);
  plan.targets[0].agents[0].shifts[0] = shift("2026-03-20T08:00:00Z", "Coaching");  // outside the week
  p.w.failing->host = "api.mypurecloud.com.au";
  p.w.failing->fails = [](const std::string&) { return true; };
  auto r = push_schedules(*p.w.orgs, &p.sockets, plan, fast());
  ASSERT_EQ(r.targets[0].outcome, PushOutcome::rejected) << to_json(r);
  EXPECT_EQ(r.targets[0].completed_by, "notification");
  EXPECT_NE(r.targets[0].reasons.at(0).find("outside the schedule"), std::string::npos) << r.targets[0].reasons[0];
  EXPECT_EQ(r.targets[1].outcome, PushOutcome::missing) << to_json(r);
  EXPECT_FALSE(r.targets[1].reasons.empty());
  EXPECT_TRUE(r.any_missing());
}

TEST(SchedulePush, MaintenanceOfTheScheduleApiIsMissingNotSuccess) {
  PushWorld p(json::array({{{"type", "maintenance"}, {"family", "schedules"}, {"region", "eu_central_1"},
                            {"at", "PT0S"}, {"for", "PT2H"}}}));
  auto r = push_schedules(*p.w.orgs, &p.sockets, plan_for(p), fast());
  ASSERT_EQ(r.targets[0].outcome, PushOutcome::missing) << to_json(r);
  EXPECT_NE(r.targets[0].reasons.at(0).find("503"), std::string::npos) << r.targets[0].reasons[0];
  EXPECT_EQ(r.targets[1].outcome, PushOutcome::imported) << to_json(r);
}

TEST(SchedulePush, LostOrLateNotificationFallsBackToReadingTheList) {
  PushWorld p(json::array({{{"type", "notification"}, {"action", "notification_drop"}, {"region", "eu_central_1"},
                            {"at", "PT0S"}, {"for", "PT2H"}},
                           {{"type", "notification"}, {"action", "notification_delay"}, {"delay", "PT10M"},
                            {"region", "ap_southeast_2"}, {"at", "PT0S"}, {"for", "PT2H"}}}));
  auto plan = plan_for(p);
  auto r = push_schedules(*p.w.orgs, &p.sockets, plan, fast());
  for (std::size_t i = 0; i < 2; ++i) {
    EXPECT_EQ(r.targets[i].outcome, PushOutcome::imported) << to_json(r);
    EXPECT_EQ(r.targets[i].completed_by, "polling") << to_json(r);
    EXPECT_EQ(p.read_back(i, r.targets[i]), p.expected(i, plan.targets[i]));
  }
  // With no channel at all the list is read as well.
  plan.targets[0].agents.pop_back();
  auto polled = push_schedules(*p.w.orgs, nullptr, plan, fast());
  EXPECT_EQ(polled.targets[0].outcome, PushOutcome::imported) << to_json(polled);
  EXPECT_EQ(polled.targets[0].completed_by, "polling");
  EXPECT_EQ(p.read_back(0, polled.targets[0]), p.expected(0, plan.targets[0]));
}

}  // namespace
}  // namespace mockgc::workflows
