// Analytics at scale (Google Benchmark; never a CTest test): the default scenario with its first org grown to
// 1,000 agents (demand is calibrated to the headcount, so a weekday holds ~20,000 conversations).
//   BM_UsersAggregates7DaysPT30M   a 7-day PT30M users-aggregates query grouped by userId (routing status,
//                                  system presence, tHandle, nOffered): /0 on a fresh agent state process each
//                                  time (the first query of a world pays for the days' assignment), /1 again
//                                  on a warm process (assignment cached)
//   BM_ConversationDetails1Day     a 1-day conversation details query: /0 selection + totalHits + one page of
//                                  100; /1 the same day's selection with every conversation rendered and
//                                  serialised (what a details job's pages add up to)
// Counters: conversations / users, and peak RSS (VmHWM) of the process; run one benchmark per process
// (--benchmark_filter) for a peak of its own. Deterministic data; times depend on the machine.
#include <benchmark/benchmark.h>

#include <cstdlib>
#include <fstream>
#include <memory>
#include <string>

#include "mockgc/api/time.hpp"
#include "mockgc/core/scenario.hpp"
#include "mockgc/core/world.hpp"
#include "wfm/conversation_details.hpp"
#include "wfm/user_analytics.hpp"
#include "../support/proc_status.hpp"
#include "big_org.hpp"

using namespace mockgc::core;
using nlohmann::json;

namespace {

using mockgc::bench::kDay;
using mockgc::bench::kNow;
using mockgc::bench::kWeek;

mockgc::bench::BigOrg& big_org() {
  static mockgc::bench::BigOrg org(1000);
  return org;
}

wfm::UserAggregateQuery week_query() {
  auto parsed = wfm::parse_user_aggregate_query(
      json{{"interval", kWeek}, {"granularity", "PT30M"}, {"groupBy", {"userId"}},
           {"metrics", {"tAgentRoutingStatus", "tSystemPresence", "tHandle", "nOffered"}}},
      false);
  return std::get<wfm::UserAggregateQuery>(parsed);
}

wfm::DetailsQuery day_query() {
  auto parsed = wfm::parse_conversation_details_query(json{{"interval", kDay}, {"paging", {{"pageSize", 100}}}}, false);
  return std::get<wfm::DetailsQuery>(parsed);
}

// The counters every benchmark reports: what it counted, its response size (0: not measured), peak RSS.
void report(benchmark::State& state, const char* what, std::size_t count, std::size_t bytes) {
  state.counters[what] = static_cast<double>(count);
  if (bytes) state.counters["response_MiB"] = static_cast<double>(bytes) / (1024.0 * 1024.0);
  state.counters["peak_rss_MiB"] = mockgc::bench::proc_status_mib("VmHWM");
}

const std::pair<Instant, Instant> kWindow{*mockgc::api::parse_instant("2026-01-01T00:00:00Z"), kNow};

// Argument 0: a fresh agent state process per query (cold); 1: the same process again (warm).
void BM_UsersAggregates7DaysPT30M(benchmark::State& state) {
  auto& org = big_org();
  const auto q = week_query();
  auto agents = std::make_unique<wfm::AgentStates>(*org.workforce);
  std::size_t bytes = 0;
  if (state.range(0) == 1) bytes = wfm::run_user_aggregate_query(q, *agents, org.presence_ids, kNow).dump().size();
  for (auto _ : state) {
    if (state.range(0) == 0) agents = std::make_unique<wfm::AgentStates>(*org.workforce);
    bytes = wfm::run_user_aggregate_query(q, *agents, org.presence_ids, kNow).dump().size();
    benchmark::DoNotOptimize(bytes);
  }
  report(state, "users", org.workforce->agents().size(), bytes);
}
BENCHMARK(BM_UsersAggregates7DaysPT30M)->Arg(0)->Arg(1)->Unit(benchmark::kMillisecond)->Iterations(3);

// Argument 0: the synchronous query (selection + totalHits + one page of 100); 1: the selection with every
// conversation rendered and serialised.
void BM_ConversationDetails1Day(benchmark::State& state) {
  auto& org = big_org();
  const auto q = day_query();
  wfm::AgentStates agents(*org.workforce);
  std::size_t total = 0, bytes = 0;
  for (auto _ : state) {
    if (state.range(0) == 0) {
      const json page = wfm::run_conversation_details_query(q, agents, kWindow, kNow);
      total = page["totalHits"].get<std::size_t>();
      bytes = page.dump().size();
    } else {
      const auto hits = wfm::select_conversations(q, agents, kWindow, kNow);
      total = hits.size();
      bytes = 0;
      for (const auto& h : hits) bytes += wfm::render_conversation(h, agents, kNow).dump().size();
    }
    benchmark::DoNotOptimize(bytes);
  }
  report(state, "conversations", total, bytes);
}
BENCHMARK(BM_ConversationDetails1Day)->Arg(0)->Arg(1)->Unit(benchmark::kMillisecond)->Iterations(3);

}  // namespace

BENCHMARK_MAIN();
