#include "support/sync_world.hpp"

#include <fmt/format.h>

#include <nlohmann/json.hpp>
#include <stdexcept>

#include "mockgc/api/regions.hpp"
#include "mockgc/client/errc.hpp"
#include "mockgc/client/json_calls.hpp"

namespace mockgc::testing {

std::string sync_scenario(const std::vector<std::string>& regions, int custom_codes) {
  nlohmann::json orgs = nlohmann::json::array();
  int n = 0;
  for (const auto& r : regions) {
    ++n;
    orgs.push_back({{"region", r},
                    {"name", fmt::format("ORG{}", n)},
                    {"agents", 4},
                    {"queues", 1},
                    {"businessUnits",
                     {{{"name", fmt::format("BU {}", n)},
                       {"timeZone", "Europe/London"},
                       {"managementUnits", 1},
                       {"teamsPerManagementUnit", 1},
                       {"customActivityCodes", custom_codes}}}}});
  }
  return nlohmann::json{{"name", "sync-test"}, {"seed", 1}, {"world", {{"orgs", orgs}}}}.dump();
}

std::vector<client::OrgConfig> org_configs(const core::Service& service) {
  std::vector<client::OrgConfig> out;
  for (const auto& r : service.regions()) {
    const auto* region = api::find_region(r.region);
    if (!region) throw std::logic_error("unknown region " + r.region);
    client::OrgConfig c;
    c.name = r.org_name;
    c.region = r.region;
    c.api = *client::parse_endpoint("https://" + region->api_host());
    c.login = client::default_login_endpoint(c.api);
    c.client_id = r.client_id;
    c.client_secret = r.client_secret;
    out.push_back(std::move(c));
  }
  return out;
}

SyncWorld::SyncWorld(const std::string& scenario_text, std::uint64_t seed) {
  core::ServiceOptions options;
  options.scenario_text = scenario_text;
  options.seed = seed;
  options.clock = &virtual_clock;
  service = core::make_service(options);
  inner = std::make_unique<inproc::InProcessTransport>(*service);
  transport = std::make_unique<RecordingTransport>(*inner, &virtual_clock);
  clock = &virtual_clock;
  orgs = std::make_unique<client::OrgClients>(org_configs(*service), *transport, *clock, client::OrgClientOptions{},
                                              seed);
}

client::OrgClient& SyncWorld::setup_client(const std::string& region) {
  for (auto& c : setup_clients_)
    if (c->org().region == region) return *c;
  for (auto& cfg : org_configs(*service))
    if (cfg.region == region) {
      setup_clients_.push_back(std::make_unique<client::OrgClient>(cfg, *inner, *clock));
      return *setup_clients_.back();
    }
  throw std::logic_error("no org in region " + region);
}

std::string SyncWorld::business_unit_id(const std::string& region) {
  auto bus = client::get_json(setup_client(region), "/api/v2/workforcemanagement/businessunits");
  if (!bus) throw std::runtime_error("cannot list business units");
  return (*bus)["entities"].at(0)["id"].get<std::string>();
}

std::string SyncWorld::create_code(const std::string& region, const nlohmann::json& body) {
  auto& c = setup_client(region);
  auto r = c.call("POST", fmt::format("/api/v2/workforcemanagement/businessunits/{}/activitycodes",
                                      business_unit_id(region)),
                  {}, body.dump());
  if (!r || r->status != 200)
    throw std::runtime_error(fmt::format("set-up create failed: {}", r ? r->body : r.error().message()));
  return nlohmann::json::parse(r->body)["id"].get<std::string>();
}

nlohmann::json SyncWorld::codes(const std::string& region) {
  auto r = client::get_wfm_listing(
      setup_client(region),
      fmt::format("/api/v2/workforcemanagement/businessunits/{}/activitycodes", business_unit_id(region)));
  if (!r) throw std::runtime_error("cannot list codes");
  return (*r)["entities"];
}

void SyncWorld::patch_code(const std::string& region, const std::string& id, nlohmann::json body) {
  auto r = setup_client(region).call(
      "PATCH", fmt::format("/api/v2/workforcemanagement/businessunits/{}/activitycodes/{}", business_unit_id(region), id),
      {}, body.dump());
  if (!r || r->status != 200)
    throw std::runtime_error(fmt::format("set-up patch failed: {}", r ? r->body : r.error().message()));
}

}  // namespace mockgc::testing
