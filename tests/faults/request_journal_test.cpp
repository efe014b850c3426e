#include <gtest/gtest.h>

#include <sstream>
#include <thread>

#include <nlohmann/json.hpp>

#include "mockgc/api/time.hpp"
#include "mockgc/core/journal/request_journal.hpp"

using namespace mockgc::core;
using namespace mockgc::core::journal;
using namespace std::chrono_literals;

namespace {
Instant t0() { return *mockgc::api::parse_instant("2026-03-29T00:00:00Z"); }

JournalRecord record(int i, int status = 200, std::string_view route = "/api/v2/users/{userId}") {
  static thread_local std::string path;
  path = "/api/v2/users/u" + std::to_string(i);
  return {t0() + Millis(i), "eu_central_1", "client-1", "GET", path, "expand=x", route, status, 3, ""};
}
}  // namespace

TEST(RequestJournal, KeepsTheLastCapacityEntriesAcrossWrapAround) {
  RequestJournal j(JournalConfig{4});
  for (int i = 1; i <= 10; ++i) EXPECT_EQ(j.append(record(i)), static_cast<std::uint64_t>(i));
  auto s = j.snapshot();
  ASSERT_EQ(s.size(), 4u);
  EXPECT_EQ(s.front().seq, 7u);
  EXPECT_EQ(s.back().seq, 10u);
  EXPECT_EQ(s.back().path, "/api/v2/users/u10");
  EXPECT_EQ(s.back().time, t0() + 10ms);
  EXPECT_EQ(j.snapshot(9).size(), 2u);
  EXPECT_EQ(j.snapshot(11).size(), 0u);
  EXPECT_EQ(j.total_appended(), 10u);
}

TEST(RequestJournal, RouteCountersSurviveWrapAround) {
  RequestJournal j(JournalConfig{2});
  for (int i = 0; i < 5; ++i) j.append(record(i, 200));
  for (int i = 0; i < 3; ++i) j.append(record(i, 429));
  j.append(record(0, 404, ""));
  j.append(record(0, 0));
  auto counts = j.route_counts();
  EXPECT_EQ(counts, (std::vector<RouteCount>{{"(unmatched)", "GET", 4, 1},
                                             {"/api/v2/users/{userId}", "GET", 0, 1},
                                             {"/api/v2/users/{userId}", "GET", 2, 5},
                                             {"/api/v2/users/{userId}", "GET", 4, 3}}));
  EXPECT_EQ(j.route_counts_json()[2]["status_class"], "2xx");
}

TEST(RequestJournal, DistinctRoutesAreCapped) {
  RequestJournal j(JournalConfig{1});
  for (std::size_t i = 0; i < kMaxRoutes + 10; ++i) {
    std::string route = "/r/" + std::to_string(i);
    j.append(record(0, 200, route));
  }
  auto counts = j.route_counts();
  EXPECT_EQ(counts.size(), kMaxRoutes + 1);
  auto other = std::find_if(counts.begin(), counts.end(), [](const RouteCount& c) { return c.route == kOtherRoute; });
  ASSERT_NE(other, counts.end());
  EXPECT_EQ(other->count, 10u);
}

TEST(RequestJournal, LongFieldsAreTruncatedOnUtf8BoundariesAndFlagged) {
  RequestJournal j(JournalConfig{2});
  std::string path = "/" + std::string(kPathBytes - 2, 'a') + "é";  // é straddles the bound
  j.append({t0(), "eu", "c", "GET", path, "", "", 200, 0, ""});
  auto e = j.snapshot().at(0);
  EXPECT_TRUE(e.truncated);
  EXPECT_EQ(e.path, path.substr(0, kPathBytes - 1));
  std::ostringstream out;
  j.export_jsonl(out);
  EXPECT_FALSE(nlohmann::json::parse(out.str(), nullptr, false).is_discarded());
}

