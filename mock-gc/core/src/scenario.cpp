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
#include "mockgc/core/clock_text.hpp"

namespace mockgc::core {
namespace {

using json = nlohmann::json;

constexpr std::array<std::string_view, 7> kDaysOfWeek{"Sunday",   "Monday", "Tuesday", "Wednesday",
                                                      "Thursday", "Friday", "Saturday"};

// Reads one JSON object at a JSON pointer, rejecting keys it does not know.
class ObjectReader {
 public:
  ObjectReader(std::string_view source, const json& j, std::string pointer, std::vector<std::string_view> allowed)
      : source_(source), j_(j), pointer_(std::move(pointer)) {
    if (!j_.is_object()) fail(pointer_, "expected a JSON object");
    for (const auto& [key, value] : j_.items()) {
      bool known = false;
      for (auto a : allowed) known = known || a == key;
      if (!known) {
        std::string list;
        for (auto a : allowed) list += (list.empty() ? "" : ", ") + std::string(a);
        fail(child(key), fmt::format("unknown key '{}' (allowed here: {})", key, list));
      }
    }
  }

  [[noreturn]] void fail(const std::string& pointer, const std::string& reason) const {
    throw ScenarioError(fmt::format("{}: {}: {}", source_, pointer.empty() ? "/" : pointer, reason));
  }
  std::string child(std::string_view key) const {
    // JSON pointer escaping (RFC 6901): '~' -> '~0', '/' -> '~1'.
    std::string k;
    for (char c : key) k += c == '~' ? std::string("~0") : c == '/' ? std::string("~1") : std::string(1, c);
    return pointer_ + "/" + k;
  }
  const json* find(std::string_view key) const {
    auto it = j_.find(std::string(key));
    return it == j_.end() ? nullptr : &*it;
  }

  std::optional<std::string> string(std::string_view key, bool required = false) const {
    const json* v = find(key);
    if (!v) {
      if (required) fail(child(key), fmt::format("missing required key '{}'", key));
      return std::nullopt;
    }
    if (!v->is_string()) fail(child(key), fmt::format("'{}' must be a string", key));
    return v->get<std::string>();
  }
  int integer(std::string_view key, int fallback, int min, int max) const {
    const json* v = find(key);
    if (!v) return fallback;
    if (!v->is_number_integer()) fail(child(key), fmt::format("'{}' must be an integer", key));
    const auto n = v->get<std::int64_t>();
    if (n < min || n > max) fail(child(key), fmt::format("'{}' must be between {} and {} (got {})", key, min, max, n));
    return static_cast<int>(n);
  }
  const json& array(std::string_view key, bool required) const {
    static const json empty = json::array();
    const json* v = find(key);
    if (!v) {
      if (required) fail(child(key), fmt::format("missing required key '{}'", key));
      return empty;
    }
    if (!v->is_array()) fail(child(key), fmt::format("'{}' must be an array", key));
    return *v;
  }
  const std::string& pointer() const { return pointer_; }
  std::string_view source() const { return source_; }

