#include "mockgc/inproc/inproc.hpp"

#include "mockgc/api/regions.hpp"
#include "mockgc/client/endpoint.hpp"
#include "mockgc/client/errc.hpp"
#include "mockgc/core/notifications/stream.hpp"

#include <deque>

namespace mockgc::inproc {

client::Result<api::HttpResponse> InProcessTransport::send(const client::Endpoint& to,
                                                           const api::HttpRequest& request,
                                                           const client::SendOptions&) {
  api::HttpRequest req = request;
  req.target = to.base_path + req.target;
  req.headers.set("Host", to.host_header());
  core::RequestContext ctx;
  if (const auto* region = api::region_for_host(to.host)) ctx.region = std::string(region->key);
  ctx.peer = "inprocess";
  ctx.scheme = to.scheme;
  api::HttpResponse response = service_.handle(req, ctx);
  // Over sockets (mock-gc/net) these faults leave no usable response; report them the way BeastTransport
  // does, so workflow code sees the same transport error in-process. slow_body and latency only cost time.
  using Action = api::Delivery::Action;
  if (response.delivery.action == Action::reset || response.delivery.action == Action::close_mid_body)
    return client::errc::connection_reset;
  return response;
}

namespace {

class InProcessWebSocket final : public client::WebSocket {
 public:
  InProcessWebSocket(std::unique_ptr<core::notifications::Stream> stream, api::ManualClock& clock)
      : stream_(std::move(stream)), clock_(clock) {}

  client::Result<std::string> read(client::Millis timeout) override {
    for (int round = 0; round < 2 && pending_.empty() && !ended_; ++round) {
      if (round == 1) clock_.advance(timeout);
      pull();
    }
    if (!pending_.empty()) {
      std::string text = std::move(pending_.front());
      pending_.pop_front();
      return text;
    }
    return ended_ ? client::Result<std::string>(client::errc::connection_reset)
                  : client::Result<std::string>(client::errc::timeout);
  }
  client::Status write(std::string_view text) override {
    if (ended_) return client::errc::connection_reset;
    stream_->receive(text);
    return client::ok();
  }
  void close() override {
    ended_ = true;
    stream_.reset();  // the hub sees the connection go
  }

 private:
  void pull() {
    auto out = stream_->pull();
    stream_->confirm();
    for (auto& f : out.frames) pending_.push_back(std::move(f));
    if (out.close != core::notifications::Close::none) {
      ended_ = true;
      stream_.reset();
    }
  }

  std::unique_ptr<core::notifications::Stream> stream_;
  api::ManualClock& clock_;
  std::deque<std::string> pending_;
  bool ended_ = false;
};

}  // namespace

client::Result<std::unique_ptr<client::WebSocket>> InProcessWebSocketConnector::connect(std::string_view url,
                                                                                       const std::string&) {
  auto parsed = client::parse_websocket_url(url);
  if (!parsed) return parsed.error();
  api::HttpRequest upgrade;
  upgrade.method = "GET";
  upgrade.target = parsed->target;
  upgrade.headers.set("Host", parsed->endpoint.host_header());
  core::RequestContext ctx;
  if (const auto* region = api::region_for_host(parsed->endpoint.host)) ctx.region = std::string(region->key);
  ctx.peer = "inprocess";
  auto stream = service_.open_stream(upgrade, ctx);
  if (!stream) return client::errc::unexpected_status;
  ++connects_;
  return std::unique_ptr<client::WebSocket>(std::make_unique<InProcessWebSocket>(std::move(stream), clock_));
}

}  // namespace mockgc::inproc
