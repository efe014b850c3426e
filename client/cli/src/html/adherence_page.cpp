#include "html/adherence_page.hpp"

#include <fmt/format.h>

#include "html/page.hpp"
#include "mockgc/api/time.hpp"
#include "mockgc/reports/html.hpp"

namespace gchub {

namespace wf = mockgc::workflows;
namespace charts = mockgc::reports::charts;
namespace html = mockgc::reports::html;

namespace {

charts::ShareRow row(std::string label, const wf::AdherenceCounts& c, bool total) {
  const auto p = c.percent_in_adherence();
  return {std::move(label),
          {static_cast<double>(c.in_adherence_scheduled), static_cast<double>(c.scheduled - c.in_adherence_scheduled),
           static_cast<double>(c.agents - c.scheduled)},
          fmt::format("{} in adherence · {} agents", p ? fmt::format("{:.1f} %", *p) : std::string("-"), c.agents),
          total};
}

}  // namespace

charts::ShareBarsChart adherence_data(const wf::AdherenceSnapshot& s) {
  charts::ShareBarsChart chart{"Adherence per region and global",
                               {"scheduled, in adherence", "scheduled, not in adherence", "unscheduled"},
                               {},
                               {"ok", "server", "s3"}};
  for (const auto& o : s.orgs) chart.rows.push_back(row(fmt::format("{} ({})", o.org, o.region), o.counts, false));
  chart.rows.push_back(row(fmt::format("global ({} people)", s.people), s.global, true));
  return chart;
}

std::string adherence_page(const wf::AdherenceSnapshot& s, std::uint64_t seed) {
  auto page = html_page("gc-hub adherence", "Adherence",
                        fmt::format("snapshot at {} · outliers: negative impact for at least {} min · seed {}",
                                    mockgc::api::format_instant(s.taken_at), s.outlier_minutes, seed));
  page.body(charts::share_bars_svg(adherence_data(s)));
  page.paragraph(fmt::format(
      "% in adherence = in adherence among scheduled agents / scheduled agents. Global counts each person once "
      "(matched by e-mail): bi-regional people {}, duplicate records merged {}.",
      s.multi_region_people, s.duplicates));
  std::string status;
  for (const auto& o : s.orgs)
    status += html::element("tr", {},
                            html::text_element("td", {}, fmt::format("{} ({})", o.org, o.region)) +
                                html::text_element("td", {}, wf::describe(o.status)));
  page.body(html::element("table", {{"class", "regions"}}, html::element("tr", {}, "<th>region</th><th>status</th>") + status));
  page.heading(2, fmt::format("Outliers ({})", s.outliers.size()));
  if (s.outliers.empty()) {
    page.paragraph("none");
  } else {
    std::string rows = html::element("tr", {}, "<th>minutes</th><th>name</th><th>person</th><th>org</th>");
    for (const auto& x : s.outliers)
      rows += html::element("tr", {{"class", "outlier"}},
                            html::text_element("td", {}, std::to_string(x.minutes)) +
                                html::text_element("td", {}, x.name) + html::text_element("td", {}, x.person_key) +
                                html::text_element("td", {}, x.org));
    page.body(html::element("table", {{"class", "outliers"}}, rows));
  }
  return page.str();
}

}  // namespace gchub
