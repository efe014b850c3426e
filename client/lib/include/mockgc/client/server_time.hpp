#pragma once
// The client's clock moved to the server's time. A mock-gc world keeps its own clock (a scenario's start, a
// virtual or faster clock), so "this week", "next week" and "now" should be the world's, not the machine's;
// against real Genesys both agree and nothing moves.
//
// ServerAlignedClock is the system clock plus an offset, decided once by the first server `Date` header seen
// (1 s resolution): its difference from the machine's time when that is at least kMinOffset, else none. It
// never changes after, so a wait computed before a later response never jumps. DateObservingTransport hands every
// response's `Date` to the clock.
#include <atomic>
#include <cstdint>

#include "mockgc/api/clock.hpp"
#include "mockgc/api/time.hpp"
#include "mockgc/client/transport.hpp"

namespace mockgc::client {

class ServerAlignedClock final : public api::WaitableClock {
 public:
  // Smaller differences are the Date header's resolution and the request's flight, not another clock.
  static constexpr api::Millis kMinOffset{2000};

  api::Instant now() const override;
  void sleep_until(api::Instant t) override;

  // The server said it is `server_now` (at about the moment this is called).
  void observe_server_date(api::Instant server_now);
  // Whether a server Date has been seen (whatever the offset it gave).
  bool observed() const { return observed_.load(std::memory_order_acquire); }
  api::Millis offset() const { return api::Millis(offset_ms_.load(std::memory_order_acquire)); }

 private:
  std::atomic<bool> observed_{false};
  std::atomic<std::int64_t> offset_ms_{0};
};

// Passes every exchange to `inner` and every response's Date header to `clock`.
class DateObservingTransport final : public Transport {
 public:
  DateObservingTransport(Transport& inner, ServerAlignedClock& clock) : inner_(inner), clock_(clock) {}
  Result<api::HttpResponse> send(const Endpoint& to, const api::HttpRequest& request,
                                 const SendOptions& options) override;

 private:
  Transport& inner_;
  ServerAlignedClock& clock_;
};

}  // namespace mockgc::client
