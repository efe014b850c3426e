#include "mockgc/core/scenario.hpp"

#include <date/tz.h>
#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <fstream>
#include <functional>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "mockgc/api/regions.hpp"
#include "mockgc/api/time.hpp"
#include "strict_json.hpp"

namespace mockgc::core {
namespace {

using json = nlohmann::json;

constexpr std::array<std::string_view, 7> kDaysOfWeek{"Sunday",   "Monday", "Tuesday", "Wednesday",
                                                      "Thursday", "Friday", "Saturday"};

using detail::JsonReader;
using detail::pointer_child;
using detail::StrictJsonError;

BusinessUnitSpec parse_business_unit(const json& j, const std::string& pointer) {
  JsonReader r(j, pointer);
  r.allow_keys({"name", "timeZone", "startDayOfWeek", "managementUnits", "teamsPerManagementUnit", "customActivityCodes"});
  BusinessUnitSpec bu;
  bu.name = r.required_string("name");
  if (bu.name.empty()) r.fail("name", "'name' must not be empty");
  bu.time_zone = r.required_string("timeZone");
  try {
    (void)date::locate_zone(bu.time_zone);
  } catch (const std::exception&) {
    r.fail("timeZone", fmt::format("'timeZone': '{}' is not a known IANA time zone", bu.time_zone));
  }
  bu.start_day_of_week = r.optional_string("startDayOfWeek").value_or("Monday");
  bool day_ok = false;
  for (auto d : kDaysOfWeek) day_ok = day_ok || d == bu.start_day_of_week;
  if (!day_ok)
    r.fail("startDayOfWeek", fmt::format("'startDayOfWeek': '{}' is not one of Sunday..Saturday", bu.start_day_of_week));
  bu.management_units = r.integer("managementUnits", 2, 1, 100);
  bu.teams_per_management_unit = r.integer("teamsPerManagementUnit", 2, 0, 50);
  bu.custom_activity_codes = r.integer("customActivityCodes", 4, 0, 200);
  return bu;
}

OrgSpec parse_org(const json& j, const std::string& pointer) {
  JsonReader r(j, pointer);
  r.allow_keys({"region", "name", "clientId", "clientSecret", "agents", "queues", "businessUnits"});
  OrgSpec org;
  org.region = r.required_string("region");
  if (!api::find_region(org.region))
    r.fail("region", fmt::format("'region': '{}' is not a Genesys region key (e.g. eu_central_1)", org.region));
  org.name = r.required_string("name");
  if (org.name.empty()) r.fail("name", "'name' must not be empty");
  org.client_id = r.optional_string("clientId");
  org.client_secret = r.optional_string("clientSecret");
  if (org.client_id && org.client_id->empty()) r.fail("clientId", "'clientId' must not be empty");
  if (org.client_secret && org.client_secret->empty()) r.fail("clientSecret", "'clientSecret' must not be empty");
  org.agents = r.integer("agents", 200, 0, 20000);
  org.queues = r.integer("queues", 25, 0, 5000);
  const json& bus = r.array("businessUnits", true);
  for (std::size_t i = 0; i < bus.size(); ++i)
    org.business_units.push_back(parse_business_unit(bus[i], pointer_child(r.child("businessUnits"), i)));
  if (org.business_units.empty() && org.agents > 0)
    r.fail("businessUnits", "'businessUnits' needs at least one business unit when the org has agents");
  return org;
}

void parse_world(const json& j, const std::string& pointer, Scenario& s) {
  JsonReader r(j, pointer);
  r.allow_keys({"orgs", "sharedAgents"});
  const json& orgs = r.array("orgs", true);
  std::set<std::string> regions, client_ids;
  for (std::size_t i = 0; i < orgs.size(); ++i) {
    const std::string p = pointer_child(r.child("orgs"), i);
    auto org = parse_org(orgs[i], p);
    if (!regions.insert(org.region).second)
      throw StrictJsonError(p + "/region", fmt::format("'region': '{}' appears twice (one org per region)", org.region));
    if (org.client_id && !client_ids.insert(*org.client_id).second)
      throw StrictJsonError(p + "/clientId", fmt::format("'clientId': '{}' is used by two orgs", *org.client_id));
    s.world.orgs.push_back(std::move(org));
  }
  if (s.world.orgs.empty()) r.fail("orgs", "'orgs' needs at least one org");

  const json& shared = r.array("sharedAgents", false);
  for (std::size_t i = 0; i < shared.size(); ++i) {
    JsonReader sr(shared[i], pointer_child(r.child("sharedAgents"), i));
    sr.allow_keys({"regions", "count"});
    SharedAgentsSpec spec;
    spec.count = sr.integer("count", 0, 0, 10000);
    const json& rs = sr.array("regions", true);
    std::set<std::string> seen;
    for (std::size_t k = 0; k < rs.size(); ++k) {
      const std::string rp = pointer_child(sr.child("regions"), k);
      if (!rs[k].is_string()) throw StrictJsonError(rp, "'regions' entries must be strings");
      auto region = rs[k].get<std::string>();
      if (!regions.count(region)) throw StrictJsonError(rp, fmt::format("'regions': '{}' is not an org of this world", region));
      if (!seen.insert(region).second) throw StrictJsonError(rp, fmt::format("'regions': '{}' is listed twice", region));
      spec.regions.push_back(region);
    }
    if (spec.regions.size() < 2) sr.fail("regions", "'regions' needs at least two orgs");
    s.world.shared_agents.push_back(std::move(spec));
  }
  // Shared people count against each org's agents.
  for (const auto& org : s.world.orgs) {
    int shared_here = 0;
    for (const auto& spec : s.world.shared_agents)
      for (const auto& reg : spec.regions)
        if (reg == org.region) shared_here += spec.count;
    if (shared_here > org.agents)
      r.fail("sharedAgents", fmt::format("'sharedAgents': {} shared agents exceed the {} agents of org '{}'",
                                         shared_here, org.agents, org.region));
  }
}

ProbeSpec parse_probe(const json& j, const std::string& pointer) {
  JsonReader r(j, pointer);
  r.allow_keys({"at", "region", "method", "path", "body", "authenticated", "repeat", "status", "code", "headers",
                "status_counts", "body_contains", "transport"});
  ProbeSpec p;
  p.at = r.optional_duration("at").value_or(Millis{0});
  if (p.at < Millis{0}) r.fail("at", "'at' must not be negative");
  p.region = r.required_string("region");
  if (!api::find_region(p.region)) r.fail("region", fmt::format("'region': '{}' is not a region key", p.region));
  p.method = r.optional_string("method").value_or("GET");
  p.path = r.required_string("path");
  if (p.path.empty() || p.path[0] != '/') r.fail("path", "'path' must start with '/'");
  if (const json* b = r.find("body")) p.body = b->dump();
  p.authenticated = r.optional_bool("authenticated").value_or(true);
  p.repeat = r.integer("repeat", 1, 1, 100000);
  if (r.has("status")) p.status = r.integer("status", 0, 100, 599);
  p.code = r.optional_string("code");
  p.transport = r.optional_string("transport").value_or("");
  if (const json* h = r.find("headers")) {
    if (!h->is_object()) r.fail("headers", "'headers' must be an object of strings");
    for (const auto& [k, v] : h->items()) {
      if (!v.is_string()) throw StrictJsonError(pointer_child(r.child("headers"), k), "header values must be strings");
      p.headers.emplace_back(k, v.get<std::string>());
    }
  }
  if (const json* c = r.find("status_counts")) {
    if (!c->is_object()) r.fail("status_counts", "'status_counts' must be an object {\"429\": 1}");
    for (const auto& [k, v] : c->items()) {
      const std::string at = pointer_child(r.child("status_counts"), k);
      int st = 0;
      try {
        st = std::stoi(k);
      } catch (const std::exception&) {
        throw StrictJsonError(at, "keys must be HTTP statuses");
      }
      if (!v.is_number_unsigned()) throw StrictJsonError(at, "counts must be non-negative integers");
      p.status_counts.emplace_back(st, v.get<int>());
    }
  }
  if (const json* c = r.find("body_contains")) {
    if (!c->is_object()) r.fail("body_contains", "'body_contains' must be an object {\"/pointer\": value}");
    for (const auto& [k, v] : c->items()) {
      if (k.empty() || k[0] != '/') r.fail("body_contains", "keys must be JSON pointers starting with '/'");
      p.body_contains.emplace_back(k, v.dump());
    }
  }
  return p;
}

EventExpectation parse_event_expectation(const json& j, const std::string& pointer) {
  JsonReader r(j, pointer);
  r.allow_keys({"region", "topic", "after", "by", "fields", "absent"});
  EventExpectation e;
  e.region = r.required_string("region");
  if (!api::find_region(e.region)) r.fail("region", fmt::format("'region': '{}' is not a region key", e.region));
  e.topic = r.required_string("topic");
  e.after = r.optional_duration("after").value_or(Millis{0});
  const auto by = r.optional_duration("by");
  if (!by) r.fail("by", "'by' (a duration from the clock start) is required");
  e.by = *by;
  if (e.after < Millis{0} || e.by < e.after) r.fail("by", "'by' must not be before 'after', and neither negative");
  e.absent = r.optional_bool("absent").value_or(false);
  if (const json* f = r.find("fields")) {
    if (!f->is_object()) r.fail("fields", "'fields' must be an object {\"/pointer\": value}");
    for (const auto& [k, v] : f->items()) {
      try {
        (void)json::json_pointer(k);
      } catch (const json::exception&) {
        r.fail("fields", fmt::format("'{}' is not a JSON pointer (\"/a/0/b\")", k));
      }
      if (k.empty()) r.fail("fields", "keys must be JSON pointers starting with '/'");
      e.fields.emplace_back(k, v.dump());
    }
  }
  return e;
}

json event_expectation_to_json(const EventExpectation& e) {
  json j{{"region", e.region}, {"topic", e.topic}, {"by", api::format_duration(e.by)}};
  if (e.after != Millis{0}) j["after"] = api::format_duration(e.after);
  if (e.absent) j["absent"] = true;
  if (!e.fields.empty()) {
    json f = json::object();
    for (const auto& [k, v] : e.fields) f[k] = json::parse(v);
    j["fields"] = f;
  }
  return j;
}

void parse_expect(const json& j, const std::string& pointer, Scenario& s) {
  JsonReader r(j, pointer);
  r.allow_keys({"probes", "counters", "events"});
  const json& events = r.array("events", false);
  for (std::size_t i = 0; i < events.size(); ++i)
    s.expect.events.push_back(parse_event_expectation(events[i], pointer_child(r.child("events"), i)));
  const json& probes = r.array("probes", false);
  for (std::size_t i = 0; i < probes.size(); ++i)
    s.expect.probes.push_back(parse_probe(probes[i], pointer_child(r.child("probes"), i)));
  const json& counters = r.array("counters", false);
  for (std::size_t i = 0; i < counters.size(); ++i) {
    JsonReader cr(counters[i], pointer_child(r.child("counters"), i));
    cr.allow_keys({"route", "method", "status_class", "count"});
    CounterExpectation c;
    c.route = cr.required_string("route");
    c.method = cr.optional_string("method").value_or("GET");
    const auto cls = cr.optional_string("status_class").value_or("2xx");
    if (cls.size() != 3 || cls[0] < '1' || cls[0] > '5' || cls.substr(1) != "xx")
      cr.fail("status_class", fmt::format("'status_class': '{}' is not 1xx … 5xx", cls));
    c.status_class = cls[0] - '0';
    c.count = static_cast<std::uint64_t>(cr.integer("count", 0, 0, 1'000'000'000));
    s.expect.counters.push_back(std::move(c));
  }
}

void parse_limits(const json& j, const std::string& pointer, Scenario& s) {
  JsonReader r(j, pointer);
  r.allow_keys({"max_page_size", "aligned_intervals", "max_sync_interval_days", "max_job_page_size"});
  ApiLimits& l = s.limits;
  l.max_page_size = r.integer("max_page_size", l.max_page_size, 1, 1'000'000);
  l.aligned_intervals = r.optional_bool("aligned_intervals").value_or(l.aligned_intervals);
  l.max_sync_interval_days = r.integer("max_sync_interval_days", l.max_sync_interval_days, 1, 3660);
  l.max_job_page_size = r.integer("max_job_page_size", l.max_job_page_size, 1, 1'000'000);
}

// "HH:MM" (00:00..23:59) <-> minutes since local midnight.
std::optional<std::chrono::minutes> parse_local_clock_time(std::string_view text) {
  if (text.size() != 5 || text[2] != ':') return std::nullopt;
  auto digit = [&](std::size_t i) { return text[i] >= '0' && text[i] <= '9' ? text[i] - '0' : -1; };
  for (std::size_t i : {0u, 1u, 3u, 4u})
    if (digit(i) < 0) return std::nullopt;
  const int h = digit(0) * 10 + digit(1), m = digit(3) * 10 + digit(4);
  if (h > 23 || m > 59) return std::nullopt;
  return std::chrono::minutes(h * 60 + m);
}
std::string format_local_clock_time(std::chrono::minutes m) {
  return fmt::format("{:02}:{:02}", m.count() / 60, m.count() % 60);
}

void parse_wfm(const json& j, const std::string& pointer, Scenario& s) {
  JsonReader r(j, pointer);
  r.allow_keys({"historical_import_window"});
  if (auto w = r.optional_string("historical_import_window")) {
    auto m = parse_local_clock_time(*w);
    if (!m) r.fail("historical_import_window", fmt::format("'{}' is not a local time HH:MM (00:00 … 23:59)", *w));
    s.wfm.historical_import_window = *m;
  }
}

json probe_to_json(const ProbeSpec& p) {
  json j{{"at", api::format_duration(p.at)}, {"region", p.region}, {"method", p.method}, {"path", p.path}};
  if (!p.body.empty()) j["body"] = json::parse(p.body);
  if (!p.authenticated) j["authenticated"] = false;
  if (p.repeat != 1) j["repeat"] = p.repeat;
  if (p.status) j["status"] = *p.status;
  if (p.code) j["code"] = *p.code;
  if (!p.transport.empty()) j["transport"] = p.transport;
  if (!p.headers.empty()) {
    json h = json::object();
    for (const auto& [k, v] : p.headers) h[k] = v;
    j["headers"] = h;
  }
  if (!p.status_counts.empty()) {
    json c = json::object();
    for (const auto& [k, v] : p.status_counts) c[std::to_string(k)] = v;
    j["status_counts"] = c;
  }
  if (!p.body_contains.empty()) {
    json c = json::object();
    for (const auto& [k, v] : p.body_contains) c[k] = json::parse(v);
    j["body_contains"] = c;
  }
  return j;
}

// A section the check library reads: kept as canonical JSON text, only its shape is checked here.
std::string raw_object(const json& v, const std::string& pointer, std::string_view key) {
  if (!v.is_object()) throw StrictJsonError(pointer, fmt::format("'{}' must be an object", key));
  return v.dump();
}

// Top-level sections, parsed in this order (later ones rely on earlier ones). Each throws StrictJsonError
// naming a JSON pointer from the document root.
struct Section {
  std::string_view key;
  std::function<void(const json& value, const std::string& pointer, Scenario&)> parse;
};

const std::vector<Section>& sections() {
  static const std::vector<Section> table{
      {"name",
       [](const json& v, const std::string& p, Scenario& s) {
         if (!v.is_string()) throw StrictJsonError(p, "'name' must be a string");
         s.name = v.get<std::string>();
       }},
      {"description",
       [](const json& v, const std::string& p, Scenario& s) {
         if (!v.is_string()) throw StrictJsonError(p, "'description' must be a string");
         s.description = v.get<std::string>();
       }},
      {"seed",
       [](const json& v, const std::string& p, Scenario& s) {
         if (!v.is_number_unsigned() && !(v.is_number_integer() && v.get<std::int64_t>() >= 0))
           throw StrictJsonError(p, "'seed' must be a non-negative integer");
         s.seed = v.get<std::uint64_t>();
       }},
      {"world", [](const json& v, const std::string& p, Scenario& s) { parse_world(v, p, s); }},
      // `clock` before `faults`: fault offsets and absolute `at` instants count from the clock start.
      {"clock", [](const json& v, const std::string&, Scenario& s) { s.clock = clock_config_from_json(v); }},
      {"rate_limits",
       [](const json& v, const std::string&, Scenario& s) {
         const auto c = faults::RateLimitConfig::from_json(v);
         s.rate_limit_per_minute = c.client_per_minute;
         s.rate_limit_max_clients = c.max_clients;
       }},
      {"faults",
       [](const json& v, const std::string& p, Scenario& s) {
         s.faults = faults::FaultPlan::from_json(v, s.fault_start, s.seed).faults();
         for (std::size_t i = 0; i < s.faults.size(); ++i) {
           const auto& f = s.faults[i];
           if (!f.region.empty() && !api::find_region(f.region))
             throw StrictJsonError(pointer_child(p, i) + "/region", fmt::format("'{}' is not a region key", f.region));
         }
       }},
      {"journal", [](const json& v, const std::string&, Scenario& s) { s.journal = journal::JournalConfig::from_json(v); }},
      {"limits", [](const json& v, const std::string& p, Scenario& s) { parse_limits(v, p, s); }},
      {"wfm", [](const json& v, const std::string& p, Scenario& s) { parse_wfm(v, p, s); }},
      {"expect", [](const json& v, const std::string& p, Scenario& s) { parse_expect(v, p, s); }},
      {"conformance", [](const json& v, const std::string& p, Scenario& s) { s.conformance = raw_object(v, p, "conformance"); }},
      {"explore", [](const json& v, const std::string& p, Scenario& s) { s.explore = raw_object(v, p, "explore"); }},
  };
  return table;
}

// Line (1-based) of the value a JSON pointer names in `text`, found by walking the text itself (nlohmann
// keeps no positions). 0 when it cannot be found (e.g. a missing key): then the message has no line.
std::size_t skip_ws(std::string_view t, std::size_t i) {
  while (i < t.size() && (t[i] == ' ' || t[i] == '\n' || t[i] == '\r' || t[i] == '\t')) ++i;
  return i;
}
std::size_t skip_string(std::string_view t, std::size_t i) {  // i at the opening quote; returns past the closing one
  for (++i; i < t.size(); ++i) {
    if (t[i] == '\\') ++i;
    else if (t[i] == '"') return i + 1;
  }
  return t.size();
}
std::size_t skip_value(std::string_view t, std::size_t i) {
  i = skip_ws(t, i);
  if (i >= t.size()) return i;
  if (t[i] == '"') return skip_string(t, i);
  if (t[i] == '{' || t[i] == '[') {
    int depth = 0;
    for (; i < t.size(); ++i) {
      if (t[i] == '"') {
        i = skip_string(t, i) - 1;
      } else if (t[i] == '{' || t[i] == '[') {
        ++depth;
      } else if (t[i] == '}' || t[i] == ']') {
        if (--depth == 0) return i + 1;
      }
    }
    return i;
  }
  while (i < t.size() && t[i] != ',' && t[i] != '}' && t[i] != ']' && t[i] != ' ' && t[i] != '\n') ++i;
  return i;
}
std::size_t line_of_pointer(std::string_view t, std::string_view pointer) {
  std::size_t i = skip_ws(t, 0);
  std::size_t pos = 0;
  while (pos < pointer.size()) {
    const auto next = pointer.find('/', pos + 1);
    std::string token(pointer.substr(pos + 1, next == std::string_view::npos ? std::string_view::npos : next - pos - 1));
    // RFC 6901 unescaping, "~1" before "~0" so that "~01" stays "~1".
    for (std::size_t at; (at = token.find("~1")) != std::string::npos;) token.replace(at, 2, "/");
    for (std::size_t at; (at = token.find("~0")) != std::string::npos;) token.replace(at, 2, "~");
    pos = next == std::string_view::npos ? pointer.size() : next;
    if (i >= t.size()) return 0;
    if (t[i] == '{') {
      i = skip_ws(t, i + 1);
      bool found = false;
      while (i < t.size() && t[i] == '"') {
        const auto end = skip_string(t, i);
        const auto key = json::parse(t.substr(i, end - i), nullptr, false);
        i = skip_ws(t, end);
        if (i < t.size() && t[i] == ':') i = skip_ws(t, i + 1);
        if (key.is_string() && key.get<std::string>() == token) {
          found = true;
          break;
        }
        i = skip_ws(t, skip_value(t, i));
        if (i < t.size() && t[i] == ',') i = skip_ws(t, i + 1);
      }
      if (!found) return 0;
    } else if (t[i] == '[') {
      std::size_t index = 0;
      try {
        index = std::stoul(token);
      } catch (const std::exception&) {
        return 0;
      }
      i = skip_ws(t, i + 1);
      for (std::size_t k = 0; k < index; ++k) {
        i = skip_ws(t, skip_value(t, i));
        if (i >= t.size() || t[i] != ',') return 0;
        i = skip_ws(t, i + 1);
      }
    } else {
      return 0;
    }
  }
  return static_cast<std::size_t>(std::count(t.begin(), t.begin() + static_cast<std::ptrdiff_t>(std::min(i, t.size())), '\n')) + 1;
}

// "file:LINE: /pointer: reason", or "file: /pointer: reason" when the pointer names no place in the text.
ScenarioError located(const std::invalid_argument& error, std::string_view source, std::string_view text) {
  const auto* strict = dynamic_cast<const StrictJsonError*>(&error);
  if (!strict) return ScenarioError(fmt::format("{}: {}", source, error.what()));
  const auto line = line_of_pointer(text, strict->pointer());
  if (line == 0) return ScenarioError(fmt::format("{}: {}", source, strict->what()));
  return ScenarioError(fmt::format("{}:{}: {}", source, line, strict->what()));
}

}  // namespace

Scenario parse_scenario(std::string_view text, std::string_view source) {
  auto j = json::parse(text, nullptr, false);
  if (j.is_discarded()) throw ScenarioError(fmt::format("{}: not valid JSON", source));
  Scenario s;
  s.source = std::string(source);
  try {
    JsonReader root(j, "");
    for (const auto& [key, value] : j.items()) {
      bool known = false;
      for (const auto& sec : sections()) known = known || sec.key == key;
      if (!known) {
        std::string list;
        for (const auto& sec : sections()) list += (list.empty() ? "" : ", ") + std::string(sec.key);
        root.fail(key, fmt::format("unknown key '{}' (allowed here: {})", key, list));
      }
    }
    // Parse in table order (not file order) so that later sections can rely on earlier ones.
    for (const auto& sec : sections()) {
      if (sec.key == "faults")  // offsets count from the clock start; a real clock without one starts now
        s.fault_start =
            s.clock.start ? *s.clock.start : std::chrono::time_point_cast<Millis>(std::chrono::system_clock::now());
      if (const json* v = root.find(sec.key)) sec.parse(*v, root.child(sec.key), s);
    }
    if (!root.has("world")) root.fail("world", "missing required key 'world'");
  } catch (const std::invalid_argument& e) {
    throw located(e, source, text);
  }
  return s;
}

Scenario load_scenario_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw ScenarioError(fmt::format("{}: cannot open scenario file", path.string()));
  std::ostringstream ss;
  ss << in.rdbuf();
  return parse_scenario(ss.str(), path.string());
}

std::string_view default_scenario_text() {
  // Keep identical to scenarios/default.json (tests/core/scenario_test.cpp compares them).
  static constexpr std::string_view text = R"json({
  "name": "default",
  "description": "Two regions: EMEA on eu_central_1 (BU in Europe/London) and APAC on ap_southeast_2 (BU in Australia/Sydney), 200 agents each, 5 of them bi-regional.",
  "seed": 1,
  "rate_limits": {},
  "world": {
    "orgs": [
      {
        "region": "eu_central_1",
        "name": "EMEA",
        "agents": 200,
        "queues": 30,
        "businessUnits": [
          {
            "name": "EMEA Customer Care",
            "timeZone": "Europe/London",
            "startDayOfWeek": "Monday",
            "managementUnits": 4,
            "teamsPerManagementUnit": 3,
            "customActivityCodes": 6
          }
        ]
      },
      {
        "region": "ap_southeast_2",
        "name": "APAC",
        "agents": 200,
        "queues": 30,
        "businessUnits": [
          {
            "name": "APAC Customer Care",
            "timeZone": "Australia/Sydney",
            "startDayOfWeek": "Sunday",
            "managementUnits": 4,
            "teamsPerManagementUnit": 3,
            "customActivityCodes": 6
          }
        ]
      }
    ],
    "sharedAgents": [
      { "regions": ["eu_central_1", "ap_southeast_2"], "count": 5 }
    ]
  },
  "expect": {
    "probes": [
      { "at": "PT0S", "region": "eu_central_1", "method": "POST", "path": "/oauth/token", "status": 200 },
      { "at": "PT0S", "region": "eu_central_1", "path": "/api/v2/users?pageSize=1", "status": 200, "body_contains": { "/pageSize": 1 } },
      { "at": "PT1H", "region": "ap_southeast_2", "path": "/api/v2/users?pageSize=1", "status": 200, "body_contains": { "/pageSize": 1 } },
      { "at": "PT8H", "region": "ap_southeast_2", "path": "/api/v2/workforcemanagement/businessunits", "status": 200, "body_contains": { "/entities/0/name": "APAC Customer Care" } }
    ],
    "counters": [
      { "route": "/api/v2/users", "method": "GET", "status_class": "2xx", "count": 2 }
    ]
  }
}
)json";
  return text;
}

