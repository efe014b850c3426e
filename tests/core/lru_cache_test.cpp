#include "lru_cache.hpp"

#include <gtest/gtest.h>

#include <optional>
#include <string>

using mockgc::core::LruCache;

namespace {

// The cached value of `key` (made the most recently used), or nullopt.
template <class Cache, class Key>
auto value_of(Cache& cache, const Key& key) {
  auto* hit = cache.find(key);
  return hit ? std::optional(*hit) : std::nullopt;
}

}  // namespace

TEST(LruCache, EvictsTheLeastRecentlyUsedOverACountBudget) {
  LruCache<int, std::string> cache(2);
  cache.insert(1, "one");
  cache.insert(2, "two");
  EXPECT_EQ(value_of(cache, 1), "one");  // 2 is now the least recently used
  cache.insert(3, "three");
  EXPECT_EQ(cache.size(), 2u);
  EXPECT_EQ(value_of(cache, 2), std::nullopt);
  EXPECT_EQ(value_of(cache, 1), "one");
  EXPECT_EQ(value_of(cache, 3), "three");
}

TEST(LruCache, InsertOfACachedKeyKeepsTheCachedValueAndItsPlace) {
  LruCache<int, std::string> cache(2);
  cache.insert(1, "one");
  cache.insert(2, "two");
  EXPECT_EQ(cache.insert(1, "uno"), "one");  // not made the most recently used
  cache.insert(3, "three");
  EXPECT_EQ(cache.find(1), nullptr);
  EXPECT_NE(cache.find(2), nullptr);
}

TEST(LruCache, AWeightBudgetEvictsUntilTheTotalFitsAndKeepsTheNewest) {
  LruCache<int, int> cache(10);
  cache.insert(1, 1, 4);
  cache.insert(2, 2, 4);
  EXPECT_EQ(cache.weight(), 8u);
  cache.insert(3, 3, 4);  // 12 > 10: the least recently used (1) goes
  EXPECT_EQ(cache.weight(), 8u);
  EXPECT_EQ(cache.find(1), nullptr);
  cache.insert(4, 4, 25);  // over the budget alone: every other entry goes, the newest stays
  EXPECT_EQ(cache.size(), 1u);
  EXPECT_EQ(cache.weight(), 25u);
  EXPECT_NE(cache.find(4), nullptr);
}

TEST(LruCache, ClearDropsEverything) {
  LruCache<int, int> cache(3);
  cache.insert(1, 1);
  cache.insert(2, 2);
  cache.clear();
  EXPECT_EQ(cache.size(), 0u);
  EXPECT_EQ(cache.weight(), 0u);
  EXPECT_EQ(cache.find(1), nullptr);
}
