// The conversation-history store: cells are a pure function of (seed, queue, interval), volumes and
// handle times realise the demand model, handles land where handling ends. And the import CSV checker.
#include <gtest/gtest.h>

#include <algorithm>
#include <bit>
#include <cmath>
#include <vector>

#include "mockgc/api/random.hpp"
#include "mockgc/api/time.hpp"
#include "mockgc/core/scenario.hpp"
#include "mockgc/core/wfm/demand.hpp"
#include "mockgc/core/wfm/history.hpp"
#include "mockgc/core/world.hpp"
#include "wfm/history_csv.hpp"

using namespace mockgc::core;
using namespace mockgc::core::wfm;
using namespace std::chrono_literals;

namespace {

constexpr std::uint64_t kSeed = 1;

const World& world() {
  static const World w = generate_world(default_scenario(), kSeed);
  return w;
}
const DemandModel& demand() {
  static const DemandModel d = DemandModel::build(world().orgs.front(), kSeed);
  return d;
}
Instant at(const char* iso) { return *mockgc::api::parse_instant(iso); }

std::size_t biggest_queue() {
  std::size_t best = 0;
  for (std::size_t q = 1; q < demand().queues().size(); ++q)
    if (demand().queues()[q].weekly_offered > demand().queues()[best].weekly_offered) best = q;
  return best;
}

}  // namespace

TEST(HistoryStore, CellsDoNotDependOnTheWindow) {
  const auto a = HistoryStore::build(demand(), kSeed, at("2026-03-02T00:00:00Z"), at("2026-03-04T00:00:00Z"));
  const auto b = HistoryStore::build(demand(), kSeed, at("2026-02-25T00:00:00Z"), at("2026-03-09T00:00:00Z"));
  std::size_t non_empty = 0;
  for (std::size_t q = 0; q < demand().queues().size(); ++q)
    for (Instant t = a.first(); t < a.end(); t += kInterval) {
      const auto* x = a.cell(q, t);
      const auto* y = b.cell(q, t);
      ASSERT_TRUE(x && y);
      EXPECT_EQ(x->offered, y->offered);
      EXPECT_EQ(x->handle, y->handle);
      EXPECT_EQ(x->answered, y->answered);
      EXPECT_EQ(x->talk, y->talk);
      non_empty += x->offered > 0;
    }
  EXPECT_GT(non_empty, 100u);
  EXPECT_EQ(a.cell(0, at("2026-03-04T00:00:00Z")), nullptr);
  EXPECT_EQ(a.cell(0, at("2026-03-01T23:45:00Z")), nullptr);
}

TEST(HistoryStore, AnotherSeedGivesOtherData) {
  const auto a = HistoryStore::build(demand(), kSeed, at("2026-03-02T00:00:00Z"), at("2026-03-03T00:00:00Z"));
  const auto b = HistoryStore::build(demand(), kSeed + 1, at("2026-03-02T00:00:00Z"), at("2026-03-03T00:00:00Z"));
  const auto q = biggest_queue();
  EXPECT_NE(a.totals(q, a.first(), a.end()), b.totals(q, b.first(), b.end()));
}

