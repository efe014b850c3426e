// The live adherence watch in-process against mock-gc's default world on the virtual clock (the core's
// notification streams through inproc's WebSocket connector): with EMEA's Notifications API unreachable,
// EMEA falls back to REST polling and says so while APAC stays live, and the watched snapshot agrees with a
// REST snapshot taken at the end (bi-regional people merged once).
#include <gtest/gtest.h>

#include <algorithm>

#include "mockgc/workflows/adherence_watch.hpp"
#include "support/default_world.hpp"

namespace mockgc::workflows {
namespace {

using namespace std::chrono_literals;
using testing::DefaultWorld;

constexpr std::int64_t kMorningMs = 1'699'954'800'000;  // 2023-11-14 09:40 UTC: shifts are running

TEST(AdherenceWatch, ARegionWhoseChannelFailsIsPolledTheOtherStaysLive) {
  DefaultWorld w(kMorningMs);
  w.failing->host = "api.mypurecloud.de";
  w.failing->fails = [](const std::string& target) { return target.starts_with("/api/v2/notifications"); };
  inproc::InProcessWebSocketConnector sockets(*w.service, w.virtual_clock);
  WatchOptions o;
  o.interval = 1min;
  // Every thread moves the shared virtual clock, so the watch ends on what it reached, not on a world time:
  // once both regions were fed and EMEA was polled again (or after a wall-clock guard).
  int printed = 0;
  bool reached = false;
  const auto guard = std::chrono::steady_clock::now() + 60s;
  const auto r = watch_adherence(
      *w.orgs, sockets, o, [&] { return reached || std::chrono::steady_clock::now() > guard; },
      [&](const AdherenceSnapshot&, const std::vector<RegionFeed>& feeds) {
        ++printed;
        reached = printed >= 3 && std::all_of(feeds.begin(), feeds.end(), [](const RegionFeed& f) { return f.fed(); });
      });
  EXPECT_TRUE(reached);
  ASSERT_EQ(r.feeds.size(), 2u);
  const std::size_t emea = w.configs[0].region == "eu_central_1" ? 0 : 1;
  const auto& down = r.feeds[emea];
  const auto& up = r.feeds[1 - emea];
  EXPECT_EQ(down.feed, Feed::polling);
  EXPECT_TRUE(down.was_polled);
  EXPECT_FALSE(down.was_live);
  EXPECT_NE(down.why.find("notifications failed"), std::string::npos) << down.why;
  EXPECT_EQ(up.feed, Feed::live) << up.why;
  EXPECT_TRUE(up.was_live);
  EXPECT_TRUE(r.every_region_fed());
  EXPECT_EQ(r.snapshot.orgs[emea].status.what, "polled over REST");
  EXPECT_TRUE(r.snapshot.orgs[1 - emea].status.is_complete()) << describe(r.snapshot.orgs[1 - emea].status);

  // The watched state equals a REST reading at the end (events and resyncs kept it current).
  w.failing->fails = nullptr;
  const auto rest = take_adherence_snapshot(*w.orgs, {});
  EXPECT_EQ(r.snapshot.people, rest.people);
  EXPECT_EQ(r.snapshot.multi_region_people, rest.multi_region_people);
  for (std::size_t i = 0; i < 2; ++i) {
    ASSERT_EQ(r.snapshot.orgs[i].agents.size(), rest.orgs[i].agents.size());
    for (std::size_t k = 0; k < rest.orgs[i].agents.size(); ++k) {
      const auto& a = r.snapshot.orgs[i].agents[k];
      const auto& b = rest.orgs[i].agents[k];
      EXPECT_EQ(a.user_id, b.user_id);
      EXPECT_EQ(a.person_key, b.person_key);
    }
  }
}

}  // namespace
}  // namespace mockgc::workflows