bool Scenario::limiter_enabled() const {
  if (rate_limit_per_minute) return true;
  for (const auto& f : faults)
    if (f.type() == faults::FaultType::rate_limit) return true;
  return false;
}

std::string scenario_to_json_text(const Scenario& s) {
  json j;
  if (!s.name.empty()) j["name"] = s.name;
  if (!s.description.empty()) j["description"] = s.description;
  j["seed"] = s.seed;
  json world;
  json orgs = json::array();
  for (const auto& o : s.world.orgs) {
    json org{{"region", o.region}, {"name", o.name}, {"agents", o.agents}, {"queues", o.queues}};
    if (o.client_id) org["clientId"] = *o.client_id;
    if (o.client_secret) org["clientSecret"] = *o.client_secret;
    json bus = json::array();
    for (const auto& b : o.business_units)
      bus.push_back({{"name", b.name},
                     {"timeZone", b.time_zone},
                     {"startDayOfWeek", b.start_day_of_week},
                     {"managementUnits", b.management_units},
                     {"teamsPerManagementUnit", b.teams_per_management_unit},
                     {"customActivityCodes", b.custom_activity_codes}});
    org["businessUnits"] = bus;
    orgs.push_back(org);
  }
  world["orgs"] = orgs;
  if (!s.world.shared_agents.empty()) {
    json shared = json::array();
    for (const auto& a : s.world.shared_agents) shared.push_back({{"regions", a.regions}, {"count", a.count}});
    world["sharedAgents"] = shared;
  }
  j["world"] = world;
  if (s.clock != ClockConfig{}) j["clock"] = clock_config_to_json(s.clock);
  if (s.rate_limit_per_minute || s.rate_limit_max_clients != 100'000) {
    json rl = json::object();
    if (s.rate_limit_per_minute) rl["per_client_per_minute"] = *s.rate_limit_per_minute;
    if (s.rate_limit_max_clients != 100'000) rl["max_clients"] = s.rate_limit_max_clients;
    j["rate_limits"] = rl;
  }
  if (!s.faults.empty()) j["faults"] = faults::FaultPlan(s.faults, s.fault_start, s.seed).to_json();
  if (s.journal.capacity != journal::JournalConfig{}.capacity) j["journal"] = {{"capacity", s.journal.capacity}};
  if (s.limits != ApiLimits{}) {
    const ApiLimits defaults;
    json l = json::object();
    if (s.limits.max_page_size != defaults.max_page_size) l["max_page_size"] = s.limits.max_page_size;
    if (s.limits.aligned_intervals != defaults.aligned_intervals) l["aligned_intervals"] = s.limits.aligned_intervals;
    if (s.limits.max_sync_interval_days != defaults.max_sync_interval_days)
      l["max_sync_interval_days"] = s.limits.max_sync_interval_days;
    if (s.limits.max_job_page_size != defaults.max_job_page_size) l["max_job_page_size"] = s.limits.max_job_page_size;
    j["limits"] = l;
  }
  if (s.wfm != WfmTiming{})
    j["wfm"] = {{"historical_import_window", format_local_clock_time(s.wfm.historical_import_window)}};
  if (!s.expect.probes.empty() || !s.expect.counters.empty() || !s.expect.events.empty()) {
    json e = json::object();
    json probes = json::array();
    for (const auto& p : s.expect.probes) probes.push_back(probe_to_json(p));
    if (!probes.empty()) e["probes"] = probes;
    json counters = json::array();
    for (const auto& c : s.expect.counters)
      counters.push_back({{"route", c.route},
                          {"method", c.method},
                          {"status_class", fmt::format("{}xx", c.status_class)},
                          {"count", c.count}});
    if (!counters.empty()) e["counters"] = counters;
    json events = json::array();
    for (const auto& ev : s.expect.events) events.push_back(event_expectation_to_json(ev));
    if (!events.empty()) e["events"] = events;
    j["expect"] = e;
  }
  if (!s.conformance.empty()) j["conformance"] = json::parse(s.conformance);
  if (!s.explore.empty()) j["explore"] = json::parse(s.explore);
  return j.dump(2);
}

Scenario default_scenario() { return parse_scenario(default_scenario_text(), "<built-in default>"); }

Instant run_start(const Scenario& s) {
  using namespace std::chrono;
  return s.clock.start ? *s.clock.start : Instant(sys_days(year{2026} / January / 5) + hours(9));
}

}  // namespace mockgc::core
