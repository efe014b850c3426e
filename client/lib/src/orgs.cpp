#include "mockgc/client/orgs.hpp"

#include <fmt/format.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "mockgc/api/regions.hpp"

namespace mockgc::client {
namespace {

using nlohmann::json;

[[noreturn]] void fail(std::string_view source, std::string_view where, std::string_view why) {
  throw OrgsFileError(fmt::format("{}: {}: {}", source, where, why));
}

std::string required_string(const json& org, const char* key, std::string_view source, const std::string& where) {
  const auto it = org.find(key);
  if (it == org.end()) fail(source, where, fmt::format("missing required key \"{}\"", key));
  if (!it->is_string() || it->get_ref<const std::string&>().empty())
    fail(source, where, fmt::format("\"{}\" must be a non-empty string", key));
  return it->get<std::string>();
}

std::optional<std::string> optional_string(const json& org, const char* key, std::string_view source,
                                           const std::string& where) {
  const auto it = org.find(key);
  if (it == org.end()) return std::nullopt;
  if (!it->is_string()) fail(source, where, fmt::format("\"{}\" must be a string", key));
  return it->get<std::string>();
}

}  // namespace

std::vector<OrgConfig> parse_orgs(std::string_view json_text, std::string_view source) {
  const auto doc = json::parse(json_text, nullptr, /*allow_exceptions=*/false);
  if (doc.is_discarded()) fail(source, "document", "not valid JSON");
  if (!doc.is_object()) fail(source, "document", "must be an object {\"orgs\": [...]}");
  for (const auto& [key, value] : doc.items())
    if (key != "orgs") fail(source, "document", fmt::format("unknown key \"{}\"", key));
  const auto orgs = doc.find("orgs");
  if (orgs == doc.end() || !orgs->is_array()) fail(source, "document", "\"orgs\" must be an array");

  static const std::set<std::string> known = {"name",      "region",        "base_url", "login_url",
                                              "client_id", "client_secret", "ca_file",  "requests_per_minute"};
  std::vector<OrgConfig> out;
  std::set<std::string> names;
  for (std::size_t i = 0; i < orgs->size(); ++i) {
    const auto& org = (*orgs)[i];
    std::string where = fmt::format("orgs[{}]", i);
    if (!org.is_object()) fail(source, where, "must be an object");
    if (auto n = org.find("name"); n != org.end() && n->is_string())
      where += fmt::format(" (\"{}\")", n->get<std::string>());
    for (const auto& [key, value] : org.items())
      if (!known.count(key)) fail(source, where, fmt::format("unknown key \"{}\"", key));

    OrgConfig cfg;
    cfg.name = required_string(org, "name", source, where);
    if (!names.insert(cfg.name).second) fail(source, where, "duplicate org name");
    cfg.region = required_string(org, "region", source, where);
    if (!api::find_region(cfg.region)) fail(source, where, fmt::format("unknown region \"{}\"", cfg.region));
    const auto base_url = required_string(org, "base_url", source, where);
    auto api_ep = parse_endpoint(base_url);
    if (!api_ep) fail(source, where, fmt::format("\"base_url\" is not an http(s) URL: \"{}\"", base_url));
    cfg.api = *api_ep;
    // A real Genesys host names its region: catch an EMEA org pointed at the US API by a copy-paste slip.
    if (const auto* host_region = api::region_for_host(cfg.api.host); host_region && host_region->key != cfg.region)
      fail(source, where,
           fmt::format("\"base_url\" host {} belongs to region \"{}\", not \"{}\"", cfg.api.host, host_region->key,
                       cfg.region));
    cfg.api.ca_file = optional_string(org, "ca_file", source, where).value_or("");
    if (auto login_url = optional_string(org, "login_url", source, where)) {
      auto login_ep = parse_endpoint(*login_url);
      if (!login_ep) fail(source, where, fmt::format("\"login_url\" is not an http(s) URL: \"{}\"", *login_url));
      cfg.login = *login_ep;
      cfg.login.ca_file = cfg.api.ca_file;
    } else {
      cfg.login = default_login_endpoint(cfg.api);
    }
    cfg.client_id = required_string(org, "client_id", source, where);
    cfg.client_secret = required_string(org, "client_secret", source, where);
    if (auto rpm = org.find("requests_per_minute"); rpm != org.end()) {
      if (!rpm->is_number_integer() || rpm->get<long long>() < 1)
        fail(source, where, "\"requests_per_minute\" must be a positive integer");
      cfg.requests_per_minute = rpm->get<int>();
    }
    out.push_back(std::move(cfg));
  }
  return out;
}

std::vector<OrgConfig> load_orgs(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) throw OrgsFileError(fmt::format("{}: cannot be opened", file.string()));
  std::stringstream buffer;
  buffer << in.rdbuf();
  return parse_orgs(buffer.str(), file.string());
}

}  // namespace mockgc::client
