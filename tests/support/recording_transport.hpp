#pragma once
// The one transport wrapper tests and properties record traffic with: every exchange the client's seam saw
// (where, what, when by the given clock, what came back), and hooks that run before a request goes on or
// replace an answer the server already produced by a reset.
#include <cstdint>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <system_error>
#include <vector>

#include "mockgc/api/clock.hpp"
#include "mockgc/client/transport.hpp"

namespace mockgc::testing {

// One exchange as seen at the transport seam.
struct Exchange {
  std::string host;  // the endpoint's host: "api.mypurecloud.de" in-process, "127.0.0.1" over loopback
  std::uint16_t port = 0;
  std::string method;
  std::string target;
  std::string body;
  api::Instant sent{}, answered{};  // by the recorder's clock (zero without one)
  int status = 0;                   // what the server answered (also when the answer was then dropped); 0: none
  std::error_code error;            // transport error, or the reset made up for a dropped answer
  std::optional<long long> retry_after;  // seconds, on a 429
  bool body_is_json = false;             // the answer's body parses as JSON
  bool dropped = false;                  // the server answered, the client got a reset instead
  bool api() const { return target.rfind("/api/v2/", 0) == 0; }
  std::string authority() const { return host + ":" + std::to_string(port); }  // "127.0.0.1:41234"
};

class RecordingTransport final : public client::Transport {
 public:
  // `clock` (not owned) stamps sent/answered; nullptr leaves them zero.
  explicit RecordingTransport(client::Transport& inner, const api::Clock* clock = nullptr)
      : inner_(inner), clock_(clock) {}
  client::Result<api::HttpResponse> send(const client::Endpoint& to, const api::HttpRequest& request,
                                         const client::SendOptions& options) override;

  // Called before each request goes on, unrecorded (e.g. to change the target's state, or to add the
  // traffic of another process).
  std::function<void(const client::Endpoint&, const api::HttpRequest&)> before_send;
  // True → the server's answer is replaced by errc::connection_reset (after the server applied the request).
  std::function<bool(const Exchange&)> drop_answer;

  std::vector<Exchange> exchanges() const;
  std::size_t writes() const;  // POST/PATCH/PUT/DELETE sent to /api/v2/

 private:
  client::Transport& inner_;
  const api::Clock* clock_;
  mutable std::mutex mutex_;
  std::vector<Exchange> exchanges_;
};

}  // namespace mockgc::testing
