#pragma once
// A deliberately low-level test client: sends exact bytes to 127.0.0.1:port and reads what comes back,
// every operation bounded by a guard timeout so a broken server fails a test instead of hanging it.
#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include <chrono>
#include <optional>
#include <string>

namespace mockgc::testing {

using RawResponse = boost::beast::http::response<boost::beast::http::string_body>;

class RawClient {
 public:
  explicit RawClient(std::uint16_t port, std::chrono::milliseconds guard = std::chrono::seconds(10));
  // False when the server closed or reset the connection.
  bool send(std::string_view bytes);
  // One response, or nullopt when the connection ended (EOF, reset, guard timeout) first.
  std::optional<RawResponse> read_response();
  // Reads until the server closes the connection; true when it did (EOF or reset) before the guard.
  bool closed_by_server();
  // Drops the connection abruptly (RST, no FIN handshake).
  void reset();
  // Raw bytes, for answers that are not well-formed HTTP messages on purpose (fault injection): appends what
  // one read returns to `into` (bytes a previous read_response buffered come first). Error: eof, connection_reset,
  // beast::error::timeout (guard) …
  boost::beast::error_code read_some(std::string& into);
  // Bytes that arrived and wait to be read (without reading them).
  std::size_t bytes_available();

 private:
  boost::asio::io_context ioc_;
  boost::beast::tcp_stream stream_;
  boost::beast::flat_buffer buffer_;
  std::chrono::milliseconds guard_;
};

// GET `target` on a fresh connection with optional extra header lines ("Host: x\r\n").
std::optional<RawResponse> get_once(std::uint16_t port, std::string_view target, std::string_view extra_headers = {});

}  // namespace mockgc::testing
