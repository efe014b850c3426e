// Agent schedules of one week, in-process against mock-gc's default world on the virtual clock (the core's
// notification streams through inproc's WebSocket connector): a forced Processing answer is finished through
// v2.workforcemanagement.users.{client id}.schedules.search (subscribed before the search, the downloadUrl
// of the event followed) and reads exactly what the inline answer holds; with the region's notifications dropped (a notification_drop fault) the wait is bounded
// and the region fails with the reason while the other region reads (no download URL is guessed); without a connector a Processing
// answer fails visibly.
#include <gtest/gtest.h>

#include "mockgc/client/json_calls.hpp"
#include "mockgc/client/transport.hpp"
#include "mockgc/core/scenario.hpp"
#include "mockgc/workflows/schedule_week.hpp"
#include "support/default_world.hpp"

namespace mockgc::workflows {
namespace {

using namespace std::chrono_literals;
using nlohmann::json;

constexpr std::int64_t kMorningMs = 1'699'954'800'000;  // 2023-11-14 09:40 UTC

// The default world with `faults` (the scenario's own clock and expectations removed: the test's clock rules).
struct FaultedWorld : testing::DefaultWorld {
  explicit FaultedWorld(const json& faults) : DefaultWorld(kMorningMs, testing::default_scenario_with_faults(faults)) {}
};

TEST(ScheduleWeek, AProcessingAnswerIsFinishedThroughTheNotification) {
  testing::DefaultWorld w(kMorningMs);
  inproc::InProcessWebSocketConnector sockets(*w.service, w.virtual_clock);
  ScheduleWeekOptions inline_options;
  const auto direct = read_schedule_week(*w.orgs, &sockets, inline_options);
  ScheduleWeekOptions o;
  o.force_async = true;
  const auto async = read_schedule_week(*w.orgs, &sockets, o);
  ASSERT_EQ(async.orgs.size(), 2u);
  ASSERT_EQ(direct.orgs.size(), 2u);
  EXPECT_FALSE(async.any_missing());
  for (std::size_t i = 0; i < 2; ++i) {
    EXPECT_TRUE(async.orgs[i].status.is_complete()) << describe(async.orgs[i].status);
    ASSERT_EQ(async.orgs[i].units.size(), direct.orgs[i].units.size());
    ASSERT_FALSE(async.orgs[i].units.empty());
    for (std::size_t k = 0; k < async.orgs[i].units.size(); ++k) {
      const auto& a = async.orgs[i].units[k];
      const auto& d = direct.orgs[i].units[k];
      EXPECT_TRUE(a.read) << a.why;
      EXPECT_EQ(a.path, ResultPath::notification);
      EXPECT_FALSE(a.operation_id.empty());
      EXPECT_NE(d.path, ResultPath::notification);  // inline or by the answer's downloadUrl
      EXPECT_GT(a.shifts, 0);
      EXPECT_EQ(a.agents, d.agents);
      EXPECT_EQ(a.shifts, d.shifts);
      EXPECT_EQ(a.scheduled_minutes, d.scheduled_minutes);
    }
  }
  EXPECT_EQ(to_json(async)["orgs"][0]["businessUnits"][0]["resultPath"], "notification");
}

TEST(ScheduleWeek, ADroppedNotificationFailsItsRegionAfterABoundedWait) {
  FaultedWorld w(json::array({{{"type", "notification"}, {"action", "notification_drop"}, {"region", "eu_central_1"}}}));
  std::vector<std::string> downloads;
  client::FunctionTransport recording([&](const client::Endpoint& to, const api::HttpRequest& request,
                                          const client::SendOptions& options) {
    if (request.target.rfind("/mockgc/downloads/", 0) == 0) downloads.push_back(to.host + request.target);
    return w.inner->send(to, request, options);
  });
  client::OrgClients orgs(w.configs, recording, *w.clock, client::OrgClientOptions{}, 1);
  inproc::InProcessWebSocketConnector sockets(*w.service, w.virtual_clock);
  ScheduleWeekOptions o;
  o.force_async = true;
  o.completion.wait = 20s;
  const auto start = w.virtual_clock.now();
  const auto r = read_schedule_week(orgs, &sockets, o);
  ASSERT_EQ(r.orgs.size(), 2u);
  const std::size_t emea = w.configs[0].region == "eu_central_1" ? 0 : 1;
  const auto& down = r.orgs[emea];
  const auto& up = r.orgs[1 - emea];
  EXPECT_TRUE(down.status.is_missing()) << describe(down.status);
  EXPECT_NE(down.status.why.find("no completion event arrived"), std::string::npos) << down.status.why;
  EXPECT_NE(down.status.why.find(".schedules.search"), std::string::npos) << down.status.why;
  for (const auto& u : down.units) EXPECT_FALSE(u.read);
  // The client follows only downloadUrls it was given: none for EMEA, whose events were lost (the mock-only
  // /mockgc/downloads/{operationId} route is never guessed); one per APAC business unit, from its event.
  std::size_t emea_downloads = 0;
  for (const auto& d : downloads) emea_downloads += d.find(".de") != std::string::npos;
  EXPECT_EQ(emea_downloads, 0u);
  EXPECT_EQ(downloads.size(), up.units.size());
  EXPECT_TRUE(up.status.is_complete()) << describe(up.status);
  EXPECT_TRUE(r.any_missing());
  // Bounded: each of EMEA's business units waited its 20 s, no more (plus reads of a few seconds).
  EXPECT_LE(w.virtual_clock.now() - start, 20s * static_cast<long>(down.units.size()) + 10s);
}

TEST(ScheduleWeek, WithoutNotificationsAProcessingAnswerFailsVisibly) {
  testing::DefaultWorld w(kMorningMs);
  ScheduleWeekOptions o;
  o.force_async = true;
  const auto r = read_schedule_week(*w.orgs, nullptr, o);
  for (const auto& org : r.orgs) {
    EXPECT_TRUE(org.status.is_missing());
    EXPECT_NE(org.status.why.find("answered Processing"), std::string::npos) << org.status.why;
  }
  // Without forceAsync the default world answers inline: no notification is needed.
  o.force_async = false;
  EXPECT_FALSE(read_schedule_week(*w.orgs, nullptr, o).any_missing());
}

TEST(ScheduleWeek, ARejectedSubscriptionFailsVisibly) {
  testing::DefaultWorld w(kMorningMs);
  // A requester topic under an id that is not the OAuth client's is Rejected (the only topic: no channel).
  inproc::InProcessWebSocketConnector sockets(*w.service, w.virtual_clock);
  auto& c = w.orgs->at(0);
  client::CompletionChannel channel(c, &sockets, {"v2.workforcemanagement.users.not-the-client.schedules.search"});
  const auto bu = client::get_wfm_listing(c, "/api/v2/workforcemanagement/businessunits");
  ASSERT_TRUE(bu.has_value());
  const std::string bu_id = (*bu)["entities"][0]["id"];
  const auto answer = read_agent_schedules(c, channel,
                                           "/api/v2/workforcemanagement/businessunits/" + bu_id + "/agentschedules/search",
                                           {{"startDate", "2023-11-13T00:00:00Z"}, {"endDate", "2023-11-14T00:00:00Z"}}, true);
  EXPECT_FALSE(answer.result.has_value());
  EXPECT_NE(answer.why.find("subscription"), std::string::npos) << answer.why;
}

}  // namespace
}  // namespace mockgc::workflows
