// `mock-gc explore` end to end on small COMMANDs: tests/check/data/integration.py logs in to every org and
// exits 1 when a login is refused, so under tests/explore/data/outages.json (outages only, on whole world hours,
// at speed 1) a case fails exactly when an outage starts at PT0S.
#include <fstream>
#include <sstream>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "mockgc/explore/explore.hpp"
#include "scratch_dir.hpp"

namespace mockgc::explore {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

const fs::path kData = MOCKGC_EXPLORE_TEST_DATA;
const fs::path kIntegration = fs::path(MOCKGC_CHECK_TEST_DATA) / "integration.py";

std::string read(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

class Explorer : public ::testing::Test {
 protected:
  int explore(const std::string& scenario, std::vector<std::string> command, const fs::path& dir, int cases = 6) {
    ExploreOptions o;
    o.scenario = kData / scenario;
    o.cases = cases;
    o.seed = 3;
    o.time_limit_per_case = core::Millis(std::chrono::seconds(30));
    o.report_dir = dir;
    o.command = std::move(command);
    out_.str("");
    err_.str("");
    return run_explore(o, out_, err_);
  }
  std::vector<std::string> fragile() const { return {"python3", kIntegration.string(), "--requests", "1"}; }

  testing::ScratchDir scratch_;
  std::ostringstream out_, err_;
};

TEST_F(Explorer, AnEnvelopeThatAllowsNothingIsBadInputAndRunsNothing) {
  EXPECT_EQ(explore("nothing.json", fragile(), scratch_.path() / "r"), 2);
  EXPECT_NE(err_.str().find("nothing.json: /explore/kinds: the envelope allows no fault: no fault kind is listed"),
            std::string::npos)
      << err_.str();
  EXPECT_FALSE(fs::exists(scratch_.path() / "r"));
}

TEST_F(Explorer, ACommandThatFailsInCalmWeatherIsReportedAsSuchNotShrunk) {
  EXPECT_EQ(explore("outages.json", {"false"}, scratch_.path() / "r"), 1);
  EXPECT_NE(out_.str().find("calm weather: FAIL exit-code"), std::string::npos) << out_.str();
  EXPECT_NE(out_.str().find("nothing can be blamed on a fault"), std::string::npos);
  EXPECT_EQ(out_.str().find("case 1"), std::string::npos);  // no case drawn, no shrink run
  const auto summary = json::parse(read(scratch_.path() / "r" / "explore.json"));
  EXPECT_EQ(summary["runs"], 1);
  EXPECT_EQ(summary["counterexample"]["calm_weather"], true);
  EXPECT_EQ(summary["counterexample"]["rule"], "exit-code");
  const auto counterexample = json::parse(read(scratch_.path() / "r" / "counterexample.json"));
  EXPECT_FALSE(counterexample.contains("faults"));
  EXPECT_TRUE(fs::exists(scratch_.path() / "r" / "original" / "report.json"));
}

TEST_F(Explorer, ACommandThatCannotStartIsBadInput) {
  EXPECT_EQ(explore("outages.json", {"/nonexistent/integration"}, scratch_.path() / "r"), 2);
  EXPECT_NE(err_.str().find("cannot start '/nonexistent/integration'"), std::string::npos) << err_.str();
}

TEST_F(Explorer, FindsAndShrinksToOneOutageAtTheStartDeterministically) {
  ASSERT_EQ(explore("outages.json", fragile(), scratch_.path() / "a"), 1) << out_.str() << err_.str();
  const std::string first_out = out_.str();
  EXPECT_NE(first_out.find("calm weather: pass"), std::string::npos) << first_out;
  const auto text = read(scratch_.path() / "a" / "counterexample.json");
  const auto c = json::parse(text);
  ASSERT_EQ(c["faults"].size(), 1u) << text;
  const auto& fault = c["faults"][0];
  EXPECT_EQ(fault["type"], "outage");
  EXPECT_EQ(fault["at"], "PT0S");
  EXPECT_EQ(fault["for"], "PT1H");        // one step: the shortest window
  EXPECT_TRUE(fault.contains("region"));  // one region is enough to fail a login
  EXPECT_EQ(c["conformance"]["rules"]["exit-code"]["enabled"], true);
  const auto summary = json::parse(read(scratch_.path() / "a" / "explore.json"));
  EXPECT_EQ(summary["counterexample"]["rule"], "exit-code");
  EXPECT_LE(summary["counterexample"]["shrink_runs"].get<int>(), 30);
  EXPECT_TRUE(fs::exists(scratch_.path() / "a" / "original" / "report.json"));
  EXPECT_TRUE(fs::exists(scratch_.path() / "a" / "shrunk" / "report.json"));
  EXPECT_FALSE(fs::exists(scratch_.path() / "a" / "runs"));

  ASSERT_EQ(explore("outages.json", fragile(), scratch_.path() / "b"), 1);
  EXPECT_EQ(read(scratch_.path() / "b" / "counterexample.json"), text);
}

}  // namespace
}  // namespace mockgc::explore
