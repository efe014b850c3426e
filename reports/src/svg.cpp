#include "mockgc/reports/svg.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cmath>

#include "mockgc/reports/html.hpp"

namespace mockgc::reports::svg {

std::string num(double v) {
  if (!std::isfinite(v)) return "0";
  const double r = std::round(v * 100.0) / 100.0;
  std::string s = fmt::format("{:.2f}", r);
  while (!s.empty() && s.back() == '0') s.pop_back();
  if (!s.empty() && s.back() == '.') s.pop_back();
  if (s == "-0") s = "0";
  return s;
}

std::string count(double v) {
  const double a = std::fabs(v);
  if (a >= 1e9) return num(std::round(v / 1e8) / 10) + "G";
  if (a >= 1e6) return num(std::round(v / 1e5) / 10) + "M";
  if (a >= 1e3) return num(std::round(v / 1e2) / 10) + "k";
  return num(v);
}

double LinearScale::operator()(double v) const {
  if (d1 == d0) return r0;
  return r0 + (v - d0) / (d1 - d0) * (r1 - r0);
}

namespace {

double nice_step(double span, int target) {
  if (!(span > 0) || target < 1) return 1;
  const double raw = span / target;
  const double mag = std::pow(10.0, std::floor(std::log10(raw)));
  const double f = raw / mag;
  const double m = f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10;
  return m * mag;
}

}  // namespace

std::vector<double> nice_ticks(double lo, double hi, int target) {
  if (hi < lo) std::swap(lo, hi);
  if (hi == lo) return {lo};
  const double step = nice_step(hi - lo, target);
  std::vector<double> out;
  const double first = std::floor(lo / step);
  const double last = std::ceil(hi / step);
  for (double k = first; k <= last && out.size() < 1000; k += 1) out.push_back(k * step);
  return out;
}

double nice_max(double hi, int target) {
  if (!(hi > 0)) return 1;
  return nice_ticks(0, hi, target).back();
}

namespace {

constexpr std::int64_t kSecond = 1000;
constexpr std::int64_t kMinute = 60 * kSecond;
constexpr std::int64_t kHour = 60 * kMinute;
constexpr std::int64_t kDay = 24 * kHour;
constexpr std::array<std::int64_t, 17> kTimeSteps = {
    kSecond,      5 * kSecond,  10 * kSecond,  15 * kSecond, 30 * kSecond, kMinute,     2 * kMinute,
    5 * kMinute,  10 * kMinute, 15 * kMinute,  30 * kMinute, kHour,        2 * kHour,   3 * kHour,
    6 * kHour,    12 * kHour,   kDay};

// Hours, minutes and seconds of the UTC day, plus month and day.
struct Civil {
  unsigned month, day;
  long hour, minute, second;
};

Civil civil(api::Instant t) {
  const auto day = std::chrono::floor<std::chrono::days>(t);
  const std::chrono::year_month_day ymd{day};
  const auto ms = (t - day).count();
  return {static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()), static_cast<long>(ms / kHour),
          static_cast<long>(ms / kMinute % 60), static_cast<long>(ms / kSecond % 60)};
}

}  // namespace

std::string clock_label(api::Instant t) {
  const auto c = civil(t);
  return fmt::format("{:02}:{:02}", c.hour, c.minute);
}

std::string clock_label_seconds(api::Instant t) {
  const auto c = civil(t);
  return fmt::format("{:02}:{:02}:{:02}", c.hour, c.minute, c.second);
}

std::vector<TimeTick> time_ticks(api::Instant lo, api::Instant hi, int target) {
  if (hi < lo) std::swap(lo, hi);
  const std::int64_t span = (hi - lo).count();
  std::int64_t step = kTimeSteps.back();
  for (const auto s : kTimeSteps) {
    if (span / s <= std::max(target, 1)) {
      step = s;
      break;
    }
  }
  if (span / step > std::max(target, 1)) step = (span / std::max(target, 1) / kDay + 1) * kDay;
  const bool multi_day = span > kDay;
  const bool seconds = step < kMinute;
  std::vector<TimeTick> out;
  const std::int64_t first = (lo.time_since_epoch().count() + step - 1) / step * step;
  for (std::int64_t v = first; v <= hi.time_since_epoch().count() && out.size() < 1000; v += step) {
    const api::Instant at{api::Millis{v}};
    std::string label = seconds ? clock_label_seconds(at) : clock_label(at);
    if (multi_day) {
      const auto c = civil(at);
      label = fmt::format("{:02}-{:02} {}", c.month, c.day, label);
    }
    out.push_back({at, std::move(label)});
  }
  return out;
}

