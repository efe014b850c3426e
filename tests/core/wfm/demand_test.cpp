#include <gtest/gtest.h>

#include <date/tz.h>

#include <cmath>
#include <utility>
#include <vector>

#include "mockgc/core/scenario.hpp"
#include "mockgc/core/wfm/demand.hpp"
#include "mockgc/core/world.hpp"

using namespace mockgc::core;
using namespace mockgc::core::wfm;
using namespace std::chrono_literals;

namespace {

const World& default_world() {
  static const World w = generate_world(default_scenario(), 1);
  return w;
}

Instant utc(date::year_month_day d, std::chrono::minutes m = 0min) { return Instant{date::sys_days{d}} + m; }

double local_day_total(const DemandModel& model, std::size_t q, const date::time_zone* zone, date::local_days day,
                       int* intervals = nullptr) {
  const auto start = std::chrono::time_point_cast<Millis>(zone->to_sys(date::local_seconds{day}));
  const auto end = std::chrono::time_point_cast<Millis>(zone->to_sys(date::local_seconds{day + date::days{1}}));
  double total = 0;
  int n = 0;
  for (auto t = start; t < end; t += kInterval, ++n) total += model.expected_offered(q, t);
  if (intervals) *intervals = n;
  return total;
}

}  // namespace

TEST(IntradayShare, EachMediaSumsToOneOverADay) {
  for (auto m : {MediaType::Voice, MediaType::Chat, MediaType::Email, MediaType::Message, MediaType::Callback}) {
    double sum = 0;
    for (int minute = 0; minute < 24 * 60; minute += 15) sum += intraday_share(m, minute);
    EXPECT_NEAR(sum, 1.0, 1e-12) << to_string(m);
  }
  // Voice is busy mid-morning and nearly idle at 3 am.
  EXPECT_GT(intraday_share(MediaType::Voice, 10 * 60 + 30), 20 * intraday_share(MediaType::Voice, 3 * 60));
}

TEST(DemandModel, IsAPureFunctionOfSeedQueueAndInstant) {
  const auto& org = default_world().orgs.front();
  auto a = DemandModel::build(org, 1);
  auto b = DemandModel::build(org, 1);
  auto c = DemandModel::build(org, 2);
  ASSERT_EQ(a.queues().size(), org.queues.size());
  const Instant t = utc(date::year{2026} / 3 / 10, 10h);
  bool differs = false;
  for (std::size_t q = 0; q < a.queues().size(); ++q) {
    EXPECT_EQ(a.expected_offered(q, t), b.expected_offered(q, t));
    differs = differs || a.expected_offered(q, t) != c.expected_offered(q, t);
  }
  EXPECT_TRUE(differs);
}

TEST(DemandModel, ExpectationsOfARunEqualEachIntervalsExpectations) {
  // Runs across both zones' DST changes (London 29 Mar and 25 Oct 2026, Sydney 5 Apr and 4 Oct 2026), a
  // year's end (the season) and week ends (the level shift), starting mid-day: value for value.
  const std::pair<Instant, Instant> runs[] = {
      {utc(date::year{2026} / 3 / 25, 13h + 45min), utc(date::year{2026} / 4 / 9)},
      {utc(date::year{2026} / 9 / 30, 7h), utc(date::year{2026} / 10 / 28, 1h + 15min)},
      {utc(date::year{2025} / 12 / 29, 22h), utc(date::year{2026} / 1 / 3)},
  };
  for (const auto& org : default_world().orgs) {
    const auto model = DemandModel::build(org, 3);
    for (const auto& [from, to] : runs) {
      const std::int64_t first = from.time_since_epoch() / kInterval, end = to.time_since_epoch() / kInterval;
      std::vector<IntervalExpectation> run(static_cast<std::size_t>(end - first));
      for (std::size_t q = 0; q < model.queues().size(); ++q) {
        model.expectations(q, first, end, run.data());
        for (std::int64_t i = first; i < end; ++i) {
          const Instant t(kInterval * i);
          ASSERT_EQ(run[i - first].offered, model.expected_offered(q, t)) << org.region << " " << q << " " << i;
          ASSERT_EQ(run[i - first].aht_seconds, model.expected_aht_seconds(q, t)) << org.region << " " << q << " " << i;
        }
      }
    }
  }
}

TEST(DemandModel, ShapesFollowTheBusinessUnitsLocalTime) {
  // Sydney's 10:30 local is 23:30 UTC the day before (AEDT, +11): its voice queues peak then, not at 10:30 UTC.
  const auto& apac = *default_world().find_org("ap_southeast_2");
  auto model = DemandModel::build(apac, 1);
  std::size_t voice = model.queues().size();
  for (std::size_t q = 0; q < model.queues().size(); ++q)
    if (model.queues()[q].media == MediaType::Voice) voice = q;
  ASSERT_LT(voice, model.queues().size());
  const double local_morning = model.expected_offered(voice, utc(date::year{2026} / 3 / 2, 23h + 30min));  // Tue 10:30 AEDT
  const double local_night = model.expected_offered(voice, utc(date::year{2026} / 3 / 3, 16h));  // Wed 03:00 AEDT
  EXPECT_GT(local_morning, 10 * local_night);
}

TEST(DemandModel, DstDaysHaveNinetyTwoAndOneHundredLocalIntervals) {
  const auto& emea = *default_world().find_org("eu_central_1");
  auto model = DemandModel::build(emea, 1);
  const auto* london = date::locate_zone("Europe/London");
  int spring = 0, autumn = 0, normal = 0;
  local_day_total(model, 0, london, date::local_days{date::year{2026} / 3 / 29}, &spring);
  local_day_total(model, 0, london, date::local_days{date::year{2026} / 10 / 25}, &autumn);
  local_day_total(model, 0, london, date::local_days{date::year{2026} / 3 / 30}, &normal);
  EXPECT_EQ(spring, 92);
  EXPECT_EQ(autumn, 100);
  EXPECT_EQ(normal, 96);
}

TEST(DemandModel, WeekdaysOutweighWeekendsAndWeeklyTotalsArePlausible) {
  const auto& emea = *default_world().find_org("eu_central_1");
  auto model = DemandModel::build(emea, 1);
  const auto* london = date::locate_zone("Europe/London");
  double week_total = 0;
  for (std::size_t q = 0; q < model.queues().size(); ++q) {
    const double monday = local_day_total(model, q, london, date::local_days{date::year{2026} / 6 / 8});
    const double sunday = local_day_total(model, q, london, date::local_days{date::year{2026} / 6 / 14});
    EXPECT_GT(monday, sunday) << model.queues()[q].queue_name;
    for (int d = 8; d <= 14; ++d) week_total += local_day_total(model, q, london, date::local_days{date::year{2026} / 6 / d});
    EXPECT_GT(model.queues()[q].aht_seconds, 0);
    EXPECT_GT(model.queues()[q].answer_rate, 0.5);
  }
  // 200 agents carry thousands, not millions or dozens, of conversations a week.
  EXPECT_GT(week_total, 2'000);
  EXPECT_LT(week_total, 100'000);
}
