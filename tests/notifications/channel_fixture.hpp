#pragma once
// The notification suites' fixture: channels and subscriptions over REST (any harness kind) and the channel's
// stream through Service::open_stream, pulled on the test's virtual clock.
#include <memory>
#include <string>
#include <vector>

#include "core/endpoint_fixture.hpp"
#include "mockgc/core/notifications/stream.hpp"

namespace mockgc::testing {

inline constexpr const char* kChannels = "/api/v2/notifications/channels";

class ChannelTest : public EndpointTest {
 protected:
  using json = nlohmann::json;

  json create(const std::string& region = kEmea) {
    auto res = send_json(region, "POST", kChannels, json::object());
    EXPECT_EQ(res.status, 200) << res.body;
    return body_json(res);
  }
  json subscribe(const std::string& id, const json& topics, const std::string& method = "POST", int status = 200) {
    json body = json::array();
    for (const auto& t : topics) body.push_back({{"id", t}});
    auto res = send_json(kEmea, method, std::string(kChannels) + "/" + id + "/subscriptions", body);
    EXPECT_EQ(res.status, status) << res.body;
    return body_json(res);
  }
  std::string user(const std::string& region, std::size_t index = 0) {
    return get_json(region, "/api/v2/users?pageSize=5")["entities"][index]["id"];
  }
  std::string client_id(const std::string& region) { return region_info(h(), region).client_id; }
  std::unique_ptr<core::notifications::Stream> connect(const json& channel, const std::string& region = kEmea) {
    api::HttpRequest upgrade;
    upgrade.method = "GET";
    upgrade.target = path_of_url(channel["connectUri"].get<std::string>());
    core::RequestContext ctx;
    ctx.region = region;
    return h().service().open_stream(upgrade, ctx);
  }
  std::vector<json> pull(core::notifications::Stream& s) {
    auto out = s.pull();
    s.confirm();
    std::vector<json> frames;
    for (const auto& f : out.frames) frames.push_back(json::parse(f));
    return frames;
  }
  // The frames of a pull that are events (no heartbeats or pongs).
  std::vector<json> events(core::notifications::Stream& s) {
    std::vector<json> out;
    for (auto& f : pull(s))
      if (f.value("topicName", "") != "channel.metadata") out.push_back(std::move(f));
    return out;
  }
  std::string mu(const std::string& region = kEmea, std::size_t index = 0) {
    auto j = get_json(region, "/api/v2/workforcemanagement/businessunits/" + bu_id(region) + "/managementunits");
    return j["entities"][index]["id"];
  }
};

}  // namespace mockgc::testing
