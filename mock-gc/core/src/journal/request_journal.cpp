#include "mockgc/core/journal/request_journal.hpp"

#include <algorithm>
#include <cstring>
#include <map>
#include <mutex>
#include <ostream>

#include <nlohmann/json.hpp>

#include "faults/strict_json.hpp"
#include "mockgc/core/clock_text.hpp"

namespace mockgc::core::journal {
namespace {

// Fixed-capacity string stored inline; cut on a UTF-8 boundary so exported JSON stays valid text.
template <std::size_t N>
struct InlineText {
  char data[N];
  std::uint16_t len = 0;

  // Returns true if the value had to be cut.
  bool assign(std::string_view s) {
    std::size_t n = std::min(s.size(), N);
    bool cut = n < s.size();
    if (cut) {
      // Back off continuation bytes (10xxxxxx) so a multi-byte character is never split.
      while (n > 0 && (static_cast<unsigned char>(s[n]) & 0xC0) == 0x80) --n;
    }
    if (n != 0) std::memcpy(data, s.data(), n);  // an empty view may carry a null data(): memcpy forbids it
    len = static_cast<std::uint16_t>(n);
    return cut;
  }
  std::string str() const { return std::string(data, len); }
};

struct Slot {
  std::uint64_t seq = 0;
  std::int64_t time_ms = 0;
  std::int64_t latency_ms = 0;
  std::int32_t status = 0;
  bool truncated = false;
  InlineText<kRegionBytes> region;
  InlineText<kClientBytes> client;
  InlineText<kMethodBytes> method;
  InlineText<kPathBytes> path;
  InlineText<kQueryBytes> query;
  InlineText<kFaultBytes> fault;
};

constexpr std::string_view kMethods[] = {"GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS", "OTHER"};
constexpr std::size_t kMethodCount = std::size(kMethods);
constexpr std::size_t kClassCount = 6;  // 0 = other, 1…5 = 1xx…5xx

std::size_t method_index(std::string_view m) {
  for (std::size_t i = 0; i + 1 < kMethodCount; ++i)
    if (kMethods[i] == m) return i;
  return kMethodCount - 1;
}

int status_class(int status) { return status >= 100 && status < 600 ? status / 100 : 0; }

}  // namespace

// The ring is allocated in chunks as entries arrive, so a large capacity costs memory only once that
// many requests have been journalled (a scenario asking for 1,000,000 entries does not take 0.5 GB at
// start-up). Chunks never move: growing is one allocation, never a copy of the entries already held.
constexpr std::size_t kChunkSlots = 4096;  // ≈ 2 MB per chunk

struct RequestJournal::Impl {
  mutable std::mutex mutex;
  std::size_t capacity = 1;
  std::vector<std::unique_ptr<Slot[]>> chunks;
  std::size_t allocated = 0;  // slots in `chunks`
  std::uint64_t next_seq = 1;

