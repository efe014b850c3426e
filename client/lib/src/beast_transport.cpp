// The only translation unit of the client that includes Beast/Asio.
#include "mockgc/client/beast_transport.hpp"

#include <poll.h>

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/asio/ssl/error.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/empty_body.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/http/write.hpp>
#include <boost/beast/ssl/ssl_stream.hpp>
#include <map>
#include <mutex>
#include <optional>
#include <vector>

#include "mockgc/client/errc.hpp"
#include "tls_client.hpp"

namespace mockgc::client {
namespace {

namespace net = boost::asio;
namespace ssl = boost::asio::ssl;
namespace beast = boost::beast;
namespace http = boost::beast::http;
using tcp = net::ip::tcp;
using steady = std::chrono::steady_clock;

struct Connection {
  net::io_context ioc{1};
  std::optional<beast::tcp_stream> plain;
  std::optional<beast::ssl_stream<beast::tcp_stream>> secure;
  beast::flat_buffer buffer;
  steady::time_point last_used = steady::now();

  beast::tcp_stream& lowest() { return secure ? beast::get_lowest_layer(*secure) : *plain; }

  // Runs one asynchronous operation to completion on this connection's io_context.
  template <class Start>
  beast::error_code run(Start&& start) {
    beast::error_code result = net::error::would_block;
    start([&result](beast::error_code ec, auto&&...) { result = ec; });
    ioc.restart();
    ioc.run();
    return result;
  }

  void close() {
    beast::error_code ignored;
    lowest().socket().shutdown(tcp::socket::shutdown_both, ignored);
    lowest().socket().close(ignored);
  }

  // A keep-alive connection is only worth reusing if the peer has not closed it (FIN/RST) and has not
  // sent anything unasked. TLS may legitimately have unread post-handshake records (TLS 1.3 session
  // tickets), so only hang-ups count there.
  bool looks_alive(std::chrono::milliseconds max_idle) {
    if (steady::now() - last_used > max_idle) return false;
    auto& sock = lowest().socket();
    if (!sock.is_open()) return false;
    pollfd p{sock.native_handle(), static_cast<short>(POLLIN | POLLRDHUP), 0};
    const int n = ::poll(&p, 1, 0);
    if (n < 0) return false;
    if (n == 0) return true;
    if (p.revents & (POLLRDHUP | POLLHUP | POLLERR | POLLNVAL)) return false;
    return secure.has_value();  // plain HTTP: unsolicited bytes mean the stream is out of sync
  }
};

template <class Stream>
beast::error_code write_request(Connection& c, Stream& s, http::request<http::string_body>& req,
                                std::chrono::milliseconds timeout) {
  c.lowest().expires_after(timeout);
  return c.run([&](auto handler) { http::async_write(s, req, std::move(handler)); });
}

template <class Stream>
beast::error_code read_response(Connection& c, Stream& s, http::response_parser<http::string_body>& parser,
                                std::chrono::milliseconds timeout) {
  c.lowest().expires_after(timeout);
  return c.run([&](auto handler) { http::async_read(s, c.buffer, parser, std::move(handler)); });
}

bool is_http_category(const beast::error_code& ec) {
  return ec.category() == beast::error_code(http::error::end_of_stream).category();
}

std::error_code map_exchange_error(const beast::error_code& ec) {
  if (ec == beast::error::timeout) return errc::timeout;
  if (ec == http::error::body_limit) return errc::body_too_large;
  if (ec == http::error::end_of_stream || ec == http::error::partial_message || ec == net::error::eof ||
      ec == net::error::connection_reset || ec == net::error::broken_pipe ||
      ec == net::error::connection_aborted || ec == ssl::error::stream_truncated)
    return errc::connection_reset;
  if (ec == http::error::bad_version || ec == http::error::bad_status || ec == http::error::bad_reason ||
      ec == http::error::bad_line_ending || ec == http::error::bad_field)
    return errc::protocol_error;
  if (is_http_category(ec)) return errc::malformed_response;
  return errc::connection_reset;
}

}  // namespace

struct BeastTransport::Impl {
  BeastTransportOptions options;
  std::mutex mutex;  // guards pool, contexts, stats
  std::map<std::string, std::vector<std::unique_ptr<Connection>>> pool;
  std::map<std::string, std::unique_ptr<ssl::context>> tls_contexts;  // by ca_file; live as long as the transport
  TransportStats stats;

  static std::string pool_key(const Endpoint& ep) { return ep.origin() + "|" + ep.ca_file; }

  // nullptr when the CA file cannot be loaded.
  ssl::context* tls_context(const std::string& ca_file) {
    std::lock_guard lock(mutex);
    auto& slot = tls_contexts[ca_file];
    if (!slot) {
      auto ctx = detail::make_tls_client_context(ca_file, options.verify_peer);
      if (!ctx) {
        tls_contexts.erase(ca_file);
        return nullptr;
      }
      slot = std::move(ctx);
    }
    return slot.get();
  }

  std::unique_ptr<Connection> checkout(const std::string& key) {
    std::lock_guard lock(mutex);
    auto it = pool.find(key);
    if (it == pool.end()) return nullptr;
    auto& idle = it->second;
    while (!idle.empty()) {
      auto c = std::move(idle.back());
      idle.pop_back();
      if (c->looks_alive(options.max_idle)) {
        ++stats.connections_reused;
        return c;
      }
      c->close();
    }
    return nullptr;
  }

