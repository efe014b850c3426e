#include "html/schedule_push_page.hpp"

#include <fmt/format.h>

#include "html/page.hpp"
#include "mockgc/reports/html.hpp"

namespace gchub {

namespace wf = mockgc::workflows;
namespace html = mockgc::reports::html;

std::string schedule_push_page(const wf::SchedulePushReport& r, std::uint64_t seed) {
  auto page = html_page("gc-hub schedules push", "Schedule push",
                        fmt::format("{}{}seed {}", r.dry_run ? "dry run (nothing written) · " : "",
                                    r.publish ? "publishing · " : "", seed));
  std::string rows = html::element(
      "tr", {}, "<th>org</th><th>region</th><th>business unit</th><th>week</th><th>outcome</th><th>action</th><th>reasons</th>");
  for (const auto& t : r.targets) {
    std::string reasons;
    for (const auto& why : t.reasons) reasons += html::text_element("div", {}, why);
    rows += html::element("tr", {{"class", std::string(wf::to_string(t.outcome))}},
                          html::text_element("td", {}, t.org) + html::text_element("td", {}, t.region) +
                              html::text_element("td", {}, t.business_unit) + html::text_element("td", {}, t.week) +
                              html::text_element("td", {}, std::string(wf::to_string(t.outcome))) +
                              html::text_element("td", {}, t.action) + html::element("td", {}, reasons));
  }
  page.body(html::element("table", {{"class", "targets"}}, rows));
  return page.str();
}

}  // namespace gchub