  Slot& slot(std::size_t i) { return chunks[i / kChunkSlots][i % kChunkSlots]; }
  const Slot& slot(std::size_t i) const { return chunks[i / kChunkSlots][i % kChunkSlots]; }
  // Slot for sequence number `seq`, allocating the chunk that holds it on first use.
  Slot& slot_for_append(std::uint64_t seq) {
    auto i = static_cast<std::size_t>((seq - 1) % capacity);
    if (i >= allocated) {
      std::size_t n = std::min(kChunkSlots, capacity - allocated);
      chunks.push_back(std::make_unique<Slot[]>(n));
      allocated += n;
    }
    return slot(i);
  }
  std::map<std::string, std::array<std::uint64_t, kMethodCount * kClassCount>, std::less<>> counters;
};

JournalConfig JournalConfig::from_json(const nlohmann::json& j) {
  core::detail::JsonReader r(j, "journal");
  r.allow_keys({"capacity"});
  JournalConfig c;
  if (auto v = r.optional_int("capacity")) {
    if (*v < 1 || static_cast<std::uint64_t>(*v) > kMaxCapacity)
      r.fail("capacity", "must be 1 … 1000000 (each entry takes ~0.5 KB once used)");
    c.capacity = static_cast<std::size_t>(*v);
  }
  return c;
}

RequestJournal::RequestJournal(JournalConfig config) : impl_(std::make_unique<Impl>()) {
  impl_->capacity = std::clamp<std::size_t>(config.capacity, 1, kMaxCapacity);
}

RequestJournal::~RequestJournal() = default;

std::uint64_t RequestJournal::append(const JournalRecord& r) {
  std::string_view route = r.route.empty() ? kUnmatchedRoute : r.route;
  std::lock_guard lock(impl_->mutex);
  std::uint64_t seq = impl_->next_seq++;
  Slot& s = impl_->slot_for_append(seq);
  s.seq = seq;
  s.time_ms = r.time.time_since_epoch().count();
  s.latency_ms = r.latency_ms;
  s.status = r.status;
  bool cut = s.region.assign(r.region);
  cut |= s.client.assign(r.client_id);
  cut |= s.method.assign(r.method);
  cut |= s.path.assign(r.path);
  cut |= s.query.assign(r.query);
  cut |= s.fault.assign(r.fault);
  s.truncated = cut;

  auto it = impl_->counters.find(route);
  if (it == impl_->counters.end()) {
    if (impl_->counters.size() >= kMaxRoutes) route = kOtherRoute;
    it = impl_->counters.try_emplace(std::string(route)).first;
  }
  it->second[method_index(r.method) * kClassCount + static_cast<std::size_t>(status_class(r.status))]++;
  return seq;
}

std::vector<JournalEntry> RequestJournal::snapshot(std::uint64_t since_seq) const {
  std::vector<JournalEntry> out;
  std::lock_guard lock(impl_->mutex);
  const std::uint64_t last = impl_->next_seq - 1;
  const std::uint64_t cap = impl_->capacity;
  std::uint64_t first = last > cap ? last - cap + 1 : 1;
  first = std::max(first, since_seq);
  if (first > last) return out;
  out.reserve(last - first + 1);
  for (std::uint64_t seq = first; seq <= last; ++seq) {
    const Slot& s = impl_->slot(static_cast<std::size_t>((seq - 1) % cap));
    out.push_back({s.seq, Instant(Millis(s.time_ms)), s.region.str(), s.client.str(), s.method.str(), s.path.str(),
                   s.query.str(), s.status, s.latency_ms, s.fault.str(), s.truncated});
  }
  return out;
}

namespace {
// One field order for both the byte-exact export (ordered_json) and entry_to_json.
template <class Json>
Json entry_json(const JournalEntry& e) {
  Json j;
  j["seq"] = e.seq;
  j["time"] = format_instant(e.time);
  j["region"] = e.region;
  j["client"] = e.client_id;
  j["method"] = e.method;
  j["path"] = e.path;
  j["query"] = e.query;
  j["status"] = e.status;
  j["latency_ms"] = e.latency_ms;
  j["fault"] = e.fault;
  j["truncated"] = e.truncated;
  return j;
}
}  // namespace

nlohmann::json entry_to_json(const JournalEntry& e) { return entry_json<nlohmann::json>(e); }

void RequestJournal::export_jsonl(std::ostream& out, std::uint64_t since_seq) const {
  for (const auto& e : snapshot(since_seq))
    out << entry_json<nlohmann::ordered_json>(e).dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace)
        << '\n';
}

std::vector<RouteCount> RequestJournal::route_counts() const {
  std::vector<RouteCount> out;
  std::lock_guard lock(impl_->mutex);
  for (const auto& [route, counts] : impl_->counters) {
    for (std::size_t m = 0; m < kMethodCount; ++m)
      for (std::size_t c = 0; c < kClassCount; ++c)
        if (auto n = counts[m * kClassCount + c])
          out.push_back({route, std::string(kMethods[m]), static_cast<int>(c), n});
  }
  // std::map iteration is already sorted by route; methods/classes follow table order.
  return out;
}

nlohmann::json RequestJournal::route_counts_json() const {
  auto arr = nlohmann::json::array();
  for (const auto& rc : route_counts()) {
    arr.push_back({{"route", rc.route},
                   {"method", rc.method},
                   {"status_class", rc.status_class ? std::to_string(rc.status_class) + "xx" : std::string("other")},
                   {"count", rc.count}});
  }
  return arr;
}

std::uint64_t RequestJournal::total_appended() const {
  std::lock_guard lock(impl_->mutex);
  return impl_->next_seq - 1;
}

std::size_t RequestJournal::capacity() const { return impl_->capacity; }

std::size_t RequestJournal::allocated_slots() const {
  std::lock_guard lock(impl_->mutex);
  return impl_->allocated;
}

}  // namespace mockgc::core::journal
