#pragma once
// Daily bars: per day a group of side-by-side bars, one per series (e.g. offered and handled), with
// marked days (e.g. a DST change) shaded behind their group and named. Plain data in, one <svg> out;
// each day is a <g class="day" data-date="…">, each mark an svg band with class "mark".
#include <string>
#include <vector>

namespace mockgc::reports::charts {

struct DayBars {
  std::string date;             ///< "YYYY-MM-DD"
  std::vector<double> values;   ///< one per series
  std::string mark;             ///< non-empty: the day is marked with this label (e.g. "DST 23 h")
  std::string note;             ///< tooltip addition, e.g. "partial: 40 of 96 intervals"; may be empty
};

struct DailyBarsChart {
  std::string title;
  std::vector<std::string> series;  ///< series names, e.g. {"offered", "handled"}
  std::vector<DayBars> days;
};

std::string daily_bars_svg(const DailyBarsChart& chart);

}  // namespace mockgc::reports::charts
