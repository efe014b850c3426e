#include "mockgc/core/journal/request_journal.hpp"

#include <algorithm>
#include <charconv>
#include <cstring>
#include <map>
#include <mutex>
#include <ostream>
#include <utility>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "strict_json.hpp"
#include "mockgc/api/time.hpp"

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
  std::int64_t retry_after_s = -1;
  std::int64_t expires_in_s = -1;
  std::uint64_t body_hash = 0;
  std::int32_t inflight = 0;
  InlineText<kRouteBytes> route;
  InlineText<kTokenBytes> token;
  InlineText<kRegionBytes> token_region;
  InlineText<kAuthBytes> auth;
  InlineText<kLimitScopeBytes> limit_scope;
  InlineText<kNameBytes> name;
  InlineText<kForeignIdsBytes> foreign_ids;
  InlineText<kLeakBytes> leak;
  InlineText<kErrorCodeBytes> error_code;
  InlineText<kErrorMessageBytes> error_message;
  InlineText<kMoreBytes> more;
  InlineText<kEventBytes> event;
  InlineText<kDetailBytes> detail;
  std::int64_t count = -1;
};

JournalEntry entry_of(const Slot& s) {
  JournalEntry e;
  e.seq = s.seq;
  e.time = Instant(Millis(s.time_ms));
  e.region = s.region.str();
  e.client_id = s.client.str();
  e.method = s.method.str();
  e.path = s.path.str();
  e.query = s.query.str();
  e.status = s.status;
  e.latency_ms = s.latency_ms;
  e.fault = s.fault.str();
  e.truncated = s.truncated;
  e.route = s.route.str();
  e.token = s.token.str();
  e.token_region = s.token_region.str();
  e.auth = s.auth.str();
  e.retry_after_s = s.retry_after_s;
  e.limit_scope = s.limit_scope.str();
  e.expires_in_s = s.expires_in_s;
  e.body_hash = s.body_hash;
  e.name = s.name.str();
  e.foreign_ids = s.foreign_ids.str();
  e.leak = s.leak.str();
  e.inflight = s.inflight;
  e.error_code = s.error_code.str();
  e.error_message = s.error_message.str();
  e.more = s.more.str();
  e.event = s.event.str();
  e.detail = s.detail.str();
  e.count = s.count;
  return e;
}

constexpr std::string_view kMethods[] = {"GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS", "OTHER"};
constexpr std::size_t kMethodCount = std::size(kMethods);
constexpr std::size_t kClassCount = 6;  // 0 = other, 1…5 = 1xx…5xx

std::size_t method_index(std::string_view m) {
  for (std::size_t i = 0; i + 1 < kMethodCount; ++i)
    if (kMethods[i] == m) return i;
  return kMethodCount - 1;
}

int status_class(int status) { return status >= 100 && status < 600 ? status / 100 : 0; }

constexpr bool channel_events_fit() {
  for (const auto name : channel_event::kAll)
    if (name.size() > kEventBytes) return false;
  return true;
}
static_assert(channel_events_fit(), "every channel_event name fits the journal's inline event field");

}  // namespace

// The ring is allocated in chunks as entries arrive, so a large capacity costs memory only once that
// many requests have been journalled (a scenario asking for 1,000,000 entries does not take 0.5 GB at
// start-up). Chunks never move: growing is one allocation, never a copy of the entries already held.
constexpr std::size_t kChunkSlots = 4096;  // ≈ 6 MB per chunk

struct RequestJournal::Impl {
  mutable std::mutex mutex;
  std::size_t capacity = 1;
  std::vector<std::unique_ptr<Slot[]>> chunks;
  std::size_t allocated = 0;  // slots in `chunks`
  std::uint64_t next_seq = 1;
  Sink sink;  // called under `mutex` with every appended entry

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
  core::detail::JsonReader r(j, "/journal");
  r.allow_keys({"capacity"});
  JournalConfig c;
  if (auto v = r.optional_int("capacity")) {
    if (*v < 1 || static_cast<std::uint64_t>(*v) > kMaxCapacity)
      r.fail("capacity", "must be 1 … 1000000 (each entry takes ~1.5 KB once used)");
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
  const TrafficFacts& f = r.facts;
  s.retry_after_s = f.retry_after_s;
  s.expires_in_s = f.expires_in_s;
  s.body_hash = f.body_hash;
  s.inflight = f.inflight;
  cut |= s.route.assign(r.route);
  cut |= s.token.assign(f.token);
  cut |= s.token_region.assign(f.token_region);
  cut |= s.auth.assign(f.auth);
  cut |= s.limit_scope.assign(f.limit_scope);
  cut |= s.name.assign(f.name);
  cut |= s.foreign_ids.assign(f.foreign_ids);
  cut |= s.leak.assign(f.leak);
  cut |= s.error_code.assign(f.error_code);
  cut |= s.error_message.assign(f.error_message);
  cut |= s.more.assign(f.more);
  cut |= s.event.assign(f.event);
  cut |= s.detail.assign(f.detail);
  s.count = f.count;
  s.truncated = cut;
  if (impl_->sink) impl_->sink(entry_of(s));

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
    out.push_back(entry_of(impl_->slot(static_cast<std::size_t>((seq - 1) % cap))));
  }
  return out;
}

