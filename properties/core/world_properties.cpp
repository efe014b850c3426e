// Properties of the generated world: determinism, id uniqueness, MU membership, and paging.
#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include <map>
#include <nlohmann/json.hpp>
#include <set>

#include "support/generators.hpp"
#include "support/harness.hpp"
#include "support/session.hpp"

using namespace mockgc;
using mockgc::properties::fingerprint;

RC_GTEST_PROP(WorldProperties, SameSeedSameWorld, (const core::Scenario& scenario, std::uint64_t seed)) {
  RC_ASSERT(fingerprint(core::generate_world(scenario, seed)) == fingerprint(core::generate_world(scenario, seed)));
}

// Orgs drawn side by side give the world drawn one org after another, whatever the orgs' names and sizes.
RC_GTEST_PROP(WorldProperties, ThreadsDoNotChangeTheWorld, (const core::Scenario& scenario, std::uint64_t seed)) {
  RC_ASSERT(fingerprint(core::generate_world(scenario, seed, 4)) == fingerprint(core::generate_world(scenario, seed, 1)));
}

RC_GTEST_PROP(WorldProperties, DifferentSeedsGiveDifferentIds, (const core::Scenario& scenario, std::uint64_t seed)) {
  RC_PRE(seed != ~0ULL);
  RC_ASSERT(core::generate_world(scenario, seed).orgs[0].org_id != core::generate_world(scenario, seed + 1).orgs[0].org_id);
}

RC_GTEST_PROP(WorldProperties, IdsAreUniqueAcrossRegions, (const core::Scenario& scenario, std::uint64_t seed)) {
  const auto world = core::generate_world(scenario, seed);
  std::set<std::string> ids;
  std::size_t count = 0;
  auto add = [&](const std::string& id) {
    ids.insert(id);
    ++count;
  };
  for (const auto& org : world.orgs) {
    add(org.org_id);
    add(org.division.id);
    add(org.client_id);
    for (const auto& bu : org.business_units) {
      add(bu.id);
      for (const auto& c : bu.activity_codes)
        if (!c.default_code) add(c.id);  // "0".."7" repeat per BU by design
    }
    for (const auto& mu : org.management_units) add(mu.id);
    for (const auto& t : org.teams) add(t.id);
    for (const auto& u : org.users) add(u.id);
    for (const auto& q : org.queues) add(q.id);
  }
  RC_ASSERT(ids.size() == count);
}

RC_GTEST_PROP(WorldProperties, EveryUserBelongsToExactlyOneManagementUnitPerOrg,
              (const core::Scenario& scenario, std::uint64_t seed)) {
  const auto world = core::generate_world(scenario, seed);
  for (const auto& org : world.orgs) {
    std::map<std::string, int> memberships;
    for (const auto& mu : org.management_units)
      for (const auto i : mu.users) ++memberships[org.users.at(i).id];
    RC_ASSERT(memberships.size() == org.users.size());
    for (const auto& u : org.users) {
      RC_ASSERT(memberships[u.id] == 1);
      const auto* mu = org.find_management_unit(u.management_unit_id);
      RC_ASSERT(mu != nullptr);
      const auto position = static_cast<std::uint32_t>(&u - org.users.data());
      RC_ASSERT(std::find(mu->users.begin(), mu->users.end(), position) != mu->users.end());
    }
  }
}

RC_GTEST_PROP(WorldProperties, BiRegionalPeopleHaveOneUserPerOrgWithTheSameEmail,
              (const core::Scenario& scenario, std::uint64_t seed)) {
  const auto world = core::generate_world(scenario, seed);
  std::map<std::string, std::set<std::string>> regions_of;  // email -> regions
  for (const auto& org : world.orgs)
    for (const auto& u : org.users)
      if (u.bi_regional) RC_ASSERT(regions_of[u.email].insert(org.region).second);
  const int expected = scenario.world.shared_agents.empty() ? 0 : scenario.world.shared_agents[0].count;
  RC_ASSERT(static_cast<int>(regions_of.size()) == expected);
  for (const auto& [email, regions] : regions_of) RC_ASSERT(regions.size() == 2u);
}

namespace {

// One service for all paging cases: the world does not change under GETs.
mockgc::testing::Harness& paging_harness() {
  static auto harness = [] {
    mockgc::core::ServiceOptions options;
    options.scenario_text = mockgc::testing::unthrottled_default_scenario();  // walks far beyond 300/min
    return mockgc::testing::make_inprocess_harness(options);
  }();
  return *harness;
}

std::vector<std::string> walk(mockgc::testing::Harness& h, const std::string& token, std::string target, int& total) {
  std::vector<std::string> ids;
  total = -1;
  for (int pages = 0; pages < 1000; ++pages) {
    auto res = h.send("eu_central_1", mockgc::testing::get_request(target, token));
    RC_ASSERT(res.status == 200);
    auto j = nlohmann::json::parse(res.body);
    total = j["total"];
    for (const auto& e : j["entities"]) ids.push_back(e["id"]);
    if (!j.contains("nextUri")) break;
    target = j["nextUri"];
  }
  return ids;
}

}  // namespace

RC_GTEST_PROP(PagingProperties, AnyPageSizeYieldsEachEntityExactlyOnce, ()) {
  const int page_size = *rc::gen::inRange(1, 501);
  const bool users = *rc::gen::arbitrary<bool>();
  auto& h = paging_harness();
  static const std::string token = mockgc::testing::login(h, "eu_central_1");
  int total = 0;
  const std::string target = users ? "/api/v2/users?state=any&pageSize=" + std::to_string(page_size)
                                   : "/api/v2/routing/queues?pageSize=" + std::to_string(page_size);
  const auto ids = walk(h, token, target, total);
  RC_ASSERT(static_cast<int>(ids.size()) == total);
  RC_ASSERT(std::set<std::string>(ids.begin(), ids.end()).size() == ids.size());
  RC_ASSERT(total == (users ? 200 : 30));
}
