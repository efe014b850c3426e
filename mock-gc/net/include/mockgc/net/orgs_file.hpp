#pragma once
// What a client needs to reach a served world: the URL of a bound listener and ORGS.json (the format in
// client/README.md), shared by `mock-gc serve --write-orgs` and `mock-gc check`.
#include <string>
#include <vector>

#include "mockgc/core/service.hpp"
#include "mockgc/net/server.hpp"

namespace mockgc::net {

// URL a client on this machine can use (a wildcard bind address becomes loopback).
std::string client_url(const Endpoint& endpoint);

// ORGS.json: {"orgs": [{"name", "region", "base_url", "login_url", "client_id", "client_secret"}]}, one per
// region that has a listener in `endpoints`, two-space indented, ending in a newline.
std::string orgs_json(const std::vector<core::RegionEndpointInfo>& regions, const std::vector<Endpoint>& endpoints);

}  // namespace mockgc::net
