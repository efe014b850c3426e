// Big analytics answers, as the handlers write them (Google Benchmark; never a CTest test): the default
// scenario with its first org grown to 600 agents (MOCKGC_BENCH_AGENTS=N for another headcount; demand is
// calibrated to it). Above 640 agents the agent state process keeps fewer org-days (max(8, 6,400 / agents))
// than a week's timelines read (the week's local days and the one before), and a user-major query recomputes
// every day for every user: at 971 agents a 100-user details page over the week costs 17 s of CPU, so the
// rendering would drown in it. Each benchmark's argument picks the rendering: /0 the
// nlohmann DOM + dump (the reference rendering), /1 the text writer (the handlers' rendering). Timed: what the
// handler does for one answer, evaluation included, except where noted.
//   BM_UsersAggregatesWeek      POST users/aggregates/query: 7 days PT30M grouped by userId (routing status,
//                               system presence, tHandle, nOffered)
// Each benchmark answers once untimed first (the agent state process caches the days' assignment).
//   BM_ConversationDetailsPage  POST conversations/details/query: one day, the largest page (100), page 2
//   BM_UserDetailsPage          POST users/details/query: 7 days, the largest page (100), page 2
//   BM_ConversationDetailsJobPage  GET conversations/details/jobs/{id}/results: a page of the largest size
//                               (1,000) of a one-day job, with a cursor (the job's selection included)
//   BM_UserAggregatesJobPage    GET users/aggregates/jobs/{id}/results: the week above with pageSize 1,000; the
//                               results are computed once when first read (untimed here), a page renders the
//                               first 1,000 groups of them, with a cursor
//   BM_AggregatesJobPage        GET conversations/aggregates/jobs/{id}/results: 7 days PT15M grouped by queueId
//                               (stored metrics), results kept, one page of 100 groups with a cursor
// Counters: response bytes, and peak RSS (VmHWM); run one benchmark per process (--benchmark_filter) for a peak
// of its own. Deterministic data; judge by CPU time (the machine is shared).
#include <benchmark/benchmark.h>

#include <cstdlib>
#include <memory>
#include <string>

#include "mockgc/api/time.hpp"
#include "mockgc/core/scenario.hpp"
#include "mockgc/core/world.hpp"
#include "wfm/conversation_details.hpp"
#include "wfm/json_text.hpp"
#include "wfm/user_analytics.hpp"
#include "../support/proc_status.hpp"
#include "big_org.hpp"

using namespace mockgc::core;
using nlohmann::json;

