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
};

// URL a client on this machine can use (a wildcard bind address becomes loopback).
std::string client_url(const net::Endpoint& endpoint);

// The start-up lines, each ending in '\n', `ready` last.
std::string banner(const BannerInput& input, bool verbose);

// ORGS.json: [{"region", "org", "baseUrl", "loginUrl", "clientId", "clientSecret"}], one per region.
std::string orgs_json(const BannerInput& input);

}  // namespace mockgc::app