double TimeScale::operator()(api::Instant t) const {
  const auto span = (hi - lo).count();
  if (span == 0) return r0;
  return r0 + static_cast<double>((t - lo).count()) / static_cast<double>(span) * (r1 - r0);
}

namespace {

void attr(std::string& out, std::string_view name, std::string_view value) {
  if (value.empty()) return;
  out += ' ';
  out += name;
  out += "=\"";
  out += html::escape(value);
  out += '"';
}

void title_child(std::string& out, std::string_view title) {
  if (title.empty()) return;
  out += "<title>";
  out += html::escape(title);
  out += "</title>";
}

// Ends an open shape tag: self-closing, or with a <title> child (the tooltip) when there is one.
void close_shape(std::string& out, std::string_view tag, std::string_view title) {
  if (title.empty()) {
    out += "/>";
    return;
  }
  out += '>';
  title_child(out, title);
  out += "</";
  out += tag;
  out += '>';
}

std::string points_text(const std::vector<Point>& points) {
  std::string s;
  for (const auto& p : points) {
    if (!s.empty()) s += ' ';
    s += num(p.x);
    s += ',';
    s += num(p.y);
  }
  return s;
}

}  // namespace

Canvas::Canvas(double width, double height, std::string_view aria_label, std::string_view css_class)
    : width_(width), height_(height) {
  open_ = fmt::format(R"(<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {} {}" width="{}" height="{}")",
                      num(width), num(height), num(width), num(height));
  attr(open_, "class", css_class);
  open_ += " role=\"img\"";
  attr(open_, "aria-label", aria_label);
  open_ += '>';
  title_child(open_, aria_label);
}

Canvas& Canvas::rect(double x, double y, double w, double h, std::string_view css_class, std::string_view fill,
                     std::string_view title) {
  body_ += fmt::format(R"(<rect x="{}" y="{}" width="{}" height="{}")", num(x), num(y), num(std::max(w, 0.0)),
                       num(std::max(h, 0.0)));
  attr(body_, "class", css_class);
  attr(body_, "fill", fill);
  close_shape(body_, "rect", title);
  return *this;
}

Canvas& Canvas::line(double x1, double y1, double x2, double y2, std::string_view css_class) {
  body_ += fmt::format(R"(<line x1="{}" y1="{}" x2="{}" y2="{}")", num(x1), num(y1), num(x2), num(y2));
  attr(body_, "class", css_class);
  body_ += "/>";
  return *this;
}

Canvas& Canvas::polyline(const std::vector<Point>& points, std::string_view css_class, std::string_view stroke) {
  body_ += "<polyline fill=\"none\"";
  attr(body_, "points", points_text(points));
  attr(body_, "class", css_class);
  attr(body_, "stroke", stroke);
  body_ += "/>";
  return *this;
}

Canvas& Canvas::area(const std::vector<Point>& points, std::string_view css_class, std::string_view fill) {
  std::string d;
  for (std::size_t i = 0; i < points.size(); ++i) {
    d += i == 0 ? 'M' : 'L';
    d += num(points[i].x);
    d += ',';
    d += num(points[i].y);
  }
  if (!d.empty()) d += 'Z';
  return path(d, css_class, fill);
}

Canvas& Canvas::path(std::string_view d, std::string_view css_class, std::string_view fill) {
  body_ += "<path";
  attr(body_, "d", d);
  attr(body_, "class", css_class);
  attr(body_, "fill", fill);
  body_ += "/>";
  return *this;
}

Canvas& Canvas::text(double x, double y, std::string_view text, std::string_view anchor,
                     std::string_view css_class) {
  body_ += fmt::format(R"(<text x="{}" y="{}")", num(x), num(y));
  if (anchor != "start") attr(body_, "text-anchor", anchor);
  attr(body_, "class", css_class);
  body_ += '>';
  body_ += html::escape(text);
  body_ += "</text>";
  return *this;
}

