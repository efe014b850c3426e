// The one PRNG, seed derivation, stable hash and UUID formatter: deterministic from the seed, with the
// right moments, and pinned values so a change to generated worlds, ids or fault decisions is noticed.
#include "mockgc/api/random.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <set>
#include <string>
#include <utility>

namespace api = mockgc::api;

TEST(Random, SplitmixAndFnv1aMatchPublishedVectors) {
  std::uint64_t sm = 0;
  EXPECT_EQ(api::splitmix64(sm), 0xE220A8397B1DCDAFULL);  // splitmix64(0), the reference implementation
  EXPECT_EQ(sm, api::kGoldenGamma);
  EXPECT_EQ(api::mix64(0), 0xE220A8397B1DCDAFULL);
  EXPECT_EQ(api::fnv1a(""), 0xcbf29ce484222325ULL);
  EXPECT_EQ(api::fnv1a("a"), 0xaf63dc4c8601ec8cULL);
  EXPECT_EQ(api::fnv1a("bc", api::fnv1a("a")), api::fnv1a("abc"));
}

TEST(Random, PinnedValuesKeepWorldsAndIdsStable) {
  // Seeds, streams and ids derived from these functions appear in every generated world: pinned.
  EXPECT_EQ(api::derive_seed(1, {"eu", "users"}), 0x4817c73944ac9adfULL);
  EXPECT_EQ(api::derive_seed(1, "x", 3), 0xbfe4e1ae21e90e9cULL);
  EXPECT_EQ(api::derive_seed(42, std::uint64_t{7}), 0xcbbd05c7de73a889ULL);
  api::Rng r(1);
  EXPECT_EQ(r.next(), 0xb3f2af6d0fc710c5ULL);
  EXPECT_EQ(r.next(), 0x853b559647364ceaULL);
  api::Rng u(1);
  EXPECT_EQ(api::make_uuid(u), "b3f2af6d-0fc7-40c5-853b-559647364cea");
  EXPECT_EQ(api::hash_combine(api::hash_combine(7, "eu"), std::uint64_t{3}), 0x0fa7222629e06019ULL);
}

TEST(Random, SameSeedSameStreamAndDifferentSeedsDiffer) {
  api::Rng a(42), b(42), c(43);
  for (int i = 0; i < 100; ++i) {
    const auto x = a.next();
    EXPECT_EQ(x, b.next());
    EXPECT_NE(x, c.next());
  }
}

TEST(Random, DerivedSeedsDependOnEveryInput) {
  EXPECT_EQ(api::derive_seed(1, {"eu", "users"}), api::derive_seed(1, {"eu", "users"}));
  EXPECT_NE(api::derive_seed(1, {"eu", "users"}), api::derive_seed(1, {"eu", "queues"}));
  EXPECT_NE(api::derive_seed(1, {"ab", "c"}), api::derive_seed(1, {"a", "bc"}));
  EXPECT_NE(api::derive_seed(1, {"eu"}), api::derive_seed(2, {"eu"}));
  EXPECT_NE(api::derive_seed(1, "x", 0), api::derive_seed(1, "x", 1));
  EXPECT_NE(api::derive_seed(1, "x", 0), api::derive_seed(1, "y", 0));
  // An indexed stream under a label is the indexed stream under the label's seed (callers hash it once).
  EXPECT_EQ(api::derive_seed(1, "x", 5), api::derive_seed(api::derive_seed(1, {"x"}), std::uint64_t{5}));
  EXPECT_NE(api::derive_seed(42, std::uint64_t{0}), api::derive_seed(42, std::uint64_t{1}));
  EXPECT_NE(api::derive_seed(42, std::uint64_t{1}), api::derive_seed(43, std::uint64_t{1}));
  api::Rng s0(api::derive_seed(42, std::uint64_t{0})), s1(api::derive_seed(42, std::uint64_t{1}));
  EXPECT_NE(s0.next(), s1.next());
}

TEST(Random, HashCombineIsOrderSensitiveAndSplitsTexts) {
  EXPECT_EQ(api::hash_combine(1, "abc"), api::hash_combine(1, "abc"));
  EXPECT_NE(api::hash_combine(api::hash_combine(1, "ab"), "c"), api::hash_combine(api::hash_combine(1, "a"), "bc"));
  EXPECT_NE(api::hash_combine(api::hash_combine(1, "a"), "b"), api::hash_combine(api::hash_combine(1, "b"), "a"));
  EXPECT_NE(api::hash_combine(1, std::uint64_t{5}), api::hash_combine(2, std::uint64_t{5}));
  EXPECT_NE(api::hash_combine(1, ""), api::hash_combine(2, ""));
  EXPECT_EQ(api::unit_interval(0), 0.0);
  EXPECT_LT(api::unit_interval(~0ULL), 1.0);
}

