#include "html/volume_page.hpp"

#include <fmt/format.h>

#include "html/page.hpp"
#include "mockgc/reports/html.hpp"

namespace gchub {

namespace wf = mockgc::workflows;
namespace charts = mockgc::reports::charts;
namespace html = mockgc::reports::html;

charts::DailyBarsChart volume_days_data(const wf::OrgVolume& org, int interval_minutes) {
  charts::DailyBarsChart chart{fmt::format("{} ({}): offered and handled per local day in {}", org.org, org.region,
                                           org.time_zone),
                               {"offered", "handled"},
                               {}};
  for (const auto& d : org.days) {
    charts::DayBars day{d.date, {static_cast<double>(d.offered), static_cast<double>(d.handled)}, {}, {}};
    if (d.dst_change()) day.mark = fmt::format("DST {} h", d.minutes / 60);
    const int full = interval_minutes > 0 ? d.minutes / interval_minutes : d.intervals;
    if (d.intervals < full) day.note = fmt::format("partial: {} of {} intervals", d.intervals, full);
    chart.days.push_back(std::move(day));
  }
  return chart;
}

std::string volume_page(const wf::VolumeReport& report, std::uint64_t seed) {
  auto page = html_page("gc-hub volume", "Volume per local day",
                        fmt::format("window {} · PT{}M intervals · seed {}",
                                    wf::interval_text({report.start, report.end}), report.interval_minutes, seed));
  std::string rows = html::element(
      "tr", {},
      "<th>org</th><th>region</th><th>zone</th><th>local days</th><th>offered</th><th>handled</th>"
      "<th>DST days</th><th>status</th>");
  for (const auto& o : report.orgs) {
    std::string dst;
    for (const auto& d : o.days)
      if (d.dst_change()) dst += (dst.empty() ? "" : ", ") + fmt::format("{} ({} h)", d.date, d.minutes / 60);
    std::string cells;
    for (const std::string& cell :
         {o.org, o.region, o.time_zone, std::to_string(o.days.size()), std::to_string(o.offered()),
          std::to_string(o.handled()), dst.empty() ? std::string("-") : dst, wf::describe(o.status)})
      cells += html::text_element("td", {}, cell);
    rows += html::element("tr", {}, cells);
  }
  page.body(html::element("table", {{"class", "orgs"}}, rows));
  for (const auto& o : report.orgs) {
    page.heading(2, o.time_zone.empty() ? fmt::format("{} ({})", o.org, o.region)
                                        : fmt::format("{} ({}, {})", o.org, o.region, o.time_zone));
    if (o.status.is_missing()) {
      page.paragraph(wf::describe(o.status));
      continue;
    }
    page.body(charts::daily_bars_svg(volume_days_data(o, report.interval_minutes)));
  }
  page.paragraph(
      "Local days are the org business unit's calendar days; a DST change gives a 23- or 25-hour day, shaded and "
      "named. As Genesys counts them, offered lands in the interval the conversation was offered, handled where "
      "handling ended.");
  return page.str();
}

}  // namespace gchub
