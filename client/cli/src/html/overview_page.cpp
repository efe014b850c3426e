#include "html/overview_page.hpp"

#include <cmath>

#include <fmt/format.h>

#include "html/page.hpp"
#include "mockgc/api/time.hpp"
#include "mockgc/reports/html.hpp"

namespace gchub {

namespace wf = mockgc::workflows;
namespace charts = mockgc::reports::charts;
namespace html = mockgc::reports::html;

namespace {

std::string percent(std::optional<double> p) { return p ? fmt::format("{:.1f}%", *p) : std::string("-"); }

std::string share(long long part, long long whole) {
  return whole > 0 ? fmt::format("{:.1f}%", 100.0 * static_cast<double>(part) / static_cast<double>(whole)) : "-";
}

std::vector<std::string> cells(const std::string& name, const std::string& region, const wf::OverviewFigures& f,
                               std::string status) {
  std::vector<std::string> row{name, region, std::to_string(f.headcount)};
  if (f.schedule) {
    const auto& s = *f.schedule;
    row.insert(row.end(), {fmt::format("{:.1f}", static_cast<double>(s.paid_minutes) / 60.0),
                           share(s.time_off.paid, s.paid_minutes), share(s.breaks_meals.paid, s.paid_minutes),
                           share(s.training_meetings.paid, s.paid_minutes)});
  } else {
    row.insert(row.end(), {"-", "-", "-", "-"});
  }
  row.push_back(f.adherence ? share(std::llround(f.adherence->absence_s), std::llround(f.adherence->scheduled_s))
                            : "-");
  row.push_back(f.occupancy ? percent(f.occupancy->percent()) : "-");
  row.push_back(f.adherence ? percent(f.adherence->percent()) : "-");
  row.push_back(std::move(status));
  return row;
}

charts::ShareRow shrinkage_row(std::string label, const wf::OverviewFigures& f, bool total) {
  const auto& s = *f.schedule;
  const double absence_min = f.adherence ? f.adherence->absence_s / 60.0 : 0.0;
  const double shrink =
      static_cast<double>(s.time_off.paid + s.breaks_meals.paid + s.training_meetings.paid) + absence_min;
  const double paid = static_cast<double>(s.paid_minutes);
  return {std::move(label),
          {static_cast<double>(s.time_off.paid), static_cast<double>(s.breaks_meals.paid),
           static_cast<double>(s.training_meetings.paid), absence_min, std::max(0.0, paid - shrink)},
          fmt::format("{} shrinkage · {:.0f} paid h", paid > 0 ? fmt::format("{:.1f} %", 100.0 * shrink / paid) : "-",
                      paid / 60.0),
          total};
}

}  // namespace

std::vector<std::vector<std::string>> overview_table(const wf::WorkforceOverview& o) {
  std::vector<std::vector<std::string>> rows{{"org", "region", "headcount", "paid h", "time off", "breaks+meals",
                                              "training+mtg", "absence", "occupancy", "adherence", "status"}};
  for (const auto& org : o.orgs) {
    if (org.status.is_missing()) {
      rows.push_back({org.org, org.region, "missing", "missing", "missing", "missing", "missing", "missing", "missing",
                      "missing", wf::describe(org.status)});
    } else {
      rows.push_back(cells(org.org, org.region, org.figures, wf::describe(org.status)));
    }
  }
  rows.push_back(
      cells("GLOBAL", fmt::format("{} regions", o.orgs.size()), o.global,
            fmt::format("{} ({} duplicates merged)", o.complete() ? "complete" : "incomplete", o.duplicates)));
  return rows;
}

charts::ShareBarsChart overview_shrinkage_data(const wf::WorkforceOverview& o) {
  charts::ShareBarsChart chart{"Scheduled paid hours by shrinkage cause",
                               {"time off", "breaks and meals", "training and meetings", "absence", "available"},
                               {},
                               {"s0", "s4", "s2", "throttled", "s3"}};
  for (const auto& org : o.orgs)
    if (!org.status.is_missing() && org.figures.schedule)
      chart.rows.push_back(shrinkage_row(fmt::format("{} ({})", org.org, org.region), org.figures, false));
  if (o.global.schedule)
    chart.rows.push_back(shrinkage_row(o.complete() ? "global" : "global (incomplete)", o.global, true));
  return chart;
}

std::string overview_page(const wf::WorkforceOverview& o, std::uint64_t seed) {
  auto page = html_page("gc-hub overview", "Workforce overview",
                        fmt::format("taken at {} · seed {}", mockgc::api::format_instant(o.taken_at), seed));
  page.body(charts::share_bars_svg(overview_shrinkage_data(o)));
  const auto rows = overview_table(o);
  std::string table;
  for (std::size_t r = 0; r < rows.size(); ++r) {
    std::string line;
    for (const auto& cell : rows[r]) line += html::text_element(r == 0 ? "th" : "td", {}, cell);
    const bool missing = r > 0 && r <= o.orgs.size() && o.orgs[r - 1].status.is_missing();
    table += missing ? html::element("tr", {{"class", "missing"}}, line) : html::element("tr", {}, line);
  }
  page.body(html::element("table", {{"class", "overview"}}, table));
  page.paragraph(
      "Shrinkage = paid hours of the cause / scheduled paid hours of the week; absence = time offline while "
      "scheduled for queue or off-queue work / scheduled time, from historical adherence over the elapsed part of "
      "the week; "
      "occupancy = handle time / on-queue time (user analytics); adherence = time in adherence / scheduled time. "
      "Definitions: client/workflows/README.md.");
  page.heading(2, fmt::format("Bi-regional people ({}, counted once globally)", o.bi_regional.size()));
  std::string people;
  for (const auto& p : o.bi_regional) {
    std::string regions;
    for (const auto& r : p.regions) regions += (regions.empty() ? "" : ", ") + r;
    people +=
        html::element("tr", {}, html::text_element("td", {}, p.person_key) + html::text_element("td", {}, regions));
  }
  if (people.empty()) {
    page.paragraph("none");
  } else {
    page.body(html::element("table", {{"class", "people"}}, "<tr><th>person</th><th>regions</th></tr>" + people));
  }
  return page.str();
}

}  // namespace gchub