TEST(RequestJournal, ExportsJsonLinesWithFixedKeyOrder) {
  RequestJournal j(JournalConfig{8});
  j.append({t0(), "eu_central_1", "client-1", "GET", "/api/v2/users", "pageSize=1", "/api/v2/users", 200, 12, ""});
  j.append({t0() + 1s, "eu_central_1", "client-1", "POST", "/api/v2/analytics/x", "", "", 503, 0, "outage#0"});
  std::ostringstream out;
  j.export_jsonl(out, 2);
  EXPECT_EQ(out.str(),
            R"({"seq":2,"time":"2026-03-29T00:00:01.000Z","region":"eu_central_1","client":"client-1","method":"POST",)"
            R"("path":"/api/v2/analytics/x","query":"","status":503,"latency_ms":0,"fault":"outage#0","truncated":false})"
            "\n");
  EXPECT_EQ(entry_to_json(j.snapshot(1).at(0))["query"], "pageSize=1");
}

TEST(RequestJournal, ConcurrentAppendsGetUniqueSequenceNumbers) {
  RequestJournal j(JournalConfig{100});
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t)
    threads.emplace_back([&] {
      for (int i = 0; i < 1000; ++i) j.append(record(i));
    });
  for (auto& th : threads) th.join();
  EXPECT_EQ(j.total_appended(), 4000u);
  auto s = j.snapshot();
  ASSERT_EQ(s.size(), 100u);
  for (std::size_t i = 0; i < s.size(); ++i) EXPECT_EQ(s[i].seq, 3901 + i);
  EXPECT_EQ(j.route_counts().at(0).count, 4000u);
}

TEST(RequestJournal, ConfigFromJson) {
  EXPECT_EQ(JournalConfig::from_json(nlohmann::json::parse(R"({"capacity":5})")).capacity, 5u);
  EXPECT_THROW(JournalConfig::from_json(nlohmann::json::parse(R"({"size":5})")), std::invalid_argument);
  EXPECT_THROW(JournalConfig::from_json(nlohmann::json::parse(R"({"capacity":0})")), std::invalid_argument);
}

TEST(RequestJournal, ConfigRejectsACapacityAboveTheMaximumNamingTheKey) {
  EXPECT_EQ(JournalConfig::from_json(nlohmann::json{{"capacity", kMaxCapacity}}).capacity, kMaxCapacity);
  try {
    JournalConfig::from_json(nlohmann::json{{"capacity", kMaxCapacity + 1}});
    FAIL() << "capacity above kMaxCapacity accepted";
  } catch (const std::invalid_argument& e) {
    EXPECT_NE(std::string(e.what()).find("capacity"), std::string::npos) << e.what();
  }
}

TEST(RequestJournal, LargeCapacityAllocatesOnlyAsEntriesArrive) {
  RequestJournal j(JournalConfig{kMaxCapacity});
  EXPECT_EQ(j.capacity(), kMaxCapacity);
  EXPECT_EQ(j.allocated_slots(), 0u);  // nothing up front: an idle 1,000,000-entry journal costs no ring
  for (int i = 1; i <= 10; ++i) j.append(record(i));
  const std::size_t after_ten = j.allocated_slots();
  EXPECT_GE(after_ten, 10u);
  EXPECT_LE(after_ten, 8192u);  // one chunk, not the capacity
  auto s = j.snapshot();
  ASSERT_EQ(s.size(), 10u);
  EXPECT_EQ(s.front().seq, 1u);
  EXPECT_EQ(s.back().path, "/api/v2/users/u10");
}

TEST(RequestJournal, LazyRingWrapsAroundAcrossChunksAtItsCapacity) {
  // 10 000 spans several allocation chunks and a partial last one; 25 000 appends wrap it twice.
  RequestJournal j(JournalConfig{10'000});
  for (int i = 1; i <= 5'000; ++i) j.append(record(i));
  EXPECT_LT(j.allocated_slots(), 10'000u);
  for (int i = 5'001; i <= 25'000; ++i) j.append(record(i));
  EXPECT_EQ(j.allocated_slots(), 10'000u);  // never past the capacity
  auto s = j.snapshot();
  ASSERT_EQ(s.size(), 10'000u);
  for (std::size_t i = 0; i < s.size(); ++i) {
    ASSERT_EQ(s[i].seq, 15'001 + i);
    ASSERT_EQ(s[i].path, "/api/v2/users/u" + std::to_string(15'001 + i));
  }
  EXPECT_EQ(j.snapshot(24'999).size(), 2u);
  EXPECT_EQ(j.total_appended(), 25'000u);
}
