#include "mockgc/client/endpoint.hpp"

#include <charconv>

#include "mockgc/api/text.hpp"
#include "mockgc/client/errc.hpp"

namespace mockgc::client {
namespace {

std::uint16_t default_port(std::string_view scheme) { return scheme == "https" ? 443 : 80; }

// Parses scheme://authority and returns the rest ("/path?query" or "").
Result<Endpoint> parse_origin(std::string_view url, std::string_view& rest) {
  const auto sep = url.find("://");
  if (sep == std::string_view::npos) return errc::bad_url;
  Endpoint ep;
  ep.scheme = api::lower(url.substr(0, sep));
  if (ep.scheme != "http" && ep.scheme != "https") return errc::bad_url;
  url.remove_prefix(sep + 3);
  const auto end = url.find_first_of("/?#");
  std::string_view authority = url.substr(0, end);
  rest = end == std::string_view::npos ? std::string_view{} : url.substr(end);
  if (authority.empty() || authority.find('@') != std::string_view::npos) return errc::bad_url;
  std::string_view port_text;
  if (authority.front() == '[') {  // [::1]:8080
    const auto close = authority.find(']');
    if (close == std::string_view::npos) return errc::bad_url;
    ep.host = std::string(authority.substr(1, close - 1));
    const auto after = authority.substr(close + 1);
    if (!after.empty()) {
      if (after.front() != ':') return errc::bad_url;
      port_text = after.substr(1);
    }
  } else {
    const auto colon = authority.rfind(':');
    ep.host = api::lower(authority.substr(0, colon));
    if (colon != std::string_view::npos) port_text = authority.substr(colon + 1);
  }
  if (ep.host.empty()) return errc::bad_url;
  ep.port = default_port(ep.scheme);
  if (!port_text.empty()) {
    unsigned value = 0;
    const auto [p, e] = std::from_chars(port_text.data(), port_text.data() + port_text.size(), value);
    if (e != std::errc{} || p != port_text.data() + port_text.size() || value == 0 || value > 65535)
      return errc::bad_url;
    ep.port = static_cast<std::uint16_t>(value);
  }
  return ep;
}

}  // namespace

std::string Endpoint::origin() const {
  const bool v6 = host.find(':') != std::string::npos;
  return scheme + "://" + (v6 ? "[" + host + "]" : host) + ":" + std::to_string(port);
}

std::string Endpoint::host_header() const {
  const bool v6 = host.find(':') != std::string::npos;
  std::string h = v6 ? "[" + host + "]" : host;
  if (port != default_port(scheme)) h += ":" + std::to_string(port);
  return h;
}

Result<Endpoint> parse_endpoint(std::string_view base_url) {
  std::string_view rest;
  auto ep = parse_origin(base_url, rest);
  if (!ep) return ep;
  if (!rest.empty() && rest.front() != '/') return errc::bad_url;  // no query or fragment in a base URL
  if (rest.find_first_of("?#") != std::string_view::npos) return errc::bad_url;
  while (!rest.empty() && rest.back() == '/') rest.remove_suffix(1);
  ep->base_path = std::string(rest);
  return ep;
}

Result<AbsoluteUrl> parse_absolute_url(std::string_view url) {
  std::string_view rest;
  auto ep = parse_origin(url, rest);
  if (!ep) return ep.error();
  if (const auto hash = rest.find('#'); hash != std::string_view::npos) rest = rest.substr(0, hash);
  AbsoluteUrl out{std::move(*ep), std::string(rest)};
  if (out.target.empty() || out.target.front() == '?') out.target.insert(0, "/");
  return out;
}

Endpoint default_login_endpoint(const Endpoint& api) {
  Endpoint login = api;
  if (login.host.rfind("api.", 0) == 0) {
    login.host = "login." + login.host.substr(4);
    login.base_path.clear();
  }
  return login;
}

Result<AbsoluteUrl> parse_websocket_url(std::string_view url) {
  if (url.starts_with("ws://")) return parse_absolute_url("http://" + std::string(url.substr(5)));
  if (url.starts_with("wss://")) return parse_absolute_url("https://" + std::string(url.substr(6)));
  return errc::bad_url;
}

}  // namespace mockgc::client
