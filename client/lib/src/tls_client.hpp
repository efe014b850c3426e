#pragma once
// The client's TLS setup, shared by its two Beast users (beast_transport.cpp for HTTP, beast_websocket.cpp
// for notification sockets): a client context trusting the system store plus an optional PEM file, and
// SNI + host-name (or IP) verification on a stream. Internal header: Beast/Asio stay out of include/.
#include <boost/asio/ssl/context.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/ssl/ssl_stream.hpp>
#include <memory>
#include <string>

namespace mockgc::client::detail {

// TLS 1.2+ client context: the system CA store (set_default_verify_paths) plus `ca_file` when given, peer
// verification as asked. nullptr when `ca_file` cannot be loaded.
std::unique_ptr<boost::asio::ssl::context> make_tls_client_context(const std::string& ca_file, bool verify_peer);

// SNI (host names only, not IP literals) and host-name verification of the peer's certificate. False when
// SNI cannot be set.
bool set_tls_peer(boost::beast::ssl_stream<boost::beast::tcp_stream>& stream, const std::string& host);

}  // namespace mockgc::client::detail
