#include "tls_client.hpp"

#include <boost/asio/ip/address.hpp>
#include <boost/asio/ssl/host_name_verification.hpp>

namespace mockgc::client::detail {

namespace ssl = boost::asio::ssl;

std::unique_ptr<ssl::context> make_tls_client_context(const std::string& ca_file, bool verify_peer) {
  auto ctx = std::make_unique<ssl::context>(ssl::context::tls_client);
  ctx->set_options(ssl::context::default_workarounds | ssl::context::no_sslv2 | ssl::context::no_sslv3 |
                   ssl::context::no_tlsv1 | ssl::context::no_tlsv1_1);
  boost::system::error_code ec;
  ctx->set_default_verify_paths(ec);  // the system store; a missing store only matters if no ca_file
  if (!ca_file.empty()) {
    ctx->load_verify_file(ca_file, ec);
    if (ec) return nullptr;
  }
  ctx->set_verify_mode(verify_peer ? ssl::verify_peer : ssl::verify_none);
  return ctx;
}

bool set_tls_peer(boost::beast::ssl_stream<boost::beast::tcp_stream>& stream, const std::string& host) {
  boost::system::error_code ec;
  boost::asio::ip::make_address(host, ec);
  const bool ip_literal = !ec;
  // SSL_set_tlsext_host_name is a macro with a C cast; this is what it expands to.
  if (!ip_literal && SSL_ctrl(stream.native_handle(), SSL_CTRL_SET_TLSEXT_HOSTNAME, TLSEXT_NAMETYPE_host_name,
                              const_cast<char*>(host.c_str())) != 1)
    return false;
  stream.set_verify_callback(ssl::host_name_verification(host));
  return true;
}

}  // namespace mockgc::client::detail