 private:
  std::string_view source_;
  const json& j_;
  std::string pointer_;
};

BusinessUnitSpec parse_business_unit(std::string_view source, const json& j, const std::string& pointer) {
  ObjectReader r(source, j, pointer,
                 {"name", "timeZone", "startDayOfWeek", "managementUnits", "teamsPerManagementUnit",
                  "customActivityCodes"});
  BusinessUnitSpec bu;
  bu.name = *r.string("name", true);
  if (bu.name.empty()) r.fail(r.child("name"), "'name' must not be empty");
  bu.time_zone = *r.string("timeZone", true);
  try {
    (void)date::locate_zone(bu.time_zone);
  } catch (const std::exception&) {
    r.fail(r.child("timeZone"), fmt::format("'timeZone': '{}' is not a known IANA time zone", bu.time_zone));
  }
  bu.start_day_of_week = r.string("startDayOfWeek").value_or("Monday");
  bool day_ok = false;
  for (auto d : kDaysOfWeek) day_ok = day_ok || d == bu.start_day_of_week;
  if (!day_ok)
    r.fail(r.child("startDayOfWeek"),
           fmt::format("'startDayOfWeek': '{}' is not one of Sunday..Saturday", bu.start_day_of_week));
  bu.management_units = r.integer("managementUnits", 2, 1, 100);
  bu.teams_per_management_unit = r.integer("teamsPerManagementUnit", 2, 0, 50);
  bu.custom_activity_codes = r.integer("customActivityCodes", 4, 0, 200);
  return bu;
}

OrgSpec parse_org(std::string_view source, const json& j, const std::string& pointer) {
  ObjectReader r(source, j, pointer,
                 {"region", "name", "clientId", "clientSecret", "agents", "queues", "businessUnits"});
  OrgSpec org;
  org.region = *r.string("region", true);
  if (!api::find_region(org.region))
    r.fail(r.child("region"), fmt::format("'region': '{}' is not a Genesys region key (e.g. eu_central_1)", org.region));
  org.name = *r.string("name", true);
  if (org.name.empty()) r.fail(r.child("name"), "'name' must not be empty");
  org.client_id = r.string("clientId");
  org.client_secret = r.string("clientSecret");
  if (org.client_id && org.client_id->empty()) r.fail(r.child("clientId"), "'clientId' must not be empty");
  if (org.client_secret && org.client_secret->empty())
    r.fail(r.child("clientSecret"), "'clientSecret' must not be empty");
  org.agents = r.integer("agents", 200, 0, 20000);
  org.queues = r.integer("queues", 25, 0, 5000);
  const json& bus = r.array("businessUnits", true);
  for (std::size_t i = 0; i < bus.size(); ++i)
    org.business_units.push_back(parse_business_unit(source, bus[i], r.child("businessUnits") + "/" + std::to_string(i)));
  if (org.business_units.empty() && org.agents > 0)
    r.fail(r.child("businessUnits"), "'businessUnits' needs at least one business unit when the org has agents");
  return org;
}

void parse_world(std::string_view source, const json& j, const std::string& pointer, Scenario& s) {
  ObjectReader r(source, j, pointer, {"orgs", "sharedAgents"});
  const json& orgs = r.array("orgs", true);
  std::set<std::string> regions, client_ids;
  for (std::size_t i = 0; i < orgs.size(); ++i) {
    const std::string p = r.child("orgs") + "/" + std::to_string(i);
    auto org = parse_org(source, orgs[i], p);
    if (!regions.insert(org.region).second)
      r.fail(p + "/region", fmt::format("'region': '{}' appears twice (one org per region)", org.region));
    if (org.client_id && !client_ids.insert(*org.client_id).second)
      r.fail(p + "/clientId", fmt::format("'clientId': '{}' is used by two orgs", *org.client_id));
    s.world.orgs.push_back(std::move(org));
  }
  if (s.world.orgs.empty()) r.fail(r.child("orgs"), "'orgs' needs at least one org");

  const json& shared = r.array("sharedAgents", false);
  for (std::size_t i = 0; i < shared.size(); ++i) {
    const std::string p = r.child("sharedAgents") + "/" + std::to_string(i);
    ObjectReader sr(source, shared[i], p, {"regions", "count"});
    SharedAgentsSpec spec;
    spec.count = sr.integer("count", 0, 0, 10000);
    const json& rs = sr.array("regions", true);
    std::set<std::string> seen;
    for (std::size_t k = 0; k < rs.size(); ++k) {
      const std::string rp = sr.child("regions") + "/" + std::to_string(k);
      if (!rs[k].is_string()) sr.fail(rp, "'regions' entries must be strings");
      auto region = rs[k].get<std::string>();
      if (!regions.count(region)) sr.fail(rp, fmt::format("'regions': '{}' is not an org of this world", region));
      if (!seen.insert(region).second) sr.fail(rp, fmt::format("'regions': '{}' is listed twice", region));
      spec.regions.push_back(region);
    }
    if (spec.regions.size() < 2) sr.fail(sr.child("regions"), "'regions' needs at least two orgs");
    s.world.shared_agents.push_back(std::move(spec));
  }
  // Shared people count against each org's agents.
  for (const auto& org : s.world.orgs) {
    int shared_here = 0;
    for (const auto& spec : s.world.shared_agents)
      for (const auto& reg : spec.regions)
        if (reg == org.region) shared_here += spec.count;
    if (shared_here > org.agents)
      r.fail(r.child("sharedAgents"), fmt::format("'sharedAgents': {} shared agents exceed the {} agents of org '{}'",
                                                  shared_here, org.agents, org.region));
  }
}


// The building blocks' from_json functions report places as `faults[2].for`; scenario messages use JSON
// pointers (`/faults/2/for`), so convert.
std::string pointer_from_dotted(std::string_view place) {
  std::string out;
  std::string token;
  auto flush = [&] {
    if (!token.empty()) out += "/" + token;
    token.clear();
  };
  for (char c : place) {
    if (c == '.' || c == '[') flush();
    else if (c == ']') flush();
    else token += c;
  }
  flush();
  return out;
}

// Runs a building block's strict from_json and turns its std::invalid_argument into a ScenarioError
// naming the file, the JSON pointer and the reason.
template <typename F>
auto strict(std::string_view source, F&& f) -> decltype(f()) {
  try {
    return f();
  } catch (const std::invalid_argument& e) {
    const std::string msg = e.what();
    const auto colon = msg.find(": ");
    if (colon == std::string::npos) throw ScenarioError(fmt::format("{}: {}", source, msg));
    throw ScenarioError(fmt::format("{}: {}: {}", source, pointer_from_dotted(msg.substr(0, colon)), msg));
  }
}

std::optional<Millis> duration_at(const ObjectReader& r, std::string_view key) {
  auto text = r.string(key);
  if (!text) return std::nullopt;
  auto d = parse_duration(*text);
  if (!d) r.fail(r.child(key), fmt::format("'{}': '{}' is not an ISO-8601 duration (e.g. PT10M)", key, *text));
  return d;
}

ProbeSpec parse_probe(std::string_view source, const json& j, const std::string& pointer) {
  ObjectReader r(source, j, pointer,
                 {"at", "region", "method", "path", "body", "authenticated", "repeat", "status", "code", "headers",
                  "status_counts", "body_contains", "transport"});
  ProbeSpec p;
  p.at = duration_at(r, "at").value_or(Millis{0});
  if (p.at < Millis{0}) r.fail(r.child("at"), "'at' must not be negative");
  p.region = *r.string("region", true);
  if (!api::find_region(p.region)) r.fail(r.child("region"), fmt::format("'region': '{}' is not a region key", p.region));
  p.method = r.string("method").value_or("GET");
  p.path = *r.string("path", true);
  if (p.path.empty() || p.path[0] != '/') r.fail(r.child("path"), "'path' must start with '/'");
  if (const json* b = r.find("body")) p.body = b->dump();
  if (const json* a = r.find("authenticated")) {
    if (!a->is_boolean()) r.fail(r.child("authenticated"), "'authenticated' must be true or false");
    p.authenticated = a->get<bool>();
  }
  p.repeat = r.integer("repeat", 1, 1, 100000);
  if (r.find("status")) p.status = r.integer("status", 0, 100, 599);
  p.code = r.string("code");
  p.transport = r.string("transport").value_or("");
  if (const json* h = r.find("headers")) {
    if (!h->is_object()) r.fail(r.child("headers"), "'headers' must be an object of strings");
    for (const auto& [k, v] : h->items()) {
      if (!v.is_string()) r.fail(r.child("headers") + "/" + k, "header values must be strings");
      p.headers.emplace_back(k, v.get<std::string>());
    }
  }
  if (const json* c = r.find("status_counts")) {
    if (!c->is_object()) r.fail(r.child("status_counts"), "'status_counts' must be an object {\"429\": 1}");
    for (const auto& [k, v] : c->items()) {
      int st = 0;
      try {
        st = std::stoi(k);
      } catch (const std::exception&) {
        r.fail(r.child("status_counts") + "/" + k, "keys must be HTTP statuses");
      }
      if (!v.is_number_unsigned()) r.fail(r.child("status_counts") + "/" + k, "counts must be non-negative integers");
      p.status_counts.emplace_back(st, v.get<int>());
    }
  }
  if (const json* c = r.find("body_contains")) {
    if (!c->is_object()) r.fail(r.child("body_contains"), "'body_contains' must be an object {\"/pointer\": value}");
    for (const auto& [k, v] : c->items()) {
      if (k.empty() || k[0] != '/') r.fail(r.child("body_contains"), "keys must be JSON pointers starting with '/'");
      p.body_contains.emplace_back(k, v.dump());
    }
  }
  return p;
}

void parse_expect(std::string_view source, const json& j, const std::string& pointer, Scenario& s) {
  ObjectReader r(source, j, pointer, {"probes", "counters"});
  const json& probes = r.array("probes", false);
  for (std::size_t i = 0; i < probes.size(); ++i)
    s.expect.probes.push_back(parse_probe(source, probes[i], r.child("probes") + "/" + std::to_string(i)));
  const json& counters = r.array("counters", false);
  for (std::size_t i = 0; i < counters.size(); ++i) {
    const std::string p = r.child("counters") + "/" + std::to_string(i);
    ObjectReader cr(source, counters[i], p, {"route", "method", "status_class", "count"});
    CounterExpectation c;
    c.route = *cr.string("route", true);
    c.method = cr.string("method").value_or("GET");
    const auto cls = cr.string("status_class").value_or("2xx");
    if (cls.size() != 3 || cls[0] < '1' || cls[0] > '5' || cls.substr(1) != "xx")
      cr.fail(cr.child("status_class"), fmt::format("'status_class': '{}' is not 1xx … 5xx", cls));
    c.status_class = cls[0] - '0';
    c.count = static_cast<std::uint64_t>(cr.integer("count", 0, 0, 1'000'000'000));
    s.expect.counters.push_back(std::move(c));
  }
}

json probe_to_json(const ProbeSpec& p) {
  json j{{"at", format_duration(p.at)}, {"region", p.region}, {"method", p.method}, {"path", p.path}};
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
std::string raw_object(std::string_view src, const json& v, const std::string& pointer, std::string_view key) {
  if (!v.is_object()) throw ScenarioError(fmt::format("{}: {}: '{}' must be an object", src, pointer, key));
  return v.dump();
}

// Top-level sections. Later issues add rows ("clock", "timeline", "faults", "expect") and Scenario members.
struct Section {
  std::string_view key;
  std::function<void(std::string_view source, const json& value, const std::string& pointer, Scenario&)> parse;
};

const std::vector<Section>& sections() {
  static const std::vector<Section> table{
      {"name",
       [](std::string_view src, const json& v, const std::string& p, Scenario& s) {
         if (!v.is_string()) throw ScenarioError(fmt::format("{}: {}: 'name' must be a string", src, p));
         s.name = v.get<std::string>();
       }},
      {"description",
       [](std::string_view src, const json& v, const std::string& p, Scenario& s) {
         if (!v.is_string()) throw ScenarioError(fmt::format("{}: {}: 'description' must be a string", src, p));
         s.description = v.get<std::string>();
       }},
      {"seed",
       [](std::string_view src, const json& v, const std::string& p, Scenario& s) {
         if (!v.is_number_unsigned() && !(v.is_number_integer() && v.get<std::int64_t>() >= 0))
           throw ScenarioError(fmt::format("{}: {}: 'seed' must be a non-negative integer", src, p));
         s.seed = v.get<std::uint64_t>();
       }},
      {"world", [](std::string_view src, const json& v, const std::string& p, Scenario& s) { parse_world(src, v, p, s); }},
      // `clock` before `faults`: fault offsets and absolute `at` instants count from the clock start.
      {"clock",
       [](std::string_view src, const json& v, const std::string&, Scenario& s) {
         s.clock = strict(src, [&] { return clock_config_from_json(v); });
       }},
      {"rate_limits",
       [](std::string_view src, const json& v, const std::string&, Scenario& s) {
         const auto c = strict(src, [&] { return faults::RateLimitConfig::from_json(v); });
         s.rate_limit_per_minute = c.client_per_minute;
         s.rate_limit_max_clients = c.max_clients;
       }},
      {"faults",
       [](std::string_view src, const json& v, const std::string&, Scenario& s) {
         s.faults = strict(src, [&] { return faults::FaultPlan::from_json(v, s.fault_start, s.seed).faults(); });
         for (std::size_t i = 0; i < s.faults.size(); ++i) {
           const auto& f = s.faults[i];
           if (!f.region.empty() && !api::find_region(f.region))
             throw ScenarioError(fmt::format("{}: /faults/{}/region: '{}' is not a region key", src, i, f.region));
         }
       }},
      {"journal",
       [](std::string_view src, const json& v, const std::string&, Scenario& s) {
         s.journal = strict(src, [&] { return journal::JournalConfig::from_json(v); });
       }},
      {"expect", [](std::string_view src, const json& v, const std::string& p, Scenario& s) { parse_expect(src, v, p, s); }},
      {"conformance",
       [](std::string_view src, const json& v, const std::string& p, Scenario& s) {
         s.conformance = raw_object(src, v, p, "conformance");
       }},
      {"explore",
       [](std::string_view src, const json& v, const std::string& p, Scenario& s) {
         s.explore = raw_object(src, v, p, "explore");
       }},
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

// "file: /pointer: reason" -> "file:LINE: /pointer: reason".
std::string with_line(const std::string& message, std::string_view source, std::string_view text) {
  const std::string prefix = std::string(source) + ": ";
  if (message.rfind(prefix, 0) != 0) return message;
  const auto rest = std::string_view(message).substr(prefix.size());
  const auto colon = rest.find(": ");
  if (rest.empty() || rest[0] != '/' || colon == std::string_view::npos) return message;
  const auto line = line_of_pointer(text, rest.substr(0, colon));
  if (line == 0) return message;
  return fmt::format("{}:{}: {}", source, line, rest);
}

}  // namespace

Scenario parse_scenario(std::string_view text, std::string_view source) {
  auto j = json::parse(text, nullptr, false);
  if (j.is_discarded()) throw ScenarioError(fmt::format("{}: not valid JSON", source));
  if (!j.is_object()) throw ScenarioError(fmt::format("{}: /: expected a JSON object", source));
  Scenario s;
  s.source = std::string(source);
  for (const auto& [key, value] : j.items()) {
    const Section* section = nullptr;
    for (const auto& sec : sections())
      if (sec.key == key) section = &sec;
    if (!section) {
      std::string list;
      for (const auto& sec : sections()) list += (list.empty() ? "" : ", ") + std::string(sec.key);
      throw ScenarioError(fmt::format("{}: /{}: unknown key '{}' (allowed here: {})", source, key, key, list));
    }
  }
  // Parse in table order (not file order) so that later sections can rely on earlier ones.
  for (const auto& sec : sections()) {
    if (sec.key == "faults")  // offsets count from the clock start; a real clock without one starts now
      s.fault_start = s.clock.start ? *s.clock.start : std::chrono::time_point_cast<Millis>(std::chrono::system_clock::now());
    if (auto it = j.find(std::string(sec.key)); it != j.end()) {
      try {
        sec.parse(source, *it, "/" + std::string(sec.key), s);
      } catch (const ScenarioError& e) {
        throw ScenarioError(with_line(e.what(), source, text));
      }
    }
  }
  if (!j.contains("world")) throw ScenarioError(fmt::format("{}: /world: missing required key 'world'", source));
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
  if (!s.expect.probes.empty() || !s.expect.counters.empty()) {
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
