// The loopback harness: the same core behind the real network shell on 127.0.0.1, port 0, reached with a
// synchronous Beast client over real sockets. One keep-alive connection per region, reopened when the server
// closed it (Connection: close, idle timeout).
// g++ 12 -O2 reports false "potential null pointer dereference" inside Asio once it is inlined here.
#pragma GCC diagnostic ignored "-Wnull-dereference"
#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include <map>
#include <mutex>
#include <stdexcept>
#include <thread>

#include "harness.hpp"
#include "mockgc/net/server.hpp"

namespace mockgc::testing {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;

struct Connection {
  explicit Connection(asio::io_context& ioc) : socket(ioc) {}
  tcp::socket socket;
  beast::flat_buffer buffer;
};

http::request<http::string_body> to_beast(const api::HttpRequest& request, std::uint16_t port) {
  http::request<http::string_body> out;
  out.version(11);
  out.method_string(request.method);
  out.target(request.target);
  for (const auto& f : request.headers) out.insert(f.name, f.value);
  if (out.find(http::field::host) == out.end()) out.set(http::field::host, "127.0.0.1:" + std::to_string(port));
  out.body() = request.body;
  if (!request.body.empty() || out.find(http::field::content_length) == out.end()) out.prepare_payload();
  return out;
}

api::HttpResponse to_api(http::response<http::string_body>&& response) {
  api::HttpResponse out;
  out.status = static_cast<int>(response.result_int());
  for (const auto& f : response) out.headers.add(std::string(f.name_string()), std::string(f.value()));
  out.body = std::move(response.body());
  return out;
}

class LoopbackHarness final : public Harness {
 public:
  explicit LoopbackHarness(const core::ServiceOptions& options)
      : service_(core::make_service(options)), server_(*service_, net::ServerOptions{}) {
    server_.start();
    io_thread_ = std::thread([this] { server_.run(); });
  }
  ~LoopbackHarness() override {
    server_.stop();
    io_thread_.join();
  }
  LoopbackHarness(const LoopbackHarness&) = delete;
  LoopbackHarness& operator=(const LoopbackHarness&) = delete;

  // A region without its own listener (or an empty one) goes to the shared port.
  api::HttpResponse send(std::string_view region, api::HttpRequest request) override {
    std::lock_guard lock(mutex_);
    std::uint16_t port = server_.port(region);
    if (port == 0) port = server_.port();
    const auto beast_request = to_beast(request, port);
    // A kept-alive connection may have been closed by the server meanwhile: one fresh retry.
    for (int attempt = 0;; ++attempt) {
      auto& conn = connection(port);
      beast::error_code ec;
      http::write(conn.socket, beast_request, ec);
      http::response_parser<http::string_body> parser;
      parser.body_limit(std::numeric_limits<std::uint64_t>::max());
      parser.skip(request.method == "HEAD");  // a HEAD answer announces a body it does not send
      if (!ec) http::read(conn.socket, conn.buffer, parser, ec);
      if (ec) {
        connections_.erase(port);
        if (attempt == 0) continue;
        throw std::runtime_error("loopback harness: " + ec.message());
      }
      auto response = parser.release();
      if (!response.keep_alive()) connections_.erase(port);
      return to_api(std::move(response));
    }
  }
  core::Service& service() override { return *service_; }
  std::string name() const override { return "loopback"; }

 private:
  Connection& connection(std::uint16_t port) {
    auto it = connections_.find(port);
    if (it == connections_.end()) {
      it = connections_.emplace(port, std::make_unique<Connection>(ioc_)).first;
      it->second->socket.connect(tcp::endpoint(asio::ip::make_address("127.0.0.1"), port));
      it->second->socket.set_option(tcp::no_delay(true));
    }
    return *it->second;
  }

  std::unique_ptr<core::Service> service_;
  net::Server server_;
  std::thread io_thread_;
  std::mutex mutex_;
  asio::io_context ioc_;  // only owns the client sockets; they are used synchronously
  std::map<std::uint16_t, std::unique_ptr<Connection>> connections_;
};

}  // namespace

std::unique_ptr<Harness> make_loopback_harness(const core::ServiceOptions& options) {
  return std::make_unique<LoopbackHarness>(options);
}

}  // namespace mockgc::testing
