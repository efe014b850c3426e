#pragma once
// ORGS.json: which orgs the client talks to, where, and with which OAuth client (format in client/README.md).
// `mock-gc serve --write-orgs FILE` writes it for a running world; for real Genesys Cloud write it by hand.
// A bad file is a start-up error: the loader throws OrgsFileError naming the org, key and reason.
#include <filesystem>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "mockgc/client/endpoint.hpp"

namespace mockgc::client {

struct OrgConfig {
  std::string name;           // "EMEA"
  std::string region;         // SDK region key, "eu_central_1"
  Endpoint api;               // from base_url (+ ca_file)
  Endpoint login;             // from login_url, or derived (see default_login_endpoint)
  std::string client_id;
  std::string client_secret;
  std::optional<int> requests_per_minute;  // rate ceiling; default 300 (genesys-api.md §4)
};

class OrgsFileError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

std::vector<OrgConfig> parse_orgs(std::string_view json_text, std::string_view source = "ORGS.json");
std::vector<OrgConfig> load_orgs(const std::filesystem::path& file);

}  // namespace mockgc::client
