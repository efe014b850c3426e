#pragma once
// A notification channel's WebSocket (the Notifications API): after the upgrade, the connection only moves
// text between the socket and the core's notifications::Stream. A reader hands every client message to
// the stream; a writer polls the stream for due frames (heartbeats, events, answers), writes them, confirms
// them, and closes when the stream says so (normally, or abruptly for a socket_drop). Templates over the
// stream like session.hpp, so the same code runs on TCP, TLS and beast::test::stream.
#include <boost/asio/experimental/awaitable_operators.hpp>
#include <chrono>
#include <memory>
#include <string>

#include "asio.hpp"
#include "delivery.hpp"
#include "messages.hpp"
#include "mockgc/core/notifications/stream.hpp"

namespace mockgc::net::detail {

struct ChannelSocketConfig {
  std::chrono::milliseconds poll_interval{50};  // how often the writer asks the stream for due frames
  std::chrono::milliseconds handshake_timeout{30'000};
  std::chrono::milliseconds write_timeout{30'000};
  std::size_t max_message_bytes = 64 * 1024;    // bigger client messages end the connection
};

template <class Stream>
void close_transport(Stream& stream) {
  beast::error_code ignored;
  if constexpr (requires { beast::get_lowest_layer(stream).socket(); })
    beast::get_lowest_layer(stream).socket().close(ignored);
  else
    beast::get_lowest_layer(stream).close();
}

// Serves the channel on `stream` after the HTTP `upgrade` request. Returns once the WebSocket has ended
// (the transport is closed or handed back dead); never throws for anything the peer does.
template <class Stream>
asio::awaitable<void> serve_channel(Stream& stream, const BeastRequest& upgrade,
                                    std::unique_ptr<core::notifications::Stream> channel,
                                    const ChannelSocketConfig& config) {
  using namespace asio::experimental::awaitable_operators;
  using core::notifications::Close;
  // The WebSocket keeps its own timers; the HTTP read/write deadline of the transport must not cut it.
  if constexpr (requires { beast::get_lowest_layer(stream).expires_never(); })
    beast::get_lowest_layer(stream).expires_never();
  websocket::stream<Stream&> ws(stream);
  websocket::stream_base::timeout timeouts = websocket::stream_base::timeout::suggested(beast::role_type::server);
  timeouts.handshake_timeout = config.handshake_timeout;
  ws.set_option(timeouts);
  ws.read_message_max(config.max_message_bytes);
  auto [accept_error] = co_await ws.async_accept(upgrade, use_tuple);
  if (accept_error) co_return;

  asio::steady_timer wake(ws.get_executor());
  bool reader_done = false;

  auto read_loop = [&]() -> asio::awaitable<void> {
    for (;;) {
      beast::flat_buffer message;
      auto [ec, n] = co_await ws.async_read(message, use_tuple);
      (void)n;
      if (ec) break;
      if (ws.got_text()) channel->receive(beast::buffers_to_string(message.data()));
      wake.cancel();  // answer now, not at the next poll
    }
    reader_done = true;
    wake.cancel();
  };

  auto write_loop = [&]() -> asio::awaitable<void> {
    while (!reader_done) {
      core::notifications::Outbox out = channel->pull();
      bool written = true;
      for (const auto& frame : out.frames) {
        ws.text(true);
        auto [ec, n] = co_await ws.async_write(asio::buffer(frame), use_tuple);
        (void)n;
        if (ec) {
          written = false;
          break;
        }
      }
      if (!written) {
        close_transport(stream);
        break;
      }
      channel->confirm();
      if (out.close == Close::abrupt) {
        close_transport(stream);
        break;
      }
      if (out.close == Close::normal) {
        auto [ec] = co_await ws.async_close(websocket::close_code::normal, use_tuple);
        if (ec) close_transport(stream);
        break;
      }
      wake.expires_after(config.poll_interval);
      auto [ignored] = co_await wake.async_wait(use_tuple);
      (void)ignored;
    }
    if (reader_done && ws.is_open()) close_transport(stream);
  };

  co_await (read_loop() && write_loop());
}

}  // namespace mockgc::net::detail
