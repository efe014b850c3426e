// The live adherence watch's merge (AdherenceWatch, no network): orgs with random agents (some people in
// two orgs, merged by e-mail) whose adherence records change at increasing times. Phase 1 delivers each
// change as a topic event that is delivered, duplicated (the copy possibly later, after other events),
// delayed past the resync, or dropped; then a REST reading of the truth resyncs the watch; phase 2 delivers
// the remaining changes (duplicated or not, no drops) among the stale copies and delayed phase-1 events.
// Properties:
//   - once faults end (after the resync and phase 2) the watched snapshot equals merge_adherence of the
//     REST truth: every record, the global counts, people, multi-region people and outliers;
//   - no event is applied twice (apply() answers true at most once per event).
#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include <map>

#include <nlohmann/json.hpp>

#include "mockgc/api/time.hpp"
#include "mockgc/workflows/adherence_watch.hpp"

namespace mockgc::workflows {
namespace {

using nlohmann::json;
using client::Instant;
using client::Millis;

const Instant kStart = *api::parse_instant("2026-01-05T09:00:00Z");
const std::vector<std::string> kStates{"InAdherence", "OutOfAdherence", "Unscheduled", "Unknown"};
const std::vector<std::string> kImpacts{"Positive", "Negative", "Neutral", "Unknown"};
const std::vector<std::string> kCategories{"OnQueueWork", "Break", "Meal", "Unscheduled"};

struct Change {
  std::size_t org = 0;
  std::size_t agent = 0;  // index into the org's agents
  AgentAdherence record;
  std::string topic;
  json body;
};

json topic_body(const AgentAdherence& a) {
  return {{"user", {{"id", a.user_id}}},
          {"managementUnitId", a.management_unit_id},
          {"adherenceState", a.adherence_state},
          {"impact", a.impact},
          {"scheduledActivityCategory", a.scheduled_category},
          {"adherenceChangeTime", api::format_instant(*a.time_of_adherence_change)},
          {"removedFromManagementUnit", false}};
}

AgentAdherence random_record(const AgentAdherence& who, Instant at) {
  AgentAdherence a = who;
  a.adherence_state = *rc::gen::elementOf(kStates);
  a.impact = *rc::gen::elementOf(kImpacts);
  a.scheduled_category = *rc::gen::elementOf(kCategories);
  a.time_of_adherence_change = at;
  return a;
}

// Readings of `orgs` where every agent holds `records[org][agent]`.
std::vector<OrgAdherence> readings(const std::vector<OrgAdherence>& orgs,
                                   const std::vector<std::vector<AgentAdherence>>& records) {
  auto out = orgs;
  for (std::size_t o = 0; o < out.size(); ++o) {
    out[o].agents = records[o];
    out[o].counts = {};
    for (const auto& a : out[o].agents) out[o].counts.add(a);
  }
  return out;
}

RC_GTEST_PROP(AdherenceWatchProps, ConvergesToTheRestTruthAndAppliesNoEventTwice, ()) {
  // The world: 1–3 orgs of 1–5 agents; agent k of every org is the same person when `shared` says so.
  const auto org_count = *rc::gen::inRange<std::size_t>(1, 4);
  std::vector<OrgAdherence> orgs(org_count);
  std::vector<std::vector<AgentAdherence>> truth(org_count);
  for (std::size_t o = 0; o < org_count; ++o) {
    orgs[o].org = "org" + std::to_string(o);
    orgs[o].region = "region" + std::to_string(o);
    orgs[o].answered_at = kStart;
    const auto agents = *rc::gen::inRange<std::size_t>(1, 6);
    for (std::size_t k = 0; k < agents; ++k) {
      AgentAdherence a;
      a.org = orgs[o].org;
      a.region = orgs[o].region;
      a.user_id = "u" + std::to_string(o) + "-" + std::to_string(k);
      a.name = "Agent " + std::to_string(k);
      const bool shared = *rc::gen::arbitrary<bool>();
      a.person_key = shared ? "person" + std::to_string(k) + "@example.com" : orgs[o].org + "/" + a.user_id;
      a.management_unit_id = "mu" + std::to_string(o);
      truth[o].push_back(random_record(a, kStart - Millis(*rc::gen::inRange(0, 3'600'000))));
    }
  }
  AdherenceWatch watch(readings(orgs, truth), 10);

  // Each agent's later changes, at increasing times; interleaved across agents in random order.
  auto changes_for = [&](Instant from, Instant to) {
    std::vector<Change> all;
    for (std::size_t o = 0; o < org_count; ++o)
      for (std::size_t k = 0; k < truth[o].size(); ++k) {
        auto at = std::max(from, *truth[o][k].time_of_adherence_change);
        const auto n = *rc::gen::inRange(0, 4);
        for (int c = 0; c < n && at < to; ++c) {
          at += Millis(*rc::gen::inRange(1'000, 600'000));
          auto record = random_record(truth[o][k], at);
          truth[o][k] = record;
          all.push_back({o, k, record, "v2.workforcemanagement.managementunits." + record.management_unit_id + ".adherence",
                         topic_body(record)});
        }
      }
    // A random interleaving that keeps each agent's own order (a channel delivers in order).
    std::vector<Change> out;
    std::map<std::pair<std::size_t, std::size_t>, std::vector<Change>> queues;
    for (auto& c : all) queues[{c.org, c.agent}].push_back(std::move(c));
    while (!queues.empty()) {
      auto it = std::next(queues.begin(), *rc::gen::inRange<std::size_t>(0, queues.size()));
      out.push_back(std::move(it->second.front()));
      it->second.erase(it->second.begin());
      if (it->second.empty()) queues.erase(it);
    }
    return out;
  };

  std::map<std::string, int> applied;  // event identity → times apply() said it changed the state
  Instant now = kStart;
  std::vector<Change> late;            // copies still to come
  auto deliver = [&](const Change& c) {
    now += Millis(100);
    if (watch.apply(c.org, c.topic, c.body, now)) ++applied[c.topic + c.body.dump()];
  };

  // Phase 1: faults.
  const Instant phase2 = kStart + std::chrono::hours(2);
  int dropped = 0;
  for (const auto& c : changes_for(kStart, phase2)) {
    switch (*rc::gen::inRange(0, 5)) {
      case 0: ++dropped; break;                      // never delivered
      case 1: deliver(c); deliver(c); break;         // duplicated right behind
      case 2: deliver(c); late.push_back(c); break;  // its copy comes later
      case 3: late.push_back(c); break;              // delayed past the resync (first seen then, already stale)
      default: deliver(c); break;
    }
  }
  // The resync: a REST reading of the truth (events a fault dropped are in it).
  now += Millis(1'000);
  watch.resync(0, readings(orgs, truth)[0], now);
  for (std::size_t o = 1; o < org_count; ++o) watch.resync(o, readings(orgs, truth)[o], now);
  // Phase 2: no drops; stale copies of phase-1 events arrive among the new ones.
  auto tail = changes_for(phase2, phase2 + std::chrono::hours(2));
  for (auto& c : late) tail.insert(tail.begin() + *rc::gen::inRange<std::size_t>(0, tail.size() + 1), c);
  for (const auto& c : tail) {
    deliver(c);
    if (*rc::gen::arbitrary<bool>()) deliver(c);
  }

  for (const auto& [event, times] : applied) RC_ASSERT(times == 1);
  const auto taken = phase2 + std::chrono::hours(3);
  const auto watched = watch.snapshot(taken);
  const auto expected = merge_adherence(readings(orgs, truth), taken, 10);
  RC_ASSERT(watched.orgs.size() == expected.orgs.size());
  for (std::size_t o = 0; o < org_count; ++o) {
    const auto& w = watched.orgs[o].agents;
    const auto& e = expected.orgs[o].agents;
    RC_ASSERT(w.size() == e.size());
    for (std::size_t k = 0; k < w.size(); ++k) {
      RC_ASSERT(w[k].user_id == e[k].user_id);
      RC_ASSERT(w[k].person_key == e[k].person_key);
      RC_ASSERT(w[k].name == e[k].name);
      RC_ASSERT(w[k].adherence_state == e[k].adherence_state);
      RC_ASSERT(w[k].impact == e[k].impact);
      RC_ASSERT(w[k].scheduled_category == e[k].scheduled_category);
      RC_ASSERT(w[k].time_of_adherence_change == e[k].time_of_adherence_change);
    }
    RC_ASSERT(watched.orgs[o].counts.states == expected.orgs[o].counts.states);
  }
  RC_ASSERT(watched.people == expected.people);
  RC_ASSERT(watched.multi_region_people == expected.multi_region_people);
  RC_ASSERT(watched.global.states == expected.global.states);
  RC_ASSERT(watched.global.impacts == expected.global.impacts);
  RC_ASSERT(watched.global.in_adherence_scheduled == expected.global.in_adherence_scheduled);
  RC_ASSERT(watched.outliers.size() == expected.outliers.size());
  for (std::size_t i = 0; i < watched.outliers.size(); ++i) {
    RC_ASSERT(watched.outliers[i].person_key == expected.outliers[i].person_key);
    RC_ASSERT(watched.outliers[i].minutes == expected.outliers[i].minutes);
  }
  RC_TAG(dropped > 0 ? "some dropped" : "none dropped");
}

}  // namespace
}  // namespace mockgc::workflows
