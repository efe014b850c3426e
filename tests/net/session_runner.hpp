#pragma once
// Runs the per-connection loop (mock-gc/net/src/session.hpp) once over beast::test::stream: `input` is all
// the client says (then EOF), optionally with a fail_count driving I/O failures. Shared by session_test.cpp
// and delivery_test.cpp.
#include <exception>
#include <optional>
#include <string>
#include <string_view>

#include "session.hpp"
#include "support/beast_test_stream.hpp"

namespace mockgc::testing {

struct SessionRun {
  bool finished = false;
  bool threw = false;
  std::string exception;  // what() of the exception the session ended with, if any
  net::detail::SessionEnd end = net::detail::SessionEnd::aborted;
  std::string output;  // every byte the session wrote
};

// How the session's writes reach the client. `write_size` (0: no limit) caps the bytes one write_some takes, so
// answers go out in partial writes. `flat` puts beast::flat_stream in between, the layer beast::ssl_stream writes
// through: a buffer sequence of at most 16 KiB goes out as one copy, a longer one as its leading buffer alone.
struct StreamShape {
  std::size_t write_size = 0;
  bool flat = false;
};

inline SessionRun run_session(const net::detail::SessionConfig& config, std::string_view input,
                              const core::RequestContext& ctx = {}, beast_test::fail_count* fail = nullptr,
                              StreamShape shape = {}) {
  namespace asio = boost::asio;
  asio::io_context ioc;
  std::optional<beast_test::stream> server;
  if (fail)
    server.emplace(ioc, *fail, input);
  else
    server.emplace(ioc, input);
  beast_test::stream client(ioc);
  server->connect(client);
  server->close_remote();  // after `input` the client has nothing more to say: EOF
  if (shape.write_size != 0) server->write_size(shape.write_size);
  boost::beast::flat_stream<beast_test::stream&> flat(*server);
  boost::beast::flat_buffer buffer;
  SessionRun run;
  auto done = [&](std::exception_ptr e, net::detail::SessionEnd end) {
    run.finished = true;
    run.threw = static_cast<bool>(e);
    if (e) try {
        std::rethrow_exception(e);
      } catch (const std::exception& what) {
        run.exception = what.what();
      }
    run.end = end;
  };
  if (shape.flat)
    asio::co_spawn(ioc, net::detail::serve_http(flat, buffer, ctx, config), done);
  else
    asio::co_spawn(ioc, net::detail::serve_http(*server, buffer, ctx, config), done);
  ioc.run();
  run.output = std::string(client.str());
  return run;
}

}  // namespace mockgc::testing
