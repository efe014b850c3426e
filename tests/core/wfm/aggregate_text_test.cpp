// The service's analytics read path: LazyHistory (one queue-day at a time, in a bounded HistoryCache) holds the
// same cells as HistoryStore, and the aggregates response written straight to text is byte for byte the DOM's
// dump, for queries over the history cells and over the conversations, every metric kind, grouped, filtered
// and empty.
#include <gtest/gtest.h>

#include <memory>
#include <stdexcept>
#include <vector>
#include <nlohmann/json.hpp>

#include "mockgc/api/time.hpp"
#include "mockgc/core/scenario.hpp"
#include "mockgc/core/wfm/agent_state.hpp"
#include "mockgc/core/wfm/history.hpp"
#include "mockgc/core/world.hpp"
#include "wfm/conversation_details.hpp"

using namespace mockgc::core;
using namespace mockgc::core::wfm;
using json = nlohmann::json;

namespace {

constexpr std::uint64_t kSeed = 1;
Instant at(const char* iso) { return *mockgc::api::parse_instant(iso); }

struct Org {
  World world = generate_world(default_scenario(), kSeed);
  Workforce workforce{world, world.orgs.front(), kSeed};
  AgentStates agents{workforce};
  const DemandModel& demand() const { return workforce.demand(); }
};
Org& org() {
  static Org o;
  return o;
}

// A window starting and ending inside a UTC day, as the service's (anchored at its clock's start) does.
const Instant kFirst = at("2026-03-01T09:15:00Z"), kEnd = at("2026-03-05T13:45:00Z");

TEST(LazyHistory, HoldsTheCellsOfTheStoreThroughEvictions) {
  const auto store = HistoryStore::build(org().demand(), kSeed, kFirst, kEnd);
  // Room for three queue-days: reading every queue's five days evicts again and again.
  auto cache = std::make_shared<HistoryCache>(3 * HistoryCache::kDayBytes);
  const LazyHistory lazy(org().demand(), kSeed, kFirst, kEnd, cache);
  ASSERT_EQ(lazy.first(), store.first());
  ASSERT_EQ(lazy.end(), store.end());
  ASSERT_EQ(lazy.queue_count(), store.queue_count());
  for (int pass = 0; pass < 2; ++pass)
    for (std::size_t q = 0; q < store.queue_count(); ++q)
      for (Instant t = store.first(); t < store.end(); t += kInterval) {
        const std::int64_t i = interval_index(t);
        const HistoryRow row = lazy.day(q, i >= 0 ? i / kIntervalsPerDay : -1);
        const HistoryCell& a = row.at(i);
        const HistoryCell& b = *store.cell(q, t);
        ASSERT_EQ(a.offered, b.offered) << q << " " << mockgc::api::format_instant(t);
        ASSERT_EQ(a.transferred, b.transferred);
        ASSERT_TRUE(a.answered == b.answered && a.abandon == b.abandon && a.handle == b.handle && a.talk == b.talk &&
                    a.acw == b.acw)
            << q << " " << mockgc::api::format_instant(t);
        ASSERT_LE(cache->bytes(), cache->max_bytes());
      }
  // Each queue-day was built once per pass: nothing is kept beyond the bound.
  EXPECT_EQ(cache->builds(), 2 * store.queue_count() * 5);
}

TEST(LazyHistory, CachedDaysAreNotBuiltAgain) {
  auto cache = std::make_shared<HistoryCache>();
  const LazyHistory lazy(org().demand(), kSeed, kFirst, kEnd, cache);
  const auto first = lazy.day(2, 20514);
  const auto again = lazy.day(2, 20514);
  EXPECT_EQ(first.base, again.base);
  EXPECT_EQ(cache->builds(), 1u);
  EXPECT_EQ(cache->bytes(), HistoryCache::kDayBytes);
}

// Every queue of the org, in queue order.
std::vector<std::size_t> all_queues(const LazyHistory& lazy) {
  std::vector<std::size_t> queues(lazy.queue_count());
  for (std::size_t q = 0; q < queues.size(); ++q) queues[q] = q;
  return queues;
}
// What read_days visited, in order, with each row's cells compared against the store's.
struct Visits {
  std::vector<std::pair<std::size_t, std::int64_t>> order;
  std::size_t cells = 0;  // compared with the store's
  void check(const HistoryStore& store, std::size_t q, std::int64_t day, const HistoryRow& row) {
    order.emplace_back(q, day);
    for (std::int64_t i = day * kIntervalsPerDay; i < (day + 1) * kIntervalsPerDay; ++i) {
      const HistoryCell* in_store = store.cell(q, interval_start(i));
      if (!in_store) continue;  // outside the store's window
      const HistoryCell& a = row.at(i);
      const HistoryCell& b = *in_store;
      ++cells;
      ASSERT_TRUE(a.offered == b.offered && a.transferred == b.transferred && a.answered == b.answered &&
                  a.abandon == b.abandon && a.handle == b.handle && a.talk == b.talk && a.acw == b.acw)
          << q << " " << mockgc::api::format_instant(interval_start(i));
    }
  }
};

std::vector<std::pair<std::size_t, std::int64_t>> reading_order(std::span<const std::size_t> queues,
                                                                std::int64_t first, std::int64_t end) {
  std::vector<std::pair<std::size_t, std::int64_t>> out;
  for (std::size_t q : queues)
    for (std::int64_t d = first; d < end; ++d) out.emplace_back(q, d);
  return out;
}

TEST(LazyHistory, ReadDaysVisitsInReadingOrderBuildingEachMissingDayOnceWithTheStoresCells) {
  auto cache = std::make_shared<HistoryCache>();
  const LazyHistory lazy(org().demand(), kSeed, kFirst, kEnd, cache);
  const auto store = HistoryStore::build(org().demand(), kSeed, kFirst, kEnd);
  auto queues = all_queues(lazy);
  ASSERT_GE(queues.size(), 4u);
  std::swap(queues[0], queues[3]);  // the order given, not the model's
  const std::int64_t d0 = 20513;    // 2026-03-01, the window's first UTC day
  lazy.day(1, d0 + 1);              // cached already: not built again
  Visits visits;
  lazy.read_days(queues, d0, d0 + 5, [&](std::size_t q, std::int64_t day, const HistoryRow& row) {
    visits.check(store, q, day, row);
  });
  EXPECT_EQ(visits.order, reading_order(queues, d0, d0 + 5));
  EXPECT_GT(visits.cells, queues.size() * 3 * kIntervalsPerDay);
  EXPECT_EQ(cache->builds(), queues.size() * 5) << "a day was built twice, or not cached";
  lazy.read_days(queues, d0, d0 + 5, [&](std::size_t q, std::int64_t day, const HistoryRow& row) {
    visits.check(store, q, day, row);
  });
  EXPECT_EQ(cache->builds(), queues.size() * 5) << "a cached day was built again";
}

TEST(LazyHistory, ReadDaysInASmallCacheKeepsItsBoundAndTheCells) {
  // Room for 20 queue-days, a read of every queue's three days: more than the cache holds.
  auto small = std::make_shared<HistoryCache>(20 * HistoryCache::kDayBytes);
  const LazyHistory lazy(org().demand(), kSeed, kFirst, kEnd, small);
  const auto store = HistoryStore::build(org().demand(), kSeed, kFirst, kEnd);
  const auto queues = all_queues(lazy);
  ASSERT_GT(queues.size() * 3, 20u);
  Visits visits;
  lazy.read_days(queues, 20514, 20517, [&](std::size_t q, std::int64_t day, const HistoryRow& row) {
    visits.check(store, q, day, row);
    EXPECT_LE(small->bytes(), small->max_bytes());
  });
  EXPECT_EQ(visits.order, reading_order(queues, 20514, 20517));
  EXPECT_EQ(visits.cells, queues.size() * 3 * kIntervalsPerDay);
  EXPECT_EQ(small->builds(), queues.size() * 3);
}

TEST(LazyHistory, AnExceptionFromTheVisitorEndsTheReadingAndReachesTheCaller) {
  auto cache = std::make_shared<HistoryCache>();
  const LazyHistory lazy(org().demand(), kSeed, kFirst, kEnd, cache);
  const auto queues = all_queues(lazy);
  std::size_t visited = 0;
  EXPECT_THROW(lazy.read_days(queues, 20514, 20520,
                              [&](std::size_t, std::int64_t, const HistoryRow&) {
                                if (++visited == 5) throw std::runtime_error("reader gave up");
                              }),
               std::runtime_error);
  EXPECT_EQ(visited, 5u);
  // Helpers stopped and joined: the days read are cached, those built ahead are not, and a new read finds every day.
  EXPECT_EQ(cache->builds(), 5u);
  const auto store = HistoryStore::build(org().demand(), kSeed, kFirst, kEnd);
  Visits visits;
  lazy.read_days(queues, 20514, 20520, [&](std::size_t q, std::int64_t day, const HistoryRow& row) {
    visits.check(store, q, day, row);
  });
  EXPECT_EQ(visits.order, reading_order(queues, 20514, 20517 + 3));
  // The store's window ends on 2026-03-05 (day 20517) at 13:45: 55 of that day's intervals.
  EXPECT_EQ(visits.cells, queues.size() * (3 * kIntervalsPerDay + 55));
  EXPECT_EQ(cache->builds(), queues.size() * 6);
}

TEST(LazyHistory, AFewMissingDaysAreReadOneAtATime) {
  auto cache = std::make_shared<HistoryCache>();
  const LazyHistory few(org().demand(), kSeed, kFirst, kEnd, cache);
  const std::vector<std::size_t> two{0, 1};
  static_assert(LazyHistory::kAheadMinDays > 2 * 3);
  std::size_t visited = 0;
  few.read_days(two, 20514, 20517, [&](std::size_t q, std::int64_t day, const HistoryRow&) {
    ++visited;
    // Read one at a time: the day visited is the last one built.
    EXPECT_EQ(cache->builds(), visited) << q << " " << day;
  });
  EXPECT_EQ(visited, 6u);
}

json body(const char* interval, const char* granularity, json metrics) {
  return {{"interval", interval}, {"granularity", granularity}, {"metrics", std::move(metrics)}};
}

AggregateQuery parsed(const json& b) {
  auto q = parse_aggregate_query(b, false);
  if (auto* e = std::get_if<ApiError>(&q)) ADD_FAILURE() << e->message;
  return std::get<AggregateQuery>(q);
}

// Text and DOM agree byte for byte; the store's and the lazy history's answers agree too. Returns the text.
std::string check_same_bytes(const json& b, Instant now) {
  const AggregateQuery q = parsed(b);
  const auto store = HistoryStore::build(org().demand(), kSeed, kFirst, kEnd);
  const LazyHistory lazy(org().demand(), kSeed, kFirst, kEnd, std::make_shared<HistoryCache>());
  const std::string dom = answer_aggregate_query(q, store, org().agents, now).dump(-1, ' ', false,
                                                                                   json::error_handler_t::replace);
  const std::string text = answer_aggregate_query_text(q, lazy, org().agents, now);
  EXPECT_EQ(text, dom) << b.dump();
  EXPECT_EQ(answer_aggregate_query_text(q, store, org().agents, now), dom) << b.dump();
  return text;
}

const json kStored = {"nOffered", "nTransferred", "tAnswered", "tAbandon", "tHandle", "tTalk", "tAcw"};
const Instant kLater = at("2026-03-10T00:00:00Z");

TEST(AggregateText, StoredMetricsGroupedByQueue) {
  json b = body("2026-03-02T00:00:00Z/2026-03-04T00:00:00Z", "PT15M", kStored);
  b["groupBy"] = {"queueId"};
  EXPECT_GT(check_same_bytes(b, kLater).size(), 100'000u);
}

TEST(AggregateText, StoredMetricsByMediaTypeInALocalDayAcrossTheWindowEdge) {
  json b = body("2026-02-28T00:00:00Z/2026-03-03T00:00:00Z", "P1D", kStored);
  b["groupBy"] = {"mediaType", "queueId"};
  b["timeZone"] = "Australia/Sydney";
  check_same_bytes(b, kLater);
  b.erase("groupBy");
  check_same_bytes(b, kLater);
}

TEST(AggregateText, StoredMetricsFilteredAndCutByNow) {
  const auto& queue = org().demand().queues()[3];
  json b = body("2026-03-02T00:00:00Z/2026-03-03T00:00:00Z", "PT1H", {"tHandle", "nOffered", "tTalkComplete"});
  b["filter"] = {{"type", "or"},
                 {"predicates",
                  {{{"dimension", "queueId"}, {"value", queue.queue_id}}, {{"dimension", "mediaType"}, {"value", "email"}}}}};
  check_same_bytes(b, at("2026-03-02T10:07:00Z"));
}

TEST(AggregateText, NothingMatchedIsAnEmptyObject) {
  json b = body("2026-03-02T00:00:00Z/2026-03-03T00:00:00Z", "PT30M", {"nOffered"});
  b["filter"] = {{"type", "and"}, {"predicates", {{{"dimension", "queueId"}, {"value", "no-such-queue"}}}}};
  EXPECT_EQ(check_same_bytes(b, kLater), "{}");
  EXPECT_EQ(check_same_bytes(body("2026-03-02T00:00:00Z/2026-03-03T00:00:00Z", "PT30M", {"tIvr"}), kLater), "{}");
  EXPECT_EQ(check_same_bytes(body("2026-04-02T00:00:00Z/2026-04-03T00:00:00Z", "PT30M", {"nOffered"}), kLater), "{}")
      << "outside the window";
}

TEST(AggregateText, EveryMetricKindFromTheConversations) {
  json b = body("2026-03-02T09:00:00Z/2026-03-02T11:00:00Z", "PT30M",
                {"oServiceLevel", "nConnected", "nOverSla", "tWait", "tAcd", "tHeld", "tShortAbandon", "tConnected",
                 "tTalkComplete", "tHeldComplete", "nOffered", "tHandle", "tAlert", "oServiceTarget"});
  b["groupBy"] = {"queueId", "mediaType"};
  const std::string text = check_same_bytes(b, kLater);
  EXPECT_NE(text.find("\"ratio\":"), std::string::npos);
  EXPECT_NE(text.find("\"target\":"), std::string::npos);
  EXPECT_NE(text.find("\"current\":"), std::string::npos);
  b["filter"] = {{"type", "and"},
                 {"predicates", {{{"type", "metric"}, {"metric", "tAnswered"}, {"range", {{"lt", 20000}}}}}}};
  check_same_bytes(b, kLater);
  b.erase("filter");
  b["groupBy"] = {"userId", "wrapUpCode", "direction"};
  check_same_bytes(b, at("2026-03-02T10:20:00Z"));
  b["groupBy"] = {"requestedRoutingSkillId"};
  b["filter"] = {{"type", "and"}, {"predicates", {{{"dimension", "direction"}, {"value", "inbound"}}}}};
  check_same_bytes(b, kLater);
}

}  // namespace
