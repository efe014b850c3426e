// gc-hub shifts end to end against a spawned `mock-gc serve` of examples/channels' small two-region world over
// real sockets: with --force-async every business unit's week is finished through the schedules.search
// notification (exit 0); with EMEA's notifications dropped (a notification_drop fault) EMEA fails after the
// --wait bound with the reason, APAC still reads, and the exit status is 1; over a --tls-cert listener the
// channels are wss:// and the notifications finish the searches the same way.
#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <fstream>

#include <nlohmann/json.hpp>

#include "support/child_process.hpp"
#include "support/self_signed_cert.hpp"
#include "support/served_world.hpp"

namespace mockgc::workflows {
namespace {

using nlohmann::json;

// examples/channels/sockets.json with `faults` instead of its own, written next to the test's other files.
std::string scenario_with(const std::string& name, json faults) {
  std::ifstream in(std::string(MOCKGC_SOURCE_DIR) + "/examples/channels/sockets.json");
  json scenario = json::parse(in);
  scenario["faults"] = std::move(faults);
  const auto path = std::filesystem::path(::testing::TempDir()) / (name + "-scenario.json");
  std::ofstream(path) << scenario.dump(2);
  return path.string();
}

json run_shifts(const std::filesystem::path& orgs, const std::vector<std::string>& extra, int& code) {
  std::vector<std::string> argv{GC_HUB_BIN, "shifts", "--json", "--force-async", "--orgs", orgs.string()};
  argv.insert(argv.end(), extra.begin(), extra.end());
  return json::parse(testing::run_and_capture(argv, code), nullptr, false);
}

TEST(GcHubShifts, ProcessingAnswersAreFinishedThroughTheNotification) {
  testing::ServedWorld world("gc-hub-shifts-calm", {"--scenario", scenario_with("gc-hub-shifts-calm", json::array())});
  int code = -1;
  const auto j = run_shifts(world.orgs, {}, code);
  EXPECT_EQ(code, 0) << j.dump();
  ASSERT_EQ(j["orgs"].size(), 2u) << j.dump();
  for (const auto& o : j["orgs"]) {
    EXPECT_EQ(o["status"], "complete") << o.dump();
    for (const auto& u : o["businessUnits"]) {
      EXPECT_EQ(u["resultPath"], "notification") << u.dump();
      EXPECT_GT(u["shifts"].get<int>(), 0) << u.dump();
      EXPECT_FALSE(u["operationId"].get<std::string>().empty());
    }
  }
}

TEST(GcHubShifts, ADroppedNotificationFailsItsRegionAfterTheWait) {
  const json drop = json::array(
      {{{"id", "emea-drop"}, {"type", "notification"}, {"action", "notification_drop"}, {"region", "eu_central_1"}}});
  testing::ServedWorld world("gc-hub-shifts-drop", {"--scenario", scenario_with("gc-hub-shifts-drop", drop)});
  int code = -1;
  const auto started = std::chrono::steady_clock::now();
  const auto j = run_shifts(world.orgs, {"--wait", "2"}, code);
  EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::seconds(30)) << "the wait is bounded";
  EXPECT_EQ(code, 1) << j.dump();
  ASSERT_EQ(j["orgs"].size(), 2u) << j.dump();
  for (const auto& o : j["orgs"]) {
    if (o["region"] == "eu_central_1") {
      EXPECT_EQ(o["status"], "missing") << o.dump();
      const auto why = o["why"].get<std::string>();
      EXPECT_NE(why.find("no completion event arrived"), std::string::npos) << why;
      EXPECT_NE(why.find("within 2 s"), std::string::npos) << why;
    } else {
      EXPECT_EQ(o["status"], "complete") << o.dump();
    }
  }
}

TEST(GcHubShifts, OverWssTheNotificationsFinishTheSearches) {
  const client::testing::SelfSignedCert certificate;
  testing::ServedWorld world("gc-hub-shifts-wss", {"--scenario", scenario_with("gc-hub-shifts-wss", json::array()),
                                                   "--tls-cert", certificate.cert_file().string(), "--tls-key",
                                                   certificate.key_file().string()});
  // The written ORGS.json names https:// URLs; the client trusts the throwaway certificate through ca_file.
  std::ifstream in(world.orgs);
  json orgs = json::parse(in);
  for (auto& o : orgs["orgs"]) {
    ASSERT_EQ(o["base_url"].get<std::string>().rfind("https://", 0), 0u) << o.dump();
    o["ca_file"] = certificate.cert_file().string();
  }
  const auto trusted = std::filesystem::path(::testing::TempDir()) / "gc-hub-shifts-wss-trusted.json";
  std::ofstream(trusted) << orgs.dump(2);
  int code = -1;
  const auto j = run_shifts(trusted, {}, code);
  EXPECT_EQ(code, 0) << j.dump();
  ASSERT_EQ(j["orgs"].size(), 2u) << j.dump();
  for (const auto& o : j["orgs"]) {
    EXPECT_EQ(o["status"], "complete") << o.dump();
    for (const auto& u : o["businessUnits"]) EXPECT_EQ(u["resultPath"], "notification") << u.dump();
  }
}

}  // namespace
}  // namespace mockgc::workflows
