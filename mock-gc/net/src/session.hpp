#pragma once
// One HTTP/1.1 connection as one coroutine (Beast's http_server_awaitable pattern, Boost 1.81):
// read a request with a fresh parser, hand it to the core, write the answer, repeat while keep-alive.
// A template over the stream so the same loop runs on TCP, TLS and beast::test::stream.
#include <fmt/format.h>

#include <array>
#include <atomic>
#include <chrono>
#include <cstdint>

#include "asio.hpp"
#include "delivery.hpp"
#include "event_stream.hpp"
#include "messages.hpp"
#include "mockgc/core/service.hpp"
#include "shell_errors.hpp"
#include "websocket.hpp"

namespace mockgc::net::detail {

struct SessionConfig {
  core::Service* service = nullptr;
  CorrelationIds* correlation_ids = nullptr;
  std::uint64_t body_limit = 10 * 1024 * 1024;
  std::uint32_t header_limit = 64 * 1024;
  std::chrono::milliseconds read_timeout{30'000};
  std::chrono::milliseconds write_timeout{30'000};
  // Live console event streams: one update per interval; at most max_event_streams at once (counted in
  // *event_streams; null = no limit), further ones get a 503.
  std::chrono::milliseconds event_interval{1'000};
  std::size_t max_event_streams = 16;
  std::atomic<std::size_t>* event_streams = nullptr;
  ChannelSocketConfig channel{};  // notification channels (WebSocket upgrades)
};

// How the connection ended, so the caller knows how to close it.
enum class SessionEnd {
  clean,          // the client closed between messages, or a response said Connection: close
  error_answered, // the shell answered a broken request (400/408/413/414/431); unread input may follow
  aborted,        // transport error, timeout, or the client vanished mid-request: just close
  upgraded,       // the connection became a notification channel's WebSocket, which has ended and closed it
};

// Parse failures that mean "these bytes are not HTTP" (answered with 400), as opposed to the peer
// going away (end_of_stream, partial_message, short_read) or the limits (413/414/431).
inline bool is_malformed_http(const beast::error_code& ec) {
  if (ec.category() != http::make_error_code(http::error::bad_method).category()) return false;
  switch (static_cast<http::error>(ec.value())) {
    case http::error::end_of_stream:
    case http::error::partial_message:
    case http::error::short_read:
    case http::error::header_limit:
    case http::error::body_limit:
      return false;
    default:
      return true;
  }
}

template <class Stream>
asio::awaitable<bool> write_response(Stream& stream, BeastResponse& response, const SessionConfig& config) {
  expire_after(stream, config.write_timeout);
  auto [ec, bytes] = co_await http::async_write(stream, response, use_tuple);
  (void)bytes;
  co_return !ec;
}

// Reads one request. A client announcing its body with `Expect: 100-continue` (curl does for larger bodies)
// gets the interim 100 once its header passed the limits, instead of waiting for its own timeout.
template <class Stream>
asio::awaitable<beast::error_code> read_request(Stream& stream, beast::flat_buffer& buffer,
                                                http::request_parser<http::string_body>& parser,
                                                const SessionConfig& config) {
  auto [ec, header_bytes] = co_await http::async_read_header(stream, buffer, parser, use_tuple);
  (void)header_bytes;
  if (ec || parser.is_done()) co_return ec;
  const auto expect = parser.get()[http::field::expect];
  if (beast::iequals(expect, "100-continue") && parser.get().version() >= 11) {
    http::response<http::empty_body> interim{http::status::continue_, 11};
    expire_after(stream, config.write_timeout);
    auto [write_error, written] = co_await http::async_write(stream, interim, use_tuple);
    (void)written;
    if (write_error) co_return write_error;
    expire_after(stream, config.read_timeout);
  }
  auto [body_error, body_bytes] = co_await http::async_read(stream, buffer, parser, use_tuple);
  (void)body_bytes;
  co_return body_error;
}

// An answer delivered at once: its rendered head and its body in gathered writes, no Beast serializer, on TCP
// and TLS alike. The loop drops each buffer once it is written (as Beast's serializer does) instead of calling
// asio::async_write, whose two-buffer std::array form hands the next write_some the written head as an empty
// buffer in front of the body. beast::ssl_stream (its flat_stream) copies a sequence into one TLS record only
// while it totals at most 16 KiB and otherwise writes its leading buffer alone: zero bytes for that empty head,
// which async_write takes for the end, so a TLS answer over 16 KiB would go out without its body.
template <class Stream>
asio::awaitable<bool> write_head_and_body(Stream& stream, std::string_view head, std::string_view body,
                                          const SessionConfig& config) {
  beast::buffers_suffix<std::array<asio::const_buffer, 2>> rest(std::array<asio::const_buffer, 2>{
      asio::const_buffer(head.data(), head.size()), asio::const_buffer(body.data(), body.size())});
  expire_after(stream, config.write_timeout);  // one deadline for the whole answer
  while (beast::buffer_bytes(rest) != 0) {
    auto [ec, written] = co_await stream.async_write_some(rest, use_tuple);
    if (ec || written == 0) co_return false;
    rest.consume(written);
  }
  co_return true;
}

template <class Stream>
asio::awaitable<SessionEnd> answer_shell_error(Stream& stream, api::HttpResponse response,
                                               const SessionConfig& config) {
  BeastResponse out = to_beast(std::move(response), 11, /*keep_alive=*/false, /*head_request=*/false);
  const bool written = co_await write_response(stream, out, config);
  co_return written ? SessionEnd::error_answered : SessionEnd::aborted;
}

// Serves requests on `stream` until the connection should end. `ctx` carries the listener's region,
// the peer and the scheme into every core call. Never throws for anything the peer sends.
template <class Stream>
asio::awaitable<SessionEnd> serve_http(Stream& stream, beast::flat_buffer& buffer, const core::RequestContext& ctx,
                                       const SessionConfig& config) {
  std::string head_bytes;  // the status line and fields of the answer being written, reused across requests
  for (;;) {
    http::request_parser<http::string_body> parser;  // fresh per message: limits and state reset
    parser.body_limit(config.body_limit);
    parser.header_limit(config.header_limit);

    // One read timeout covers the whole request, header and body, so a client dribbling bytes
    // (slowloris) cannot hold the connection longer than an idle one.
    expire_after(stream, config.read_timeout);
    beast::error_code ec = co_await read_request(stream, buffer, parser, config);
    if (ec == http::error::end_of_stream) co_return SessionEnd::clean;
    if (ec == http::error::body_limit)
      co_return co_await answer_shell_error(stream, body_too_large(config.body_limit, config.correlation_ids->next()),
                                            config);
    if (ec == http::error::header_limit) {
      // The request line never completed within the limit (no target parsed), or its target takes most of
      // the limit: the URI is what is too long (414), as HTTP servers answer; otherwise the fields are (431).
      // (The answer is a named local chosen by if/else: g++ 12 destroys a conditional operator's temporary
      // twice inside a coroutine.)
      const std::size_t target = parser.get().target().size();
      api::HttpResponse answer;
      if (target == 0 || target > config.header_limit / 2)
        answer = uri_too_long(config.header_limit, config.correlation_ids->next());
      else
        answer = header_too_large(config.header_limit, config.correlation_ids->next());
      co_return co_await answer_shell_error(stream, std::move(answer), config);
    }
    if (is_malformed_http(ec))
      co_return co_await answer_shell_error(stream, malformed_request(config.correlation_ids->next()), config);
    // Anything else ends the connection unanswered: the peer left mid-request, or a timeout (idle keep-alive
    // connection, or a request that never finished arriving) for which beast::tcp_stream already closed the socket.
    if (ec) co_return SessionEnd::aborted;

    BeastRequest request = parser.release();
    if (websocket::is_upgrade(request)) {
      // A notification channel (connectUri): from here on the core decides every frame.
      BeastRequest copy = request;
      if (auto channel = config.service->open_stream(to_api(std::move(copy)), ctx)) {
        co_await serve_channel(stream, request, std::move(channel), config.channel);
        co_return SessionEnd::upgraded;
      }
    }
    const bool keep_alive = request.keep_alive();
    const unsigned version = request.version();
    const bool head = request.method() == http::verb::head;
    api::HttpResponse answer = config.service->handle(to_api(std::move(request)), ctx);
    if (answer.delivery.action == api::Delivery::Action::event_stream) {
      StreamSlot slot(config.event_streams, config.max_event_streams);
      if (!slot.refused()) {
        co_await stream_events(stream, std::move(answer), version, *config.service, config.event_interval,
                               config.write_timeout);
        co_return SessionEnd::aborted;
      }
      core::ApiError busy = core::service_unavailable();
      busy.message = fmt::format("At most {} console event streams are served at once.", config.max_event_streams);
      co_return co_await answer_shell_error(stream, genesys_error(busy, config.correlation_ids->next()), config);
    }
    const bool keep = keep_alive && !asks_to_close(answer);
    const api::Delivery delivery = answer.delivery;  // fault injection: latency, reset, cut or paced body
    if (delivery.action == api::Delivery::Action::normal && delivery.delay_ms <= 0) {
      if (const auto body = render_head(answer, version, keep, head, head_bytes)) {
        if (!co_await write_head_and_body(stream, head_bytes, *body, config)) co_return SessionEnd::aborted;
        if (!keep) co_return SessionEnd::clean;
        continue;
      }
    }
    BeastResponse out = to_beast(std::move(answer), version, keep, head);
    const Delivered delivered = co_await deliver(stream, out, delivery, config.write_timeout);
    if (delivered == Delivered::aborted) co_return SessionEnd::aborted;
    if (delivered == Delivered::finished || !keep) co_return SessionEnd::clean;
  }
}

}  // namespace mockgc::net::detail
