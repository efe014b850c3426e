// Listeners, io threads and per-connection coroutines around serve_http (session.hpp).
#include "mockgc/net/server.hpp"

#include <fmt/format.h>

#include <atomic>
#include <csignal>
#include <cstdio>
#include <exception>
#include <stdexcept>
#include <system_error>
#include <thread>
#include <utility>
#include <vector>

#include "asio.hpp"
#include "session.hpp"

namespace mockgc::net {

std::string Endpoint::url() const {
  const bool v6 = address.find(':') != std::string::npos;
  return v6 ? fmt::format("{}://[{}]:{}", scheme, address, port) : fmt::format("{}://{}:{}", scheme, address, port);
}

using namespace detail;

namespace {

// Counts an open connection for as long as its coroutine frame lives (also when the io_context
// destroys an unfinished frame at shutdown).
class ConnectionSlot {
 public:
  explicit ConnectionSlot(std::atomic<std::size_t>& open) : open_(&open) { open_->fetch_add(1); }
  ConnectionSlot(ConnectionSlot&& other) noexcept : open_(std::exchange(other.open_, nullptr)) {}
  ConnectionSlot& operator=(ConnectionSlot&&) = delete;
  ConnectionSlot(const ConnectionSlot&) = delete;
  ConnectionSlot& operator=(const ConnectionSlot&) = delete;
  ~ConnectionSlot() {
    if (open_) open_->fetch_sub(1);
  }

 private:
  std::atomic<std::size_t>* open_;
};

std::string peer_of(const tcp::socket& socket) {
  beast::error_code ec;
  const auto ep = socket.remote_endpoint(ec);
  return ec ? std::string("unknown") : fmt::format("{}:{}", ep.address().to_string(), ep.port());
}

// After the last response: stop sending, then read and discard what the client still sends (the rest of an
// oversized body, pipelined requests after Connection: close) for a little while, so closing does not turn
// into a TCP reset that could destroy the response before the client has read it.
template <class Stream>
asio::awaitable<void> linger_and_close(Stream& stream) {
  beast::error_code ignored;
  beast::get_lowest_layer(stream).socket().shutdown(tcp::socket::shutdown_send, ignored);
  beast::get_lowest_layer(stream).expires_after(std::chrono::seconds(2));
  std::vector<char> scratch(16 * 1024);
  std::size_t discarded = 0;
  while (discarded < 16 * 1024 * 1024) {
    auto [ec, n] = co_await beast::get_lowest_layer(stream).async_read_some(asio::buffer(scratch), use_tuple);
    if (ec) break;
    discarded += n;
  }
  beast::get_lowest_layer(stream).close();
}

void log_connection_failure(std::exception_ptr failure) {
  if (!failure) return;
  try {
    std::rethrow_exception(failure);
  } catch (const std::exception& e) {  // the single catch of the shell: a bug, logged; the server keeps serving
    fmt::print(stderr, "mock-gc: connection ended by an exception: {}\n", e.what());
  } catch (...) {
    fmt::print(stderr, "mock-gc: connection ended by an unknown exception\n");
  }
}

}  // namespace

struct Server::Impl {
  struct Listener {
    std::string region;  // empty = shared
    tcp::acceptor acceptor;
    std::uint16_t port = 0;
  };

  Impl(core::Service& s, ServerOptions o)
      : service(s),
        options(std::move(o)),
        correlation_ids(s.seed()) {
    // One single-threaded io_context per io thread: a connection lives on one of them for its whole life,
    // so its stream and timer never race and need no strand, and the scheduler needs no cross-thread hand-offs.
    const std::size_t threads = options.io_threads == 0 ? 1 : options.io_threads;
    for (std::size_t i = 0; i < threads; ++i) {
      contexts.push_back(std::make_unique<asio::io_context>(1));
      keep_running.push_back(asio::make_work_guard(*contexts.back()));
    }
    config.service = &service;
    config.correlation_ids = &correlation_ids;
    config.body_limit = options.body_limit;
    config.header_limit = options.header_limit;
    config.read_timeout = options.read_timeout;
    config.write_timeout = options.write_timeout;
    config.event_interval = options.console_interval;
    config.max_event_streams = options.max_console_streams;
    config.event_streams = &event_streams;
  }

