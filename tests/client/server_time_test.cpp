#include "mockgc/client/server_time.hpp"

#include <gtest/gtest.h>

#include "mockgc/api/time.hpp"

namespace mockgc::client {
namespace {

using api::Instant;
using api::Millis;

Instant system_now() { return std::chrono::time_point_cast<Millis>(std::chrono::system_clock::now()); }

// A transport whose every answer carries the given Date header (none when empty).
FunctionTransport answering_with_date(const std::string& date) {
  return FunctionTransport([date](const Endpoint&, const api::HttpRequest&, const SendOptions&) -> Result<api::HttpResponse> {
    api::HttpResponse r;
    r.status = 200;
    if (!date.empty()) r.headers.set("Date", date);
    return r;
  });
}

TEST(ServerAlignedClock, TakesTheFirstServerDateThatDiffersAndKeepsIt) {
  ServerAlignedClock clock;
  EXPECT_FALSE(clock.observed());
  EXPECT_LT(std::chrono::abs(clock.now() - system_now()), Millis(1000));
  const Instant world = *api::parse_instant("2026-03-02T09:00:00Z");
  clock.observe_server_date(world);
  EXPECT_TRUE(clock.observed());
  EXPECT_LT(std::chrono::abs(clock.now() - world), Millis(1000));
  // Later dates do not move it: a wait computed before them keeps its length.
  clock.observe_server_date(world + std::chrono::days(30));
  EXPECT_LT(std::chrono::abs(clock.now() - world), Millis(1000));
  const Instant before = clock.now();
  clock.sleep_until(before + Millis(20));
  EXPECT_GE(clock.now(), before + Millis(20));
}

TEST(ServerAlignedClock, ADateWithinTheHeadersResolutionIsTheMachinesTime) {
  ServerAlignedClock clock;
  clock.observe_server_date(system_now() + Millis(1500));
  EXPECT_TRUE(clock.observed());
  EXPECT_EQ(clock.offset(), Millis(0));
}

TEST(DateObservingTransport, TeachesTheClockTheServersDate) {
  ServerAlignedClock clock;
  auto undated = answering_with_date("");
  DateObservingTransport plain(undated, clock);
  Endpoint to;
  ASSERT_TRUE(plain.send(to, api::HttpRequest{}, SendOptions{}));
  EXPECT_FALSE(clock.observed());  // no Date: nothing learnt
  auto dated = answering_with_date("Mon, 02 Mar 2026 09:00:00 GMT");
  DateObservingTransport observing(dated, clock);
  const auto res = observing.send(to, api::HttpRequest{}, SendOptions{});
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200);
  EXPECT_TRUE(clock.observed());
  EXPECT_LT(std::chrono::abs(clock.now() - *api::parse_instant("2026-03-02T09:00:00Z")), Millis(2000));
}

}  // namespace
}  // namespace mockgc::client
