// Global adherence snapshot, in-process against mock-gc's default world on a virtual clock: counts add
// up, bi-regional people are counted once, outliers respect the threshold, a region down or half-read is
// reported (missing / partial with reasons), and polling reads each org at its own offset.
#include <gtest/gtest.h>

#include <map>
#include <set>

#include "mockgc/client/errc.hpp"
#include "mockgc/workflows/adherence_snapshot.hpp"
#include "support/default_world.hpp"

namespace mockgc::workflows {
namespace {

using testing::DefaultWorld;

// Mid-morning in Europe (2023-11-14 09:40 UTC), so shifts are running and some agents start late.
constexpr std::int64_t kMorningMs = 1'699'954'800'000;

int sum(const std::map<std::string, int>& m) {
  int n = 0;
  for (const auto& [k, v] : m) n += v;
  return n;
}

TEST(AdherenceSnapshot, CountsAddUpAndEachBiRegionalPersonIsCountedOnce) {
  DefaultWorld w(kMorningMs);
  const auto s = take_adherence_snapshot(*w.orgs, {});
  ASSERT_EQ(s.orgs.size(), w.configs.size());
  int total = 0;
  std::map<std::string, int> orgs_of_key;
  for (const auto& o : s.orgs) {
    EXPECT_TRUE(o.status.is_complete()) << o.org << ": " << describe(o.status);
    EXPECT_GT(o.counts.agents, 0) << o.org;
    EXPECT_EQ(sum(o.counts.states), o.counts.agents) << o.org;
    EXPECT_EQ(sum(o.counts.impacts), o.counts.agents) << o.org;
    EXPECT_EQ(o.counts.agents, static_cast<int>(o.agents.size()));
    EXPECT_LE(o.counts.in_adherence_scheduled, o.counts.scheduled);
    ASSERT_TRUE(o.staleness.has_value());
    EXPECT_GE(o.staleness->count(), 0);
    total += o.counts.agents;
    for (const auto& a : o.agents) ++orgs_of_key[a.person_key];
  }
  int multi = 0;
  for (const auto& [key, n] : orgs_of_key) multi += n > 1;
  EXPECT_EQ(multi, 5);  // the default world's five bi-regional people
  EXPECT_EQ(s.multi_region_people, 5);
  EXPECT_EQ(s.people, static_cast<int>(orgs_of_key.size()));
  EXPECT_EQ(s.global.agents, total - s.duplicates);
  EXPECT_EQ(s.duplicates, total - static_cast<int>(orgs_of_key.size()));
  EXPECT_GE(s.duplicates, 5);
  EXPECT_EQ(sum(s.global.states), s.global.agents);
  EXPECT_EQ(sum(s.global.impacts), s.global.agents);
  ASSERT_TRUE(s.global.percent_in_adherence().has_value());
  EXPECT_GT(*s.global.percent_in_adherence(), 0.0);
  EXPECT_LE(*s.global.percent_in_adherence(), 100.0);
}

TEST(AdherenceSnapshot, MergedPersonKeepsTheScheduledRecord) {
  DefaultWorld w(kMorningMs);
  std::vector<OrgAdherence> orgs;
  for (std::size_t i = 0; i < w.orgs->size(); ++i) orgs.push_back(read_org_adherence(w.orgs->at(i)));
  // Find a bi-regional person; make the first org's record unscheduled and the later one scheduled.
  AgentAdherence* first = nullptr;
  AgentAdherence* later = nullptr;
  for (auto& o1 : orgs)
    for (auto& a : o1.agents)
      for (auto& o2 : orgs)
        if (&o2 != &o1 && !first)
          for (auto& b : o2.agents)
            if (b.person_key == a.person_key && &o1 < &o2) {
              first = &a;
              later = &b;
            }
  ASSERT_NE(first, nullptr);
  first->scheduled_category = "Unscheduled";
  first->adherence_state = "Unscheduled";
  later->scheduled_category = "OnQueueWork";
  later->adherence_state = "InAdherence";
  const auto before = merge_adherence(orgs, w.clock->now(), 10);
  later->adherence_state = "OutOfAdherence";
  const auto after = merge_adherence(orgs, w.clock->now(), 10);
  // The scheduled record (the later org's) is the one counted: changing it moves the global counts.
  EXPECT_EQ(after.global.states.at("OutOfAdherence"), before.global.states.at("OutOfAdherence") + 1);
  EXPECT_EQ(after.global.agents, before.global.agents);
}

TEST(AdherenceSnapshot, OutliersRespectTheThreshold) {
  DefaultWorld w(kMorningMs);
  // Late starters are out of adherence (negative) for 2-15 minutes after their shift start, unless routing
  // pulls them onto a waiting conversation first (which the history decides): walk the virtual clock through
  // a morning until some are, then check the threshold filter on that reading.
  std::vector<OrgAdherence> orgs;
  AdherenceSnapshot all;
  w.virtual_clock.set(core::Instant(core::Millis(kMorningMs - 3 * 3'600'000)));
  for (int minute = 0; minute < 8 * 60; minute += 3) {
    orgs.clear();
    for (std::size_t i = 0; i < w.orgs->size(); ++i) orgs.push_back(read_org_adherence(w.orgs->at(i)));
    all = merge_adherence(orgs, w.clock->now(), 0);
    if (all.outliers.size() >= 2 && all.outliers.front().minutes > all.outliers.back().minutes) break;
    w.virtual_clock.advance(std::chrono::minutes(3));
  }
  ASSERT_GE(all.outliers.size(), 2u) << "no two late starters with different delays in eight hours";
  const auto at = all.taken_at;
  int negatives = 0;
  std::set<std::string> negative_people;
  for (const auto& o : orgs)
    for (const auto& a : o.agents)
      if (a.adherence_state == "OutOfAdherence" && a.impact == "Negative") {
        ++negatives;
        negative_people.insert(a.person_key);
      }
  EXPECT_EQ(all.outliers.size(), negative_people.size());  // threshold 0: every negative person once
  const long long longest = all.outliers.front().minutes;
  const auto at_longest = merge_adherence(orgs, at, static_cast<int>(longest));
  const auto above = merge_adherence(orgs, at, static_cast<int>(longest + 1));
  EXPECT_TRUE(above.outliers.empty());
  ASSERT_FALSE(at_longest.outliers.empty());  // ">=": exactly the threshold counts
  for (const auto& x : at_longest.outliers) EXPECT_EQ(x.minutes, longest);
  const auto ten = merge_adherence(orgs, at, 10);
  std::size_t expected_ten = 0;
  for (const auto& x : all.outliers) expected_ten += x.minutes >= 10;
  EXPECT_EQ(ten.outliers.size(), expected_ten);
  for (const auto& x : ten.outliers) EXPECT_GE(x.minutes, 10);
  std::set<std::string> keys;
  for (const auto& x : all.outliers) EXPECT_TRUE(keys.insert(x.person_key).second) << "listed twice: " << x.person_key;
  EXPECT_GE(negatives, static_cast<int>(all.outliers.size()));
}

TEST(AdherenceSnapshot, ARegionDownIsMissingWithAReasonAndTheOthersStillCount) {
  DefaultWorld w(kMorningMs);
  const auto full = take_adherence_snapshot(*w.orgs, {});
  DefaultWorld down(kMorningMs);
  down.failing->host = down.configs.at(1).api.host;
  down.failing->fails = [](const std::string&) { return true; };
  const auto s = take_adherence_snapshot(*down.orgs, {});
  ASSERT_EQ(s.orgs.size(), full.orgs.size());
  EXPECT_TRUE(s.orgs[1].status.is_missing());
  EXPECT_FALSE(s.orgs[1].status.why.empty());
  EXPECT_EQ(s.orgs[1].counts.agents, 0);
  EXPECT_TRUE(s.any_missing());
  int total = 0;
  for (std::size_t i = 0; i < s.orgs.size(); ++i) {
    if (i != 1) {
      EXPECT_TRUE(s.orgs[i].status.is_complete());
      EXPECT_EQ(s.orgs[i].counts.agents, full.orgs[i].counts.agents);
    }
    total += s.orgs[i].counts.agents;
  }
  EXPECT_EQ(s.global.agents, total - s.duplicates);
  EXPECT_LT(s.global.agents, full.global.agents);
}

TEST(AdherenceSnapshot, AnUnreadableMuListingFallsBackToUserIdBatches) {
  DefaultWorld full(kMorningMs);
  const auto expected = take_adherence_snapshot(*full.orgs, {});
  DefaultWorld w(kMorningMs);
  w.failing->host = w.configs.at(0).api.host;
  w.failing->fails = [](const std::string& target) {
    return target.rfind("/api/v2/workforcemanagement/managementunits/", 0) == 0 &&
           target.find("/adherence") != std::string::npos;
  };
  const auto s = take_adherence_snapshot(*w.orgs, {});
  EXPECT_TRUE(s.orgs[0].status.is_complete()) << describe(s.orgs[0].status);
  EXPECT_EQ(to_json(s)["global"], to_json(expected)["global"]);  // same records, fetched the other way
  EXPECT_EQ(to_json(s)["orgs"][0]["counts"], to_json(expected)["orgs"][0]["counts"]);
  // Both ways down: the region is missing, with both reasons.
  w.failing->fails = [](const std::string& target) { return target.find("adherence") != std::string::npos; };
  const auto down = take_adherence_snapshot(*w.orgs, {});
  EXPECT_TRUE(down.orgs[0].status.is_missing());
  EXPECT_NE(down.orgs[0].status.why.find("by user ids"), std::string::npos) << down.orgs[0].status.why;
}

TEST(AdherenceSnapshot, UnreadableUsersMakeTheRegionPartial) {
  DefaultWorld w(kMorningMs);
  w.failing->host = w.configs.at(0).api.host;
  w.failing->fails = [](const std::string& target) { return target.rfind("/api/v2/users?", 0) == 0; };
  const auto s = take_adherence_snapshot(*w.orgs, {});
  EXPECT_EQ(s.orgs[0].status.kind, RegionStatus::Kind::partial);
  EXPECT_FALSE(s.orgs[0].status.what.empty());
  EXPECT_FALSE(s.orgs[0].status.why.empty());
  EXPECT_GT(s.orgs[0].counts.agents, 0);
  EXPECT_FALSE(s.any_missing());
}

TEST(AdherenceSnapshot, PollingReadsEachOrgAtItsOwnOffsetAndKeepsStaleData) {
  DefaultWorld w(kMorningMs);
  std::vector<AdherenceSnapshot> rounds;
  const auto start = w.clock->now();
  poll_adherence(*w.orgs, {}, 2, std::chrono::minutes(1),
                 [&](int, const AdherenceSnapshot& s) { rounds.push_back(s); });
  ASSERT_EQ(rounds.size(), 2u);
  EXPECT_GE(rounds[1].taken_at - start, std::chrono::minutes(1));
  std::set<client::Instant> answered;
  for (const auto& o : rounds[0].orgs) {
    ASSERT_TRUE(o.answered_at.has_value());
    answered.insert(*o.answered_at);
  }
  EXPECT_EQ(answered.size(), rounds[0].orgs.size());  // never in lock-step
  // A region that goes down after the first round keeps its last data, marked stale.
  DefaultWorld v(kMorningMs);
  std::vector<AdherenceSnapshot> seen;
  poll_adherence(*v.orgs, {}, 2, std::chrono::minutes(1), [&](int round, const AdherenceSnapshot& s) {
    seen.push_back(s);
    if (round == 0) {
      v.failing->host = v.configs.at(0).api.host;
      v.failing->fails = [](const std::string&) { return true; };
    }
  });
  ASSERT_EQ(seen.size(), 2u);
  EXPECT_TRUE(seen[0].orgs[0].status.is_complete());
  EXPECT_EQ(seen[1].orgs[0].status.kind, RegionStatus::Kind::partial);
  EXPECT_EQ(seen[1].orgs[0].counts.agents, seen[0].orgs[0].counts.agents);
  ASSERT_TRUE(seen[1].orgs[0].staleness.has_value());
  EXPECT_GE(*seen[1].orgs[0].staleness, std::chrono::seconds(30));
}

TEST(AdherenceSnapshot, JsonIsDeterministic) {
  DefaultWorld a(kMorningMs), b(kMorningMs);
  EXPECT_EQ(to_json(take_adherence_snapshot(*a.orgs, {})).dump(), to_json(take_adherence_snapshot(*b.orgs, {})).dump());
}

TEST(AdherenceSnapshot, OneOrgListedTwiceCountsEveryPersonOnce) {
  DefaultWorld w(kMorningMs);
  auto twice = std::vector<client::OrgConfig>{w.configs.at(0), w.configs.at(0)};
  twice[1].name += "-again";
  client::OrgClients orgs(twice, *w.inner, *w.clock, client::OrgClientOptions{}, 1);
  const auto s = take_adherence_snapshot(orgs, {});
  ASSERT_EQ(s.orgs.size(), 2u);
  EXPECT_EQ(s.duplicates, s.orgs[0].counts.agents);
  EXPECT_EQ(s.people, s.orgs[0].counts.agents);
  EXPECT_EQ(s.multi_region_people, s.orgs[0].counts.agents);
  EXPECT_EQ(s.global.states, s.orgs[0].counts.states);
  EXPECT_EQ(s.global.scheduled, s.orgs[0].counts.scheduled);
}

}  // namespace
}  // namespace mockgc::workflows
