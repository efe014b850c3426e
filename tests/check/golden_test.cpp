// Characterization of the report bytes: a careless journal judged end to end, compared with the checked-in
// report.json, junit.xml and console text. MOCKGC_TEST_ACCEPT=1 rewrites the files (and skips) after a
// deliberate change; review the diff before committing it.
#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <sstream>

#include "journal_builder.hpp"
#include "mockgc/check/report_writers.hpp"

namespace mockgc::check {
namespace {

using namespace testing;

CheckReport careless_report() {
  Journal j;
  j.baseline();
  j.get(10, kEu, "/api/v2/users", 429).retry_after_s = 5;
  j.get(11, kEu, "/api/v2/users");
  auto& week = j.get(12, kAp, "/api/v2/workforcemanagement/adherence", 400);
  week.query = "end=2026-01-05T168:00:00Z";
  week.error_code = "invalid.date";
  week.error_message = "Dates must be specified as ISO-8601 strings. For example: yyyy-MM-ddTHH:mm:ss.SSSZ";
  j.get(13, kAp, "/api/v2/users/11111111-1111-4111-8111-111111111111").foreign_ids =
      "11111111-1111-4111-8111-111111111111@eu_central_1";
  auto& page = j.get(14, kAp, "/api/v2/users");
  page.query = "pageNumber=1";
  page.more = "page 1/3";
  auto ctx = two_regions();
  ctx.scenario = "scenarios/apac-outage.json";
  ctx.seed = 7;
  ctx.speed = 60;
  ctx.faults.push_back({"apac-outage", "outage", kAp, kStart + core::Millis(300'000), kStart + core::Millis(600'000)});
  return judge(j, ctx, {}, {"python3 careless.py {orgs}", 1, false, true});
}

void compare_with_golden(const std::string& name, const std::string& actual) {
  const std::string path = std::string(MOCKGC_CHECK_GOLDEN_DIR) + "/" + name;
  if (const char* accept = std::getenv("MOCKGC_TEST_ACCEPT"); accept != nullptr && std::string(accept) == "1") {
    std::ofstream(path, std::ios::binary | std::ios::trunc) << actual;
    GTEST_SKIP() << "rewrote " << path;
  }
  std::ifstream in(path, std::ios::binary);
  ASSERT_TRUE(in) << "missing " << path << " (run with MOCKGC_TEST_ACCEPT=1)";
  std::stringstream expected_text;
  expected_text << in.rdbuf();
  std::istringstream want(expected_text.str()), got(actual);
  std::string w, g;
  for (int line = 1;; ++line) {
    const bool more_w = static_cast<bool>(std::getline(want, w));
    const bool more_g = static_cast<bool>(std::getline(got, g));
    if (!more_w && !more_g) break;
    ASSERT_TRUE(more_w && more_g && w == g) << path << " line " << line << "\n  expected: " << (more_w ? w : "<end>")
                                            << "\n  actual:   " << (more_g ? g : "<end>");
  }
  EXPECT_EQ(actual, expected_text.str()) << "differs from " << path << " (line endings)";
}

TEST(CheckGolden, ReportJson) { compare_with_golden("careless.report.json", report_json(careless_report())); }
TEST(CheckGolden, JunitXml) { compare_with_golden("careless.junit.xml", junit_xml(careless_report())); }
TEST(CheckGolden, Console) { compare_with_golden("careless.console.txt", console_text(careless_report())); }

TEST(CheckGolden, SameTrafficSameBytes) {
  EXPECT_EQ(report_json(careless_report()), report_json(careless_report()));
  EXPECT_EQ(junit_xml(careless_report()), junit_xml(careless_report()));
}

}  // namespace
}  // namespace mockgc::check
