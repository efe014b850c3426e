#pragma once
// Endpoint suites that listen on notification channels: create a channel, subscribe (REST), connect its
// stream through Service::open_stream and pull the frames it has due on the virtual clock.
#include <memory>
#include <string>
#include <vector>

#include "core/endpoint_fixture.hpp"
#include "mockgc/core/notifications/stream.hpp"

namespace mockgc::testing {

// Mixed into any EndpointTest-derived fixture.
template <class Base>
class WithChannels : public Base {
 protected:
  static constexpr const char* kChannels = "/api/v2/notifications/channels";

  nlohmann::json create(const std::string& region = kEmea) {
    auto res = this->send_json(region, "POST", kChannels, nlohmann::json::object());
    EXPECT_EQ(res.status, 200) << res.body;
    return body_json(res);
  }
  nlohmann::json subscribe(const std::string& id, const nlohmann::json& topics, const std::string& method = "POST",
                           int status = 200) {
    nlohmann::json body = nlohmann::json::array();
    for (const auto& t : topics) body.push_back({{"id", t}});
    auto res = this->send_json(kEmea, method, std::string(kChannels) + "/" + id + "/subscriptions", body);
    EXPECT_EQ(res.status, status) << res.body;
    return body_json(res);
  }
  std::string client_id(const std::string& region) { return region_info(this->h(), region).client_id; }
  // The id of the index-th user of the region's first page of users.
  std::string user(const std::string& region, std::size_t index = 0) {
    return this->get_json(region, "/api/v2/users?pageSize=5")["entities"][index]["id"];
  }
  // The id of the index-th management unit of the region's business unit.
  std::string mu(const std::string& region = kEmea, std::size_t index = 0) {
    if (index == 0) return this->mu_id(region);
    auto j = this->get_json(region,
                            "/api/v2/workforcemanagement/businessunits/" + this->bu_id(region) + "/managementunits");
    return j["entities"][index]["id"];
  }
  std::unique_ptr<core::notifications::Stream> connect(const nlohmann::json& channel, const std::string& region = kEmea) {
    api::HttpRequest upgrade;
    upgrade.method = "GET";
    upgrade.target = path_of_url(channel["connectUri"].get<std::string>());
    core::RequestContext ctx;
    ctx.region = region;
    return this->h().service().open_stream(upgrade, ctx);
  }
  // Every frame due now (heartbeats included), confirmed as written.
  std::vector<nlohmann::json> pull(core::notifications::Stream& s) {
    auto out = s.pull();
    s.confirm();
    std::vector<nlohmann::json> frames;
    for (const auto& f : out.frames) frames.push_back(nlohmann::json::parse(f));
    return frames;
  }
  // The events due now, without heartbeats.
  std::vector<nlohmann::json> events(core::notifications::Stream& s) {
    std::vector<nlohmann::json> out;
    for (auto& f : pull(s))
      if (f.value("topicName", "") != "channel.metadata") out.push_back(std::move(f));
    return out;
  }
};

using ChannelTest = WithChannels<EndpointTest>;

}  // namespace mockgc::testing
