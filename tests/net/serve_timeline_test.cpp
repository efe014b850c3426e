// `mock-gc serve --scenario FILE` plays the scenario's fault timeline on the real clock: the real executable
// as a child process, a clock running 100× faster than the wall clock and a 10-minute outage starting
// 10 simulated minutes in (6 s of wall time). Before the window requests succeed, inside it they get the
// Genesys 503, afterwards they succeed again. Polls with generous caps; nothing asserts a duration.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <chrono>
#include <csignal>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <thread>

#include "support/served_world.hpp"
#include "mockgc/core/scenario.hpp"
#include "raw_client.hpp"
#include "support/session.hpp"

namespace mockgc::testing {
namespace {

using nlohmann::json;
using namespace std::chrono_literals;

struct Org {
  std::uint16_t port = 0;
  std::string client_id;
  std::string client_secret;
};

Org org_of(const std::filesystem::path& orgs_file, std::string_view region) {
  std::ifstream in(orgs_file);
  const auto doc = json::parse(in);
  for (const auto& org : doc.at("orgs")) {
    if (org.at("region") != region) continue;
    const auto url = org.at("base_url").get<std::string>();
    return {static_cast<std::uint16_t>(std::stoi(url.substr(url.rfind(':') + 1))), org.at("client_id"),
            org.at("client_secret")};
  }
  ADD_FAILURE() << "no org for " << region << " in " << orgs_file;
  return {};
}

std::optional<RawResponse> post_token(const Org& org) {
  RawClient c(org.port);
  const std::string body = "grant_type=client_credentials";
  if (!c.send(fmt::format("POST /oauth/token HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: {}\r\nConnection: close\r\n"
                          "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: {}\r\n\r\n{}",
                          basic_auth(org.client_id, org.client_secret), body.size(), body)))
    return std::nullopt;
  return c.read_response();
}

std::optional<RawResponse> get_users(const Org& org, const std::string& token) {
  return get_once(org.port, "/api/v2/users?pageSize=1", fmt::format("Authorization: Bearer {}\r\n", token));
}

// Polls GET /api/v2/users until its status is no longer `while_status` (cap 20 s): the first other answer.
std::optional<RawResponse> first_answer_other_than(unsigned while_status, const Org& org, const std::string& token) {
  const auto give_up = std::chrono::steady_clock::now() + 20s;
  while (std::chrono::steady_clock::now() < give_up) {
    auto res = get_users(org, token);
    if (res && res->result_int() != while_status) return res;
    std::this_thread::sleep_for(100ms);
  }
  return std::nullopt;
}

TEST(ServeTimeline, OutageWindowOnTheRealClockStartsAndEndsWhileServing) {
  constexpr const char* kRegion = "eu_central_1";
  const auto dir = std::filesystem::path(::testing::TempDir());
  const auto scenario_file = dir / "mockgc-serve-timeline.json";
  const auto orgs_file = dir / "mockgc-serve-timeline-orgs.json";
  json scenario = json::parse(core::default_scenario_text());
  scenario["clock"] = {{"mode", "real"}, {"start", "2026-03-02T09:00:00Z"}, {"speed", 100}};
  scenario["faults"] = json::array({{{"type", "outage"}, {"region", kRegion}, {"at", "PT10M"}, {"for", "PT10M"}}});
  std::ofstream(scenario_file) << scenario.dump(2);

  ChildProcess child({MOCKGC_BIN, "serve", "--port", "0", "--scenario", scenario_file.string(), "--write-orgs",
                      orgs_file.string()});
  ASSERT_TRUE(read_banner(child).ready) << "mock-gc never printed 'ready': " << child.drain_stderr();
  const Org org = org_of(orgs_file, kRegion);
  ASSERT_NE(org.port, 0);

  // Before the window (simulated 09:00 → 09:10 takes 6 s of wall time).
  auto login = post_token(org);
  ASSERT_TRUE(login.has_value());
  ASSERT_EQ(login->result_int(), 200U) << login->body();
  const std::string token = json::parse(login->body())["access_token"];
  auto before = get_users(org, token);
  ASSERT_TRUE(before.has_value());
  ASSERT_EQ(before->result_int(), 200U) << "requests succeed before the outage window: " << before->body();

  // The window opens on its own, as the real clock moves.
  auto down = first_answer_other_than(200, org, token);
  ASSERT_TRUE(down.has_value()) << "the outage never started";
  ASSERT_EQ(down->result_int(), 503U) << down->body();
  EXPECT_EQ(std::string((*down)["Content-Type"]), "application/json");
  const std::string correlation((*down)["ININ-Correlation-Id"]);
  EXPECT_EQ(down->body(),
            fmt::format(R"({{"message":"Service Unavailable - The server is currently unavailable (because it is )"
                        R"(overloaded or down for maintenance).","code":"service.unavailable","status":503,)"
                        R"("contextId":"{}","details":[],"errors":[]}})",
                        correlation));

  // … and closes again: the same token works afterwards.
  auto after = first_answer_other_than(503, org, token);
  ASSERT_TRUE(after.has_value()) << "the outage never ended";
  EXPECT_EQ(after->result_int(), 200U) << after->body();

  child.send_signal(SIGTERM);
  EXPECT_EQ(child.wait_exit(), 0);
  std::filesystem::remove(scenario_file);
  std::filesystem::remove(orgs_file);
}

}  // namespace
}  // namespace mockgc::testing
