// Volume input format: parsing, errors that name the problem, merging (living model), synthetic data.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "mockgc/capacity/volume.hpp"

namespace mc = mockgc::capacity;

namespace {
const char* kSample = R"({
  "format": "mockgc.capacity.volume/1",
  "interval_minutes": 30,
  "queue_groups": [
    {"name": "Support EN", "time_zone": "Europe/London", "start": "2026-01-05T08:00:00Z",
     "offered": [100, 120, 0], "aht_seconds": [180, 200, 180], "service_level": 0.9, "sl_seconds": 30},
    {"name": "Chat", "start": "2026-01-05T08:30:00Z", "offered": [40], "aht_seconds": [600], "max_concurrent": 3}
  ]
})";

std::string with(const std::string& from, const std::string& to) {
  std::string s = kSample;
  s.replace(s.find(from), from.size(), to);
  return s;
}
}  // namespace

TEST(Volume, ParsesTheDocumentedFormat) {
  const auto v = mc::parse_volume_json(kSample).value();
  EXPECT_EQ(v.interval_minutes, 30);
  ASSERT_EQ(v.groups.size(), 2u);
  EXPECT_EQ(v.groups[0].time_zone, "Europe/London");
  EXPECT_EQ(mc::format_utc(v.groups[0].start_utc), "2026-01-05T08:00:00Z");
  EXPECT_EQ(v.groups[0].offered[1], 120);
  EXPECT_EQ(*v.groups[0].service_level, 0.9);
  EXPECT_EQ(v.groups[1].max_concurrent, 3);
  const auto again = mc::parse_volume_json(mc::to_json(v).dump()).value();
  EXPECT_EQ(mc::to_json(again), mc::to_json(v));
}

TEST(Volume, ErrorsNameTheProblem) {
  auto msg = [](const std::string& text) {
    auto r = mc::parse_volume_json(text);
    return r.ok() ? std::string("<ok>") : r.error().message;
  };
  EXPECT_NE(msg("{").find("not valid JSON"), std::string::npos);
  EXPECT_NE(msg(with("[100, 120, 0]", "[100, -1, 0]")).find("offered[1]"), std::string::npos);
  EXPECT_NE(msg(with("[180, 200, 180]", "[180, 0, 180]")).find("aht_seconds[1]"), std::string::npos);
  EXPECT_NE(msg(with("[100, 120, 0]", "[100, 120]")).find("2 offered values but 3"), std::string::npos);
  EXPECT_NE(msg(with("08:00:00Z", "08:10:00Z")).find("aligned"), std::string::npos);
  EXPECT_NE(msg(with("2026-01-05T08:00:00Z", "2026-02-30T08:00:00Z")).find("valid date"), std::string::npos);
  EXPECT_NE(msg(with("\"time_zone\"", "\"timezone\"")).find("unknown key"), std::string::npos);
  EXPECT_NE(msg(with("\"interval_minutes\": 30", "\"interval_minutes\": 20")).find("15 or 30"), std::string::npos);
  EXPECT_NE(msg(with("mockgc.capacity.volume/1", "v2")).find("format"), std::string::npos);
  EXPECT_NE(msg(with("\"service_level\": 0.9", "\"service_level\": 1.5")).find("service_level"), std::string::npos);
  EXPECT_NE(msg(with("\"Chat\"", "\"Support EN\"")).find("duplicate"), std::string::npos);
}

TEST(Volume, MergeLetsNewerIntervalsWin) {
  auto base = mc::parse_volume_json(kSample).value();
  mc::VolumeSet update;
  update.interval_minutes = 30;
  mc::QueueGroupVolume g;
  g.name = "Support EN";
  g.start_utc = mc::parse_utc("2026-01-05T09:00:00Z").value();
  g.offered = {7, 8};
  g.aht_seconds = {170, 171};
  update.groups.push_back(g);
  ASSERT_TRUE(mc::merge_volume(base, update).ok());
  const auto& s = base.groups[0];
  EXPECT_EQ(s.offered, (std::vector<double>{100, 120, 7, 8}));
  EXPECT_EQ(s.aht_seconds.back(), 171);
  update.interval_minutes = 15;
  EXPECT_FALSE(mc::merge_volume(base, update).ok());
}

TEST(Volume, SyntheticIsSeededAndWeekShaped) {
  mc::SyntheticVolumeOptions o;
  o.weeks = 2;
  o.seed = 4;
  const auto a = mc::synthetic_volume(o);
  const auto b = mc::synthetic_volume(o);
  EXPECT_EQ(mc::to_json(a), mc::to_json(b));
  ASSERT_EQ(a.groups[0].offered.size(), 2u * 672u);
  EXPECT_TRUE(mc::validate(a).ok());
  o.seed = 5;
  EXPECT_NE(mc::to_json(a), mc::to_json(mc::synthetic_volume(o)));
  double total = 0;
  for (std::size_t i = 0; i < 672; ++i) total += a.groups[0].offered[i];
  EXPECT_NEAR(total, o.weekly_calls, 0.02 * o.weekly_calls);
}

TEST(Volume, UtcRoundTrip) {
  EXPECT_EQ(mc::parse_utc("2026-01-05T00:00:00Z").value(), 1767571200);
  EXPECT_EQ(mc::format_utc(1767571200), "2026-01-05T00:00:00Z");
  EXPECT_EQ(mc::format_month(1767571200), "2026-01");
  EXPECT_FALSE(mc::parse_utc("2026-01-05 00:00:00").ok());
}
