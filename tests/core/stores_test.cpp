#include <gtest/gtest.h>

#include "mockgc/core/download_store.hpp"
#include "mockgc/core/token_store.hpp"
#include "mockgc/core/upload_store.hpp"

using namespace mockgc;
using namespace mockgc::core;
using namespace std::chrono_literals;

TEST(TokenStore, TokensAreDeterministicBoundAndExpire) {
  const Instant t0{};
  TokenStore a(1, 10), b(1, 10), c(2, 10);
  auto ta = a.issue("eu_central_1", "client", t0, 100s);
  EXPECT_EQ(ta, b.issue("eu_central_1", "client", t0, 100s));
  EXPECT_NE(ta, c.issue("eu_central_1", "client", t0, 100s));
  EXPECT_NE(ta, a.issue("eu_central_1", "client", t0, 100s));
  auto rec = a.find(ta, t0 + 99s);
  ASSERT_TRUE(rec);
  EXPECT_EQ(rec->region, "eu_central_1");
  EXPECT_FALSE(a.find(ta, t0 + 100s));
  EXPECT_FALSE(a.find("unknown", t0));
}

TEST(TokenStore, CapacityForgetsTheOldest) {
  const Instant t0{};
  TokenStore s(1, 3);
  auto first = s.issue("r", "c", t0, 100s);
  for (int i = 0; i < 3; ++i) s.issue("r", "c", t0, 100s);
  EXPECT_FALSE(s.find(first, t0));
}

TEST(DownloadStore, BoundedByCountBytesAndTime) {
  const Instant t0{};
  DownloadStore s(1, 2, 100, Millis(1000));
  auto a = s.put("aaaa", t0);
  auto b = s.put("bbbb", t0);
  EXPECT_EQ(s.get(a, t0).value_or(""), "aaaa");
  auto c = s.put("cccc", t0);  // evicts a (count)
  EXPECT_FALSE(s.get(a, t0));
  EXPECT_TRUE(s.get(b, t0));
  EXPECT_FALSE(s.get(c, t0 + Millis(1000)));  // expired
  s.put(std::string(150, 'x'), t0);           // over the byte budget: everything goes, itself included
  EXPECT_EQ(s.size(), 0u);
}

TEST(DownloadStore, AResultNamesItsOwnIdAndAppearsWhenItsOperationCompletes) {
  const Instant t0{};
  DownloadStore s(1, 4, 1000, Millis(1000));
  std::string named;
  const auto id = s.put([&](const std::string& own) { return named = own, "{\"operationId\":\"" + own + "\"}"; }, t0,
                        t0 + Millis(5000));
  EXPECT_EQ(named, id);
  EXPECT_FALSE(s.get(id, t0));
  EXPECT_FALSE(s.get(id, t0 + Millis(4999)));
  EXPECT_EQ(s.get(id, t0 + Millis(5000)).value_or(""), "{\"operationId\":\"" + id + "\"}");
  EXPECT_TRUE(s.get(id, t0 + Millis(5999))) << "its lifetime counts from when it appears";
  EXPECT_FALSE(s.get(id, t0 + Millis(6000)));
}

TEST(UploadStore, ReservedSlotsFillOnceKeyedAndExpire) {
  const Instant t0{};
  UploadStore s(1, 2, 100);
  auto key = s.reserve("eu_central_1", "historicaldata-csv", "h.csv", t0, Millis(1000));
  EXPECT_EQ(key, UploadStore(1, 2, 100).reserve("x", "y", "z", t0, Millis(1)));  // deterministic from the seed
  auto slot = s.get(key, t0);
  ASSERT_TRUE(slot);
  EXPECT_FALSE(slot->filled);
  EXPECT_EQ(s.put("no-such-key", "a", "text/csv", "", t0), UploadPutResult::unknown_key);
  EXPECT_EQ(s.put(key, std::string(101, 'x'), "text/csv", "", t0), UploadPutResult::too_large);
  EXPECT_EQ(s.put(key, "a,b", "text/csv", "", t0), UploadPutResult::stored);
  slot = s.get(key, t0);
  ASSERT_TRUE(slot && slot->filled);
  EXPECT_EQ(slot->body, "a,b");
  EXPECT_EQ(slot->content_type, "text/csv");
  EXPECT_EQ(slot->region, "eu_central_1");
  EXPECT_EQ(s.put(key, "late", "text/csv", "", t0 + Millis(1000)), UploadPutResult::expired);
  EXPECT_FALSE(s.get(key, t0 + Millis(1000)));
  // Bounded by count: a third reservation evicts the first.
  auto k2 = s.reserve("r", "p", "f", t0, Millis(1000));
  auto k3 = s.reserve("r", "p", "f", t0, Millis(1000));
  EXPECT_FALSE(s.get(key, t0));
  EXPECT_TRUE(s.get(k2, t0) && s.get(k3, t0));
}
