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
  return {t0() + Millis(i), "eu_central_1", "client-1", "GET", path, "expand=x", route, status, 3, "", {}};
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
  j.append({t0(), "eu", "c", "GET", path, "", "", 200, 0, "", {}});
  auto e = j.snapshot().at(0);
  EXPECT_TRUE(e.truncated);
  EXPECT_EQ(e.path, path.substr(0, kPathBytes - 1));
  std::ostringstream out;
  j.export_jsonl(out);
  EXPECT_FALSE(nlohmann::json::parse(out.str(), nullptr, false).is_discarded());
}

TEST(RequestJournal, ExportsJsonLinesWithFixedKeyOrder) {
  RequestJournal j(JournalConfig{8});
  j.append({t0(), "eu_central_1", "client-1", "GET", "/api/v2/users", "pageSize=1", "/api/v2/users", 200, 12, "", {}});
  j.append({t0() + 1s, "eu_central_1", "client-1", "POST", "/api/v2/analytics/x", "", "", 503, 0, "outage#0", {}});
  std::ostringstream out;
  j.export_jsonl(out, 2);
  EXPECT_EQ(out.str(),
            R"({"seq":2,"time":"2026-03-29T00:00:01.000Z","region":"eu_central_1","client":"client-1","method":"POST",)"
            R"("path":"/api/v2/analytics/x","query":"","status":503,"latency_ms":0,"fault":"outage#0","truncated":false,)"
            R"("route":"","token":"","token_region":"","auth":"","retry_after_s":-1,"limit_scope":"","expires_in_s":-1,)"
            R"("body_hash":"0000000000000000","name":"","foreign_ids":"","leak":"","inflight":0,"error_code":"",)"
            R"("error_message":"","more":"","event":"","detail":"","count":-1})"
            "\n");
  EXPECT_EQ(entry_to_json(j.snapshot(1).at(0))["query"], "pageSize=1");
}

namespace {
// A record with every traffic fact set to something other than its default.
JournalRecord full_record() {
  TrafficFacts f;
  f.token = "0123456789ab";
  f.token_region = "ap_southeast_2";
  f.auth = "expired";
  f.retry_after_s = 37;
  f.limit_scope = "route:POST /api/v2/x/**";
  f.expires_in_s = 86399;
  f.body_hash = 0xfedcba9876543210ULL;  // past 2^53: must survive as text
  f.name = "Shift swap";
  f.foreign_ids = "3f2a9c1e-0000-4000-8000-100000000000@eu_central_1";
  f.leak = "access_token in query";
  f.inflight = 3;
  f.error_code = "bad.request";
  f.error_message = "The request could not be understood.";
  f.more = "page 1/5";
  f.event = "socket_close";
  f.detail = "socket_drop";
  f.count = 21;
  return {t0() + 1500ms, "ap_southeast_2", "client-9", "POST", "/api/v2/x/y", "access_token=REDACTED",
          "/api/v2/x/{id}", 400, 7, "latency#1", f};
}
}  // namespace

TEST(RequestJournal, StoresEveryTrafficFact) {
  RequestJournal j(JournalConfig{2});
  j.append(full_record());
  const JournalEntry e = j.snapshot().at(0);
  EXPECT_EQ(e.route, "/api/v2/x/{id}");
  EXPECT_EQ(e.token, "0123456789ab");
  EXPECT_EQ(e.token_region, "ap_southeast_2");
  EXPECT_EQ(e.auth, "expired");
  EXPECT_EQ(e.retry_after_s, 37);
  EXPECT_EQ(e.limit_scope, "route:POST /api/v2/x/**");
  EXPECT_EQ(e.expires_in_s, 86399);
  EXPECT_EQ(e.body_hash, 0xfedcba9876543210ULL);
  EXPECT_EQ(e.name, "Shift swap");
  EXPECT_EQ(e.foreign_ids, "3f2a9c1e-0000-4000-8000-100000000000@eu_central_1");
  EXPECT_EQ(e.leak, "access_token in query");
  EXPECT_EQ(e.inflight, 3);
  EXPECT_EQ(e.error_code, "bad.request");
  EXPECT_EQ(e.error_message, "The request could not be understood.");
  EXPECT_EQ(e.more, "page 1/5");
  EXPECT_EQ(e.event, "socket_close");
  EXPECT_EQ(e.detail, "socket_drop");
  EXPECT_EQ(e.count, 21);
  EXPECT_FALSE(e.truncated);
  EXPECT_EQ(entry_to_json(e)["body_hash"], "fedcba9876543210");
}

