// gc-hub adherence --watch end to end against a spawned `mock-gc serve --speed 60` under
// examples/channels/sockets.json (EMEA's sockets get socket_closing at PT1M and are dropped at PT3M: one
// and three real seconds in): the watch reconnects EMEA, ends after --for with every region live and exit
// 0, and Ctrl-C ends it the same way.
#include <gtest/gtest.h>

#include <csignal>
#include <filesystem>

#include <nlohmann/json.hpp>

#include "support/child_process.hpp"
#include "support/served_world.hpp"

namespace mockgc::workflows {
namespace {

using nlohmann::json;

class GcHubWatch : public ::testing::Test {
 protected:
  testing::ServedWorld world{
      std::string("gc-hub-watch-") + ::testing::UnitTest::GetInstance()->current_test_info()->name(),
      {"--scenario", std::string(MOCKGC_SOURCE_DIR) + "/examples/channels/sockets.json", "--speed", "60"}};
  const std::filesystem::path& file = world.orgs;

  // The JSON snapshots (one per line) a watch printed.
  static std::vector<json> snapshots(testing::ChildProcess& child, int& code, int interrupt_after = -1) {
    std::vector<json> out;
    while (auto line = child.read_line(std::chrono::seconds(60))) {
      auto j = json::parse(*line, nullptr, false);
      if (!j.is_discarded()) out.push_back(std::move(j));
      if (static_cast<int>(out.size()) == interrupt_after) child.send_signal(SIGINT);
    }
    code = child.wait_exit().value_or(-1);
    return out;
  }
  static const json& feed_of(const json& snapshot, const std::string& region) {
    for (const auto& f : snapshot["feeds"])
      if (f["region"] == region) return f;
    throw std::runtime_error("no feed for " + region);
  }
};

TEST_F(GcHubWatch, ReconnectsAfterSocketClosingAndDropAndEndsWithEveryRegionLive) {
  testing::ChildProcess watch({GC_HUB_BIN, "adherence", "--watch", "--for", "PT5S", "--interval", "1", "--json",
                               "--orgs", file.string()});
  int code = -1;
  const auto all = snapshots(watch, code);
  EXPECT_EQ(code, 0);
  ASSERT_GE(all.size(), 4u);  // about one a second, then the final one
  const auto& last = all.back();
  for (const auto& f : last["feeds"]) {
    EXPECT_EQ(f["feed"], "live") << f.dump();
    EXPECT_LT(f["stalenessMs"].get<long long>(), 2000) << f.dump();  // heartbeats every half second at 60x
  }
  EXPECT_GE(feed_of(last, "eu_central_1")["reconnects"].get<int>(), 1);  // after socket_closing and/or the drop
  EXPECT_EQ(feed_of(last, "ap_southeast_2")["reconnects"], 0);
  EXPECT_EQ(last["orgs"].size(), 2u);
  EXPECT_EQ(last["people"].get<int>(), last["global"]["agents"].get<int>());
  for (const auto& o : last["orgs"]) EXPECT_EQ(o["status"], "complete") << o.dump();
}

TEST_F(GcHubWatch, CtrlCEndsTheWatchWithExitZero) {
  testing::ChildProcess watch({GC_HUB_BIN, "adherence", "--watch", "--interval", "0.5", "--json", "--orgs", file.string()});
  int code = -1;
  const auto all = snapshots(watch, code, 2);
  EXPECT_EQ(code, 0);
  ASSERT_GE(all.size(), 3u);  // two, then the final one after SIGINT
  for (const auto& f : all.back()["feeds"]) EXPECT_EQ(f["feed"], "live") << f.dump();
}

}  // namespace
}  // namespace mockgc::workflows
