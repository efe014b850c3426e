#pragma once
// A net::Server started on port 0 and run on a background thread for the lifetime of the object.
#include <thread>

#include "mockgc/net/server.hpp"

namespace mockgc::testing {

class RunningServer {
 public:
  RunningServer(core::Service& service, net::ServerOptions options) : server(service, std::move(options)) {
    server.start();
    thread = std::thread([this] { server.run(); });
  }
  ~RunningServer() {
    server.stop();
    thread.join();
  }
  RunningServer(const RunningServer&) = delete;
  RunningServer& operator=(const RunningServer&) = delete;

  net::Server server;
  std::thread thread;
};

}  // namespace mockgc::testing
