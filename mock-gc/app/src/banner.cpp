#include "banner.hpp"

#include <fmt/format.h>

#include "mockgc/api/regions.hpp"
#include "mockgc/api/time.hpp"
#include "mockgc/api/url.hpp"
#include "mockgc/net/orgs_file.hpp"

namespace mockgc::app {
namespace {

const net::Endpoint* endpoint_of(const BannerInput& input, const std::string& region) {
  for (const auto& e : input.endpoints)
    if (e.region == region) return &e;
  return nullptr;
}

std::vector<std::string> shared_hosts(const BannerInput& input) {
  std::vector<std::string> hosts;
  for (const auto& r : input.regions)
    if (const auto* region = api::find_region(r.region)) {
      hosts.push_back(region->api_host());
      hosts.push_back(region->login_host());
      hosts.push_back(region->streaming_host());
    }
  return hosts;
}

void append_snippets(std::string& out, const BannerInput& input) {
  const auto* shared = endpoint_of(input, "");
  for (const auto& r : input.regions) {
    const auto* own = endpoint_of(input, r.region);
    const auto* region = api::find_region(r.region);
    if (!own) continue;
    const std::string own_url = net::client_url(*own);
    out += fmt::format("#\n# {} ({}): log in, then list business units\n", r.region, r.org_name);
    const std::string token_cmd = fmt::format(
        "curl -s -u '{}:{}' -d grant_type=client_credentials {}/oauth/token", r.client_id, r.client_secret, own_url);
    out += fmt::format("#   TOKEN=$({} | sed -n 's/.*\"access_token\":\"\\([^\"]*\\)\".*/\\1/p')\n", token_cmd);
    out += fmt::format("#   curl -s -H \"Authorization: Bearer $TOKEN\" {}/api/v2/workforcemanagement/businessunits\n",
                       own_url);
    if (shared && region) {
      const std::string shared_url = net::client_url(*shared);
      out += "#   # the same through the shared port, the Host header picks the region:\n";
      out += fmt::format(
          "#   TOKEN=$(curl -s -H 'Host: {}' -u '{}:{}' -d grant_type=client_credentials {}/oauth/token | sed -n "
          "'s/.*\"access_token\":\"\\([^\"]*\\)\".*/\\1/p')\n",
          region->login_host(), r.client_id, r.client_secret, shared_url);
      out += fmt::format(
          "#   curl -s -H 'Host: {}' -H \"Authorization: Bearer $TOKEN\" {}/api/v2/workforcemanagement/businessunits\n",
          region->api_host(), shared_url);
    }
    out += fmt::format(
        "#   JS SDK: client.setGateway({{ host: '{}', protocol: '{}', port: {} }}); "
        "await client.loginClientCredentialsGrant('{}', '{}');\n",
        own->address == "0.0.0.0" ? "127.0.0.1" : own->address, own->scheme, own->port, r.client_id, r.client_secret);
  }
  out += "#\n";
}

}  // namespace

std::string banner(const BannerInput& input, bool verbose) {
  std::string out = fmt::format("mock-gc {} seed={} scenario={}\n", input.version, input.seed, input.scenario);
  for (const auto& r : input.regions) {
    const auto* e = endpoint_of(input, r.region);
    if (!e) continue;
    out += fmt::format("region={} url={} client_id={} client_secret={} org={}\n", r.region, net::client_url(*e),
                       api::percent_encode(r.client_id), api::percent_encode(r.client_secret),
                       api::percent_encode(r.org_name));
  }
  if (const auto* shared = endpoint_of(input, "")) {
    const auto hosts = shared_hosts(input);
    out += fmt::format("shared url={} hosts={}\n", net::client_url(*shared), fmt::join(hosts, ","));
  }
  if (input.virtual_clock)
    out += fmt::format("clock mode=virtual now={} (stands still: POST /mockgc/admin/clock/advance moves it, "
                       "--speed runs it)\n",
                       api::format_instant(input.clock_now));
  else
    out += fmt::format("clock mode=real now={} speed={}\n", api::format_instant(input.clock_now), input.clock_speed);
  // The live console (/mockgc/console) is served on every listener; the shared one is the address to open.
  const net::Endpoint* console = endpoint_of(input, "");
  if (!console && !input.endpoints.empty()) console = &input.endpoints.front();
  if (console) out += fmt::format("console url={}/mockgc/console\n", net::client_url(*console));
  if (verbose) append_snippets(out, input);
  out += "ready\n";
  return out;
}

std::string orgs_json(const BannerInput& input) { return net::orgs_json(input.regions, input.endpoints); }

}  // namespace mockgc::app
