#include "mockgc/net/orgs_file.hpp"

#include <nlohmann/json.hpp>

namespace mockgc::net {

std::string client_url(const Endpoint& endpoint) {
  Endpoint e = endpoint;
  if (e.address == "0.0.0.0") e.address = "127.0.0.1";
  if (e.address == "::") e.address = "::1";
  return e.url();
}

std::string orgs_json(const std::vector<core::RegionEndpointInfo>& regions, const std::vector<Endpoint>& endpoints) {
  auto orgs = nlohmann::json::array();
  for (const auto& r : regions) {
    const Endpoint* e = nullptr;
    for (const auto& candidate : endpoints)
      if (candidate.region == r.region) e = &candidate;
    if (!e) continue;
    const std::string url = client_url(*e);
    // The ORGS.json format the reference client reads (client/README.md, client::parse_orgs).
    orgs.push_back({{"name", r.org_name},
                    {"region", r.region},
                    {"base_url", url},
                    {"login_url", url},
                    {"client_id", r.client_id},
                    {"client_secret", r.client_secret}});
  }
  return nlohmann::json{{"orgs", std::move(orgs)}}.dump(2) + "\n";
}

}  // namespace mockgc::net
