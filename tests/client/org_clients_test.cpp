#include "mockgc/client/org_clients.hpp"

#include <gtest/gtest.h>

#include "support/scripted_transport.hpp"

namespace mockgc::client {
namespace {

std::vector<OrgConfig> two_orgs() { return {testing::test_org("EMEA"), testing::test_org("APAC")}; }

// Send times of the retries of one call that meets three 503s.
std::vector<Millis> retry_gaps(OrgClient& client, testing::ScriptedTransport& transport) {
  for (int i = 0; i < 3; ++i) transport.script(testing::http_status(503));
  const auto before = transport.api_requests().size();
  EXPECT_TRUE(client.call("GET", "/api/v2/x"));
  const auto sent = transport.api_requests();
  std::vector<Millis> gaps;
  for (std::size_t i = before + 1; i < sent.size(); ++i) gaps.push_back(sent[i].at - sent[i - 1].at);
  return gaps;
}

TEST(OrgClients, OneSeedGivesEachOrgItsOwnJitterStream) {
  api::ManualClock clock;
  testing::ScriptedTransport transport(clock);
  OrgClients clients(two_orgs(), transport, clock, {}, 42);
  ASSERT_EQ(clients.size(), 2u);
  ASSERT_NE(clients.find("APAC"), nullptr);
  EXPECT_EQ(clients.find("APAC")->org().name, "APAC");
  EXPECT_EQ(clients.find("NOPE"), nullptr);
  const auto emea = retry_gaps(clients.at(0), transport);
  const auto apac = retry_gaps(clients.at(1), transport);
  EXPECT_NE(emea, apac);  // two orgs hitting the same outage do not retry in lock-step

  api::ManualClock clock2;
  testing::ScriptedTransport transport2(clock2);
  OrgClients again(two_orgs(), transport2, clock2, {}, 42);
  EXPECT_EQ(retry_gaps(again.at(0), transport2), emea);  // same seed, same bytes
}

TEST(OrgClients, PollScheduleCoversEveryOrg) {
  api::ManualClock clock;
  testing::ScriptedTransport transport(clock);
  OrgClients clients(two_orgs(), transport, clock, {}, 7);
  const auto schedule = clients.poll_schedule(Millis(60'000));
  EXPECT_EQ(schedule.slot(), Millis(30'000));
  EXPECT_NE(schedule.poll_time(clock.now(), 0, 0), schedule.poll_time(clock.now(), 1, 0));
}

}  // namespace
}  // namespace mockgc::client
