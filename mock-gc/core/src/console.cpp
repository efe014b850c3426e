// The live console's update document, one line of JSON:
//   {"generation":G,"seed":S,"scenario":"…","first":bool,"epoch_changed":bool,
//    "clock":{"mode":"virtual|real","now":"…Z"},"cursor":next seq,"skipped":entries not read,
//    "families":["analytics",…],"faults":[admin fault entries],
//    "regions":[{"region","org","requests":n,"outcomes":{"ok":n,"client":n,"throttled":n,"server":n,"transport":n},
//                "active_faults":[fault entries active there],"recent":[journal lines, newest last]}]}
// Counts cover the journal entries read by this update (those since the reader's cursor), so a reader
// divides them by the time between two updates to get requests per second. A journal line is
//   {"seq","time","method","path","query","status","outcome","fault","client","error_code"}.
#include "mockgc/core/console.hpp"

#include <algorithm>
#include <map>

#include "mockgc/api/time.hpp"

namespace mockgc::core::console {

using json = nlohmann::json;

std::string_view outcome_of(int status) {
  if (status == 0) return "transport";
  if (status == 429) return "throttled";
  if (status >= 500) return "server";
  if (status >= 400) return "client";
  return "ok";
}

std::uint64_t first_seq(const Cursor& cursor, std::uint64_t generation, std::uint64_t last_seq) {
  const std::uint64_t wanted = cursor.started && cursor.generation == generation ? cursor.next_seq : 1;
  const std::uint64_t newest_window = last_seq >= kMaxEntriesPerUpdate ? last_seq - kMaxEntriesPerUpdate + 1 : 1;
  return std::max(wanted, newest_window);
}

namespace {

json line_of(const journal::JournalEntry& e) {
  return {{"seq", e.seq},
          {"time", api::format_instant(e.time)},
          {"method", e.method},
          {"path", e.path},
          {"query", e.query},
          {"status", e.status},
          {"outcome", outcome_of(e.status)},
          {"fault", e.fault},
          {"client", e.client_id},
          {"error_code", e.error_code}};
}

json zero_outcomes() {
  json out = json::object();
  for (const auto name : kOutcomes) out[std::string(name)] = 0;
  return out;
}

}  // namespace

Update update(const Snapshot& snapshot, const Cursor& cursor) {
  const bool same_epoch = cursor.started && cursor.generation == snapshot.generation;
  const std::uint64_t wanted = same_epoch ? cursor.next_seq : 1;
  const std::uint64_t expected = snapshot.last_seq + 1 > wanted ? snapshot.last_seq + 1 - wanted : 0;

  struct PerRegion {
    json outcomes = zero_outcomes();
    std::uint64_t requests = 0;
    std::vector<const journal::JournalEntry*> recent;  // newest kRecentLines, oldest first
  };
  std::map<std::string, PerRegion, std::less<>> per_region;
  for (const auto& r : snapshot.regions) per_region[r.region];
  std::uint64_t read = 0;
  for (const auto& e : snapshot.entries) {
    if (e.seq < wanted || e.seq > snapshot.last_seq) continue;
    ++read;
    const auto it = per_region.find(e.region);
    if (it == per_region.end()) continue;  // admin and unaddressed requests belong to no region
    auto& region = it->second;
    if (e.event.empty()) {  // a channel event is shown among the lines, but it is not a request
      ++region.requests;
      auto& count = region.outcomes[std::string(outcome_of(e.status))];
      count = count.get<std::uint64_t>() + 1;
    }
    region.recent.push_back(&e);
    if (region.recent.size() > kRecentLines) region.recent.erase(region.recent.begin());
  }

  json regions = json::array();
  for (const auto& r : snapshot.regions) {
    auto& region = per_region[r.region];
    json active = json::array();
    for (const auto& f : snapshot.faults) {
      const auto fault_region = f.value("region", std::string());
      if (f.value("state", std::string()) == "active" && (fault_region.empty() || fault_region == r.region))
        active.push_back(f);
    }
    json recent = json::array();
    for (const auto* e : region.recent) recent.push_back(line_of(*e));
    regions.push_back({{"region", r.region},
                       {"org", r.org},
                       {"requests", region.requests},
                       {"outcomes", std::move(region.outcomes)},
                       {"active_faults", std::move(active)},
                       {"recent", std::move(recent)}});
  }

  json doc = {{"generation", snapshot.generation},
              {"seed", snapshot.seed},
              {"scenario", snapshot.scenario},
              {"first", !cursor.started},
              {"epoch_changed", cursor.started && cursor.generation != snapshot.generation},
              {"clock", {{"mode", snapshot.virtual_clock ? "virtual" : "real"}, {"now", api::format_instant(snapshot.now)}}},
              {"cursor", snapshot.last_seq + 1},
              {"skipped", expected > read ? expected - read : 0},
              {"families", snapshot.families},
              {"faults", snapshot.faults},
              {"regions", std::move(regions)}};
  return {doc.dump(-1, ' ', false, json::error_handler_t::replace), Cursor{true, snapshot.generation, snapshot.last_seq + 1}};
}

}  // namespace mockgc::core::console
