#pragma once
// Where a request goes: scheme, host, port and an optional path prefix, parsed from a base URL such as
// "https://api.mypurecloud.de" or "http://127.0.0.1:8080". Plus the TLS trust choice for that origin.
#include <cstdint>
#include <string>
#include <string_view>

#include "mockgc/client/result.hpp"

namespace mockgc::client {

struct Endpoint {
  std::string scheme;      // "http" or "https"
  std::string host;        // "api.mypurecloud.de", "127.0.0.1" (no brackets for IPv6)
  std::uint16_t port = 0;  // explicit or the scheme's default
  std::string base_path;   // "" or "/prefix" (no trailing slash): prepended to every request target
  std::string ca_file;     // HTTPS only: extra trust anchor (PEM); empty = system CA store only

  bool tls() const { return scheme == "https"; }
  // "https://api.mypurecloud.de:443": keys the connection pool (together with ca_file).
  std::string origin() const;
  // Value for the Host header: the port is left out when it is the scheme's default.
  std::string host_header() const;
  bool operator==(const Endpoint&) const = default;
};

// Parses "scheme://host[:port][/path]". Only http and https; no user-info, query or fragment.
Result<Endpoint> parse_endpoint(std::string_view base_url);

struct AbsoluteUrl {
  Endpoint endpoint;   // base_path empty
  std::string target;  // "/path?query" as given (still percent-encoded)
};
// Splits an absolute URL ("https://host/path?x=1", e.g. a WFM downloadUrl) into origin and target.
Result<AbsoluteUrl> parse_absolute_url(std::string_view url);
// Same for a WebSocket URL (a notification channel's connectUri): ws:// and wss:// read as http:// and https://
// (the endpoint's scheme says whether TLS is on). Other schemes: errc::bad_url.
Result<AbsoluteUrl> parse_websocket_url(std::string_view url);

// login.<env> for api.<env> hosts (real Genesys), otherwise the API endpoint itself (a single-port mock),
// the same rule as the Python SDK's `//api.` → `//login.` substitution (genesys-api.md §1).
Endpoint default_login_endpoint(const Endpoint& api);

}  // namespace mockgc::client
