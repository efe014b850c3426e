#include "mockgc/client/server_time.hpp"

#include <thread>

namespace mockgc::client {

namespace {
api::Instant system_now() { return std::chrono::time_point_cast<api::Millis>(std::chrono::system_clock::now()); }
}  // namespace

api::Instant ServerAlignedClock::now() const { return system_now() + offset(); }

void ServerAlignedClock::sleep_until(api::Instant t) {
  const auto remaining = t - now();
  if (remaining > api::Millis::zero()) std::this_thread::sleep_for(remaining);
}

void ServerAlignedClock::observe_server_date(api::Instant server_now) {
  bool expected = false;
  if (!observed_.compare_exchange_strong(expected, true, std::memory_order_acq_rel)) return;
  const api::Millis diff = server_now - system_now();
  if (diff >= kMinOffset || diff <= -kMinOffset) offset_ms_.store(diff.count(), std::memory_order_release);
}

Result<api::HttpResponse> DateObservingTransport::send(const Endpoint& to, const api::HttpRequest& request,
                                                       const SendOptions& options) {
  auto result = inner_.send(to, request, options);
  if (result && !clock_.observed())
    if (auto date = result->headers.get("Date"))
      if (auto t = api::parse_http_date(*date)) clock_.observe_server_date(*t);
  return result;
}

}  // namespace mockgc::client
