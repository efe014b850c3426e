#pragma once
// The live console (/mockgc/console): what a trainer sees of each region — requests by outcome, active
// faults, the clock, recent journal lines — as one JSON document per update. `update` is a pure function
// of a snapshot of the world's journal, faults and clock and of the reader's cursor; the service gathers
// the snapshot (Service::console_update) and the network shell streams the documents as Server-Sent Events.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "mockgc/core/clock.hpp"
#include "mockgc/core/journal/request_journal.hpp"

namespace mockgc::core::console {

// Journal lines kept per region in one update (the newest ones).
inline constexpr std::size_t kRecentLines = 20;
// Journal entries read per update at most: a reader that fell far behind (or a 1,000,000-entry ring on
// the first update) skips to the newest ones and the update says how many it skipped.
inline constexpr std::size_t kMaxEntriesPerUpdate = 5'000;

// Where a reader stands: the world epoch it last saw and the next journal seq to read. A default cursor
// (epoch 0 not yet seen) reads from the start of the ring.
struct Cursor {
  bool started = false;
  std::uint64_t generation = 0;
  std::uint64_t next_seq = 1;
  bool operator==(const Cursor&) const = default;
};

// The console's outcome classes, in display order: 2xx/3xx, other 4xx, 429, 5xx, no HTTP answer.
inline constexpr std::string_view kOutcomes[] = {"ok", "client", "throttled", "server", "transport"};
std::string_view outcome_of(int status);

struct RegionInfo {
  std::string region;
  std::string org;
};

// What the service knows at one instant.
struct Snapshot {
  std::uint64_t seed = 0;
  std::uint64_t generation = 0;
  std::string scenario;
  bool virtual_clock = false;
  Instant now{};
  std::vector<RegionInfo> regions;
  nlohmann::json faults = nlohmann::json::array();  // admin fault entries (canonical fault + state, start, end)
  std::vector<std::string> families;                 // API families a maintenance window can name
  std::uint64_t last_seq = 0;                        // the journal's newest seq
  std::vector<journal::JournalEntry> entries;        // seq >= first_seq(cursor, last_seq), oldest first
};

// The first seq a reader at `cursor` needs from a journal of epoch `generation` whose newest seq is
// `last_seq` (bounded by kMaxEntriesPerUpdate).
std::uint64_t first_seq(const Cursor& cursor, std::uint64_t generation, std::uint64_t last_seq);

struct Update {
  std::string json;  // one line of JSON (no newline), shape in console.cpp
  Cursor next;
};
Update update(const Snapshot& snapshot, const Cursor& cursor);

// The page itself: one self-contained HTML document (inline CSS and JS, no external URL), embedded at
// build time from mock-gc/core/assets/console.html.
std::string_view page_html();

}  // namespace mockgc::core::console
