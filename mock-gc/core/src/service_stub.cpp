// Placeholder core used only until the real one lands: every request is a Genesys-shaped 404.
#include <nlohmann/json.hpp>

#include "mockgc/core/service.hpp"

namespace mockgc::core {
namespace {

class StubService final : public Service {
 public:
  api::HttpResponse handle(const api::HttpRequest&, const RequestContext&) override {
    api::HttpResponse res;
    res.status = 404;
    const std::string id = "00000000-0000-4000-8000-000000000000";
    res.headers.set("Content-Type", "application/json");
    res.headers.set("ININ-Correlation-Id", id);
    res.body = nlohmann::json{{"message", "The requested resource was not found."},
                              {"code", "not.found"},
                              {"status", 404},
                              {"contextId", id},
                              {"details", nlohmann::json::array()},
                              {"errors", nlohmann::json::array()}}
                   .dump();
    return res;
  }
  std::vector<RegionEndpointInfo> regions() const override {
    return {{"eu_central_1", "EMEA", "emea-client", "emea-secret"},
            {"ap_southeast_2", "APAC", "apac-client", "apac-secret"}};
  }
  std::uint64_t seed() const override { return 1; }
};

}  // namespace

std::unique_ptr<Service> make_service(const ServiceOptions&) { return std::make_unique<StubService>(); }

}  // namespace mockgc::core
