// gc-hub against a spawned `mock-gc serve --scenario scenarios/<name>.json --port 0 --write-orgs F` (real
// sockets, gc-hub on the system clock, the server on the scenario's virtual clock moved through the admin
// API): one region down → exit 1 and that region `missing` in --json; the DST week → 167 h / 169 h windows;
// the rate-limit storm's limiter → a polite run completes with no 429 in the journal.
#include <gtest/gtest.h>

#include <csignal>
#include <filesystem>

#include <nlohmann/json.hpp>

#include "mockgc/api/time.hpp"
#include "mockgc/client/beast_transport.hpp"
#include "support/served_world.hpp"

namespace mockgc::workflows {
namespace {

using nlohmann::json;

using testing::run_and_capture;

class ServedScenario {
 public:
  explicit ServedScenario(const std::string& name)
      : world_("gc-hub-e2e-" + name + "-" + ::testing::UnitTest::GetInstance()->current_test_info()->name(),
               {"--scenario", std::string(MOCKGC_SCENARIOS_DIR) + "/" + name + ".json"}),
        shared_(world_.banner.shared_url) {}
  const std::filesystem::path& orgs() const { return world_.orgs; }
  // An admin call on the shared listener (loopback peers are served without a token).
  json admin(const std::string& method, const std::string& target, const json& body = nullptr) {
    auto endpoint = client::parse_endpoint(shared_);
    EXPECT_TRUE(endpoint.has_value()) << shared_;
    if (!endpoint) return nullptr;
    api::HttpRequest r;
    r.method = method;
    r.target = target;
    r.headers.set("Host", endpoint->host_header());
    if (!body.is_null()) {
      r.body = body.dump();
      r.headers.set("Content-Type", "application/json");
    }
    auto res = transport_.send(*endpoint, r, {});
    EXPECT_TRUE(res.has_value());
    if (!res) return nullptr;
    EXPECT_EQ(res->status, 200) << res->body;
    return json::parse(res->body, nullptr, false);
  }

 private:
  testing::ServedWorld world_;
  std::string shared_;
  client::BeastTransport transport_;
};

const json* org_named(const json& report, const std::string& region) {
  for (const auto& o : report["orgs"])
    if (o["region"] == region) return &o;
  return nullptr;
}

TEST(GcHubE2E, ApacOutageAdherenceExitsOneWithApacMissing) {
  ServedScenario s("apac-outage");
  s.admin("POST", "/mockgc/admin/clock/advance", {{"by", "PT15M"}});  // inside APAC's 30-minute outage
  int code = -1;
  const auto j = json::parse(run_and_capture({GC_HUB_BIN, "adherence", "--orgs", s.orgs().string(), "--json"}, code),
                             nullptr, false);
  ASSERT_FALSE(j.is_discarded());
  EXPECT_EQ(code, 1);
  const auto* apac = org_named(j, "ap_southeast_2");
  const auto* emea = org_named(j, "eu_central_1");
  ASSERT_NE(apac, nullptr);
  ASSERT_NE(emea, nullptr);
  EXPECT_EQ((*apac)["status"], "missing") << apac->dump();
  EXPECT_FALSE((*apac)["why"].get<std::string>().empty());
  EXPECT_EQ((*emea)["status"], "complete") << emea->dump();  // EMEA's fault is on analytics only
}

TEST(GcHubE2E, DstWeekTimeOffWindowsAre167And169Hours) {
  ServedScenario s("dst-week");
  const std::vector<std::tuple<std::string, std::string, std::chrono::hours>> want{
      {"2026-03-29", "Europe/London", std::chrono::hours(167)},
      {"2026-03-29", "Australia/Sydney", std::chrono::hours(168)},
      {"2026-04-05", "Europe/London", std::chrono::hours(168)},
      {"2026-04-05", "Australia/Sydney", std::chrono::hours(169)}};
  for (const auto& [week, zone, hours] : want) {
    int code = -1;
    const auto j = json::parse(
        run_and_capture({GC_HUB_BIN, "timeoff", "--orgs", s.orgs().string(), "--week", week, "--json"}, code),
        nullptr, false);
    ASSERT_FALSE(j.is_discarded());
    EXPECT_EQ(code, 0);
    int seen = 0;
    for (const auto& o : j["orgs"])
      for (const auto& mw : o["weeks"])
        if (mw["timeZone"] == zone) {
          ++seen;
          EXPECT_EQ(*api::parse_instant(mw["endUtc"].get<std::string>()) -
                        *api::parse_instant(mw["startUtc"].get<std::string>()),
                    hours)
              << week << " " << mw.dump();
        }
    EXPECT_EQ(seen, 4) << week << " " << zone;
  }
}

TEST(GcHubE2E, RateLimitStormScenarioPoliteVolumeRunCompletesWithout429) {
  ServedScenario s("rate-limit-storm");
  int code = -1;
  const auto j = json::parse(run_and_capture({GC_HUB_BIN, "volume", "--orgs", s.orgs().string(), "--weeks", "1",
                                              "--end", "2026-03-02T09:00:00Z", "--json"},
                                             code),
                             nullptr, false);
  ASSERT_FALSE(j.is_discarded());
  EXPECT_EQ(code, 0);
  for (const auto& o : j["orgs"]) EXPECT_EQ(o["status"], "complete") << o.dump();
  const auto journal = s.admin("GET", "/mockgc/admin/journal");
  ASSERT_TRUE(journal.is_object());
  int api = 0;
  for (const auto& e : journal["entities"]) {
    EXPECT_NE(e["status"], 429) << e.dump();
    api += e["path"].get<std::string>().rfind("/api/v2/", 0) == 0;
  }
  EXPECT_GT(api, 0);
}

}  // namespace
}  // namespace mockgc::workflows