TEST(HistoryStore, OfferedAndHandleTimeRealiseTheDemandModel) {
  const Instant from = at("2026-02-02T00:00:00Z"), to = at("2026-03-02T00:00:00Z");
  const auto store = HistoryStore::build(demand(), kSeed, from, to);
  const auto q = biggest_queue();
  double expected = 0, expected_handle = 0;
  for (Instant t = from; t < to; t += kInterval) {
    expected += demand().expected_offered(q, t);
    expected_handle += demand().expected_offered(q, t) * demand().expected_aht_seconds(q, t);
  }
  const auto totals = store.totals(q, from, to);
  ASSERT_GT(expected, 1000);
  EXPECT_NEAR(static_cast<double>(totals.offered) / expected, 1.0, 0.05);
  // Handled ~ answered share of offered; AHT ~ the model's (offer-weighted) mean.
  const double answer_rate = demand().queues()[q].answer_rate;
  EXPECT_NEAR(static_cast<double>(totals.handle.count) / (expected * answer_rate), 1.0, 0.05);
  const double aht = static_cast<double>(totals.handle.sum_ms) / 1000.0 / static_cast<double>(totals.handle.count);
  EXPECT_NEAR(aht / (expected_handle / expected), 1.0, 0.08);
  EXPECT_EQ(totals.handle.count, totals.talk.count);
  EXPECT_EQ(totals.handle.count, totals.acw.count);
  EXPECT_LE(totals.talk.sum_ms + totals.acw.sum_ms, totals.handle.sum_ms);
  EXPECT_GT(totals.abandon.count, 0u);
  EXPECT_GT(totals.transferred, 0u);
  EXPECT_LT(totals.transferred, totals.handle.count / 10);
  EXPECT_LE(totals.handle.min_ms, totals.handle.max_ms);
}

TEST(HistoryStore, HandlesLandWhereHandlingEnds) {
  const Instant from = at("2026-03-03T00:00:00Z"), to = at("2026-03-04T00:00:00Z");
  const auto store = HistoryStore::build(demand(), kSeed, from, to);
  const auto q = biggest_queue();
  // An interval's offers and handles are different conversations: they differ in most intervals with activity
  // (nothing arrives outside opening hours, so nights are empty on both sides).
  std::size_t active = 0, differing = 0;
  for (Instant t = from; t < to; t += kInterval) {
    const auto* c = store.cell(q, t);
    if (!c->offered && !c->handle.count) continue;
    ++active;
    differing += c->offered != c->handle.count;
  }
  EXPECT_GT(active, 40u);
  EXPECT_GT(differing, active / 2);
  // An interval's handles come from conversations offered earlier: the handle counts lag the offers in the
  // morning ramp-up (local 08:00-09:00 London in March = UTC).
  std::uint64_t offered = 0, handled = 0;
  for (Instant t = at("2026-03-03T07:45:00Z"); t < at("2026-03-03T09:00:00Z"); t += kInterval) {
    offered += store.cell(q, t)->offered;
    handled += store.cell(q, t)->handle.count;
  }
  EXPECT_LT(handled, offered);
}

TEST(HistoryStore, TotalsAreTheSumOfCells) {
  const auto store = HistoryStore::build(demand(), kSeed, at("2026-03-02T00:00:00Z"), at("2026-03-03T00:00:00Z"));
  HistoryTotals sum;
  for (Instant t = store.first(); t < store.end(); t += kInterval) sum.merge(*store.cell(3, t));
  EXPECT_EQ(sum, store.totals(3, store.first(), store.end()));
  EXPECT_EQ(store.totals(3, at("2026-03-01T00:00:00Z"), at("2026-03-05T00:00:00Z")), sum) << "clipped to the window";
}

