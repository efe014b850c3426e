#pragma once
// The Genesys Cloud regions, keyed as the JS SDK's PureCloudRegionHosts (genesys-api.md §1).
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace mockgc::api {

struct Region {
  std::string_view key;          // "eu_central_1"
  std::string_view environment;  // "mypurecloud.de"

  std::string api_host() const { return "api." + std::string(environment); }
  std::string login_host() const { return "login." + std::string(environment); }
  // The Notifications API's WebSocket host (a channel's connectUri).
  std::string streaming_host() const { return "streaming." + std::string(environment); }
};

std::span<const Region> all_regions();
const Region* find_region(std::string_view key);
// Maps a Host header ("api.mypurecloud.de", "login.mypurecloud.de:443", "streaming.mypurecloud.de") to its
// region, or nullptr.
const Region* region_for_host(std::string_view host);

}  // namespace mockgc::api
