#pragma once
// The evaluator's inside: one Rule object per rule id, fed every judged entry with the facts computed once
// for it (Seen), keeping only bounded state (per client, route, region or scope), and turning that state into
// one RegionVerdict per region at the end.
#include <fmt/format.h>

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "mockgc/check/result.hpp"
#include "mockgc/check/rules_config.hpp"
#include "mockgc/core/journal/request_journal.hpp"

namespace mockgc::check::detail {

using core::journal::JournalEntry;

// The first kMaxFindings findings by seq, and how many there were in all. A finding is only built when it
// is kept (a careless integration's million findings cost a counter each).
class Findings {
 public:
  void add(std::uint64_t seq, const std::function<Finding()>& make);
  void add(Finding f);
  const std::vector<Finding>& items() const { return items_; }
  std::uint64_t count() const { return count_; }

 private:
  std::vector<Finding> items_;  // sorted by seq
  std::uint64_t count_ = 0;
};

struct RegionVerdict {
  bool triggered = false;     // the rule's trigger happened in this region (else not_applicable)
  std::uint64_t checked = 0;  // trigger events, for the pass note
  Findings findings;
};

// Facts of one judged entry (a request, or a notification channel event: e.event not empty), computed once
// for every rule.
struct Seen {
  const JournalEntry& e;
  std::uint32_t region;      // index into Shared::regions
  // Interned client key (client_id, else token fingerprint, else anonymous); for a channel event without a
  // client (a socket to a channel the hub no longer knows), the client whose channel_create named that id.
  std::uint32_t client;
  std::int64_t ms;           // world time, ms since the epoch
  std::string_view route;    // the route template, else the path
  std::uint64_t h_route;     // method + route
  std::uint64_t h_resource;  // method + path + query
  std::uint64_t h_request;   // method + path + query + body hash: "an identical request"
  bool login;                // POST /oauth/token
  // The notification channel the entry is about: a channel event's, or the {channelId} of a request to
  // /api/v2/notifications/channels/{channelId}…; empty (and h_channel 0) otherwise.
  std::string_view channel;
  std::uint64_t h_channel;
};

struct Shared {
  const CheckContext& context;
  const RulesConfig& config;
  std::vector<std::string> regions;  // context.regions, then regions first seen in the journal
  std::int64_t last_ms = 0;          // world time of the last judged entry
  std::uint64_t entries = 0;
};

// A finding about entry `e`; its path carries the query ("/api/v2/users?pageNumber=1"): the evidence of a
// bad parameter is there (credentials in it are already redacted by the journal).
Finding finding_for(const JournalEntry& e, std::string message);
// Mixes a region, a client and a hash into one map key.
std::uint64_t key(std::uint32_t region, std::uint32_t client, std::uint64_t h = 0);
// Stable 64-bit hash of text.
std::uint64_t hash_text(std::string_view a, std::string_view b = {}, std::string_view c = {});
// Seconds with millisecond precision for messages ("1.5", "0", "12.25").
std::string seconds(std::int64_t ms);

// An unordered map that never holds more than `cap` keys: a new key past the cap evicts an arbitrary one
// (state of a pathological journal is forgotten rather than grown).
template <class V>
class BoundedMap {
 public:
  explicit BoundedMap(std::size_t cap = 65536) : cap_(cap) {}
  V* find(std::uint64_t k) {
    auto it = map_.find(k);
    return it == map_.end() ? nullptr : &it->second;
  }
  V& operator[](std::uint64_t k) {
    if (map_.size() >= cap_ && !map_.count(k)) map_.erase(map_.begin());
    return map_[k];
  }
  void erase(std::uint64_t k) { map_.erase(k); }
  auto begin() { return map_.begin(); }
  auto end() { return map_.end(); }
  std::size_t size() const { return map_.size(); }

 private:
  std::size_t cap_;
  std::unordered_map<std::uint64_t, V> map_;
};

class Rule {
 public:
  Rule(std::string id, Shared& shared) : id_(std::move(id)), shared_(shared) {}
  virtual ~Rule() = default;
  Rule(const Rule&) = delete;
  Rule& operator=(const Rule&) = delete;

  const std::string& id() const { return id_; }
  // Every request, in journal order.
  virtual void observe(const Seen& s) = 0;
  // Every notification channel event (journal::channel_event), in the same order as the requests.
  virtual void observe_channel(const Seen&) {}
  // Findings that only the end of the run reveals (pending pages, jobs never fetched, silent regions).
  virtual void finish() {}
  // One sentence: why the rule is not applicable in a region where it never triggered.
  virtual std::string not_applicable_note(std::uint32_t region) const = 0;
  // One sentence: what was checked where it passed (or found something: the note still says the scope).
  virtual std::string checked_note(const RegionVerdict& v) const = 0;

  RegionVerdict& at(std::uint32_t region) {
    if (region >= verdicts_.size()) verdicts_.resize(region + 1);
    return verdicts_[region];
  }
  const RegionVerdict* verdict(std::uint32_t region) const {
    return region < verdicts_.size() ? &verdicts_[region] : nullptr;
  }

 protected:
  double threshold(std::string_view key) const { return shared_.config.threshold(id_, key); }
  std::int64_t threshold_ms(std::string_view key) const {
    return static_cast<std::int64_t>(threshold(key) * 1000.0 + 0.5);
  }
  void trigger(const Seen& s) {
    auto& v = at(s.region);
    v.triggered = true;
    ++v.checked;
  }
  void report(const Seen& s, const std::function<std::string()>& message) {
    at(s.region).findings.add(s.e.seq, [&] { return finding_for(s.e, message()); });
  }
  const std::string& region_name(std::uint32_t r) const { return shared_.regions[r]; }

  std::string id_;
  Shared& shared_;

 private:
  std::vector<RegionVerdict> verdicts_;
};

// Every per-region rule of the catalogue except exit-code (the evaluator judges the run itself).
std::vector<std::unique_ptr<Rule>> make_rules(Shared& shared);

// The factories, one per source file of rules.
void add_traffic_rules(Shared& shared, std::vector<std::unique_ptr<Rule>>& out);   // rule_traffic.cpp
void add_identity_rules(Shared& shared, std::vector<std::unique_ptr<Rule>>& out);  // rule_identity.cpp
void add_request_rules(Shared& shared, std::vector<std::unique_ptr<Rule>>& out);   // rule_requests.cpp
void add_channel_rules(Shared& shared, std::vector<std::unique_ptr<Rule>>& out);   // rule_channels.cpp

}  // namespace mockgc::check::detail
