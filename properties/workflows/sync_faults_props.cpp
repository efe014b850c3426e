// Activity-code sync under random fault timelines (extends activity_code_sync_props.cpp, which covers
// random code sets and lost answers without server faults): on random small worlds, a first run under
// 429 storms, outages, maintenance of the activity-codes family, latency, token faults, broken bodies and
// resets — plus answers dropped at the seam after the server applied a create — never creates a code
// twice; once the fault windows are over a second run converges (no errors), and a third plans nothing.
#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include <map>

#include "mockgc/workflows/activity_code_sync.hpp"
#include "mockgc/workflows/wfm_models.hpp"
#include "workflow_world.hpp"

namespace mockgc::workflows {
namespace {

using nlohmann::json;
using testing::WorkflowWorld;

bool is_code_create(const testing::Exchange& e) {
  return e.method == "POST" && e.target.find("/activitycodes") != std::string::npos;
}

RC_GTEST_PROP(WorkflowSyncUnderFaults, NoDuplicateCreatesConvergesThenPlansNothing, ()) {
  const auto world = json::parse(*testing::small_world());
  const auto regions = testing::regions_of(world);
  const int horizon_s = 300;
  const auto faults = json::parse(*testing::fault_timeline(regions, horizon_s));
  const auto seed = *rc::gen::inRange<std::uint64_t>(1, 1000);
  const auto start = *testing::start_instant();
  const auto drops = *rc::gen::container<std::vector<bool>>(16, rc::gen::weightedElement<bool>({{2, false}, {1, true}}));
  WorkflowWorld w(testing::scenario_text(world, faults, seed), seed, start);

  std::size_t creates = 0;
  w.seam->drop_answer = [&](const testing::Exchange& e) {
    return is_code_create(e) && e.status == 200 && drops[creates++ % drops.size()];
  };
  SyncOptions options;
  options.source_region = regions[0];
  options.business_unit = "BU 1";  // every generated org has one; a second BU would make the choice ambiguous
  const auto first = apply_sync(*w.orgs, plan_sync(*w.orgs, options), options);
  RC_ASSERT(first.orgs.size() == regions.size());
  w.seam->drop_answer = nullptr;
  int first_errors = 0;
  for (const auto& o : first.orgs) first_errors += o.errors + (o.status.is_missing() ? 1 : 0);
  RC_TAG(first_errors > 0 ? "first run hurt by faults" : "first run clean");

  // After every fault window: converge, then nothing left to do.
  // (windows start before horizon_s and last at most horizon_s)
  w.clock->sleep_until(start + std::chrono::seconds(2 * horizon_s + 60));
  const auto second = apply_sync(*w.orgs, plan_sync(*w.orgs, options), options);
  for (const auto& o : second.orgs) {
    RC_ASSERT(!o.status.is_missing());
    RC_ASSERT(o.errors == 0);
  }
  RC_ASSERT(plan_sync(*w.orgs, options).nothing_to_write());

  // A create the server applied happens once per (org, name key), whatever was lost or retried.
  std::map<std::pair<std::string, std::string>, int> applied;
  const auto seam_log = w.seam->exchanges();
  for (const auto& e : seam_log) {
    if (!is_code_create(e) || e.status != 200) continue;
    const auto body = json::parse(e.body, nullptr, false);
    RC_ASSERT(!body.is_discarded());
    const auto key = std::make_pair(e.host, activity_code_name_key(body["name"].get<std::string>()));
    RC_ASSERT(++applied[key] == 1);
  }
  const auto politeness = testing::politeness_violation(seam_log, 300);
  RC_LOG() << politeness;
  RC_ASSERT(politeness.empty());
}

}  // namespace
}  // namespace mockgc::workflows
