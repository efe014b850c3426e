// The conversation history of the default scenario (2 regions, 30 queues each): the whole window (190 + 14 days
// of 15-minute cells per queue) built at once, as HistoryStore does (what the service did on an org's first
// analytics request before it built queue-days lazily), with wall/CPU time and RSS; the first 1-day PT15M query
// on a fresh LazyHistory (what the service pays now); then a 31-day PT15M aggregates query grouped by queue
// rendered as a DOM and dumped versus written straight to text. Usage: history_bench [seed]. Deterministic
// data; times depend on the machine.
#include <fmt/format.h>

#include <chrono>
#include <cstdlib>
#include <ctime>
#include <fstream>
#include <string>

#include "mockgc/api/time.hpp"
#include "mockgc/core/scenario.hpp"
#include "mockgc/core/wfm/demand.hpp"
#include "mockgc/core/wfm/history.hpp"
#include "mockgc/core/world.hpp"
#include "wfm/aggregates.hpp"
#include "wfm/conversation_details.hpp"
#include "../support/proc_status.hpp"

using namespace mockgc::core;

namespace {

double cpu_seconds() { return static_cast<double>(std::clock()) / CLOCKS_PER_SEC; }

}  // namespace

int main(int argc, char** argv) {
  const std::uint64_t seed = argc > 1 ? std::strtoull(argv[1], nullptr, 10) : 1;
  const Instant start = *mockgc::api::parse_instant("2026-11-22T12:00:00Z");
  const World world = generate_world(default_scenario(), seed);
  fmt::print("seed {}; {} orgs; RSS after world {:.0f} MiB\n", seed, world.orgs.size(), mockgc::bench::proc_status_mib("VmRSS"));
  std::vector<wfm::DemandModel> demands;
  std::vector<wfm::HistoryStore> stores;
  const auto w0 = std::chrono::steady_clock::now();
  const double c0 = cpu_seconds();
  std::size_t cells = 0;
  for (const auto& org : world.orgs) {
    demands.push_back(wfm::DemandModel::build(org, seed));
    stores.push_back(wfm::HistoryStore::build_around(demands.back(), seed, start));
    cells += stores.back().cell_count();
  }
  const double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - w0).count();
  const double cpu = cpu_seconds() - c0;
  std::uint64_t offered = 0;
  for (std::size_t i = 0; i < stores.size(); ++i)
    for (std::size_t q = 0; q < stores[i].queue_count(); ++q) offered += stores[i].totals(q, stores[i].first(), stores[i].end()).offered;
  fmt::print("history build: {} queues total, {} cells ({} B each), {} conversations offered\n",
             demands[0].queues().size() + (demands.size() > 1 ? demands[1].queues().size() : 0), cells,
             sizeof(wfm::HistoryCell), offered);
  fmt::print("history build: wall {:.3f} s, CPU {:.3f} s; RSS {:.0f} MiB, peak RSS {:.0f} MiB\n", wall, cpu,
             mockgc::bench::proc_status_mib("VmRSS"), mockgc::bench::proc_status_mib("VmHWM"));

  auto query_of = [](const char* interval) {
    auto parsed = wfm::parse_aggregate_query(
        nlohmann::json{{"interval", interval}, {"granularity", "PT15M"}, {"groupBy", {"queueId"}},
                       {"timeZone", "Europe/London"},
                       {"metrics", {"nOffered", "tHandle", "tAnswered", "tTalk", "tAcw", "nTransferred"}}},
        false);
    return std::get<wfm::AggregateQuery>(parsed);
  };
  auto timed = [](const char* what, int runs, auto&& f) {
    std::size_t bytes = 0;
    const auto w = std::chrono::steady_clock::now();
    const double c = cpu_seconds();
    for (int i = 0; i < runs; ++i) bytes = f();
    fmt::print("{}: {} KiB, wall {:.1f} ms, CPU {:.1f} ms per query\n", what, bytes / 1024,
               std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - w).count() / runs,
               (cpu_seconds() - c) * 1000 / runs);
  };
  const auto day = query_of("2026-11-18T00:00:00Z/2026-11-19T00:00:00Z");
  auto cache = std::make_shared<wfm::HistoryCache>();
  const auto lazy = wfm::LazyHistory::around(demands[0], seed, start, cache);
  auto text = [&](const wfm::AggregateQuery& q, const wfm::HistorySource& h) {
    std::string body;
    wfm::AggregateText out(q, body);
    wfm::run_aggregate_query(q, h, demands[0], start, out);
    out.finish();
    return body.size();
  };
  timed("1-day PT15M query, all queues, first on a fresh LazyHistory (30 queue-days built), text", 1,
        [&] { return text(day, lazy); });
  timed("the same again (cached)", 5, [&] { return text(day, lazy); });
  timed("1-day PT15M query, all queues, first on the day before (a first once the process has answered one)", 1,
        [&] { return text(query_of("2026-11-17T00:00:00Z/2026-11-18T00:00:00Z"), lazy); });
  const auto month = query_of("2026-10-01T00:00:00Z/2026-11-01T00:00:00Z");
  constexpr int kRuns = 5;
  timed("31-day PT15M query, all queues grouped by queue, HistoryStore, DOM + dump", kRuns,
        [&] { return wfm::run_aggregate_query(month, stores[0], demands[0], start).dump().size(); });
  timed("31-day PT15M query, all queues grouped by queue, HistoryStore, text", kRuns,
        [&] { return text(month, stores[0]); });
  timed("31-day PT15M query, LazyHistory, text (first: builds 930 queue-days)", 1, [&] { return text(month, lazy); });
  timed("31-day PT15M query, LazyHistory, text (cached)", kRuns, [&] { return text(month, lazy); });
  fmt::print("history cache {:.1f} MiB after the queries; RSS {:.0f} MiB\n",
             static_cast<double>(cache->bytes()) / (1 << 20), mockgc::bench::proc_status_mib("VmRSS"));
  return 0;
}
