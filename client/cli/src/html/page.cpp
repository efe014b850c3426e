#include "html/page.hpp"

#include <string>

#include "mockgc/reports/charts/chart_css.hpp"

namespace gchub {

namespace html = mockgc::reports::html;

html::Document html_page(std::string_view title, std::string_view heading, std::string_view provenance) {
  html::Document page{std::string(title)};
  page.style(mockgc::reports::charts::kChartCss);
  page.heading(1, heading);
  page.body(html::text_element("p", {{"class", "muted"}}, provenance));
  return page;
}

}  // namespace gchub
