#include "support/recording_transport.hpp"

#include <cstdlib>

#include <nlohmann/json.hpp>

#include "mockgc/client/errc.hpp"

namespace mockgc::testing {

client::Result<api::HttpResponse> RecordingTransport::send(const client::Endpoint& to,
                                                           const api::HttpRequest& request,
                                                           const client::SendOptions& options) {
  Exchange e;
  e.host = to.host;
  e.port = to.port;
  e.method = request.method;
  e.target = request.target;
  e.body = request.body;
  // Sent = when the client handed the request over (other traffic's latency may move the clock after).
  if (clock_) e.sent = clock_->now();
  if (before_send) before_send(to, request);
  auto r = inner_.send(to, request, options);
  if (clock_) e.answered = clock_->now();
  if (r) {
    e.status = r->status;
    e.body_is_json = !nlohmann::json::parse(r->body, nullptr, false).is_discarded();
    if (r->status == 429)
      if (auto ra = r->headers.get("Retry-After")) e.retry_after = std::atoll(std::string(*ra).c_str());
  } else {
    e.error = r.error();
  }
  const bool drop = r && drop_answer && drop_answer(e);
  if (drop) {
    e.dropped = true;
    e.error = client::errc::connection_reset;
  }
  {
    std::lock_guard lock(mutex_);
    exchanges_.push_back(std::move(e));
  }
  if (drop) return client::errc::connection_reset;
  return r;
}

std::vector<Exchange> RecordingTransport::exchanges() const {
  std::lock_guard lock(mutex_);
  return exchanges_;
}

std::size_t RecordingTransport::writes() const {
  std::lock_guard lock(mutex_);
  std::size_t n = 0;
  for (const auto& e : exchanges_)
    if (e.method != "GET" && e.api()) ++n;
  return n;
}

}  // namespace mockgc::testing