TEST(Random, BelowAndBetweenStayInRangeAndCoverIt) {
  api::Rng r(7);
  std::set<std::uint64_t> seen;
  for (int i = 0; i < 2000; ++i) {
    auto v = r.below(10);
    ASSERT_LT(v, 10u);
    seen.insert(v);
  }
  EXPECT_EQ(seen.size(), 10u);
  EXPECT_EQ(r.below(0), 0u);
  std::set<std::int64_t> between;
  for (int i = 0; i < 500; ++i) {
    auto v = r.between(-3, 3);
    ASSERT_GE(v, -3);
    ASSERT_LE(v, 3);
    between.insert(v);
  }
  EXPECT_EQ(between.size(), 7u);
  EXPECT_EQ(r.between(5, 5), 5);
  for (int i = 0; i < 1000; ++i) {
    const double x = r.uniform(2.0, 3.0);
    ASSERT_GE(x, 2.0);
    ASSERT_LT(x, 3.0);
  }
}

namespace {
template <class F>
std::pair<double, double> moments(F f, int n) {
  double s = 0, s2 = 0;
  for (int i = 0; i < n; ++i) {
    const double x = f();
    s += x;
    s2 += x * x;
  }
  const double m = s / n;
  return {m, s2 / n - m * m};
}
}  // namespace

TEST(Random, UniformNormalExponentialMoments) {
  api::Rng r(7);
  for (int i = 0; i < 10000; ++i) {
    const double u = r.uniform();
    ASSERT_GE(u, 0.0);
    ASSERT_LT(u, 1.0);
    const double o = r.uniform_open();
    ASSERT_GT(o, 0.0);
    ASSERT_LT(o, 1.0);
  }
  auto [m, v] = moments([&] { return r.normal(); }, 200000);
  EXPECT_NEAR(m, 0.0, 0.01);
  EXPECT_NEAR(v, 1.0, 0.01);
  auto [me, ve] = moments([&] { return r.exponential(3.0); }, 200000);
  EXPECT_NEAR(me, 3.0, 0.03);
  EXPECT_NEAR(ve, 9.0, 0.2);
  auto [ml, vl] = moments([&] { return r.lognormal_mean_cv(300.0, 0.5); }, 200000);
  EXPECT_NEAR(ml, 300.0, 2.0);
  EXPECT_NEAR(std::sqrt(vl) / ml, 0.5, 0.01);
  auto [mc, vc] = moments([&] { return r.chance(0.3) ? 1.0 : 0.0; }, 100000);
  EXPECT_NEAR(mc, 0.3, 0.01);
  (void)vc;
}

TEST(Random, PoissonMomentsSmallAndLargeMeans) {
  api::Rng r(9);
  for (double lambda : {0.5, 4.0, 29.0, 31.0, 250.0, 5000.0}) {
    auto [m, v] = moments([&] { return static_cast<double>(r.poisson(lambda)); }, 100000);
    EXPECT_NEAR(m, lambda, 5.0 * std::sqrt(lambda / 100000.0) + 1e-9) << lambda;
    EXPECT_NEAR(v / lambda, 1.0, 0.03) << lambda;
  }
  EXPECT_EQ(r.poisson(0.0), 0u);
}

TEST(Random, UuidsAreVersion4AndDistinct) {
  api::Rng r(1);
  std::set<std::string> ids;
  for (int i = 0; i < 1000; ++i) {
    auto id = api::make_uuid(r);
    EXPECT_TRUE(api::is_uuid_v4(id)) << id;
    ids.insert(id);
  }
  EXPECT_EQ(ids.size(), 1000u);
  EXPECT_FALSE(api::is_uuid_v4("0"));
  EXPECT_FALSE(api::is_uuid_v4("3F2B0000-0000-4000-8000-000000000000"));
  EXPECT_FALSE(api::is_uuid_v4("3f2b0000-0000-1000-8000-000000000000"));
  EXPECT_FALSE(api::is_uuid_v4("3f2b0000-0000-4000-c000-000000000000"));
  EXPECT_EQ(api::uuid_from_words(0, 0), "00000000-0000-4000-8000-000000000000");
  EXPECT_EQ(api::uuid_from_words(0x0123456789abcdefULL, 0xfedcba9876543210ULL), "01234567-89ab-4def-bedc-ba9876543210");
  EXPECT_EQ(api::uuid_from_words(~0ULL, ~0ULL), "ffffffff-ffff-4fff-bfff-ffffffffffff");
}