namespace {

using mockgc::api::hash_combine;

std::uint64_t digest(std::uint64_t h, const HistoryCell& c) {
  h = hash_combine(h, c.offered);
  h = hash_combine(h, c.transferred);
  for (const auto* s : {&c.answered, &c.abandon, &c.handle, &c.talk, &c.acw})
    for (std::uint32_t v : {s->sum_ms, s->min_ms, s->max_ms, s->count}) h = hash_combine(h, v);
  return h;
}

std::uint64_t bits(double v) { return std::bit_cast<std::uint64_t>(v); }

struct Digests {
  std::uint64_t days = 0, expectations = 0, conversations = 0, store = 0;
};

// Every queue of both default orgs under `seed`: 60 queue-days each, three days apart from 2025-11-18 back
// (both zones' DST changes of 2025 inside), cell by cell; the expected volume and handle time of 40 days,
// five apart, and every field of the conversations of one day in eight of them; a HistoryStore window.
Digests digests(std::uint64_t seed) {
  const World w = generate_world(default_scenario(), seed);
  Digests d;
  for (const auto& org : w.orgs) {
    const auto model = DemandModel::build(org, seed);
    std::vector<HistoryCell> row(kIntervalsPerDay);
    std::vector<Conversation> batch;
    for (std::size_t q = 0; q < model.queues().size(); ++q) {
      for (std::int64_t day = 0; day < 60; ++day) {
        std::fill(row.begin(), row.end(), HistoryCell{});
        const std::int64_t first = (20410 - day * 3) * kIntervalsPerDay;
        fill_history_row(model, seed, q, first, first + kIntervalsPerDay, row.data());
        for (const auto& c : row) d.days = digest(d.days, c);
      }
    }
    for (std::size_t q = 0; q < model.queues().size(); ++q) {
      for (std::int64_t day = 0; day < 40; ++day) {
        const std::int64_t first = (20410 - day * 5) * kIntervalsPerDay;
        for (std::int64_t j = first; j < first + kIntervalsPerDay; ++j) {
          d.expectations = hash_combine(d.expectations, bits(model.expected_offered(q, interval_start(j))));
          d.expectations = hash_combine(d.expectations, bits(model.expected_aht_seconds(q, interval_start(j))));
          if (day % 8 != 0) continue;
          conversations_offered(model, seed, q, j, batch);
          for (const auto& c : batch) {
            d.conversations = hash_combine(d.conversations, c.queue);
            d.conversations = hash_combine(d.conversations, static_cast<std::uint64_t>(c.interval));
            d.conversations = hash_combine(d.conversations, c.ordinal);
            for (double v : {c.offered_ms, c.wait_ms, c.handle_ms, c.talk_ms, c.hold_ms, c.acw_ms})
              d.conversations = hash_combine(d.conversations, bits(v));
            d.conversations = hash_combine(d.conversations, (c.answered ? 1u : 0u) + (c.transferred ? 2u : 0u));
          }
        }
      }
    }
    const auto store = HistoryStore::build(model, seed, interval_start(20300 * kIntervalsPerDay + 7),
                                           interval_start(20320 * kIntervalsPerDay + 3));
    for (std::size_t q = 0; q < store.queue_count(); ++q)
      for (Instant t = store.first(); t < store.end(); t += kInterval) d.store = digest(d.store, *store.cell(q, t));
  }
  return d;
}

}  // namespace

// Characterisation: the history's values, pinned for two seeds, so that a faster realisation of the same
// draws is proven to give the same cells, conversations and expectations (a change of the draws themselves
// re-records them, and says so in its commit).
TEST(HistoryDigest, ManyQueueDaysConversationsAndExpectationsArePinned) {
  const Digests one = digests(1);
  EXPECT_EQ(one.days, 0x54fc86313d510b08ULL);
  EXPECT_EQ(one.expectations, 0xc7e2b61d849e84eeULL);
  EXPECT_EQ(one.conversations, 0x4605e5ae6492ec02ULL);
  EXPECT_EQ(one.store, 0xb489756d345a44d8ULL);
  const Digests seven = digests(7);
  EXPECT_EQ(seven.days, 0x4e504058be45dc6cULL);
  EXPECT_EQ(seven.expectations, 0x6ff9d972b53b7a38ULL);
  EXPECT_EQ(seven.conversations, 0x22d998a28ec23d8cULL);
  EXPECT_EQ(seven.store, 0xa70e03f8d6aeff7aULL);
}

TEST(FloorInterval, FloorsToQuarterHours) {
  EXPECT_EQ(floor_interval(at("2026-03-02T10:14:59.999Z")), at("2026-03-02T10:00:00Z"));
  EXPECT_EQ(floor_interval(at("2026-03-02T10:15:00Z")), at("2026-03-02T10:15:00Z"));
  EXPECT_EQ(floor_interval(at("1969-12-31T23:59:00Z")), at("1969-12-31T23:45:00Z"));
}