  void checkin(const std::string& key, std::unique_ptr<Connection> c) {
    c->last_used = steady::now();
    std::lock_guard lock(mutex);
    auto& idle = pool[key];
    if (idle.size() >= options.max_idle_per_origin) {
      c->close();
      return;
    }
    idle.push_back(std::move(c));
  }

  Result<std::unique_ptr<Connection>> open(const Endpoint& ep) {
    ssl::context* ctx = nullptr;
    if (ep.tls()) {
      ctx = tls_context(ep.ca_file);
      if (!ctx) return errc::tls_failed;
    }
    auto c = std::make_unique<Connection>();
    tcp::resolver resolver(c->ioc);
    beast::error_code ec;
    auto results = resolver.resolve(ep.host, std::to_string(ep.port), ec);
    if (ec) return errc::resolve_failed;
    if (ctx)
      c->secure.emplace(c->ioc, *ctx);
    else
      c->plain.emplace(c->ioc);
    c->lowest().expires_after(options.connect_timeout);
    ec = c->run([&](auto handler) { c->lowest().async_connect(results, std::move(handler)); });
    if (ec) return errc::connect_failed;
    {
      std::lock_guard lock(mutex);
      ++stats.connections_opened;
    }
    if (c->secure) {
      if (!detail::set_tls_peer(*c->secure, ep.host)) return errc::tls_failed;
      c->lowest().expires_after(options.connect_timeout);
      ec = c->run([&](auto handler) { c->secure->async_handshake(ssl::stream_base::client, std::move(handler)); });
      if (ec) return errc::tls_failed;
    }
    return c;
  }

  struct Attempt {
    Result<api::HttpResponse> result;
    bool nothing_received = false;  // failed before any response byte: a stale keep-alive connection
    bool keep = false;              // the connection may go back to the pool
  };

  Attempt exchange(Connection& c, http::request<http::string_body>& req) {
    {
      std::lock_guard lock(mutex);
      ++stats.requests_sent;
    }
    beast::error_code ec = c.secure ? write_request(c, *c.secure, req, options.request_timeout)
                                    : write_request(c, *c.plain, req, options.request_timeout);
    if (ec) return {map_exchange_error(ec), ec != beast::error::timeout, false};
    http::response_parser<http::string_body> parser;
    parser.body_limit(options.body_limit);
    parser.header_limit(64 * 1024);
    if (req.method() == http::verb::head) parser.skip(true);
    ec = c.secure ? read_response(c, *c.secure, parser, options.request_timeout)
                  : read_response(c, *c.plain, parser, options.request_timeout);
    if (ec) return {map_exchange_error(ec), !parser.got_some() && ec != beast::error::timeout, false};
    auto& msg = parser.get();
    api::HttpResponse out;
    out.status = static_cast<int>(msg.result_int());
    for (const auto& field : msg) out.headers.add(std::string(field.name_string()), std::string(field.value()));
    out.body = std::move(msg.body());
    return {std::move(out), false, msg.keep_alive() && !parser.need_eof()};
  }
};

BeastTransport::BeastTransport(BeastTransportOptions options) : impl_(std::make_unique<Impl>()) {
  impl_->options = std::move(options);
}

BeastTransport::~BeastTransport() = default;

TransportStats BeastTransport::stats() const {
  std::lock_guard lock(impl_->mutex);
  return impl_->stats;
}

void BeastTransport::close_idle_connections() {
  std::lock_guard lock(impl_->mutex);
  for (auto& [key, idle] : impl_->pool)
    for (auto& c : idle) c->close();
  impl_->pool.clear();
}

Result<api::HttpResponse> BeastTransport::send(const Endpoint& to, const api::HttpRequest& request,
                                               const SendOptions& send_options) {
  if (to.scheme != "http" && to.scheme != "https") return errc::bad_url;
  if (request.target.empty() || request.target.front() != '/') return errc::bad_url;

  http::request<http::string_body> req;
  req.version(11);
  if (const auto verb = http::string_to_verb(request.method); verb != http::verb::unknown)
    req.method(verb);
  else
    req.method_string(request.method);
  req.target(to.base_path + request.target);
  for (const auto& h : request.headers) req.insert(h.name, h.value);
  req.set(http::field::host, to.host_header());
  if (req.find(http::field::user_agent) == req.end()) req.set(http::field::user_agent, impl_->options.user_agent);
  req.keep_alive(true);
  req.body() = request.body;
  req.prepare_payload();

  const auto key = Impl::pool_key(to);
  for (int round = 0; round < 2; ++round) {
    auto conn = impl_->checkout(key);
    const bool reused = conn != nullptr;
    if (!conn) {
      auto opened = impl_->open(to);
      if (!opened) return opened.error();
      conn = std::move(*opened);
    }
    auto attempt = impl_->exchange(*conn, req);
    if (attempt.result) {
      if (attempt.keep)
        impl_->checkin(key, std::move(conn));
      else
        conn->close();
      return std::move(attempt.result);
    }
    conn->close();
    // A reused connection that died before answering was most likely closed by the server while idle.
    // Resending is only harmless for idempotent requests; anything else must surface as "may have been applied".
    if (!(reused && attempt.nothing_received && send_options.idempotent)) return attempt.result.error();
    std::lock_guard lock(impl_->mutex);
    ++impl_->stats.stale_resends;
  }
  return errc::connection_reset;
}

}  // namespace mockgc::client
