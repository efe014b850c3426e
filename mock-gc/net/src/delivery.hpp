#pragma once
// Performing the core's api::Delivery directive (FAULTS.md "Transport faults over sockets"): latency as a
// timer before the answer, a TCP reset instead of it, a close half-way through the body, or a body paced
// out in small pieces. Everything waits on asio timers, never on a blocked io thread, so the other
// connections of the same thread keep being served. Templates over the stream like session.hpp, so the
// same code runs on TCP, TLS and beast::test::stream.
#include <algorithm>
#include <boost/asio/experimental/awaitable_operators.hpp>
#include <chrono>
#include <cstddef>
#include <variant>

#include "asio.hpp"
#include "messages.hpp"

namespace mockgc::net::detail {

// beast::tcp_stream (and TLS over it) time out through expires_after; other streams (test::stream) have
// no timer, so setting one is a no-op for them.
template <class Stream>
void expire_after(Stream& stream, std::chrono::milliseconds timeout) {
  if constexpr (requires { beast::get_lowest_layer(stream).expires_after(timeout); })
    beast::get_lowest_layer(stream).expires_after(timeout);
}

// What became of the connection after a delivery.
enum class Delivered {
  sent,      // the whole response went out; the connection may carry on (keep-alive)
  finished,  // the directive ended the response early on purpose (close_mid_body): close the connection
  aborted,   // transport error, the peer left, or the directive reset the connection: drop it
};

template <class Stream>
concept HasSocket = requires(Stream& s) { beast::get_lowest_layer(s).socket(); };

// True when the peer is gone (FIN or RST), false when bytes wait to be read (a pipelined request).
// MSG_PEEK leaves those bytes for the next request's parser.
inline bool peer_left(tcp::socket& socket) {
  char probe = 0;
  beast::error_code ec;
  const bool was_blocking = !socket.non_blocking();
  socket.non_blocking(true, ec);
  const std::size_t n = socket.receive(asio::buffer(&probe, 1), tcp::socket::message_peek, ec);
  if (was_blocking) {
    beast::error_code ignored;
    socket.non_blocking(false, ignored);
  }
  if (ec == asio::error::would_block || ec == asio::error::try_again) return false;
  return ec || n == 0;
}

// Waits `delay` on a timer. On a socket, also watches the peer: a client that goes away during the delay
// ends the wait at once (returns false), so a long injected latency never pins a dead connection.
template <class Stream>
asio::awaitable<bool> wait_delay(Stream& stream, std::chrono::milliseconds delay) {
  using namespace asio::experimental::awaitable_operators;
  asio::steady_timer timer(stream.get_executor());
  timer.expires_after(delay);
  if constexpr (HasSocket<Stream>) {
    auto& socket = beast::get_lowest_layer(stream).socket();
    auto first = co_await (timer.async_wait(use_tuple) || socket.async_wait(tcp::socket::wait_read, use_tuple));
    if (first.index() == 0) co_return !std::get<0>(std::get<0>(first));  // the delay is over (the watch was cancelled)
    if (std::get<0>(std::get<1>(first)) || peer_left(socket)) co_return false;
    // Readable because the next request is already there: keep waiting on the timer alone (cancelling a
    // wait keeps its expiry).
    auto [timer_error] = co_await timer.async_wait(use_tuple);
    co_return !timer_error;
  } else {
    auto [ec] = co_await timer.async_wait(use_tuple);
    co_return !ec;
  }
}

// An abortive close: SO_LINGER 0 makes close() send a RST and drop anything unsent.
template <class Stream>
void reset_connection(Stream& stream) {
  if constexpr (HasSocket<Stream>) {
    auto& socket = beast::get_lowest_layer(stream).socket();
    beast::error_code ignored;
    socket.set_option(asio::socket_base::linger(true, 0), ignored);
    socket.close(ignored);
  } else {
    beast::get_lowest_layer(stream).close();
  }
}

template <class Stream>
asio::awaitable<bool> write_bytes(Stream& stream, std::string_view bytes, std::chrono::milliseconds timeout) {
  if (bytes.empty()) co_return true;
  expire_after(stream, timeout);
  auto [ec, n] = co_await asio::async_write(stream, asio::buffer(bytes.data(), bytes.size()), use_tuple);
  (void)n;
  co_return !ec;
}

// Status line and fields only (Content-Length announces the whole body); the caller writes the body bytes.
template <class Stream>
asio::awaitable<bool> write_header_only(Stream& stream, BeastResponse& response, std::chrono::milliseconds timeout) {
  http::response_serializer<http::string_body> serializer(response);
  expire_after(stream, timeout);
  auto [ec, n] = co_await http::async_write_header(stream, serializer, use_tuple);
  (void)n;
  co_return !ec;
}

// Sends `response` as `delivery` says. `write_timeout` bounds every single write, as for normal answers.
template <class Stream>
asio::awaitable<Delivered> deliver(Stream& stream, BeastResponse& response, const api::Delivery& delivery,
                                   std::chrono::milliseconds write_timeout) {
  using Action = api::Delivery::Action;
  if (delivery.delay_ms > 0 && !co_await wait_delay(stream, std::chrono::milliseconds(delivery.delay_ms))) {
    reset_connection(stream);  // the peer is gone: nothing to say to it
    co_return Delivered::aborted;
  }
  switch (delivery.action) {
    case Action::reset:
      reset_connection(stream);
      co_return Delivered::aborted;

    case Action::close_mid_body: {
      // Full Content-Length, then at most half of the body (at least one byte short), then a normal close.
      const std::string& body = response.body();
      if (!co_await write_header_only(stream, response, write_timeout)) co_return Delivered::aborted;
      if (!co_await write_bytes(stream, std::string_view(body).substr(0, body.size() / 2), write_timeout))
        co_return Delivered::aborted;
      co_return Delivered::finished;
    }

    case Action::slow_body: {
      const std::string& body = response.body();
      if (body.empty()) break;  // HEAD, 204 …: nothing to pace
      if constexpr (HasSocket<Stream>) {
        // Each piece goes out as its own segment instead of waiting for the previous one's ACK (Nagle).
        beast::error_code ignored;
        beast::get_lowest_layer(stream).socket().set_option(tcp::no_delay(true), ignored);
      }
      const std::size_t chunk = delivery.bytes_per_chunk > 0 ? static_cast<std::size_t>(delivery.bytes_per_chunk)
                                                             : body.size();
      const auto interval = std::chrono::milliseconds(std::max<std::int64_t>(delivery.chunk_interval_ms, 0));
      if (!co_await write_header_only(stream, response, write_timeout)) co_return Delivered::aborted;
      for (std::size_t offset = 0; offset < body.size(); offset += chunk) {
        if (offset > 0 && interval.count() > 0) {
          asio::steady_timer pause(stream.get_executor(), interval);
          auto [ec] = co_await pause.async_wait(use_tuple);
          if (ec) co_return Delivered::aborted;
        }
        if (!co_await write_bytes(stream, std::string_view(body).substr(offset, chunk), write_timeout))
          co_return Delivered::aborted;
      }
      co_return Delivered::sent;
    }

    case Action::normal:
    case Action::event_stream:  // session.hpp hands an event stream to stream_events instead
      break;
  }
  expire_after(stream, write_timeout);
  auto [ec, bytes] = co_await http::async_write(stream, response, use_tuple);
  (void)bytes;
  co_return ec ? Delivered::aborted : Delivered::sent;
}

}  // namespace mockgc::net::detail
