// Volume aggregation and politeness on random small worlds under random fault timelines, in-process on
// the virtual clock:
//   - politeness at the transport seam: no request to an org before a 429's Retry-After elapsed, and never
//     more than the client's budget in any 60 s window (several workflows back to back, tight budgets);
//   - volume: a `complete` region's per-queue per-interval offered / handled / handle ms equal the history
//     model's cells; a `partial` region lists exactly the chunks whose final answer failed (with a reason),
//     keeps them at zero and has every other interval right; `missing` carries a reason; no region absent.
#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include <set>

#include "mockgc/workflows/activity_code_sync.hpp"
#include "mockgc/workflows/adherence_snapshot.hpp"
#include "mockgc/workflows/timeoff_week.hpp"
#include "mockgc/workflows/volume_aggregation.hpp"
#include "workflow_world.hpp"

namespace mockgc::workflows {
namespace {

using nlohmann::json;
using testing::WorkflowWorld;


RC_GTEST_PROP(WorkflowPoliteness, RetryAfterAndBudgetHoldAtTheSeamUnderStorms, ()) {
  const auto world = json::parse(*testing::small_world());
  const auto regions = testing::regions_of(world);
  const auto faults = json::parse(*testing::fault_timeline(regions, 120));
  const auto seed = *rc::gen::inRange<std::uint64_t>(1, 1000);
  const auto start = *testing::start_instant();
  const int limit = *rc::gen::inRange(3, 40);               // the client's own budget per minute
  const int server_limit = *rc::gen::inRange(5, 60);        // the org's limit (Genesys: 300)
  // Another process with the same OAuth client: before some of our requests it sends a burst of its own,
  // filling the server's window so that our next request can meet a 429 storm.
  const auto noise = *rc::gen::container<std::vector<int>>(12, rc::gen::weightedElement<int>({{4, 0}, {1, 3}, {1, 10}}));
  RC_TAG(limit < 10 ? "tight budget" : "loose budget");
  client::OrgClientOptions options;
  options.rate.limit = limit;
  WorkflowWorld w(testing::scenario_text(world, faults, seed, server_limit), seed, start, options);
  std::size_t requests = 0;
  w.seam->before_send = [&](const client::Endpoint& to, const api::HttpRequest& r) {
    if (r.target.rfind("/api/v2/", 0) != 0) return;
    api::HttpRequest other;
    other.method = "GET";
    other.target = "/api/v2/users?pageSize=1";
    if (auto auth = r.headers.get("Authorization")) other.headers.set("Authorization", std::string(*auth));
    for (int k = noise[requests++ % noise.size()]; k > 0; --k) (void)w.inner->send(to, other, {});
  };

  VolumeOptions v;
  v.end = w.clock->now();
  v.weeks = 1;
  v.interval_minutes = 60;
  const auto volume = aggregate_volume(*w.orgs, v);
  const auto adherence = take_adherence_snapshot(*w.orgs, {});
  const auto timeoff = aggregate_time_off_week(*w.orgs, {});
  SyncOptions s;
  s.source_region = regions[0];
  s.business_unit = "BU 1";
  const auto sync = apply_sync(*w.orgs, plan_sync(*w.orgs, s), s);
  RC_ASSERT(volume.orgs.size() == 2u);
  RC_ASSERT(adherence.orgs.size() == 2u);
  RC_ASSERT(timeoff.orgs.size() == 2u);
  RC_ASSERT(sync.orgs.size() == 2u);

  bool saw_429 = false;
  const auto seam_log = w.seam->exchanges();
  for (const auto& e : seam_log) saw_429 = saw_429 || (e.status == 429 && e.api());
  RC_TAG(saw_429 ? "429 seen" : "no 429");
  const auto why = testing::politeness_violation(seam_log, limit);
  RC_LOG() << why;
  RC_ASSERT(why.empty());
}

RC_GTEST_PROP(WorkflowVolume, CompleteIsExactPartialListsExactlyTheFailedChunks, ()) {
  const auto run = *testing::volume_case();
  const auto& regions = run.regions;
  const auto seed = run.seed;
  const int minutes = run.minutes;
  WorkflowWorld w(testing::scenario_text(run.world, run.faults, seed), seed, run.start);

  VolumeOptions v;
  v.end = w.clock->now();
  v.weeks = run.weeks;
  v.interval_minutes = minutes;
  const auto report = aggregate_volume(*w.orgs, v);
  RC_ASSERT(report.orgs.size() == regions.size());  // never silently absent

  // Final outcome per (host, chunk) at the seam: the last aggregates exchange for that interval.
  std::map<std::pair<std::string, std::string>, const testing::Exchange*> last;
  const auto seam_log = w.seam->exchanges();
  for (const auto& e : seam_log)
    if (auto i = testing::aggregates_interval(e); !i.empty()) last[{e.host, i}] = &e;

  const auto chunks = volume_chunks(report.start, report.end);
  for (std::size_t o = 0; o < report.orgs.size(); ++o) {
    const auto& org = report.orgs[o];
    RC_ASSERT(org.region == regions[o]);
    RC_TAG(std::string(to_string(org.status.kind)));
    if (org.status.is_missing()) {
      RC_ASSERT(!org.status.why.empty());
      continue;
    }
    const auto host = w.orgs->at(o).org().api.host;
    std::set<std::string> missing;
    for (const auto& m : org.missing) {
      RC_ASSERT(!m.why.empty());
      missing.insert(interval_text(m.chunk));
    }
    if (org.status.is_complete()) {
      RC_ASSERT(missing.empty());
    } else {
      RC_ASSERT(!missing.empty());
      RC_ASSERT(!org.status.why.empty());
      for (const auto& m : missing) RC_ASSERT(org.status.what.find(m) != std::string::npos);
    }
    // Exactly the chunks whose final answer was not a usable 200 are listed.
    for (const auto& c : chunks) {
      const auto it = last.find({host, interval_text(c)});
      RC_ASSERT(it != last.end());
      const auto& e = *it->second;
      const bool usable = e.status == 200 && e.body_is_json && !e.dropped;
      RC_ASSERT(missing.count(interval_text(c)) == (usable ? 0u : 1u));
    }

    const auto truth = testing::volume_truth(w.org(org.region), seed, report.start, report.end, minutes);
    const auto step = std::chrono::minutes(minutes);
    RC_ASSERT(org.queues.size() == truth.size());
    for (const auto& q : org.queues) {
      const auto t = truth.find(q.id);
      RC_ASSERT(t != truth.end());
      for (std::size_t i = 0; i < report.intervals; ++i) {
        const auto at = report.start + step * static_cast<long>(i);
        bool in_missing = false;
        for (const auto& m : org.missing) in_missing = in_missing || (at >= m.chunk.start && at < m.chunk.end);
        if (in_missing) {
          RC_ASSERT(q.offered[i] == 0u);
          RC_ASSERT(q.handled[i] == 0u);
          RC_ASSERT(q.handle_ms[i] == 0u);
        } else {
          RC_ASSERT(q.offered[i] == t->second.offered[i]);
          RC_ASSERT(q.handled[i] == t->second.handled[i]);
          RC_ASSERT(q.handle_ms[i] == t->second.handle_ms[i]);
        }
      }
    }
  }
}

}  // namespace
}  // namespace mockgc::workflows
