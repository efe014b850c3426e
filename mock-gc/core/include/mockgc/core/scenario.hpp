#pragma once
// Scenario files (scenarios/*.json): data that shapes a world. This issue owns the `seed` and `world`
// sections; later ones add `clock`, `timeline`, `faults`, `expect` by adding a Scenario member and a row
// to the section table in scenario.cpp. Unknown keys anywhere are errors naming the file, the JSON
// pointer and the key; bad values name the key and the reason (ScenarioError, thrown at start-up only).
#include <cstdint>
#include <filesystem>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace mockgc::core {

class ScenarioError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct BusinessUnitSpec {
  std::string name;
  std::string time_zone;               // IANA zone, validated against the system tzdata
  std::string start_day_of_week = "Monday";
  int management_units = 2;
  int teams_per_management_unit = 2;
  int custom_activity_codes = 4;
};

struct OrgSpec {
  std::string region;                  // SDK region key, e.g. "eu_central_1"
  std::string name;
  std::optional<std::string> client_id;      // default: derived from the seed
  std::optional<std::string> client_secret;  // default: derived from the seed
  int agents = 200;                    // users in this org, bi-regional ones included
  int queues = 25;
  std::vector<BusinessUnitSpec> business_units;
};

// `count` people who each have one user in every org of `regions` (same name and email).
struct SharedAgentsSpec {
  std::vector<std::string> regions;
  int count = 0;
};

struct WorldSpec {
  std::vector<OrgSpec> orgs;
  std::vector<SharedAgentsSpec> shared_agents;
};

struct Scenario {
  std::string source = "<built-in default>";  // file name, for messages
  std::string name;
  std::string description;
  std::uint64_t seed = 1;
  WorldSpec world;
};

// Parses scenario JSON text; `source` names it in error messages. Throws ScenarioError.
Scenario parse_scenario(std::string_view text, std::string_view source);
// Reads and parses a file. Throws ScenarioError (unreadable file included).
Scenario load_scenario_file(const std::filesystem::path& path);
// The built-in world (identical to scenarios/default.json; a test keeps the two in sync).
std::string_view default_scenario_text();
Scenario default_scenario();

}  // namespace mockgc::core