TEST(DayIndex, FloorsIntervalsToUtcDays) {
  const auto day_of = [](const char* t) { return day_index(interval_index(at(t))); };
  EXPECT_EQ(day_of("2026-03-02T00:00:00Z"), 20514);  // 2026-03-02 is day 20,514 since the epoch
  EXPECT_EQ(day_of("2026-03-02T23:59:59Z"), 20514);
  EXPECT_EQ(day_of("2026-03-03T00:00:00Z"), 20515);
  EXPECT_EQ(day_of("1970-01-01T00:00:00Z"), 0);
  EXPECT_EQ(day_of("1969-12-31T23:45:00Z"), -1);
  EXPECT_EQ(day_of("1969-12-31T00:00:00Z"), -1);
  EXPECT_EQ(day_of("1969-12-30T23:45:00Z"), -2);
}

namespace {
const char* kHeader = "Interval Start UTC Date,Queue,Media Type,Skill Set,Language,Offered,Interactions Handled,Total Handle Time (Seconds)\n";
std::vector<std::string> names() { return {"Billing", "Sales Chat"}; }
}  // namespace

TEST(HistoryCsv, ValidFile) {
  const std::string csv = std::string(kHeader) +
                          "2026-03-01T08:00:00Z,Billing,Voice,,,12,11,3300\r\n"
                          "2026-03-01T08:15:00Z,Sales Chat,chat,a|||b,en,3,3,900.5\n";
  auto r = check_history_csv(csv, names(), at("2026-03-02T00:00:00Z"));
  EXPECT_EQ(r.error, "");
  EXPECT_EQ(r.rows, 2u);
  EXPECT_EQ(r.earliest, at("2026-03-01T08:00:00Z"));
  EXPECT_EQ(r.latest, at("2026-03-01T08:15:00Z"));
}

TEST(HistoryCsv, ReportsEachKindOfProblem) {
  const Instant end = at("2026-03-02T00:00:00Z");
  auto err = [&](const std::string& rows) { return check_history_csv(std::string(kHeader) + rows, names(), end).error; };
  EXPECT_NE(err("2026-03-01T08:10:00Z,Billing,Voice,,,1,1,1\n").find("not a UTC interval start"), std::string::npos);
  EXPECT_NE(err("2026-03-01T08:00:00+01:00,Billing,Voice,,,1,1,1\n").find("not a UTC interval start"), std::string::npos);
  EXPECT_NE(err("2026-03-01T08:00:00Z,Nope,Voice,,,1,1,1\n").find("unknown queue 'Nope'"), std::string::npos);
  EXPECT_NE(err("2026-03-01T08:00:00Z,Billing,Fax,,,1,1,1\n").find("unknown media type 'Fax'"), std::string::npos);
  EXPECT_NE(err("2026-03-01T08:00:00Z,Billing,Voice,,,-1,1,1\n").find("Offered must be"), std::string::npos);
  EXPECT_NE(err("2026-03-01T08:00:00Z,Billing,Voice,,,1,x,1\n").find("Interactions Handled"), std::string::npos);
  EXPECT_NE(err("2026-03-01T08:00:00Z,Billing,Voice,,,1,1,-5\n").find("Total Handle Time"), std::string::npos);
  EXPECT_NE(err("2026-03-03T08:00:00Z,Billing,Voice,,,1,1,1\n").find("after dateImportEnded"), std::string::npos);
  EXPECT_NE(err("2026-03-01T08:00:00Z,Billing\n").find("expected 8 fields"), std::string::npos);
  EXPECT_NE(err("").find("no data rows"), std::string::npos);
  auto bad_header = check_history_csv(
      "Interval,Queue,Media Type,Offered,Interactions Handled,Total Handle Time (Seconds)\n", names(), end).error;
  EXPECT_NE(bad_header.find("Missing column 'Interval Start UTC Date'"), std::string::npos) << bad_header;
  EXPECT_NE(bad_header.find("Unknown column 'Interval'"), std::string::npos) << bad_header;
  EXPECT_EQ(check_history_csv("", names(), end).error, "The file is empty.");
}
