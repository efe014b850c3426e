// The conversation-history store: cells are a pure function of (seed, queue, interval), volumes and
// handle times realise the demand model, handles land where handling ends. And the import CSV checker.
#include <gtest/gtest.h>

#include <cmath>

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

TEST(FloorInterval, FloorsToQuarterHours) {
  EXPECT_EQ(floor_interval(at("2026-03-02T10:14:59.999Z")), at("2026-03-02T10:00:00Z"));
  EXPECT_EQ(floor_interval(at("2026-03-02T10:15:00Z")), at("2026-03-02T10:15:00Z"));
  EXPECT_EQ(floor_interval(at("1969-12-31T23:59:00Z")), at("1969-12-31T23:45:00Z"));
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
