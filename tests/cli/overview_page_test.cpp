// gc-hub overview's table and --html page in-process, from a constructed overview with one region missing:
// the missing region reads "missing" in every figure (never a zero) and has no shrinkage bar, GLOBAL says
// incomplete, names are escaped, the bi-regional people are listed.
#include "html/overview_page.hpp"

#include <string>

#include <gtest/gtest.h>

#include "mockgc/workflows/workforce_overview.hpp"

namespace {

namespace wf = mockgc::workflows;

std::size_t occurrences(const std::string& text, const std::string& what) {
  std::size_t n = 0;
  for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at + what.size())) ++n;
  return n;
}

wf::WorkforceOverview one_region_missing() {
  wf::OrgOverview emea;
  emea.org = "EMEA <Care>";
  emea.region = "eu_central_1";
  emea.people = {"a@x.com", "b@x.com"};
  emea.figures.headcount = 2;
  emea.figures.schedule = wf::ScheduleFigures{6000, {600, 0}, {300, 120}, {900, 0}};
  emea.figures.occupancy = wf::OccupancyFigures{3'600'000, 7'200'000};
  emea.figures.adherence = wf::AdherenceFigures{10'000, 9'000, 500};
  wf::OrgOverview apac;
  apac.org = "APAC";
  apac.region = "ap_southeast_2";
  apac.schedule = {0, 1, "GET /api/v2/workforcemanagement/businessunits: service unavailable"};
  apac.status = wf::RegionStatus::missing(apac.schedule.why);
  return wf::merge_overview({emea, apac}, {});
}

TEST(OverviewPage, MissingRegionReadsMissingEverywhereAndGlobalIsIncomplete) {
  const auto o = one_region_missing();
  EXPECT_EQ(o.global.headcount, 2);
  const auto rows = gchub::overview_table(o);
  ASSERT_EQ(rows.size(), 4u);      // header, two regions, GLOBAL
  EXPECT_EQ(rows[1][3], "100.0");  // paid hours
  EXPECT_EQ(rows[1][4], "10.0%");  // time off: 600 of 6000 paid minutes
  EXPECT_EQ(rows[1][7], "5.0%");   // absence: 500 of 10000 scheduled seconds
  EXPECT_EQ(rows[1][8], "50.0%");  // occupancy
  EXPECT_EQ(rows[1][9], "90.0%");  // adherence
  for (std::size_t c = 2; c + 1 < rows[2].size(); ++c) EXPECT_EQ(rows[2][c], "missing") << c;
  EXPECT_NE(rows[2].back().find("missing: GET"), std::string::npos);
  EXPECT_EQ(rows[3][0], "GLOBAL");
  EXPECT_NE(rows[3].back().find("incomplete"), std::string::npos);

  const auto chart = gchub::overview_shrinkage_data(o);
  ASSERT_EQ(chart.rows.size(), 2u);  // EMEA and the global total, no bar for the missing region
  EXPECT_EQ(chart.rows[1].label, "global (incomplete)");

  const auto page = gchub::overview_page(o, 7);
  EXPECT_NE(page.find("EMEA &lt;Care&gt;"), std::string::npos);
  EXPECT_EQ(page.find("EMEA <Care>"), std::string::npos);
  EXPECT_EQ(occurrences(page, "<tr class=\"missing\">"), 1u);
  EXPECT_NE(page.find("<svg"), std::string::npos);
  EXPECT_NE(page.find("Bi-regional people (0"), std::string::npos);
}

}  // namespace