  core::Service& service;
  ServerOptions options;
  CorrelationIds correlation_ids;
  SessionConfig config;
  std::atomic<std::size_t> open_connections{0};
  std::atomic<std::size_t> event_streams{0};
  std::optional<ssl::context> tls;  // outlives the io_contexts, whose destruction frees TLS streams
  std::vector<std::unique_ptr<asio::io_context>> contexts;  // [0] also runs the listeners and signals
  std::vector<asio::executor_work_guard<asio::io_context::executor_type>> keep_running;
  std::atomic<std::size_t> next_context{0};
  std::vector<std::unique_ptr<Listener>> listeners;
  std::optional<asio::signal_set> signals;
  bool started = false;

  asio::io_context& main_context() { return *contexts.front(); }
  // Round-robin: the io_context (thread) that will own the next accepted connection.
  asio::io_context& context_for_next_connection() {
    return *contexts[next_context.fetch_add(1, std::memory_order_relaxed) % contexts.size()];
  }

  const char* scheme() const { return tls ? "https" : "http"; }

  void load_tls() {
    if (!options.tls) return;
    tls.emplace(ssl::context::tls_server);
    tls->set_options(ssl::context::default_workarounds | ssl::context::no_sslv2 | ssl::context::no_sslv3 |
                     ssl::context::no_tlsv1 | ssl::context::no_tlsv1_1);
    beast::error_code ec;
    tls->use_certificate_chain_file(options.tls->certificate_chain.string(), ec);
    if (ec)
      throw std::runtime_error(
          fmt::format("cannot load TLS certificate {}: {}", options.tls->certificate_chain.string(), ec.message()));
    tls->use_private_key_file(options.tls->private_key.string(), ssl::context::pem, ec);
    if (ec)
      throw std::runtime_error(
          fmt::format("cannot load TLS private key {}: {}", options.tls->private_key.string(), ec.message()));
  }

  void bind(std::string region, std::uint16_t port) {
    beast::error_code ec;
    const auto address = asio::ip::make_address(options.bind_address, ec);
    if (ec) throw std::invalid_argument(fmt::format("bad bind address '{}': {}", options.bind_address, ec.message()));
    auto listener = std::make_unique<Listener>(Listener{std::move(region), tcp::acceptor(main_context()), 0});
    const tcp::endpoint endpoint(address, port);
    auto& acceptor = listener->acceptor;
    acceptor.open(endpoint.protocol(), ec);
    if (!ec) acceptor.set_option(asio::socket_base::reuse_address(true), ec);
    if (!ec) acceptor.bind(endpoint, ec);
    if (!ec) acceptor.listen(asio::socket_base::max_listen_connections, ec);
    if (ec)
      throw std::system_error(ec, fmt::format("cannot listen on {}:{} for {}", options.bind_address, port,
                                              listener->region.empty() ? "the shared port" : listener->region));
    listener->port = acceptor.local_endpoint().port();
    listeners.push_back(std::move(listener));
  }

  asio::awaitable<void> accept_loop(Listener& listener) {
    for (;;) {
      auto [ec, socket] = co_await listener.acceptor.async_accept(context_for_next_connection(), use_tuple);
      if (ec) {
        if (!listener.acceptor.is_open() || ec == asio::error::operation_aborted) co_return;
        // Out of descriptors and the like: back off instead of spinning, then keep accepting.
        asio::steady_timer pause(main_context(), std::chrono::milliseconds(50));
        co_await pause.async_wait(use_tuple);
        continue;
      }
      if (open_connections.load() >= options.max_connections) {
        beast::error_code ignored;
        socket.close(ignored);  // bounded memory: over the cap a connection is refused by closing it
        continue;
      }
      auto executor = socket.get_executor();
      ConnectionSlot slot(open_connections);
      if (tls)
        asio::co_spawn(executor, serve_tls(std::move(socket), listener.region, std::move(slot)),
                       log_connection_failure);
      else
        asio::co_spawn(executor, serve_plain(std::move(socket), listener.region, std::move(slot)),
                       log_connection_failure);
    }
  }

