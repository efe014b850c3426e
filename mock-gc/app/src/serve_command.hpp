#pragma once
// `mock-gc serve`: serve the simulated world over HTTP/1.1 (or HTTPS) until SIGINT/SIGTERM.
#include <filesystem>
#include <optional>

#include "mockgc/core/service.hpp"
#include "mockgc/net/server.hpp"

namespace CLI {
class App;
}

namespace mockgc::app {

struct ServeOptions {
  core::ServiceOptions service;  // --scenario, --seed, --admin-token
  net::ServerOptions server;     // --bind, --port, --threads, --body-limit
  std::optional<std::filesystem::path> tls_cert;
  std::optional<std::filesystem::path> tls_key;
  std::optional<std::filesystem::path> write_orgs;
  bool verbose = false;
};

CLI::App* declare_serve(CLI::App& root, ServeOptions& options);
int serve_main(const ServeOptions& options);

}  // namespace mockgc::app
