// What the volume workflow costs, on random small worlds under random fault timelines, in-process on the
// virtual clock. A workflow that is right but wasteful (re-asks what it already has, asks for intervals nobody
// wanted, sleeps when nothing made it wait) passes every behaviour property; these bound its cost instead:
//   - requests: every request is one the chunks and pages need, or a retry a failed answer forced: per host,
//     an identical request (method, target, body) is sent again only after an unusable answer to it, and the
//     aggregates intervals asked are exactly the week's chunks;
//   - time: the virtual time the run takes is at most what the exchanges themselves took (injected latency)
//     plus, for each unusable answer, the wait it can justify (its Retry-After, else one capped backoff), plus
//     a window of pacing per 429 and one spare window.
#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include <fmt/format.h>

#include <map>
#include <set>
#include <tuple>

#include "mockgc/workflows/volume_aggregation.hpp"
#include "workflow_world.hpp"

namespace mockgc::workflows {
namespace {

using nlohmann::json;
using testing::Exchange;
using testing::WorkflowWorld;

constexpr std::string_view kToken = "/oauth/token";
constexpr core::Millis kWindow = std::chrono::minutes(1);

// An answer the client can use: a 2xx whose body parses, that reached it.
bool usable(const Exchange& e) { return e.status >= 200 && e.status < 300 && e.body_is_json && !e.dropped; }

// Empty when every repeated request followed an unusable answer to the same request; else the first waste.
std::string wasted_request(const std::vector<Exchange>& log) {
  using Key = std::tuple<std::string, std::string, std::string, std::string>;
  std::map<Key, const Exchange*> last;
  for (const auto& e : log) {
    if (!e.api()) continue;
    const Key key{e.host, e.method, e.target, e.body};
    if (auto it = last.find(key); it != last.end() && usable(*it->second))
      return fmt::format("{} {}{} sent again at {} although its answer at {} was a usable {}", e.method, e.host,
                         e.target, api::format_instant(e.sent), api::format_instant(it->second->answered),
                         it->second->status);
    last[key] = &e;
  }
  return {};
}

RC_GTEST_PROP(WorkflowCost, VolumeAsksOnlyWhatItNeedsAndWaitsOnlyWhatFailuresJustify, ()) {
  const auto run = *testing::volume_case();
  WorkflowWorld w(testing::scenario_text(run.world, run.faults, run.seed), run.seed, run.start);
  const auto began = w.clock->now();

  VolumeOptions v;
  v.end = began;
  v.weeks = run.weeks;
  v.interval_minutes = run.minutes;
  const auto report = aggregate_volume(*w.orgs, v);
  const auto elapsed = w.clock->now() - began;
  RC_ASSERT(report.orgs.size() == run.regions.size());

  const auto seam_log = w.seam->exchanges();
  const auto waste = wasted_request(seam_log);
  RC_LOG() << waste;
  RC_ASSERT(waste.empty());

  std::set<std::string> chunks;
  for (const auto& c : volume_chunks(report.start, report.end)) chunks.insert(interval_text(c));
  std::map<std::string, std::set<std::string>> asked;  // host → intervals
  for (const auto& e : seam_log)
    if (auto i = testing::aggregates_interval(e); !i.empty()) asked[e.host].insert(i);
  for (std::size_t o = 0; o < report.orgs.size(); ++o) {
    const auto& got = asked[w.orgs->at(o).org().api.host];
    for (const auto& i : got) RC_ASSERT(chunks.count(i) == 1u);   // nothing nobody wanted
    if (!report.orgs[o].status.is_missing()) RC_ASSERT(got == chunks);  // everything that was wanted
  }

  core::Millis justified = 2 * kWindow;  // one spare window, and the first login's
  std::size_t unusable = 0, limited = 0;
  for (const auto& e : seam_log) {
    justified += std::chrono::duration_cast<core::Millis>(e.answered - e.sent);
    if (usable(e) || (e.target.rfind(kToken, 0) == 0 && e.status == 200)) continue;
    ++unusable;
    if (e.status == 429) {
      ++limited;
      justified += std::max<core::Millis>(std::chrono::seconds(e.retry_after.value_or(0)), kWindow) + kWindow;
    } else {
      justified += client::RetryConfig{}.max_delay;  // WorkflowWorld's clients keep the default retry policy
    }
  }
  RC_TAG(unusable == 0 ? "no failure" : limited > 0 ? "429s" : "other failures");
  RC_LOG() << fmt::format("elapsed {} ms, justified {} ms, {} exchanges, {} unusable, {} 429s", elapsed.count(),
                          justified.count(), seam_log.size(), unusable, limited);
  RC_ASSERT(elapsed <= justified);
}

}  // namespace
}  // namespace mockgc::workflows
