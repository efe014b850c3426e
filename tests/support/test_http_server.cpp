#include "support/test_http_server.hpp"

#include <sys/socket.h>

#include <atomic>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/asio/ssl/stream.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/http/write.hpp>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>
#include <vector>

namespace mockgc::client::testing {
namespace {

namespace net = boost::asio;
namespace ssl = boost::asio::ssl;
namespace beast = boost::beast;
namespace http = boost::beast::http;
using tcp = net::ip::tcp;

}  // namespace

struct TestHttpServer::Impl {
  Handler handler;
  net::io_context ioc;
  tcp::acceptor acceptor{ioc};
  std::optional<ssl::context> tls;
  std::thread accept_thread;
  std::uint16_t port = 0;

  mutable std::mutex mutex;
  mutable std::condition_variable changed;
  bool stopping = false;
  std::vector<std::thread> connection_threads;
  std::vector<int> open_fds;
  std::string last_sni;
  std::size_t accepted = 0, closed = 0, requests = 0, handshake_failures = 0;

  void accept_loop() {
    for (;;) {
      tcp::socket socket(ioc);
      beast::error_code ec;
      acceptor.accept(socket, ec);
      std::lock_guard lock(mutex);
      if (stopping) return;
      if (ec) continue;
      const std::size_t index = accepted++;
      open_fds.push_back(socket.native_handle());
      connection_threads.emplace_back([this, index, s = std::move(socket)]() mutable { serve(std::move(s), index); });
    }
  }

  void serve(tcp::socket socket, std::size_t index) {
    const int fd = socket.native_handle();
    if (tls) {
      ssl::stream<tcp::socket&> stream(socket, *tls);
      beast::error_code ec;
      stream.handshake(ssl::stream_base::server, ec);
      if (ec) {
        std::lock_guard lock(mutex);
        ++handshake_failures;
      } else {
        {
          const char* sni = SSL_get_servername(stream.native_handle(), TLSEXT_NAMETYPE_host_name);
          std::lock_guard lock(mutex);
          last_sni = sni ? sni : "";
        }
        serve_stream(stream, socket, index);
      }
    } else {
      serve_stream(socket, socket, index);
    }
    {
      std::lock_guard lock(mutex);
      std::erase(open_fds, fd);  // before close(): stop() must never shut down a recycled fd number
    }
    beast::error_code ignored;
    socket.close(ignored);
    std::lock_guard lock(mutex);
    ++closed;
    changed.notify_all();
  }

  template <class Stream>
  void serve_stream(Stream& stream, tcp::socket& socket, std::size_t index) {
    beast::flat_buffer buffer;
    for (;;) {
      http::request<http::string_body> req;
      beast::error_code ec;
      http::read(stream, buffer, req, ec);
      if (ec) return;
      ServerRequest in;
      in.connection = index;
      in.request.method = std::string(req.method_string());
      in.request.target = std::string(req.target());
      for (const auto& f : req) in.request.headers.add(std::string(f.name_string()), std::string(f.value()));
      in.request.body = req.body();
      {
        std::lock_guard lock(mutex);
        ++requests;
      }
      const ServerReply reply = handler(in);
      switch (reply.action) {
        case ServerAction::respond:
        case ServerAction::respond_then_close: {
          http::response<http::string_body> res{static_cast<http::status>(reply.response.status), 11};
          for (const auto& h : reply.response.headers) res.insert(h.name, h.value);
          res.body() = reply.response.body;
          res.keep_alive(req.keep_alive());
          res.prepare_payload();
          http::write(stream, res, ec);
          if (ec || !req.keep_alive() || reply.action == ServerAction::respond_then_close) return;
          break;
        }
        case ServerAction::close_without_response:
          return;
        case ServerAction::reset_mid_response: {
          const std::string partial = "HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n{\"partial\":";
          net::write(stream, net::buffer(partial), ec);
          std::this_thread::sleep_for(std::chrono::milliseconds(20));  // let the client start parsing
          socket.set_option(net::socket_base::linger(true, 0), ec);  // close() now sends RST
          return;
        }
        case ServerAction::raw:
          net::write(stream, net::buffer(reply.raw), ec);
          return;
        case ServerAction::stall: {
          std::unique_lock lock(mutex);
          changed.wait(lock, [this] { return stopping; });
          return;
        }
      }
    }
  }
};

TestHttpServer::TestHttpServer(Handler handler, std::optional<TlsFiles> tls) : impl_(std::make_unique<Impl>()) {
  impl_->handler = std::move(handler);
  if (tls) {
    impl_->tls.emplace(ssl::context::tls_server);
    impl_->tls->use_certificate_chain_file(tls->cert_file);
    impl_->tls->use_private_key_file(tls->key_file, ssl::context::pem);
  }
  const tcp::endpoint ep(net::ip::make_address("127.0.0.1"), 0);
  impl_->acceptor.open(ep.protocol());
  impl_->acceptor.set_option(net::socket_base::reuse_address(true));
  impl_->acceptor.bind(ep);
  impl_->acceptor.listen();
  impl_->port = impl_->acceptor.local_endpoint().port();
  impl_->accept_thread = std::thread([this] { impl_->accept_loop(); });
}

TestHttpServer::~TestHttpServer() { stop(); }

void TestHttpServer::stop() {
  std::vector<std::thread> threads;
  {
    std::lock_guard lock(impl_->mutex);
    if (impl_->stopping) return;
    impl_->stopping = true;
    ::shutdown(impl_->acceptor.native_handle(), SHUT_RDWR);  // wakes the blocking accept()
    for (int fd : impl_->open_fds) ::shutdown(fd, SHUT_RDWR);  // wakes blocking reads
    impl_->changed.notify_all();
  }
  impl_->accept_thread.join();
  {
    std::lock_guard lock(impl_->mutex);
    threads = std::move(impl_->connection_threads);
  }
  for (auto& t : threads) t.join();
  beast::error_code ignored;
  impl_->acceptor.close(ignored);
}

std::uint16_t TestHttpServer::port() const { return impl_->port; }

std::string TestHttpServer::base_url() const {
  return std::string(impl_->tls ? "https" : "http") + "://127.0.0.1:" + std::to_string(port());
}

std::size_t TestHttpServer::connections_accepted() const {
  std::lock_guard lock(impl_->mutex);
  return impl_->accepted;
}

std::size_t TestHttpServer::connections_closed() const {
  std::lock_guard lock(impl_->mutex);
  return impl_->closed;
}

std::size_t TestHttpServer::requests() const {
  std::lock_guard lock(impl_->mutex);
  return impl_->requests;
}

std::string TestHttpServer::last_sni() const {
  std::lock_guard lock(impl_->mutex);
  return impl_->last_sni;
}

std::size_t TestHttpServer::tls_handshake_failures() const {
  std::lock_guard lock(impl_->mutex);
  return impl_->handshake_failures;
}

bool TestHttpServer::wait_closed(std::size_t n) const {
  std::unique_lock lock(impl_->mutex);
  return impl_->changed.wait_for(lock, std::chrono::seconds(5), [&] { return impl_->closed >= n; });
}

}  // namespace mockgc::client::testing
