#include <gtest/gtest.h>

#include <date/tz.h>
#include <nlohmann/json.hpp>

#include "mockgc/core/clock_edges.hpp"
#include "mockgc/api/time.hpp"

using namespace mockgc::core;
using namespace std::chrono_literals;

namespace {
Instant at(const char* s) { return *mockgc::api::parse_instant(s); }
std::string iso(Instant t) { return mockgc::api::format_instant(t); }
Instant jan1() { return at("2026-01-01T00:00:00Z"); }
}  // namespace

TEST(ClockEdges, LondonDstTransitions2026) {
  EXPECT_EQ(iso(next_dst_transition("Europe/London", jan1())), "2026-03-29T01:00:00.000Z");
  EXPECT_EQ(iso(next_dst_transition("Europe/London", jan1(), DstDirection::backward)), "2026-10-25T01:00:00.000Z");
  // Strictly after: starting exactly at the transition finds the next one.
  EXPECT_EQ(iso(next_dst_transition("Europe/London", at("2026-03-29T01:00:00Z"))), "2026-10-25T01:00:00.000Z");
}

TEST(ClockEdges, SydneyDstTransitions2026AreOppositeSeasons) {
  // Sydney leaves DST first (April, clocks back) and enters it in October (clocks forward).
  EXPECT_EQ(iso(next_dst_transition("Australia/Sydney", jan1())), "2026-04-04T16:00:00.000Z");
  EXPECT_EQ(iso(next_dst_transition("Australia/Sydney", jan1(), DstDirection::forward)), "2026-10-03T16:00:00.000Z");
  auto* tz = date::locate_zone("Australia/Sydney");
  auto t = next_dst_transition("Australia/Sydney", jan1(), DstDirection::forward);
  EXPECT_EQ(tz->get_info(t - 1ms).offset, std::chrono::hours(10));
  EXPECT_EQ(tz->get_info(t).offset, std::chrono::hours(11));
}

TEST(ClockEdges, ZoneWithoutDstIsAnError) {
  EXPECT_THROW(next_dst_transition("Asia/Tokyo", jan1()), std::invalid_argument);
  EXPECT_THROW(next_dst_transition("Mars/Olympus_Mons", jan1()), std::invalid_argument);
}

TEST(ClockEdges, NewYearIsLocalMidnight) {
  EXPECT_EQ(iso(next_new_year("Europe/London", jan1())), "2027-01-01T00:00:00.000Z");
  EXPECT_EQ(iso(next_new_year("Australia/Sydney", jan1())), "2026-12-31T13:00:00.000Z");
  EXPECT_EQ(iso(next_new_year("America/New_York", at("2026-06-01T00:00:00Z"))), "2027-01-01T05:00:00.000Z");
}

TEST(ClockEdges, LeapDay2028) {
  EXPECT_EQ(iso(next_leap_day("Europe/London", jan1())), "2028-02-29T00:00:00.000Z");
  EXPECT_EQ(iso(next_leap_day("Australia/Sydney", jan1())), "2028-02-28T13:00:00.000Z");
  EXPECT_EQ(iso(next_leap_day("America/New_York", jan1())), "2028-02-29T05:00:00.000Z");
  EXPECT_EQ(iso(next_leap_day("UTC", at("2028-02-29T00:00:00Z"))), "2032-02-29T00:00:00.000Z");
}

TEST(ClockEdges, WeekBoundaryInOneZoneButNotTheOther) {
  // A Monday-start week begins in Sydney while it is still Sunday afternoon in London.
  auto t = next_week_start("Australia/Sydney", 1, jan1());
  EXPECT_EQ(iso(t), "2026-01-04T13:00:00.000Z");
  auto london = date::zoned_time(date::locate_zone("Europe/London"), t).get_local_time();
  EXPECT_EQ(date::weekday(date::floor<date::days>(london)), date::Sunday);
  EXPECT_EQ(iso(next_week_start("America/New_York", 0, jan1())), "2026-01-04T05:00:00.000Z");
}

TEST(ClockEdges, ResolveAppliesOffsetAndJsonIsStrict) {
  auto e = start_edge_from_json(nlohmann::json::parse(
      R"({"edge":"dst","zone":"Europe/London","after":"2026-01-01T00:00:00Z","direction":"forward","offset":"-PT1H"})"));
  EXPECT_EQ(iso(resolve_edge(e)), "2026-03-29T00:00:00.000Z");
  EXPECT_EQ(start_edge_from_json(start_edge_to_json(e)), e);

  auto leap = start_edge_from_json(nlohmann::json::parse(R"({"edge":"leap_day","zone":"Australia/Sydney"})"));
  EXPECT_EQ(leap.after, jan1());  // the documented default, never the wall clock
  EXPECT_EQ(iso(resolve_edge(leap)), "2028-02-28T13:00:00.000Z");

  auto week = start_edge_from_json(nlohmann::json::parse(R"({"edge":"week","zone":"UTC","week_start":"Sunday"})"));
  EXPECT_EQ(iso(resolve_edge(week)), "2026-01-04T00:00:00.000Z");

  auto error_of = [](const char* text) {
    try {
      start_edge_from_json(nlohmann::json::parse(text));
    } catch (const std::invalid_argument& ex) {
      return std::string(ex.what());
    }
    return std::string("no error");
  };
  EXPECT_EQ(error_of(R"({"edge":"dst","zone":"Europe/London","offest":"PT1H"})"), "/start/offest: unknown key 'offest' (allowed here: edge, zone, after, offset, direction, week_start)");
  EXPECT_EQ(error_of(R"({"edge":"dts"})"), "/start/edge: must be one of dst, week, new_year, leap_day");
  EXPECT_NE(error_of(R"({"edge":"dst","zone":"Nowhere/City"})").find("/start/zone"), std::string::npos);
  EXPECT_NE(error_of(R"({"edge":"dst","zone":"Asia/Tokyo"})").find("/start/zone"), std::string::npos);
  EXPECT_NE(error_of(R"({"edge":"week","direction":"forward"})").find("/start/direction"), std::string::npos);
  EXPECT_NE(error_of(R"({"edge":"week","week_start":"Funday"})").find("/start/week_start"), std::string::npos);
}