namespace {

using mockgc::bench::kDay;
using mockgc::bench::kNow;
using mockgc::bench::kSeed;
using mockgc::bench::kWeek;
const std::pair<Instant, Instant> kWindow{*mockgc::api::parse_instant("2026-09-01T00:00:00Z"), kNow};
const std::string kCursor = "1000.0123456789ab";  // what a cursor looks like (the handler's job tag)

// The org and its agent state process (which caches the days' assignment across benchmarks of a process).
struct TextBenchOrg : mockgc::bench::BigOrg {
  std::unique_ptr<wfm::AgentStates> agents;
  explicit TextBenchOrg(int headcount) : BigOrg(headcount), agents(std::make_unique<wfm::AgentStates>(*workforce)) {}
};

TextBenchOrg& big_org() {
  const char* agents = std::getenv("MOCKGC_BENCH_AGENTS");
  static TextBenchOrg org(agents ? std::atoi(agents) : 600);
  return org;
}

// Answers once untimed (the agent state process assigns the days' conversations, cached), then times `answer`.
template <class Answer>
void run(benchmark::State& state, Answer answer) {
  std::size_t bytes = answer();
  for (auto _ : state) {
    bytes = answer();
    benchmark::DoNotOptimize(bytes);
  }
  state.counters["agents"] = static_cast<double>(big_org().workforce->agents().size());
  state.counters["response_MiB"] = static_cast<double>(bytes) / (1024.0 * 1024.0);
  state.counters["peak_rss_MiB"] = mockgc::bench::proc_status_mib("VmHWM");
}

template <class Q, class Parse>
Q parsed(Parse parse, const json& body, bool async) {
  auto q = parse(body, async, ApiLimits{});
  return std::get<Q>(std::move(q));
}

wfm::UserAggregateQuery users_week(bool async) {
  json b = {{"interval", kWeek},
            {"granularity", "PT30M"},
            {"groupBy", {"userId"}},
            {"metrics", {"tAgentRoutingStatus", "tSystemPresence", "tHandle", "nOffered"}}};
  if (async) b["pageSize"] = 1000;
  return parsed<wfm::UserAggregateQuery>(wfm::parse_user_aggregate_query, b, async);
}

std::string dump(const json& j) { return j.dump(-1, ' ', false, json::error_handler_t::replace); }

// A results page as the handler renders it: {"cursor":…,"results":[rows a..b]}.
std::string results_page_dom(const json& results, std::size_t a, std::size_t b) {
  json rows = json::array();
  for (std::size_t i = a; i < b && i < results.size(); ++i) rows.push_back(results[i]);
  json out = {{"results", std::move(rows)}};
  out["cursor"] = kCursor;
  return dump(out);
}

const std::string kAvailability = mockgc::api::format_instant(wfm::floor_interval(kNow));

void BM_UsersAggregatesWeek(benchmark::State& state) {
  auto& org = big_org();
  const auto q = users_week(false);
  if (state.range(0) == 1)
    return run(state, [&] { return wfm::run_user_aggregate_query_text(q, *org.agents, org.presence_ids, kNow).size(); });
  run(state, [&] { return dump(wfm::run_user_aggregate_query(q, *org.agents, org.presence_ids, kNow)).size(); });
}
BENCHMARK(BM_UsersAggregatesWeek)->Arg(0)->Arg(1)->Unit(benchmark::kMillisecond)->Iterations(1);

void BM_ConversationDetailsPage(benchmark::State& state) {
  auto& org = big_org();
  const auto q = parsed<wfm::DetailsQuery>(
      wfm::parse_conversation_details_query,
      json{{"interval", kDay}, {"paging", {{"pageSize", wfm::kMaxDetailsPageSize}, {"pageNumber", 2}}}}, false);
  if (state.range(0) == 1)
    return run(state, [&] { return wfm::run_conversation_details_query_text(q, *org.agents, kWindow, kNow).size(); });
  run(state, [&] { return dump(wfm::run_conversation_details_query(q, *org.agents, kWindow, kNow)).size(); });
}
BENCHMARK(BM_ConversationDetailsPage)->Arg(0)->Arg(1)->Unit(benchmark::kMillisecond)->Iterations(3);

void BM_UserDetailsPage(benchmark::State& state) {
  auto& org = big_org();
  const auto q = parsed<wfm::UserDetailsQuery>(
      wfm::parse_user_details_query, json{{"interval", kWeek}, {"paging", {{"pageSize", 100}, {"pageNumber", 2}}}},
      false);
  if (state.range(0) == 1)
    return run(state, [&] { return wfm::run_user_details_query_text(q, *org.agents, org.presence_ids, kNow).size(); });
  run(state, [&] { return dump(wfm::run_user_details_query(q, *org.agents, org.presence_ids, kNow)).size(); });
}
BENCHMARK(BM_UserDetailsPage)->Arg(0)->Arg(1)->Unit(benchmark::kMillisecond)->Iterations(3);

void BM_ConversationDetailsJobPage(benchmark::State& state) {
  auto& org = big_org();
  const auto q = parsed<wfm::DetailsQuery>(wfm::parse_conversation_details_query, json{{"interval", kDay}}, true);
  run(state, [&] {
    const auto hits = wfm::select_conversations(q, *org.agents, kWindow, kNow);
    const std::size_t a = std::min<std::size_t>(hits.size(), 1000);
    const std::size_t b = std::min<std::size_t>(hits.size(), a + wfm::kMaxDetailsJobPageSize);
    if (state.range(0) == 1)
      return wfm::conversation_details_page(std::span(hits).subspan(a, b - a), *org.agents, kNow, kCursor,
                                            kAvailability)
          .size();
    json conversations = json::array();
    for (std::size_t i = a; i < b; ++i) conversations.push_back(wfm::render_conversation(hits[i], *org.agents, kNow));
    json out = {{"conversations", std::move(conversations)}, {"dataAvailabilityDate", kAvailability}};
    out["cursor"] = kCursor;
    return dump(out).size();
  });
}
BENCHMARK(BM_ConversationDetailsJobPage)->Arg(0)->Arg(1)->Unit(benchmark::kMillisecond)->Iterations(3);

void BM_UserAggregatesJobPage(benchmark::State& state) {
  auto& org = big_org();
  const auto q = users_week(true);
  const auto page_size = static_cast<std::size_t>(q.page_size);
  if (state.range(0) == 1) {
    const auto rows = wfm::user_aggregate_rows(q, *org.agents, org.presence_ids, kNow);
    return run(state, [&] { return wfm::text::results_page(std::span(rows).first(std::min(page_size, rows.size())), kCursor).size(); });
  }
  json full = wfm::run_user_aggregate_query(q, *org.agents, org.presence_ids, kNow);
  const json results = std::move(full["results"]);
  run(state, [&] { return results_page_dom(results, 0, page_size).size(); });
}
BENCHMARK(BM_UserAggregatesJobPage)->Arg(0)->Arg(1)->Unit(benchmark::kMillisecond)->Iterations(3);

wfm::AggregateQuery queues_week() {
  return parsed<wfm::AggregateQuery>(
      wfm::parse_aggregate_query,
      json{{"interval", kWeek},
           {"granularity", "PT15M"},
           {"groupBy", {"queueId"}},
           {"metrics", {"nOffered", "nTransferred", "tAnswered", "tAbandon", "tHandle", "tTalk", "tAcw"}}},
      true);
}

void BM_AggregatesJobPage(benchmark::State& state) {
  auto& org = big_org();
  const auto q = queues_week();
  const auto history =
      wfm::LazyHistory::around(org.workforce->demand(), kSeed, kNow, std::make_shared<wfm::HistoryCache>());
  const auto page_size = static_cast<std::size_t>(q.page_size);
  if (state.range(0) == 1) {
    wfm::text::AggregateRows sink(q);
    wfm::answer_aggregate_query(q, history, *org.agents, kNow, sink);
    const auto rows = sink.finish();
    return run(state, [&] { return wfm::text::results_page(std::span(rows).first(std::min(page_size, rows.size())), kCursor).size(); });
  }
  json full = wfm::answer_aggregate_query(q, history, *org.agents, kNow);
  const json results = std::move(full["results"]);
  run(state, [&] { return results_page_dom(results, 0, page_size).size(); });
}
BENCHMARK(BM_AggregatesJobPage)->Arg(0)->Arg(1)->Unit(benchmark::kMillisecond)->Iterations(3);

}  // namespace

BENCHMARK_MAIN();
