#pragma once
// ORGS.json files for gc-hub end-to-end tests.
#include <filesystem>
#include <fstream>

#include <nlohmann/json.hpp>

namespace mockgc::testing {

// Writes to `out` the ORGS.json `orgs` with one more org that cannot log in (BROKEN in us_east_1, its
// credentials refused), listed last; returns `out`.
inline std::filesystem::path write_orgs_with_broken_org(const std::filesystem::path& orgs,
                                                        const std::filesystem::path& out) {
  nlohmann::json doc = nlohmann::json::parse(std::ifstream(orgs));
  nlohmann::json broken = doc["orgs"][0];
  broken["name"] = "BROKEN";
  broken["region"] = "us_east_1";
  broken["client_id"] = "not-a-client";
  broken["client_secret"] = "wrong";
  doc["orgs"].push_back(broken);
  std::ofstream(out) << doc.dump();
  return out;
}

}  // namespace mockgc::testing