  core::RequestContext context_for(const tcp::socket& socket, std::string region) const {
    core::RequestContext ctx;
    ctx.region = std::move(region);
    ctx.peer = peer_of(socket);
    ctx.scheme = scheme();
    ctx.shared_body = true;  // serve_http writes a shared body from where the core keeps it
    return ctx;
  }

  asio::awaitable<void> serve_plain(tcp::socket socket, std::string region, ConnectionSlot slot) {
    (void)slot;
    const core::RequestContext ctx = context_for(socket, std::move(region));
    beast::tcp_stream stream(std::move(socket));
    beast::flat_buffer buffer;
    const SessionEnd end = co_await serve_http(stream, buffer, ctx, config);
    if (end != SessionEnd::aborted && end != SessionEnd::upgraded) co_await linger_and_close(stream);
  }

  asio::awaitable<void> serve_tls(tcp::socket socket, std::string region, ConnectionSlot slot) {
    (void)slot;
    const core::RequestContext ctx = context_for(socket, std::move(region));
    beast::ssl_stream<beast::tcp_stream> stream(std::move(socket), *tls);
    expire_after(stream, config.read_timeout);
    auto [handshake_error] = co_await stream.async_handshake(ssl::stream_base::server, use_tuple);
    if (handshake_error) co_return;
    beast::flat_buffer buffer;
    const SessionEnd end = co_await serve_http(stream, buffer, ctx, config);
    if (end == SessionEnd::aborted || end == SessionEnd::upgraded) co_return;
    expire_after(stream, config.write_timeout);
    auto [shutdown_error] = co_await stream.async_shutdown(use_tuple);
    (void)shutdown_error;  // peers often close without close_notify; nothing to do about it
  }
};

Server::Server(core::Service& service, ServerOptions options)
    : impl_(std::make_unique<Impl>(service, std::move(options))) {}

Server::~Server() {
  stop();
}

void Server::start() {
  auto& impl = *impl_;
  if (impl.started) throw std::logic_error("Server::start called twice");
  impl.load_tls();
  const auto regions = impl.service.regions();
  const std::uint32_t base = impl.options.port;
  if (base != 0 && base + regions.size() > 65535)
    throw std::runtime_error(fmt::format("--port {} leaves no room for {} region ports above it", base, regions.size()));
  for (std::size_t i = 0; i < regions.size(); ++i)
    impl.bind(regions[i].region, base == 0 ? 0 : static_cast<std::uint16_t>(base + 1 + i));
  if (impl.options.shared_listener) impl.bind({}, static_cast<std::uint16_t>(base));
  for (auto& listener : impl.listeners)
    asio::co_spawn(impl.main_context(), impl.accept_loop(*listener), log_connection_failure);
  if (impl.options.stop_on_signals) {
    impl.signals.emplace(impl.main_context(), SIGINT, SIGTERM);
    impl.signals->async_wait([this](const beast::error_code& ec, int) {
      if (!ec) stop();
    });
  }
  impl.started = true;
}

std::vector<Endpoint> Server::endpoints() const {
  std::vector<Endpoint> out;
  for (const auto& listener : impl_->listeners)
    out.push_back({listener->region, impl_->options.bind_address, listener->port, impl_->scheme()});
  return out;
}

std::uint16_t Server::port(std::string_view region) const {
  for (const auto& listener : impl_->listeners)
    if (listener->region == region) return listener->port;
  return 0;
}

void Server::run() {
  auto& contexts = impl_->contexts;
  std::vector<std::thread> helpers;
  for (std::size_t i = 1; i < contexts.size(); ++i) helpers.emplace_back([&ctx = *contexts[i]] { ctx.run(); });
  contexts.front()->run();
  for (auto& t : helpers) t.join();
}

void Server::stop() {
  for (auto& ctx : impl_->contexts) ctx->stop();
}

std::size_t Server::open_connections() const {
  return impl_->open_connections.load();
}

}  // namespace mockgc::net
