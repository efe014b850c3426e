#include "mockgc/core/scenario.hpp"

#include <date/tz.h>
#include <fmt/format.h>

#include <array>
#include <fstream>
#include <functional>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "mockgc/api/regions.hpp"

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
  };
  return table;
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
  for (const auto& sec : sections())
    if (auto it = j.find(std::string(sec.key)); it != j.end()) sec.parse(source, *it, "/" + std::string(sec.key), s);
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
  }
}
)json";
  return text;
}

Scenario default_scenario() { return parse_scenario(default_scenario_text(), "<built-in default>"); }

}  // namespace mockgc::core
