#pragma once
// What mock-gc tells the world on start: machine-readable key=value lines (and ORGS.json) for scripts,
// plus copy-paste snippets for people with --verbose.
#include <string>
#include <vector>

#include "mockgc/core/service.hpp"
#include "mockgc/net/server.hpp"

namespace mockgc::app {

struct BannerInput {
  std::string version;
  std::uint64_t seed = 0;
  std::string scenario;  // path, or "default"
  std::vector<core::RegionEndpointInfo> regions;
  std::vector<net::Endpoint> endpoints;
  // The world's clock: a virtual one stands still until the admin API moves it.
  bool virtual_clock = false;
  core::Instant clock_now{};
  double clock_speed = 1.0;
};

// The start-up lines, each ending in '\n', `ready` last.
std::string banner(const BannerInput& input, bool verbose);

// ORGS.json for the banner's world (net::orgs_json).
std::string orgs_json(const BannerInput& input);

}  // namespace mockgc::app
