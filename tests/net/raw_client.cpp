#include "raw_client.hpp"

#include <fmt/format.h>

namespace mockgc::testing {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;

RawClient::RawClient(std::uint16_t port, std::chrono::milliseconds guard) : stream_(ioc_), guard_(guard) {
  stream_.connect(asio::ip::tcp::endpoint(asio::ip::make_address("127.0.0.1"), port));
}

bool RawClient::send(std::string_view bytes) {
  beast::error_code result;
  stream_.expires_after(guard_);
  asio::async_write(stream_, asio::buffer(bytes.data(), bytes.size()),
                    [&](beast::error_code ec, std::size_t) { result = ec; });
  ioc_.restart();
  ioc_.run();
  return !result;
}

std::optional<RawResponse> RawClient::read_response() {
  http::response_parser<http::string_body> parser;
  parser.body_limit(64 * 1024 * 1024);
  beast::error_code result;
  stream_.expires_after(guard_);
  http::async_read(stream_, buffer_, parser, [&](beast::error_code ec, std::size_t) { result = ec; });
  ioc_.restart();
  ioc_.run();
  if (result) return std::nullopt;
  return parser.release();
}

bool RawClient::closed_by_server() {
  char scratch[4096];
  for (;;) {
    beast::error_code result;
    stream_.expires_after(guard_);
    stream_.async_read_some(asio::buffer(scratch), [&](beast::error_code ec, std::size_t) { result = ec; });
    ioc_.restart();
    ioc_.run();
    if (result == beast::error::timeout) return false;
    if (result) return true;  // eof or connection reset
  }
}

void RawClient::reset() {
  beast::error_code ignored;
  stream_.socket().set_option(asio::socket_base::linger(true, 0), ignored);
  stream_.socket().close(ignored);
}

beast::error_code RawClient::read_some(std::string& into) {
  if (buffer_.size() > 0) {
    into += beast::buffers_to_string(buffer_.data());
    buffer_.consume(buffer_.size());
    return {};
  }
  char scratch[16 * 1024];
  beast::error_code result;
  std::size_t got = 0;
  stream_.expires_after(guard_);
  stream_.async_read_some(asio::buffer(scratch), [&](beast::error_code ec, std::size_t n) {
    result = ec;
    got = n;
  });
  ioc_.restart();
  ioc_.run();
  into.append(scratch, got);
  return result;
}

std::size_t RawClient::bytes_available() {
  beast::error_code ignored;
  return buffer_.size() + stream_.socket().available(ignored);
}

std::optional<RawResponse> get_once(std::uint16_t port, std::string_view target, std::string_view extra_headers) {
  RawClient client(port);
  const std::string has_host = extra_headers.find("Host:") == std::string_view::npos ? "Host: 127.0.0.1\r\n" : "";
  if (!client.send(fmt::format("GET {} HTTP/1.1\r\n{}{}Connection: close\r\n\r\n", target, has_host, extra_headers)))
    return std::nullopt;
  return client.read_response();
}

}  // namespace mockgc::testing
