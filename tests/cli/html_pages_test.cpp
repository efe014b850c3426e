// gc-hub's --html pages in-process: the chart data taken from capacity, volume and adherence results, the
// pages built from them (escaped names, element counts) and `gc-hub capacity --html` end to end (no server).
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "command.hpp"
#include "html/adherence_page.hpp"
#include "html/capacity_page.hpp"
#include "html/volume_page.hpp"
#include "mockgc/api/time.hpp"
#include "mockgc/reports/html.hpp"
#include "support/command_line.hpp"

namespace {

namespace mc = mockgc::capacity;
namespace wf = mockgc::workflows;

std::size_t occurrences(const std::string& text, const std::string& what) {
  std::size_t n = 0;
  for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at + what.size())) ++n;
  return n;
}

std::string slurp(const std::filesystem::path& p) {
  std::ifstream f(p, std::ios::binary);
  std::stringstream s;
  s << f.rdbuf();
  return s.str();
}

mc::CapacityReport synthetic_report(int weeks) {
  mc::CapacitySettings settings;
  settings.monte_carlo.draws = 400;
  settings.attribution_draws = 200;
  mc::LivingPlan plan(settings);
  mc::SyntheticVolumeOptions so;
  so.weeks = weeks;
  EXPECT_TRUE(plan.ingest(mc::synthetic_volume(so)));
  auto r = plan.replan();
  EXPECT_TRUE(static_cast<bool>(r));
  return std::move(r).value();
}

TEST(CapacityHtml, FanPeriodsCarryTheLadderAndThePlan) {
  const auto report = synthetic_report(6);
  const auto weekly = gchub::fan_chart_data(report.monte_carlo.weeks, "w");
  ASSERT_EQ(weekly.periods.size(), 6U);
  for (std::size_t i = 0; i < weekly.periods.size(); ++i) {
    const auto& p = weekly.periods[i];
    const auto& src = report.monte_carlo.weeks[i];
    EXPECT_EQ(p.label, src.label);
    EXPECT_EQ(p.quantiles, src.fan);
    ASSERT_TRUE(p.plan.has_value());
    EXPECT_DOUBLE_EQ(*p.plan, src.deterministic);
  }
  EXPECT_EQ(gchub::fan_chart_data(report.monte_carlo.months, "m").periods.size(), report.monte_carlo.months.size());
}

TEST(CapacityHtml, TornadoHasEveryRiskFactorWidestSwingFirst) {
  const auto report = synthetic_report(4);
  const auto t = gchub::risk_tornado_data(report);
  EXPECT_DOUBLE_EQ(t.baseline, report.monte_carlo.horizon.deterministic);
  ASSERT_EQ(t.bars.size(), report.attribution.factors.size());
  for (std::size_t i = 1; i < t.bars.size(); ++i)
    EXPECT_GE(t.bars[i - 1].high - t.bars[i - 1].low, t.bars[i].high - t.bars[i].low) << t.bars[i].label;
  EXPECT_EQ(t.bars.front().label, mc::to_string(report.attribution.factors.front().factor));  // volume dominates
}

TEST(CapacityHtml, CommandWritesOnePageWithTwoFansAndATornadoSameBytesTwice) {
  const auto dir = std::filesystem::path(::testing::TempDir());
  const auto a = dir / "gc-hub-capacity-a.html", b = dir / "gc-hub-capacity-b.html";
  for (const auto& file : {a, b}) {
    const auto r = mockgc::testing::run_command_line(
        gchub::run_command_line, "gc-hub",
        {"capacity", "--synthetic-weeks", "9", "--draws", "300", "--attribution-draws", "100", "--html", file.string()});
    ASSERT_EQ(r.code, 0) << r.err;
    EXPECT_NE(r.out.find("FTE"), std::string::npos) << r.out;  // the text report still prints
  }
  const auto page = slurp(a);
  EXPECT_EQ(page, slurp(b));
  EXPECT_EQ(page.rfind("<!doctype html>", 0), 0U);
  EXPECT_EQ(occurrences(page, "<polyline fill=\"none\" points="), 2U * 5U + 2U);  // 2 fans × 5 lines + 2 plan lines
  EXPECT_EQ(occurrences(page, "class=\"fan-band "), 2U * 2U + 2U * 2U);              // + 2 legend swatches each
  EXPECT_EQ(occurrences(page, "<g class=\"tornado-bar\""), 5U);
  EXPECT_EQ(occurrences(page, "class=\"hover\""), 9U + 3U);  // 9 weeks from 2026-01-05: January, February, March
  std::filesystem::remove(a);
  std::filesystem::remove(b);
}

TEST(CapacityHtml, UnwritableFileIsAFailureNamed) {
  const auto r = mockgc::testing::run_command_line(
      gchub::run_command_line, "gc-hub",
      {"capacity", "--synthetic-weeks", "2", "--draws", "100", "--attribution-draws", "50", "--html",
       "/nonexistent-dir/x.html"});
  EXPECT_EQ(r.code, gchub::kExitFailure);
  EXPECT_NE(r.err.find("cannot write /nonexistent-dir/x.html"), std::string::npos) << r.err;
}

wf::OrgVolume london_org(std::string name) {
  wf::OrgVolume o;
  o.org = std::move(name);
  o.region = "eu_central_1";
  o.time_zone = "Europe/London";
  // 2026-03-27T12:00Z to local midnight ending the 30th: the 27th is cut, the 29th springs forward.
  const auto start = *mockgc::api::parse_instant("2026-03-27T12:00:00Z");
  const std::size_t n = 4 * 83;
  o.days = wf::local_day_rollup(start, 15, o.time_zone, std::vector<std::uint64_t>(n, 2),
                                std::vector<std::uint64_t>(n, 1), std::vector<std::uint64_t>(n, 1000));
  return o;
}

