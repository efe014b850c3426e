// The client's WebSocket over Beast (the notification sockets); the only other client file with Beast/Asio
// besides beast_transport.cpp. Synchronous calls over one io_context per socket: a read that times out stays
// pending and the next read() carries on waiting for the same message.
#include "mockgc/client/beast_websocket.hpp"

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core/buffers_to_string.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/ssl/ssl_stream.hpp>
#include <boost/beast/websocket.hpp>
#include <boost/beast/websocket/ssl.hpp>
#include <optional>

#include "mockgc/client/endpoint.hpp"
#include "mockgc/client/errc.hpp"
#include "tls_client.hpp"

namespace mockgc::client {
namespace {

namespace net = boost::asio;
namespace ssl = boost::asio::ssl;
namespace beast = boost::beast;
namespace websocket = boost::beast::websocket;
using tcp = net::ip::tcp;
using steady = std::chrono::steady_clock;

class BeastWebSocket final : public WebSocket {
 public:
  BeastWebSocket(const BeastWebSocketOptions& options, std::unique_ptr<ssl::context> tls)
      : options_(options), tls_(std::move(tls)) {
    if (tls_)
      secure_.emplace(ioc_, *tls_);
    else
      plain_.emplace(ioc_);
  }
  ~BeastWebSocket() override { close(); }

  beast::tcp_stream& lowest() { return secure_ ? beast::get_lowest_layer(*secure_) : beast::get_lowest_layer(*plain_); }

  template <class F>
  decltype(auto) with(F&& f) {
    return secure_ ? f(*secure_) : f(*plain_);
  }

  // Runs the io_context until `done` or the deadline; false on the deadline.
  bool run_until(const bool& done, steady::time_point deadline) {
    ioc_.restart();
    while (!done)
      if (ioc_.run_one_until(deadline) == 0) break;
    return done;
  }

  Status open(const AbsoluteUrl& url) {
    tcp::resolver resolver(ioc_);
    beast::error_code ec;
    auto results = resolver.resolve(url.endpoint.host, std::to_string(url.endpoint.port), ec);
    if (ec) return errc::resolve_failed;
    bool done = false;
    lowest().expires_after(options_.connect_timeout);
    lowest().async_connect(results, [&](beast::error_code e, const tcp::endpoint&) { ec = e, done = true; });
    run_until(done, steady::time_point::max());
    if (ec) return errc::connect_failed;
    if (secure_) {
      if (!detail::set_tls_peer(secure_->next_layer(), url.endpoint.host)) return errc::tls_failed;
      done = false;
      lowest().expires_after(options_.connect_timeout);
      secure_->next_layer().async_handshake(ssl::stream_base::client, [&](beast::error_code e) { ec = e, done = true; });
      run_until(done, steady::time_point::max());
      if (ec) return errc::tls_failed;
    }
    // From here the WebSocket keeps its own timers; the TCP deadline must not cut a quiet socket.
    lowest().expires_never();
    return with([&](auto& ws) -> Status {
      auto timeouts = websocket::stream_base::timeout::suggested(beast::role_type::client);
      timeouts.handshake_timeout = options_.connect_timeout;
      ws.set_option(timeouts);
      ws.read_message_max(options_.max_message_bytes);
      const std::string agent = options_.user_agent;
      ws.set_option(websocket::stream_base::decorator(
          [agent](websocket::request_type& req) { req.set(beast::http::field::user_agent, agent); }));
      websocket::response_type answer;
      done = false;
      ws.async_handshake(answer, url.endpoint.host_header(), url.target, [&](beast::error_code e) { ec = e, done = true; });
      run_until(done, steady::time_point::max());
      if (ec == websocket::error::upgrade_declined) return errc::unexpected_status;
      if (ec) return errc::connection_reset;
      open_ = true;
      return ok();
    });
  }

  Result<std::string> read(Millis timeout) override {
    if (!open_) return errc::connection_reset;
    if (!reading_) {
      reading_ = true;
      read_done_ = false;
      with([&](auto& ws) {
        ws.async_read(buffer_, [this](beast::error_code e, std::size_t) {
          read_error_ = e;
          read_done_ = true;
        });
      });
    }
    if (!run_until(read_done_, steady::now() + timeout)) return errc::timeout;
    reading_ = false;
    if (read_error_) {
      open_ = false;
      return errc::connection_reset;
    }
    std::string text = beast::buffers_to_string(buffer_.data());
    buffer_.consume(buffer_.size());
    return text;
  }

  Status write(std::string_view text) override {
    if (!open_) return errc::connection_reset;
    bool done = false;
    beast::error_code ec;
    with([&](auto& ws) {
      ws.text(true);
      ws.async_write(net::buffer(text.data(), text.size()), [&](beast::error_code e, std::size_t) { ec = e, done = true; });
    });
    if (!run_until(done, steady::now() + options_.write_timeout)) {
      shut();
      return errc::timeout;
    }
    if (ec) {
      shut();
      return errc::connection_reset;
    }
    return ok();
  }

  void close() override {
    if (open_) {
      open_ = false;
      bool done = false;
      with([&](auto& ws) { ws.async_close(websocket::close_code::normal, [&](beast::error_code) { done = true; }); });
      run_until(done, steady::now() + std::chrono::seconds(2));
    }
    shut();
  }

 private:
  // Drops the TCP connection and lets every pending handler finish (they reference this object).
  void shut() {
    open_ = false;
    beast::error_code ignored;
    lowest().socket().shutdown(tcp::socket::shutdown_both, ignored);
    lowest().socket().close(ignored);
    ioc_.restart();
    ioc_.run_for(std::chrono::milliseconds(200));
  }

  BeastWebSocketOptions options_;
  net::io_context ioc_{1};
  std::unique_ptr<ssl::context> tls_;
  std::optional<websocket::stream<beast::tcp_stream>> plain_;
  std::optional<websocket::stream<beast::ssl_stream<beast::tcp_stream>>> secure_;
  beast::flat_buffer buffer_;
  bool open_ = false;
  bool reading_ = false;
  bool read_done_ = false;
  beast::error_code read_error_;
};

}  // namespace

Result<std::unique_ptr<WebSocket>> BeastWebSocketConnector::connect(std::string_view url, const std::string& ca_file) {
  auto parsed = parse_websocket_url(url);
  if (!parsed) return parsed.error();
  std::unique_ptr<ssl::context> tls;
  if (parsed->endpoint.tls()) {
    tls = detail::make_tls_client_context(ca_file, options_.verify_peer);
    if (!tls) return errc::tls_failed;
  }
  auto socket = std::make_unique<BeastWebSocket>(options_, std::move(tls));
  if (auto opened = socket->open(*parsed); !opened) return opened.error();
  return std::unique_ptr<WebSocket>(std::move(socket));
}

}  // namespace mockgc::client