TEST(RequestJournal, LongTrafficFactsAreCutAndFlagged) {
  RequestJournal j(JournalConfig{2});
  JournalRecord r = full_record();
  const std::string name(kNameBytes + 10, 'n');
  r.facts.name = name;
  j.append(r);
  const JournalEntry e = j.snapshot().at(0);
  EXPECT_EQ(e.name, name.substr(0, kNameBytes));
  EXPECT_TRUE(e.truncated);
}

TEST(RequestJournal, ExportedLinesReadBackIntoEqualEntries) {
  RequestJournal j(JournalConfig{4});
  j.append(full_record());
  j.append(record(2));
  std::ostringstream out;
  j.export_jsonl(out);
  std::istringstream in(out.str());
  const auto entries = j.snapshot();
  std::string line;
  for (const auto& expected : entries) {
    ASSERT_TRUE(std::getline(in, line));
    EXPECT_EQ(entry_from_json(nlohmann::json::parse(line)), expected) << line;
  }
}

TEST(RequestJournal, EntryFromJsonDefaultsMissingKeysAndNamesWrongTypes) {
  // An export from before the traffic facts: the new fields take their defaults.
  const auto old = entry_from_json(nlohmann::json::parse(
      R"({"seq":4,"time":"2026-03-29T00:00:01.000Z","region":"eu","client":"c","method":"GET","path":"/p",)"
      R"("query":"","status":200,"latency_ms":3,"fault":"","truncated":false})"));
  EXPECT_EQ(old.seq, 4u);
  EXPECT_EQ(old.time, t0() + 1s);
  EXPECT_EQ(old.retry_after_s, -1);
  EXPECT_EQ(old.expires_in_s, -1);
  EXPECT_EQ(old.body_hash, 0u);
  EXPECT_EQ(old.auth, "");
  auto throws_naming = [](const char* text, const char* key) {
    try {
      entry_from_json(nlohmann::json::parse(text));
      ADD_FAILURE() << "accepted " << text;
    } catch (const std::invalid_argument& e) {
      EXPECT_NE(std::string(e.what()).find(key), std::string::npos) << e.what();
    }
  };
  throws_naming(R"({"retry_after_s":"12"})", "retry_after_s");
  throws_naming(R"({"body_hash":12})", "body_hash");
  throws_naming(R"({"body_hash":"xyz"})", "body_hash");
  throws_naming(R"({"auth":false})", "auth");
  throws_naming(R"({"time":"yesterday"})", "time");
  throws_naming(R"({"inflight":1.5})", "inflight");
  EXPECT_THROW(entry_from_json(nlohmann::json::array()), std::invalid_argument);
}

TEST(RequestJournal, SinkSeesEveryEntryInSeqOrderBeyondTheCapacity) {
  RequestJournal j(JournalConfig{2});
  std::vector<JournalEntry> seen;
  j.set_sink([&](const JournalEntry& e) { seen.push_back(e); });
  j.append(full_record());
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t)
    threads.emplace_back([&] {
      for (int i = 0; i < 100; ++i) j.append(record(i));
    });
  for (auto& th : threads) th.join();
  ASSERT_EQ(seen.size(), 401u);
  for (std::size_t i = 0; i < seen.size(); ++i) ASSERT_EQ(seen[i].seq, i + 1);
  EXPECT_EQ(seen[0].name, "Shift swap");
  EXPECT_EQ(seen.back(), j.snapshot().back());
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
