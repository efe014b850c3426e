#include "mockgc/api/regions.hpp"

#include <array>

#include "mockgc/api/http.hpp"

namespace mockgc::api {
namespace {

constexpr std::array<Region, 18> kRegions{{
    {"us_east_1", "mypurecloud.com"},
    {"eu_west_1", "mypurecloud.ie"},
    {"ap_southeast_2", "mypurecloud.com.au"},
    {"ap_northeast_1", "mypurecloud.jp"},
    {"eu_central_1", "mypurecloud.de"},
    {"us_west_2", "usw2.pure.cloud"},
    {"ca_central_1", "cac1.pure.cloud"},
    {"ap_northeast_2", "apne2.pure.cloud"},
    {"eu_west_2", "euw2.pure.cloud"},
    {"ap_south_1", "aps1.pure.cloud"},
    {"us_east_2", "use2.us-gov-pure.cloud"},
    {"sa_east_1", "sae1.pure.cloud"},
    {"me_central_1", "mec1.pure.cloud"},
    {"ap_northeast_3", "apne3.pure.cloud"},
    {"eu_central_2", "euc2.pure.cloud"},
    {"mx_central_1", "mxc1.pure.cloud"},
    {"ap_southeast_1", "apse1.pure.cloud"},
    {"eusc_de_east_1", "edee1.eusc-pure.cloud"},
}};

}  // namespace

std::span<const Region> all_regions() { return kRegions; }

const Region* find_region(std::string_view key) {
  for (const auto& r : kRegions)
    if (r.key == key) return &r;
  return nullptr;
}

const Region* region_for_host(std::string_view host) {
  // Strip a port, then the "api." / "login." / "streaming." label.
  if (auto colon = host.rfind(':'); colon != std::string_view::npos && host.find(']') == std::string_view::npos)
    host = host.substr(0, colon);
  for (std::string_view prefix : {"api.", "login.", "streaming."}) {
    if (host.size() > prefix.size() && iequals(host.substr(0, prefix.size()), prefix)) {
      std::string_view env = host.substr(prefix.size());
      for (const auto& r : kRegions)
        if (iequals(r.environment, env)) return &r;
    }
  }
  return nullptr;
}

}  // namespace mockgc::api
