#pragma once
// Inline SVG charts for the HTML pages: scales, nice axis ticks, shape emitters, shaded bands, stacked bars
// and legends. Numbers are written by `num` (at most two decimals, no trailing zeros, no "-0"), so the same
// data gives the same bytes on every machine. Everything is escaped through html::escape.
//
// Colours: every emitter takes a CSS class (styled by html::kBaseCss or the page's own CSS) and an optional
// explicit fill; classes keep the palette in one place.
#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "mockgc/api/time.hpp"

namespace mockgc::reports::svg {

// Deterministic number text: rounded to two decimals, trailing zeros and "-0" removed ("12", "3.5", "0.25").
std::string num(double v);
// Count for labels: 999 -> "999", 1234 -> "1.2k", 2500000 -> "2.5M".
std::string count(double v);

// domain [d0, d1] -> range [r0, r1], linear; a zero-width domain maps everything to r0.
struct LinearScale {
  double d0 = 0, d1 = 1, r0 = 0, r1 = 1;
  [[nodiscard]] double operator()(double v) const;
};

// Round tick values covering [lo, hi] with a step of 1, 2 or 5 × 10^k, about `target` of them.
std::vector<double> nice_ticks(double lo, double hi, int target = 5);
// The upper end of nice_ticks(0, hi): a y-axis maximum that lands on a tick (1 when hi <= 0).
double nice_max(double hi, int target = 5);

// A time axis over UTC instants (labels in UTC, or in the zone offset the caller shifts by beforehand).
struct TimeTick {
  api::Instant at;
  std::string label;  // "09:10", or "12-04 09:10" when the range spans more than a day
};
// Ticks at a round interval (1/5/10/15/30 s, 1/2/5/10/15/30 min, 1/2/3/6/12 h, 1 d…) giving about `target`.
std::vector<TimeTick> time_ticks(api::Instant lo, api::Instant hi, int target = 6);
// "09:10" (UTC) — the clock label the report and the narration share.
std::string clock_label(api::Instant t);
// "09:10:05" (UTC).
std::string clock_label_seconds(api::Instant t);

// Time -> x: milliseconds since `lo` mapped linearly onto [r0, r1].
struct TimeScale {
  api::Instant lo, hi;
  double r0 = 0, r1 = 1;
  [[nodiscard]] double operator()(api::Instant t) const;
};

struct Point {
  double x = 0, y = 0;
};

// One stacked bar: `values[i]` is series i's height (data units) at x position [x0, x1) (pixels).
struct StackedBar {
  double x0 = 0, x1 = 0;
  std::vector<double> values;
  std::string title;  // tooltip (<title>), escaped; empty = none
};

struct LegendItem {
  std::string label;
  std::string css_class;
  std::string fill;  // empty = the class decides
};

// An <svg> element under construction; coordinates in pixels of the viewBox (0 0 width height).
class Canvas {
 public:
  Canvas(double width, double height, std::string_view aria_label, std::string_view css_class = "chart");

  Canvas& rect(double x, double y, double w, double h, std::string_view css_class, std::string_view fill = {},
               std::string_view title = {});
  Canvas& line(double x1, double y1, double x2, double y2, std::string_view css_class);
  Canvas& polyline(const std::vector<Point>& points, std::string_view css_class, std::string_view stroke = {});
  // A closed area: the points, in order, as a path (M … L … Z).
  Canvas& area(const std::vector<Point>& points, std::string_view css_class, std::string_view fill = {});
  Canvas& path(std::string_view d, std::string_view css_class, std::string_view fill = {});
  // anchor: "start" | "middle" | "end".
  Canvas& text(double x, double y, std::string_view text, std::string_view anchor = "start",
               std::string_view css_class = {});
  Canvas& circle(double cx, double cy, double r, std::string_view css_class, std::string_view title = {});
  // A vertical shaded band from x0 to x1 over [top, bottom], its label written at the top-left inside it;
  // the <g> carries class "band" plus `css_class` and data-name="label" so tests can count bands.
  Canvas& band(double x0, double x1, double top, double bottom, std::string_view label,
               std::string_view css_class = {});
  // Bars stacked bottom-up from y(0); series i is drawn with series_classes[i].
  Canvas& stacked_bars(const std::vector<StackedBar>& bars, const LinearScale& y,
                       const std::vector<std::string>& series_classes);
  // Legend: one swatch + label per item, laid out left to right from (x, y).
  Canvas& legend(double x, double y, const std::vector<LegendItem>& items);
  // Axes: a baseline plus tick marks and labels.
  Canvas& x_axis(double y, const std::vector<std::pair<double, std::string>>& ticks);
  Canvas& y_axis(double x, const LinearScale& y, const std::vector<double>& ticks);
  // Raw SVG markup the caller built (escape its text with html::escape).
  Canvas& raw(std::string_view markup);
  // Opens <g class="…" data-… > and closes it; groups nest.
  Canvas& open_group(std::string_view css_class, std::string_view data_name = {},
                     std::string_view data_value = {});
  Canvas& close_group();

  [[nodiscard]] double width() const { return width_; }
  [[nodiscard]] double height() const { return height_; }
  [[nodiscard]] std::string str() const;

 private:
  double width_, height_;
  std::string open_;
  std::string body_;
  int depth_ = 0;
};

}  // namespace mockgc::reports::svg
