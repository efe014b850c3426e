// Sync converges, is idempotent, reports exactly the same-name-different-category pairs as conflicts,
// and never duplicates a create when answers are lost — for random code sets per org.
#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include <map>
#include <set>

#include "mockgc/workflows/activity_code_sync.hpp"
#include "support/sync_world.hpp"

namespace mockgc::workflows {
namespace {

using nlohmann::json;

const std::vector<std::string> kRegions = {"eu_central_1", "ap_southeast_2", "us_east_1"};
// Valid UTF-8 base names; variants change only ASCII case and whitespace, so keys stay distinct per base.
const std::vector<std::string> kBaseNames = {"Team Huddle", "Coaching", "Lunch Walk", "Project Time",
                                             "Caf\xC3\xA9 Chat", "\xC3\x9C" "ber Training", "Email Backlog",
                                             "Wellbeing Hour"};
const std::vector<std::string> kCategories = {"OnQueueWork", "Break",    "Meal",     "Meeting",
                                              "OffQueueWork", "TimeOff", "Training", "Unavailable"};

struct GenCode {
  std::string name;
  std::string category;
  int length = 0;
  bool paid = false;
  bool interruptible = false;
};

rc::Gen<std::string> spelling_of(const std::string& base) {
  return rc::gen::map(rc::gen::tuple(rc::gen::container<std::vector<bool>>(base.size(), rc::gen::arbitrary<bool>()),
                                     rc::gen::inRange(0, 3), rc::gen::inRange(0, 3), rc::gen::arbitrary<bool>()),
                      [base](const std::tuple<std::vector<bool>, int, int, bool>& t) {
                        const auto& [upper, lead, trail, double_inner] = t;
                        std::string s(static_cast<std::size_t>(lead), ' ');
                        for (std::size_t i = 0; i < base.size(); ++i) {
                          char c = base[i];
                          if (upper[i] && c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
                          if (c == ' ' && double_inner) s += ' ';
                          s += c;
                        }
                        return s + std::string(static_cast<std::size_t>(trail), ' ');
                      });
}

rc::Gen<std::vector<GenCode>> org_codes() {
  return rc::gen::mapcat(rc::gen::container<std::vector<bool>>(kBaseNames.size(), rc::gen::weightedElement<bool>({{1, true}, {1, false}})),
                         [](const std::vector<bool>& chosen) {
                           std::vector<rc::Gen<GenCode>> gens;
                           for (std::size_t i = 0; i < chosen.size(); ++i) {
                             if (!chosen[i]) continue;
                             gens.push_back(rc::gen::map(
                                 rc::gen::tuple(spelling_of(kBaseNames[i]), rc::gen::elementOf(kCategories),
                                                rc::gen::inRange(1, 5), rc::gen::arbitrary<bool>(),
                                                rc::gen::arbitrary<bool>()),
                                 [](const std::tuple<std::string, std::string, int, bool, bool>& t) {
                                   return GenCode{std::get<0>(t), std::get<1>(t), std::get<2>(t) * 15, std::get<3>(t),
                                                  std::get<4>(t)};
                                 }));
                           }
                           return rc::gen::exec([gens]() {
                             std::vector<GenCode> out;
                             for (const auto& g : gens) out.push_back(*g);
                             return out;
                           });
                         });
}

std::map<std::string, std::vector<json>> by_key(const json& codes) {
  std::map<std::string, std::vector<json>> out;
  for (const auto& c : codes) out[activity_code_name_key(c["name"].get<std::string>())].push_back(c);
  return out;
}

RC_GTEST_PROP(ActivityCodeSyncProps, ConvergesIdempotentConflictsExactNoDuplicatesUnderLoss, ()) {
  const auto orgs = *rc::gen::container<std::vector<std::vector<GenCode>>>(kRegions.size(), org_codes());
  const auto losses = *rc::gen::container<std::vector<bool>>(64, rc::gen::weightedElement<bool>({{3, false}, {1, true}}));

  testing::SyncWorld world(testing::sync_scenario(kRegions));
  for (std::size_t o = 0; o < kRegions.size(); ++o)
    for (const auto& c : orgs[o])
      world.create_code(kRegions[o], {{"name", c.name},
                                      {"category", c.category},
                                      {"lengthInMinutes", c.length},
                                      {"countsAsPaidTime", c.paid},
                                      {"interruptible", c.interruptible}});
  std::vector<std::map<std::string, std::vector<json>>> initial;
  for (const auto& r : kRegions) initial.push_back(by_key(world.codes(r)));

  std::size_t posts = 0;
  world.transport->drop_answer = [&](const testing::Exchange& r) {
    if (r.method != "POST" || r.target.find("/activitycodes") == std::string::npos) return false;
    return losses[posts++ % losses.size()];
  };
  SyncOptions options;
  options.source_region = kRegions[0];
  const auto report = apply_sync(*world.orgs, plan_sync(*world.orgs, options), options);
  world.transport->drop_answer = nullptr;

  const auto& source = initial[0];
  for (std::size_t o = 1; o < kRegions.size(); ++o) {
    const auto after = by_key(world.codes(kRegions[o]));
    std::set<std::string> expected_conflicts;
    for (const auto& [key, src] : source) {
      const json& s = src.front();
      if (s["defaultCode"].get<bool>()) continue;
      auto was = initial[o].find(key);
      auto now = after.find(key);
      RC_ASSERT(now != after.end());
      RC_ASSERT(now->second.size() == 1u);  // never duplicated, even with lost answers
      const json& t = now->second.front();
      if (was != initial[o].end() && was->second.front()["category"] != s["category"]) {
        expected_conflicts.insert(key);
        RC_ASSERT(t["category"] == was->second.front()["category"]);  // never overwritten
        continue;
      }
      RC_ASSERT(t["category"] == s["category"]);
      for (auto field : kSyncedActivityCodeFields) {
        const std::string f(field);
        if (s.contains(f)) RC_ASSERT(t.value(f, json()) == s[f]);
      }
    }
    std::set<std::string> reported;
    const auto& r = report.orgs[o];
    RC_ASSERT(r.errors == 0);
    RC_ASSERT(r.conflicts == static_cast<int>(expected_conflicts.size()));
    for (const auto& n : r.notes)
      if (n.find("category") != std::string::npos) reported.insert(n);
    RC_ASSERT(reported.size() == expected_conflicts.size());
  }
  // The server refuses duplicate names, so duplicates are checked on the wire: one POST per (org, name),
  // each answered 200 (a blind re-send after a lost answer would get 409).
  std::set<std::string> posted;
  for (const auto& s : world.transport->exchanges()) {
    if (s.method != "POST" || s.target.find("/activitycodes") == std::string::npos) continue;
    RC_ASSERT(s.status == 200);
    RC_ASSERT(posted.insert(s.host + "|" + activity_code_name_key(json::parse(s.body)["name"].get<std::string>())).second);
  }
  RC_ASSERT(plan_sync(*world.orgs, options).nothing_to_write());
}

}  // namespace
}  // namespace mockgc::workflows