TEST(VolumeHtml, OneBarGroupPerLocalDayAndTheDstDayMarked) {
  const auto chart = gchub::volume_days_data(london_org("EMEA"), 15);
  ASSERT_EQ(chart.days.size(), 4U);
  EXPECT_EQ(chart.series, (std::vector<std::string>{"offered", "handled"}));
  EXPECT_EQ(chart.days[2].date, "2026-03-29");
  EXPECT_EQ(chart.days[2].mark, "DST 23 h");
  EXPECT_EQ(chart.days[2].values, (std::vector<double>{184, 92}));
  for (std::size_t i : {0U, 1U, 3U}) EXPECT_TRUE(chart.days[i].mark.empty()) << chart.days[i].date;
  EXPECT_EQ(chart.days[0].note, "partial: 48 of 96 intervals");
  EXPECT_TRUE(chart.days[1].note.empty());
  EXPECT_TRUE(chart.days[2].note.empty());  // 92 of a 23-hour day's 92
  EXPECT_TRUE(chart.days[3].note.empty());
}

TEST(VolumeHtml, PageEscapesOrgNamesAndChartsEveryOrg) {
  wf::VolumeReport report;
  report.start = *mockgc::api::parse_instant("2026-03-27T12:00:00Z");
  report.end = report.start + std::chrono::hours(83);
  report.interval_minutes = 15;
  const std::string name = R"(Acme <EU> & "Ops" 'N')";
  report.orgs = {london_org(name), london_org("APAC")};
  report.orgs[1].region = "ap_southeast_2";
  const auto page = gchub::volume_page(report, 7);
  EXPECT_EQ(page.find(name), std::string::npos);
  EXPECT_EQ(page.find("<EU>"), std::string::npos);
  EXPECT_NE(page.find(mockgc::reports::html::escape(name)), std::string::npos);
  EXPECT_EQ(occurrences(page, "<g class=\"day\""), 8U);
  EXPECT_EQ(occurrences(page, "<g class=\"band mark\" data-name=\"DST 23 h\""), 2U);
  EXPECT_NE(page.find("seed 7"), std::string::npos);
  EXPECT_EQ(page, gchub::volume_page(report, 7));
  // A region that ended missing gets its reason instead of a chart.
  report.orgs[1] = wf::OrgVolume{};
  report.orgs[1].org = "APAC";
  report.orgs[1].region = "ap_southeast_2";
  report.orgs[1].status = wf::RegionStatus::missing("GET …/businessunits answered 503");
  const auto partial = gchub::volume_page(report, 7);
  EXPECT_EQ(occurrences(partial, "<g class=\"day\""), 4U);
  EXPECT_NE(partial.find("<h2>APAC (ap_southeast_2)</h2><p>missing: GET …/businessunits answered 503</p>"),
            std::string::npos);
}

TEST(AdherenceHtml, RowsPerRegionPlusTheMergedGlobalAndOutliersListed) {
  wf::AdherenceSnapshot s;
  s.taken_at = *mockgc::api::parse_instant("2026-03-02T09:00:00Z");
  const std::string name = R"(<b>&"x'</b>)";
  auto agent = [](std::string org, std::string key, std::string state, std::string category) {
    wf::AgentAdherence a;
    a.org = std::move(org);
    a.person_key = std::move(key);
    a.adherence_state = std::move(state);
    a.scheduled_category = std::move(category);
    return a;
  };
  wf::OrgAdherence emea, apac;
  emea.org = name;
  emea.region = "eu_central_1";
  apac.org = "APAC";
  apac.region = "ap_southeast_2";
  emea.counts.add(agent(name, "a@x", "InAdherence", "OnQueueWork"));
  emea.counts.add(agent(name, "b@x", "OutOfAdherence", "OnQueueWork"));
  emea.counts.add(agent(name, "c@x", "Unscheduled", "Unscheduled"));
  apac.counts.add(agent("APAC", "b@x", "Unscheduled", "Unscheduled"));
  s.orgs = {emea, apac};
  s.global = emea.counts;
  s.people = 3;
  s.multi_region_people = 1;
  s.duplicates = 1;
  s.outliers = {{"b@x", "Bea <Ops>", name, "u2", 42}};
  const auto chart = gchub::adherence_data(s);
  ASSERT_EQ(chart.rows.size(), 3U);
  EXPECT_EQ(chart.rows[0].parts, (std::vector<double>{1, 1, 1}));
  EXPECT_EQ(chart.rows[1].parts, (std::vector<double>{0, 0, 1}));
  EXPECT_TRUE(chart.rows[2].total);
  EXPECT_EQ(chart.rows[2].label, "global (3 people)");
  EXPECT_EQ(chart.rows[0].value_text, "50.0 % in adherence · 3 agents");
  EXPECT_EQ(chart.rows[1].value_text, "- in adherence · 1 agents");
  const auto page = gchub::adherence_page(s, 1);
  EXPECT_EQ(page.find(name), std::string::npos);
  EXPECT_EQ(page.find("Bea <Ops>"), std::string::npos);
  EXPECT_NE(page.find(mockgc::reports::html::escape(name)), std::string::npos);
  EXPECT_EQ(occurrences(page, "<g class=\"share-row"), 3U);
  EXPECT_EQ(occurrences(page, "<tr class=\"outlier\">"), 1U);
  EXPECT_NE(page.find("<td>42</td><td>Bea &lt;Ops&gt;</td>"), std::string::npos);
  EXPECT_NE(page.find("bi-regional people 1, duplicate records merged 1."), std::string::npos);
}

}  // namespace
