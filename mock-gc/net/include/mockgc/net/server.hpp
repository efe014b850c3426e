#pragma once
// The network shell: HTTP/1.1 listeners that carry bytes to and from a core::Service.
// Asio-free on purpose (pimpl): Beast and Asio live only in mock-gc/net/src/*.cpp.
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "mockgc/core/service.hpp"

namespace mockgc::net {

struct TlsFiles {
  std::filesystem::path certificate_chain;  // PEM
  std::filesystem::path private_key;        // PEM
};

struct ServerOptions {
  std::string bind_address = "127.0.0.1";
  // The shared port (Host header picks the region). 0 = any free port for every listener; N > 0 puts the
  // shared listener on N and the regions on N+1, N+2, … in the order core::Service::regions() lists them.
  std::uint16_t port = 0;
  bool shared_listener = true;
  std::size_t io_threads = 2;
  std::uint64_t body_limit = 10 * 1024 * 1024;   // bigger bodies get a Genesys-shaped 413, then close
  std::uint32_t header_limit = 64 * 1024;        // request line + fields (long userId=… lists); bigger gets a 431
  // Reading one request (from its first byte, or from the end of the previous response on a
  // keep-alive connection, to its last byte). Covers idle keep-alive connections and slowloris clients.
  std::chrono::milliseconds read_timeout{30'000};
  std::chrono::milliseconds write_timeout{30'000};
  std::size_t max_connections = 10'000;          // further connections are accepted and closed at once
  std::optional<TlsFiles> tls;                   // every listener speaks HTTPS when set
  bool stop_on_signals = false;                  // SIGINT/SIGTERM call stop() (the executable sets this)
  // The live console's event stream (/mockgc/admin/console/events): an update per interval, and at most
  // this many streams open at once (more get a 503 service.unavailable).
  std::chrono::milliseconds console_interval{1'000};
  std::size_t max_console_streams = 16;
};

struct Endpoint {
  std::string region;   // empty for the shared listener
  std::string address;  // "127.0.0.1"
  std::uint16_t port = 0;
  std::string scheme;   // "http" / "https"

  std::string url() const;  // "http://127.0.0.1:8081"
};

class Server {
 public:
  // `service` must outlive the server.
  Server(core::Service& service, ServerOptions options);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Binds every listener (one per region plus the shared one). Start-up errors only: std::system_error when
  // a port cannot be bound, std::invalid_argument for a bad bind address, std::runtime_error for unusable
  // TLS files or a --port too close to 65535.
  void start();
  // Bound listeners, regions first (in core::Service::regions() order), then the shared one.
  std::vector<Endpoint> endpoints() const;
  // The bound port of `region`'s listener; the shared listener for an empty region. 0 if unknown.
  std::uint16_t port(std::string_view region = {}) const;

  // Serves on io_threads threads (the caller's thread among them) until stop(). Thread-safe.
  void run();
  // Stops accepting and abandons open connections; run() returns. Thread-safe, idempotent.
  void stop();

  // Connections currently open (for tests and diagnostics).
  std::size_t open_connections() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace mockgc::net
