// POST /mockgc/admin/scenario and /mockgc/admin/reset over every harness kind: the world, clock, faults,
// rate limits and journal are replaced at once; old tokens get 401; bad scenarios are 400 naming the key
// and leave the running world untouched; requests racing a reset see either the old or the new world.
#include <gtest/gtest.h>

#include <atomic>
#include <nlohmann/json.hpp>
#include <thread>

#include "admin_support.hpp"
#include "mockgc/api/time.hpp"
#include "mockgc/core/journal/request_journal.hpp"

namespace mockgc::testing {
namespace {

using nlohmann::json;
using namespace std::chrono_literals;

constexpr const char* kUsers = "/api/v2/users?pageSize=1";

bool message_names(const api::HttpResponse& res, std::string_view key) {
  auto j = json::parse(res.body, nullptr, false);
  return j.is_object() && j.contains("message") && j["message"].get<std::string>().find(key) != std::string::npos;
}

class AdminScenarioTest : public AdminFixture {
 protected:
  json sections() override { return {{"rate_limits", {{"per_client_per_minute", 3}}}}; }
};

TEST_P(AdminScenarioTest, LoadReplacesWorldClockFaultsAndInvalidatesTokens) {
  const std::string old_token = token(kEmea);
  const std::string first_user = get_json(kEmea, kUsers)["entities"][0]["id"];
  json next = json::parse(default_scenario_with({}));
  next["seed"] = 99;
  next["clock"]["start"] = "2026-06-01T00:00:00Z";
  next["faults"] = json::array({{{"type", "outage"}, {"id", "later"}, {"at", "PT1H"}, {"region", "eu_central_1"}}});
  auto loaded = admin_json("POST", "/mockgc/admin/scenario", next.dump());
  EXPECT_EQ(loaded["seed"], 99);
  EXPECT_EQ(loaded["generation"], 1);
  EXPECT_EQ(loaded["clock"]["now"], "2026-06-01T00:00:00.000Z");
  EXPECT_EQ(api::format_instant(clock_->now()), "2026-06-01T00:00:00.000Z") << "the injected virtual clock moved";
  EXPECT_EQ(h().service().seed(), 99u);

  EXPECT_ERROR_BODY(h().send(kEmea, get_request(kUsers, old_token)), 401, "bad.credentials");
  tokens_.clear();
  EXPECT_NE(get_json(kEmea, kUsers)["entities"][0]["id"], first_user) << "a world from seed 99";
  // The new scenario's faults, timed from its clock; no rate limits any more.
  auto list = admin_json("GET", "/mockgc/admin/faults")["entities"];
  ASSERT_EQ(list.size(), 1u);
  EXPECT_EQ(list[0]["id"], "later");
  for (int i = 0; i < 5; ++i) EXPECT_EQ(get(kEmea, kUsers).status, 200);
  clock_->advance(1h);
  EXPECT_ERROR_BODY(get(kEmea, kUsers), 503, "service.unavailable");
  // The load opened the new journal.
  const auto entries = h().service().journal()->snapshot();
  ASSERT_FALSE(entries.empty());
  EXPECT_EQ(entries.front().seq, 1u);
  EXPECT_EQ(entries.front().path, "/mockgc/admin/scenario");
}

TEST_P(AdminScenarioTest, BadScenarioIs400NamingTheKeyAndKeepsTheWorld) {
  const std::string old_token = token(kEmea);
  EXPECT_ERROR_BODY(admin("POST", "/mockgc/admin/scenario", "{"), 400, "bad.request");
  auto res = admin("POST", "/mockgc/admin/scenario", R"({"sead": 1})");
  EXPECT_ERROR_BODY(res, 400, "bad.request");
  EXPECT_TRUE(message_names(res, "sead")) << res.body;
  EXPECT_FALSE(message_names(res, ".json")) << "no file name: " << res.body;
  json bad = json::parse(default_scenario_with({}));
  bad["faults"] = json::array({{{"type", "outage"}, {"staus", 503}}});
  res = admin("POST", "/mockgc/admin/scenario", bad.dump());
  EXPECT_ERROR_BODY(res, 400, "bad.request");
  EXPECT_TRUE(message_names(res, "staus")) << res.body;
  bad = json::parse(default_scenario_with({}));
  bad["world"]["orgs"][0]["businessUnits"][0]["timeZone"] = "Mars/Olympus";
  EXPECT_ERROR_BODY(admin("POST", "/mockgc/admin/scenario", bad.dump()), 400, "bad.request");
  EXPECT_EQ(admin("GET", "/mockgc/admin/scenario").status, 405);
  // Still the old world: same token works, clock unchanged.
  EXPECT_EQ(h().send(kEmea, get_request(kUsers, old_token)).status, 200);
  EXPECT_EQ(api::format_instant(clock_->now()), "2026-03-02T09:00:00.000Z");
  EXPECT_EQ(admin_json("GET", "/mockgc/admin/summary")["generation"], 0);
}

TEST_P(AdminScenarioTest, ResetRestoresTheInitialState) {
  const std::string old_token = token(kEmea);
  // Change everything a reset must undo: clock, live data, injected faults, limiter windows, journal.
  const std::string codes = codes_path(kEmea);                          // request 1 of 3 this minute
  const auto codes_before = get_json(kEmea, codes)["entities"].size();  // 2
  auto created = send_json(kEmea, "POST", codes, {{"name", "Huddle"}, {"category", "Meeting"}});  // 3
  ASSERT_EQ(created.status, 200) << created.body;
  EXPECT_EQ(get(kEmea, kUsers).status, 429) << "limit 3 per minute used up";
  admin_json("POST", "/mockgc/admin/faults",
             R"({"type":"outage","id":"injected","region":"ap_southeast_2","path":"/api/v2/users"})", 201);
  clock_->advance(10min);

  auto reset = admin_json("POST", "/mockgc/admin/reset");
  EXPECT_EQ(reset["generation"], 1);
  EXPECT_EQ(reset["seed"], 1);
  EXPECT_EQ(api::format_instant(clock_->now()), "2026-03-02T09:00:00.000Z") << "clock back to the start";
  EXPECT_ERROR_BODY(h().send(kEmea, get_request(kUsers, old_token)), 401, "bad.credentials");
  tokens_.clear();
  EXPECT_TRUE(admin_json("GET", "/mockgc/admin/faults")["entities"].empty()) << "injected faults are gone";
  EXPECT_EQ(get(kApac, kUsers).status, 200);
  const auto codes_after = get_json(kEmea, codes)["entities"].size();  // request 1 of the new epoch
  EXPECT_EQ(codes_after, codes_before) << "the created code is gone";
  EXPECT_EQ(get(kEmea, kUsers).status, 200);
  EXPECT_EQ(get(kEmea, kUsers).status, 200) << "limiter emptied: 3rd request in the new minute";
  EXPECT_EQ(get(kEmea, kUsers).status, 429);
  const auto entries = h().service().journal()->snapshot();
  ASSERT_FALSE(entries.empty());
  EXPECT_EQ(entries.front().path, "/mockgc/admin/reset") << "the reset opens the journal";
}

TEST_P(AdminScenarioTest, TwoResetsGiveTheSameWorldButNewTokens) {
  const std::string t0 = token(kEmea);
  const json users0 = get_json(kEmea, "/api/v2/users?pageSize=5")["entities"];
  admin_json("POST", "/mockgc/admin/reset");
  tokens_.clear();
  const std::string t1 = token(kEmea);
  EXPECT_NE(t0, t1) << "tokens of an older epoch are never re-issued";
  EXPECT_EQ(get_json(kEmea, "/api/v2/users?pageSize=5")["entities"], users0) << "same seed, same world";
}
MOCKGC_INSTANTIATE_FOR_HARNESSES(AdminScenarioTest);

// Requests racing resets: every answer is the old world's (200) or a 401 for a token the new world
// never issued; nothing crashes or hangs. In-process only (threads straight into the core).
class AdminResetRaceTest : public AdminFixture {
  json sections() override { return {{"rate_limits", nullptr}}; }  // two workers far beyond 300/min
};

TEST_P(AdminResetRaceTest, RequestsDuringResetsSeeOldOrNewState) {
  std::atomic<bool> stop{false};
  std::atomic<int> bad{0}, ok{0};
  auto worker = [&] {
    std::string tok = login(h(), kEmea);
    while (!stop.load()) {
      auto res = h().send(kEmea, get_request(kUsers, tok));
      if (res.status == 200) ++ok;
      else if (res.status == 401) tok = login(h(), kEmea);
      else ++bad;
    }
  };
  std::thread a(worker), b(worker);
  for (int i = 0; i < 20; ++i) EXPECT_EQ(admin("POST", "/mockgc/admin/reset").status, 200);
  stop = true;
  a.join();
  b.join();
  EXPECT_EQ(bad.load(), 0);
  EXPECT_GT(ok.load(), 0);
}
// In-process only (instantiated with that kind alone, not skipped): the loopback harness serialises its
// requests behind one mutex, so over it no request could overlap a reset and the race would not be tested.
INSTANTIATE_TEST_SUITE_P(Harness, AdminResetRaceTest,
                         ::testing::Values(::mockgc::testing::HarnessKind{"inprocess", &make_inprocess_harness}),
                         [](const auto& test_param) { return test_param.param.name; });

}  // namespace
}  // namespace mockgc::testing
