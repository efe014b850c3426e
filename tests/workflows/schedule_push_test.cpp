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
using testing::push_test_options;
using testing::push_test_plan;
using testing::push_test_shift;
using testing::PushWorld;
using namespace std::chrono_literals;

TEST(SchedulePush, PushedPlanReadsBackInEachOrgsIdsAndRepushingWritesNothing) {
  PushWorld p;
  auto plan = push_test_plan(p.emails(0, 2), p.emails(1, 2));
  auto r = push_schedules(*p.w.orgs, &p.sockets, plan, push_test_options());
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

  auto again = push_schedules(*p.w.orgs, &p.sockets, plan, push_test_options());
  for (const auto& t : again.targets) {
    EXPECT_EQ(t.outcome, PushOutcome::unchanged) << to_json(again);
    EXPECT_TRUE(t.operation_id.empty());
  }

  // A changed plan updates the schedule this tool made (same id), and reads back as the new plan.
  plan.targets[0].agents[1].shifts[0] = push_test_shift("2026-03-12T07:00:00Z", "Team Huddle");
  plan.targets[0].agents.pop_back();
  auto changed = push_schedules(*p.w.orgs, &p.sockets, plan, push_test_options());
  EXPECT_EQ(changed.targets[0].outcome, PushOutcome::imported);
  EXPECT_EQ(changed.targets[0].action, "update");
  EXPECT_EQ(changed.targets[0].schedule_id, r.targets[0].schedule_id);
  EXPECT_EQ(p.read_back(0, changed.targets[0]), p.expected(0, plan.targets[0]));
  EXPECT_EQ(changed.targets[1].outcome, PushOutcome::unchanged);
}

TEST(SchedulePush, DryRunWritesNothing) {
  PushWorld p;
  auto r = push_schedules(*p.w.orgs, &p.sockets, push_test_plan(p.emails(0, 2), p.emails(1, 2)), [] {
    auto o = push_test_options();
    o.dry_run = true;
    return o;
  }());
  for (const auto& t : r.targets) {
    EXPECT_EQ(t.action, "import");
    EXPECT_TRUE(t.operation_id.empty());
  }
  auto again = push_schedules(*p.w.orgs, &p.sockets, push_test_plan(p.emails(0, 2), p.emails(1, 2)), push_test_options());
  for (const auto& t : again.targets) EXPECT_EQ(t.action, "import") << "the dry run imported nothing";
}

TEST(SchedulePush, CodeNameOneOrgLacksRejectsThatOrgOnlyNamingIt) {
  PushWorld p;
  ASSERT_FALSE(p.create_code(0, "Regional Only").empty());
  auto plan = push_test_plan(p.emails(0, 2), p.emails(1, 2), "Regional Only");
  plan.targets[1].agents.push_back({"nobody@apac.example.com", {}});
  auto r = push_schedules(*p.w.orgs, &p.sockets, plan, push_test_options());
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
  auto plan = push_test_plan(p.emails(0, 2), p.emails(1, 2));
  plan.targets[0].agents[0].shifts[0] = push_test_shift("2026-03-20T08:00:00Z", "Coaching");  // outside the week
  p.w.failing->host = "api.mypurecloud.com.au";
  p.w.failing->fails = [](const std::string&) { return true; };
  auto r = push_schedules(*p.w.orgs, &p.sockets, plan, push_test_options());
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
  auto r = push_schedules(*p.w.orgs, &p.sockets, push_test_plan(p.emails(0, 2), p.emails(1, 2)), push_test_options());
  ASSERT_EQ(r.targets[0].outcome, PushOutcome::missing) << to_json(r);
  EXPECT_NE(r.targets[0].reasons.at(0).find("503"), std::string::npos) << r.targets[0].reasons[0];
  EXPECT_EQ(r.targets[1].outcome, PushOutcome::imported) << to_json(r);
}

TEST(SchedulePush, LostOrLateNotificationFallsBackToReadingTheList) {
  PushWorld p(json::array({{{"type", "notification"}, {"action", "notification_drop"}, {"region", "eu_central_1"},
                            {"at", "PT0S"}, {"for", "PT2H"}},
                           {{"type", "notification"}, {"action", "notification_delay"}, {"delay", "PT10M"},
                            {"region", "ap_southeast_2"}, {"at", "PT0S"}, {"for", "PT2H"}}}));
  auto plan = push_test_plan(p.emails(0, 2), p.emails(1, 2));
  auto r = push_schedules(*p.w.orgs, &p.sockets, plan, push_test_options());
  for (std::size_t i = 0; i < 2; ++i) {
    EXPECT_EQ(r.targets[i].outcome, PushOutcome::imported) << to_json(r);
    EXPECT_EQ(r.targets[i].completed_by, "polling") << to_json(r);
    EXPECT_EQ(p.read_back(i, r.targets[i]), p.expected(i, plan.targets[i]));
  }
  // With no channel at all the list is read as well.
  plan.targets[0].agents.pop_back();
  auto polled = push_schedules(*p.w.orgs, nullptr, plan, push_test_options());
  EXPECT_EQ(polled.targets[0].outcome, PushOutcome::imported) << to_json(polled);
  EXPECT_EQ(polled.targets[0].completed_by, "polling");
  EXPECT_EQ(p.read_back(0, polled.targets[0]), p.expected(0, plan.targets[0]));
}

}  // namespace
}  // namespace mockgc::workflows
