#include "harness.hpp"

#include <nlohmann/json.hpp>

#include "mockgc/core/scenario.hpp"

namespace mockgc::testing {

std::string unthrottled_default_scenario() {
  auto j = nlohmann::json::parse(core::default_scenario_text());
  j.erase("rate_limits");
  return j.dump();
}

namespace {

class InProcessHarness final : public Harness {
 public:
  explicit InProcessHarness(const core::ServiceOptions& options) : service_(core::make_service(options)) {}
  api::HttpResponse send(std::string_view region, api::HttpRequest request) override {
    core::RequestContext ctx;
    ctx.region = std::string(region);
    ctx.peer = "inprocess";
    return service_->handle(request, ctx);
  }
  core::Service& service() override { return *service_; }
  std::string name() const override { return "inprocess"; }

 private:
  std::unique_ptr<core::Service> service_;
};

}  // namespace

std::unique_ptr<Harness> make_inprocess_harness(const core::ServiceOptions& options) {
  return std::make_unique<InProcessHarness>(options);
}

}  // namespace mockgc::testing