Canvas& Canvas::circle(double cx, double cy, double r, std::string_view css_class, std::string_view title) {
  body_ += fmt::format(R"(<circle cx="{}" cy="{}" r="{}")", num(cx), num(cy), num(r));
  attr(body_, "class", css_class);
  close_shape(body_, "circle", title);
  return *this;
}

Canvas& Canvas::band(double x0, double x1, double top, double bottom, std::string_view label,
                     std::string_view css_class) {
  std::string cls = "band";
  if (!css_class.empty()) {
    cls += ' ';
    cls += css_class;
  }
  open_group(cls, "name", label);
  rect(x0, top, x1 - x0, bottom - top, {}, {}, label);
  text(x0 + 3, top + 12, label);
  return close_group();
}

Canvas& Canvas::stacked_bars(const std::vector<StackedBar>& bars, const LinearScale& y,
                             const std::vector<std::string>& series_classes) {
  for (const auto& bar : bars) {
    double base = 0;
    const bool titled = !bar.title.empty();
    if (titled) {
      body_ += "<g class=\"bar\">";
      title_child(body_, bar.title);
    }
    for (std::size_t i = 0; i < bar.values.size(); ++i) {
      const double v = bar.values[i];
      if (!(v > 0)) continue;
      const double top = y(base + v);
      const double bottom = y(base);
      rect(bar.x0, std::min(top, bottom), bar.x1 - bar.x0, std::fabs(bottom - top),
           i < series_classes.size() ? std::string_view{series_classes[i]} : std::string_view{});
      base += v;
    }
    if (titled) body_ += "</g>";
  }
  return *this;
}

Canvas& Canvas::legend(double x, double y, const std::vector<LegendItem>& items) {
  open_group("legend");
  double cx = x;
  for (const auto& item : items) {
    rect(cx, y - 9, 10, 10, item.css_class, item.fill);
    text(cx + 14, y, item.label);
    // Labels are short; a fixed advance per character keeps the layout independent of font metrics.
    cx += 14 + 7.0 * static_cast<double>(item.label.size()) + 14;
  }
  return close_group();
}

Canvas& Canvas::x_axis(double y, const std::vector<std::pair<double, std::string>>& ticks) {
  open_group("axis x");
  line(0, y, width_, y, {});
  for (const auto& [x, label] : ticks) {
    line(x, y, x, y + 4, {});
    // A label at either edge is anchored inside the canvas rather than cut in half.
    const double half = 3.5 * static_cast<double>(label.size());
    const std::string_view anchor = x + half > width_ ? "end" : x - half < 0 ? "start" : "middle";
    text(x, y + 15, label, anchor);
  }
  return close_group();
}

Canvas& Canvas::y_axis(double x, const LinearScale& y, const std::vector<double>& ticks) {
  open_group("axis y");
  line(x, std::min(y.r0, y.r1), x, std::max(y.r0, y.r1), {});
  for (const double t : ticks) {
    const double py = y(t);
    line(x - 4, py, x, py, {});
    text(x - 6, py + 4, count(t), "end");
  }
  return close_group();
}

Canvas& Canvas::raw(std::string_view markup) {
  body_ += markup;
  return *this;
}

Canvas& Canvas::open_group(std::string_view css_class, std::string_view data_name, std::string_view data_value) {
  body_ += "<g";
  attr(body_, "class", css_class);
  if (!data_name.empty()) {
    body_ += " data-";
    body_ += data_name;
    body_ += "=\"";
    body_ += html::escape(data_value);
    body_ += '"';
  }
  body_ += '>';
  ++depth_;
  return *this;
}

Canvas& Canvas::close_group() {
  if (depth_ > 0) {
    body_ += "</g>";
    --depth_;
  }
  return *this;
}

std::string Canvas::str() const {
  std::string out = open_;
  out += body_;
  for (int i = 0; i < depth_; ++i) out += "</g>";
  out += "</svg>";
  return out;
}

}  // namespace mockgc::reports::svg
