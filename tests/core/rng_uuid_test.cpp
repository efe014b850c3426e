#include <gtest/gtest.h>

#include <set>

#include "mockgc/core/rng.hpp"
#include "mockgc/core/uuid.hpp"

using namespace mockgc::core;

TEST(Rng, SameSeedSameStreamAndDifferentSeedsDiffer) {
  Rng a(42), b(42), c(43);
  for (int i = 0; i < 100; ++i) {
    const auto x = a.next();
    EXPECT_EQ(x, b.next());
    EXPECT_NE(x, c.next());
  }
}

TEST(Rng, DerivedStreamsDependOnEveryLabel) {
  EXPECT_EQ(derive_seed(1, {"eu", "users"}), derive_seed(1, {"eu", "users"}));
  EXPECT_NE(derive_seed(1, {"eu", "users"}), derive_seed(1, {"eu", "queues"}));
  EXPECT_NE(derive_seed(1, {"ab", "c"}), derive_seed(1, {"a", "bc"}));
  EXPECT_NE(derive_seed(1, {"eu"}), derive_seed(2, {"eu"}));
  EXPECT_NE(derive_seed(1, "x", 0), derive_seed(1, "x", 1));
}

TEST(Rng, BelowStaysInRangeAndCoversIt) {
  Rng r(7);
  std::set<std::uint64_t> seen;
  for (int i = 0; i < 2000; ++i) {
    auto v = r.below(10);
    ASSERT_LT(v, 10u);
    seen.insert(v);
  }
  EXPECT_EQ(seen.size(), 10u);
  EXPECT_EQ(r.below(0), 0u);
  for (int i = 0; i < 100; ++i) {
    auto v = r.between(-3, 3);
    EXPECT_GE(v, -3);
    EXPECT_LE(v, 3);
  }
}

TEST(Uuid, ShapeIsVersion4) {
  Rng r(1);
  std::set<std::string> ids;
  for (int i = 0; i < 1000; ++i) {
    auto id = make_uuid(r);
    EXPECT_TRUE(is_uuid_v4(id)) << id;
    ids.insert(id);
  }
  EXPECT_EQ(ids.size(), 1000u);
  EXPECT_FALSE(is_uuid_v4("0"));
  EXPECT_FALSE(is_uuid_v4("3F2B0000-0000-4000-8000-000000000000"));
  EXPECT_FALSE(is_uuid_v4("3f2b0000-0000-1000-8000-000000000000"));
  EXPECT_EQ(uuid_from_words(0, 0), "00000000-0000-4000-8000-000000000000");
}
