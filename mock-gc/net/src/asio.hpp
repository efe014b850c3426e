#pragma once
// Every Boost.Asio/Beast version-specific choice of the shell, in one place. Boost 1.81 (Debian
// bookworm) has no default completion tokens for Beast and keeps as_tuple under `experimental`;
// from 1.82 on `net::as_tuple` is the name, so moving up is a one-line change here.
#include <boost/asio.hpp>
#include <boost/asio/experimental/as_tuple.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <boost/beast/websocket.hpp>

namespace mockgc::net::detail {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = boost::beast::http;
namespace websocket = boost::beast::websocket;
namespace ssl = boost::asio::ssl;
using tcp = boost::asio::ip::tcp;

// co_await op(…, use_tuple) yields (error_code, results…) instead of throwing.
constexpr auto use_tuple = asio::experimental::as_tuple(asio::use_awaitable);

}  // namespace mockgc::net::detail
