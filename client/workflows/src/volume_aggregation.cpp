#include "mockgc/workflows/volume_aggregation.hpp"

#include <date/date.h>
#include <date/tz.h>
#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <optional>

#include "mockgc/api/error_body.hpp"
#include "mockgc/api/time.hpp"
#include "mockgc/api/zone_cursor.hpp"
#include "mockgc/client/json_calls.hpp"
#include "mockgc/workflows/wfm_models.hpp"
#include "mockgc/workflows/region_status.hpp"  // call_failure
#include "aggregates_answer.hpp"
#include "genesys_paths.hpp"

namespace mockgc::workflows {
namespace {

using client::Instant;
using client::Millis;
using nlohmann::json;

using paths::kBusinessUnits;
using paths::kQueues;
using paths::kConversationAggregates;

std::string iso(Instant t) { return api::format_instant_seconds(t); }

std::optional<Instant> parse_iso(const std::string& s) { return api::parse_instant(s); }

template <class T>
std::uint64_t sum(const std::vector<T>& v) {
  std::uint64_t s = 0;
  for (auto x : v) s += x;
  return s;
}

// Reads the BU's zone: the named BU, else the first of the listing. Empty error = ok.
std::string read_zone(client::OrgClient& c, const VolumeOptions& o, OrgVolume& out) {
  auto bus = client::get_wfm_listing(c, kBusinessUnits);
  if (!bus) return fmt::format("GET {}: {}", kBusinessUnits, bus.error().message());
  const auto units = parse_business_units(*bus);
  const BusinessUnit* chosen = nullptr;
  for (const auto& u : units)
    if (!chosen && (!o.business_unit || u.name == *o.business_unit)) chosen = &u;
  if (!chosen)
    return o.business_unit ? fmt::format("no business unit named \"{}\"", *o.business_unit)
                           : std::string("no business unit");
  out.business_unit = chosen->name;
  const auto path = fmt::format("{}/{}", kBusinessUnits, chosen->id);
  auto r = c.call("GET", path, {{"expand", "settings"}});
  if (!r || !r->ok()) return call_failure("GET", path, r);
  auto body = client::parse_json_body(*r);
  if (!body) return fmt::format("GET {}: {}", path, body.error().message());
  const auto* tz_name = body->contains("settings") && (*body)["settings"].is_object() &&
                                (*body)["settings"].contains("timeZone") && (*body)["settings"]["timeZone"].is_string()
                            ? &(*body)["settings"]["timeZone"]
                            : nullptr;
  if (!tz_name) return fmt::format("GET {}: no settings.timeZone", path);
  out.time_zone = tz_name->get<std::string>();
  try {
    (void)date::locate_zone(out.time_zone);
  } catch (const std::exception&) {
    return fmt::format("unknown time zone \"{}\"", out.time_zone);
  }
  return {};
}

// Adds one chunk's aggregates into the org's series. Empty string = ok.
std::string read_chunk(client::OrgClient& c, const TimeChunk& chunk, const VolumeReport& rep, OrgVolume& out,
                       const std::map<std::string, std::size_t>& by_id) {
  const json query = {{"interval", interval_text(chunk)},
                      {"granularity", fmt::format("PT{}M", rep.interval_minutes)},
                      {"groupBy", {"queueId"}},
                      {"metrics", {"nOffered", "tHandle"}}};
  // A query changes nothing: safe to replay after a 504 or a lost answer. A month of every queue's buckets
  // is megabytes: each answer is read by SAX as it arrives (queue ids, interval starts and sums only), and
  // that reading is the client's check that the body is not damaged, so the body is lexed once.
  std::optional<client::Result<std::vector<AggregateQueueGroup>>> groups;
  client::CallOptions options{.idempotent = true, .read_answer = [&](const api::HttpResponse& answer) {
                                bool is_json = false;
                                groups = read_queue_aggregates(answer.body, &is_json);
                                return is_json;
                              }};
  auto r = c.call("POST", kConversationAggregates, {}, query.dump(), std::move(options));
  if (!r || !r->ok()) return call_failure("POST", kConversationAggregates, r);
  if (!groups) groups = read_queue_aggregates(r->body);  // a guard: OrgClient reads every 2xx answer
  if (!*groups) return fmt::format("POST {}: malformed body", kConversationAggregates);
  const Millis step = std::chrono::minutes(rep.interval_minutes);
  for (const auto& g : **groups) {
    const auto q = by_id.find(g.queue_id);
    if (q == by_id.end()) continue;  // a queue created after the listing: not in this report
    auto& s = out.queues[q->second];
    for (const auto& d : g.data) {
      if (d.start < rep.start || d.start >= rep.end) continue;
      const auto i = static_cast<std::size_t>((d.start - rep.start) / step);
      s.offered[i] += d.offered;
      s.handled[i] += d.handled;
      s.handle_ms[i] += d.handle_ms;
    }
  }
  return {};
}

OrgVolume read_org(client::OrgClient& c, const VolumeOptions& o, const VolumeReport& rep,
                   const std::vector<TimeChunk>& chunks) {
  OrgVolume out;
  out.org = c.org().name;
  out.region = c.org().region;
  out.chunks = chunks.size();
  if (auto why = read_zone(c, o, out); !why.empty()) {
    out.status = RegionStatus::missing(why);
    return out;
  }
  auto queues = client::get_all_entities(c, kQueues, {{"pageSize", "100"}});
  if (!queues) {
    out.status = RegionStatus::missing(fmt::format("GET {}: {}", kQueues, queues.error().message()));
    return out;
  }
  std::map<std::string, std::size_t> by_id;
  for (const auto& q : *queues) {
    if (!q.contains("id") || !q["id"].is_string() || !q.contains("name") || !q["name"].is_string()) continue;
    QueueSeries s;
    s.id = q["id"].get<std::string>();
    s.name = q["name"].get<std::string>();
    s.key = queue_group_key(s.name, out.org, o.strip_org_name_prefix);
    s.offered.assign(rep.intervals, 0);
    s.handled.assign(rep.intervals, 0);
    s.handle_ms.assign(rep.intervals, 0);
    by_id.emplace(s.id, out.queues.size());
    out.queues.push_back(std::move(s));
  }
  if (out.queues.empty()) {
    out.status = RegionStatus::missing("the org has no queues");
    return out;
  }
  for (const auto& ch : chunks)
    if (auto why = read_chunk(c, ch, rep, out, by_id); !why.empty()) out.missing.push_back({ch, why});
  if (out.missing.size() == chunks.size()) {
    out.status = RegionStatus::missing(fmt::format("every chunk failed; first: {}", out.missing.front().why));
  } else if (!out.missing.empty()) {
    std::string what = fmt::format("{} of {} chunks missing:", out.missing.size(), chunks.size());
    for (const auto& m : out.missing) what += " " + interval_text(m.chunk);
    out.status = RegionStatus::partial(what, out.missing.front().why);
  }
  std::vector<std::uint64_t> off(rep.intervals), han(rep.intervals), hms(rep.intervals);
  for (const auto& s : out.queues)
    for (std::size_t i = 0; i < rep.intervals; ++i) {
      off[i] += s.offered[i];
      han[i] += s.handled[i];
      hms[i] += s.handle_ms[i];
    }
  out.days = local_day_rollup(rep.start, rep.interval_minutes, out.time_zone, off, han, hms);
  return out;
}

json day_json(const LocalDay& d) {
  return {{"date", d.date},       {"intervals", d.intervals}, {"offered", d.offered},
          {"handled", d.handled}, {"handleMs", d.handle_ms},  {"minutes", d.minutes}};
}

json aht_json(std::uint64_t handle_ms, std::uint64_t handled) {
  if (handled == 0) return nullptr;
  return static_cast<double>(handle_ms) / 1000.0 / static_cast<double>(handled);
}

}  // namespace

std::vector<TimeChunk> volume_chunks(Instant start, Instant end, int max_days) {
  std::vector<TimeChunk> out;
  const Millis max = std::chrono::days(max_days);
  for (auto t = start; t < end; t += max) out.push_back({t, std::min(end, t + max)});
  return out;
}

std::string queue_group_key(std::string_view name, std::string_view org_name, bool strip_org_name_prefix) {
  auto key = activity_code_name_key(name);
  if (!strip_org_name_prefix || org_name.empty()) return key;
  const auto prefix = activity_code_name_key(org_name) + " ";
  if (key.size() > prefix.size() && key.compare(0, prefix.size(), prefix) == 0) key.erase(0, prefix.size());
  return key;
}

std::optional<Instant> parse_utc_instant(const std::string& text) { return parse_iso(text); }

std::string interval_text(const TimeChunk& c) {
  return iso(c.start) + "/" + iso(c.end);
}

std::uint64_t QueueSeries::total_offered() const { return sum(offered); }
std::uint64_t QueueSeries::total_handled() const { return sum(handled); }
std::uint64_t QueueSeries::total_handle_ms() const { return sum(handle_ms); }
std::uint64_t OrgVolume::offered() const {
  std::uint64_t s = 0;
  for (const auto& q : queues) s += q.total_offered();
  return s;
}
std::uint64_t OrgVolume::handled() const {
  std::uint64_t s = 0;
  for (const auto& q : queues) s += q.total_handled();
  return s;
}
std::uint64_t OrgVolume::handle_ms() const {
  std::uint64_t s = 0;
  for (const auto& q : queues) s += q.total_handle_ms();
  return s;
}

bool VolumeReport::any_missing() const {
  return std::any_of(orgs.begin(), orgs.end(), [](const OrgVolume& o) { return o.status.is_missing(); });
}

std::vector<LocalDay> local_day_rollup(Instant start, int interval_minutes, const std::string& time_zone,
                                       const std::vector<std::uint64_t>& offered,
                                       const std::vector<std::uint64_t>& handled,
                                       const std::vector<std::uint64_t>& handle_ms) {
  const auto* zone = date::locate_zone(time_zone);
  std::vector<LocalDay> out;
  const Millis step = std::chrono::minutes(interval_minutes);
  // A day's text and length once per day (half a year of quarter-hours is 17,472 intervals, 182 days).
  api::ZoneCursor local_time(*zone);
  date::local_days day{};
  for (std::size_t i = 0; i < offered.size(); ++i) {
    const auto t = start + step * static_cast<long long>(i);
    const auto local = date::floor<date::days>(local_time.to_local(t));
    if (out.empty() || local != day) {
      day = local;
      const auto length = zone->to_sys(local + date::days(1), date::choose::earliest) -
                          zone->to_sys(local, date::choose::earliest);
      out.push_back({date::format("%F", local), 0, 0, 0, 0,
                     static_cast<int>(std::chrono::duration_cast<std::chrono::minutes>(length).count())});
    }
    auto& d = out.back();
    ++d.intervals;
    d.offered += offered[i];
    d.handled += i < handled.size() ? handled[i] : 0;
    d.handle_ms += i < handle_ms.size() ? handle_ms[i] : 0;
  }
  return out;
}

std::vector<QueueGroup> group_queues(const std::vector<OrgVolume>& orgs, std::size_t intervals) {
  std::map<std::string, QueueGroup> groups;
  for (const auto& o : orgs)
    for (const auto& q : o.queues) {
      auto [it, fresh] = groups.try_emplace(q.key);
      auto& g = it->second;
      if (fresh) {
        g.key = q.key;
        g.name = q.name;
        g.time_zone = o.time_zone;
        g.offered.assign(intervals, 0);
        g.handled.assign(intervals, 0);
        g.handle_ms.assign(intervals, 0);
      }
      if (g.regions.empty() || g.regions.back() != o.region) g.regions.push_back(o.region);
      for (std::size_t i = 0; i < intervals && i < q.offered.size(); ++i) {
        g.offered[i] += q.offered[i];
        g.handled[i] += q.handled[i];
        g.handle_ms[i] += q.handle_ms[i];
      }
    }
  std::vector<QueueGroup> out;
  for (auto& [key, g] : groups) {
    g.total_offered = sum(g.offered);
    g.total_handled = sum(g.handled);
    g.total_handle_ms = sum(g.handle_ms);
    if (g.total_handled > 0)
      g.blended_aht_seconds = static_cast<double>(g.total_handle_ms) / 1000.0 / static_cast<double>(g.total_handled);
    out.push_back(std::move(g));
  }
  return out;
}

VolumeReport aggregate_volume(client::OrgClients& orgs, const VolumeOptions& options) {
  VolumeReport rep;
  rep.interval_minutes = options.interval_minutes;
  const Millis step = std::chrono::minutes(options.interval_minutes);
  rep.end = Instant(options.end.time_since_epoch() / step * step);
  rep.start = rep.end - std::chrono::days(7 * options.weeks);
  rep.intervals = static_cast<std::size_t>((rep.end - rep.start) / step);
  const auto chunks = volume_chunks(rep.start, rep.end);
  for (std::size_t i = 0; i < orgs.size(); ++i) {
    auto& c = orgs.at(i);
    rep.orgs.push_back(read_org(c, options, rep, chunks));
    if (options.progress) options.progress(i + 1, orgs.size(), c.org().name);
  }
  rep.groups = group_queues(rep.orgs, rep.intervals);
  return rep;
}

json to_json(const VolumeReport& r) {
  json orgs = json::array();
  for (const auto& o : r.orgs) {
    json j;
    to_json(j, o.status);
    j["org"] = o.org;
    j["region"] = o.region;
    j["businessUnit"] = o.business_unit;
    j["timeZone"] = o.time_zone;
    j["chunks"] = o.chunks;
    j["queues"] = json::array();
    for (const auto& q : o.queues)
      j["queues"].push_back({{"name", q.name}, {"id", q.id}, {"offered", q.total_offered()},
                             {"handled", q.total_handled()}, {"handleMs", q.total_handle_ms()},
                             {"ahtSeconds", aht_json(q.total_handle_ms(), q.total_handled())}});
    j["missingIntervals"] = json::array();
    for (const auto& m : o.missing) j["missingIntervals"].push_back({{"interval", interval_text(m.chunk)}, {"why", m.why}});
    j["offered"] = o.offered();
    j["handled"] = o.handled();
    j["handleMs"] = o.handle_ms();
    j["ahtSeconds"] = aht_json(o.handle_ms(), o.handled());
    j["localDays"] = json::array();
    for (const auto& d : o.days) j["localDays"].push_back(day_json(d));
    orgs.push_back(std::move(j));
  }
  json groups = json::array();
  for (const auto& g : r.groups)
    groups.push_back({{"key", g.key}, {"name", g.name}, {"regions", g.regions}, {"offered", g.total_offered},
                      {"handled", g.total_handled}, {"handleMs", g.total_handle_ms},
                      {"blendedAhtSeconds", aht_json(g.total_handle_ms, g.total_handled)}});
  return {{"interval", interval_text({r.start, r.end})},
          {"granularity", fmt::format("PT{}M", r.interval_minutes)},
          {"intervals", r.intervals},
          {"orgs", std::move(orgs)},
          {"queueGroups", std::move(groups)}};
}

json capacity_volume_json(const VolumeReport& r) {
  json groups = json::array();
  for (const auto& g : r.groups) {
    const double fallback = g.blended_aht_seconds.value_or(300.0);
    json offered = json::array(), aht = json::array();
    for (std::size_t i = 0; i < g.offered.size(); ++i) {
      offered.push_back(g.offered[i]);
      aht.push_back(g.handled[i] ? static_cast<double>(g.handle_ms[i]) / 1000.0 / static_cast<double>(g.handled[i])
                                 : fallback);
    }
    json j = {{"name", g.name}, {"start", iso(r.start)}, {"offered", std::move(offered)}, {"aht_seconds", std::move(aht)}};
    if (!g.time_zone.empty()) j["time_zone"] = g.time_zone;
    groups.push_back(std::move(j));
  }
  return {{"format", "mockgc.capacity.volume/1"}, {"interval_minutes", r.interval_minutes},
          {"queue_groups", std::move(groups)}};
}

}  // namespace mockgc::workflows