namespace {
// One field order for both the byte-exact export (ordered_json) and entry_to_json.
template <class Json>
Json entry_json(const JournalEntry& e) {
  Json j;
  j["seq"] = e.seq;
  j["time"] = api::format_instant(e.time);
  j["region"] = e.region;
  j["client"] = e.client_id;
  j["method"] = e.method;
  j["path"] = e.path;
  j["query"] = e.query;
  j["status"] = e.status;
  j["latency_ms"] = e.latency_ms;
  j["fault"] = e.fault;
  j["truncated"] = e.truncated;
  j["route"] = e.route;
  j["token"] = e.token;
  j["token_region"] = e.token_region;
  j["auth"] = e.auth;
  j["retry_after_s"] = e.retry_after_s;
  j["limit_scope"] = e.limit_scope;
  j["expires_in_s"] = e.expires_in_s;
  j["body_hash"] = fmt::format("{:016x}", e.body_hash);  // a string: JSON numbers lose bits past 2^53
  j["name"] = e.name;
  j["foreign_ids"] = e.foreign_ids;
  j["leak"] = e.leak;
  j["inflight"] = e.inflight;
  j["error_code"] = e.error_code;
  j["error_message"] = e.error_message;
  j["more"] = e.more;
  j["event"] = e.event;
  j["detail"] = e.detail;
  j["count"] = e.count;
  return j;
}
}  // namespace

nlohmann::json entry_to_json(const JournalEntry& e) { return entry_json<nlohmann::json>(e); }

std::string entry_jsonl_line(const JournalEntry& e) {
  return entry_json<nlohmann::ordered_json>(e).dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace) +
         '\n';
}

JournalEntry entry_from_json(const nlohmann::json& j) {
  // Unknown keys are ignored: a newer export stays readable by an older `verify`.
  const core::detail::JsonReader r(j, "journal entry");
  JournalEntry e;
  auto text = [&](std::string_view key, std::string& out) {
    if (auto v = r.optional_string(key)) out = std::move(*v);
  };
  auto integer = [&](std::string_view key, auto& out) {
    if (auto v = r.optional_int(key)) {
      using T = std::remove_reference_t<decltype(out)>;
      if (!std::in_range<T>(*v)) r.fail(key, "is out of range");
      out = static_cast<T>(*v);
    }
  };
  integer("seq", e.seq);
  if (auto t = r.optional_instant("time")) e.time = *t;
  text("region", e.region);
  text("client", e.client_id);
  text("method", e.method);
  text("path", e.path);
  text("query", e.query);
  integer("status", e.status);
  integer("latency_ms", e.latency_ms);
  text("fault", e.fault);
  if (auto v = r.optional_bool("truncated")) e.truncated = *v;
  text("route", e.route);
  text("token", e.token);
  text("token_region", e.token_region);
  text("auth", e.auth);
  integer("retry_after_s", e.retry_after_s);
  text("limit_scope", e.limit_scope);
  integer("expires_in_s", e.expires_in_s);
  if (auto v = r.optional_string("body_hash")) {
    std::uint64_t h = 0;
    const auto [end, ec] = std::from_chars(v->data(), v->data() + v->size(), h, 16);
    if (v->empty() || v->size() > 16 || ec != std::errc() || end != v->data() + v->size())
      r.fail("body_hash", "must be a string of up to 16 hex digits");
    e.body_hash = h;
  }
  text("name", e.name);
  text("foreign_ids", e.foreign_ids);
  text("leak", e.leak);
  integer("inflight", e.inflight);
  text("error_code", e.error_code);
  text("error_message", e.error_message);
  text("more", e.more);
  text("event", e.event);
  text("detail", e.detail);
  integer("count", e.count);
  return e;
}

void RequestJournal::set_sink(Sink sink) {
  std::lock_guard lock(impl_->mutex);
  impl_->sink = std::move(sink);
}

void RequestJournal::export_jsonl(std::ostream& out, std::uint64_t since_seq) const {
  for (const auto& e : snapshot(since_seq)) out << entry_jsonl_line(e);
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
