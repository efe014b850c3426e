#include "mockgc/client/errc.hpp"

namespace mockgc::client {
namespace {

class ClientCategory final : public std::error_category {
 public:
  const char* name() const noexcept override { return "mockgc.client"; }
  std::string message(int ev) const override {
    switch (static_cast<errc>(ev)) {
      case errc::bad_url: return "bad URL";
      case errc::resolve_failed: return "host name could not be resolved";
      case errc::connect_failed: return "connection could not be established";
      case errc::tls_failed: return "TLS handshake or certificate verification failed";
      case errc::timeout: return "timed out waiting for the server";
      case errc::connection_reset: return "connection closed or reset before a complete response";
      case errc::protocol_error: return "peer did not speak HTTP/1.1";
      case errc::malformed_response: return "malformed response";
      case errc::body_too_large: return "response body exceeds the configured limit";
      case errc::outcome_unknown: return "outcome unknown: the request may have been applied";
      case errc::retry_budget_exhausted: return "retry budget exhausted";
      case errc::auth_failed: return "OAuth login failed";
      case errc::unexpected_status: return "unexpected HTTP status";
      case errc::login_unavailable: return "OAuth token endpoint unavailable (429/5xx until the retry budget ran out)";
      case errc::subscription_rejected: return "notification subscription rejected: no topic was permitted";
    }
    return "unknown mockgc.client error";
  }
};

}  // namespace

const std::error_category& client_category() noexcept {
  static const ClientCategory category;
  return category;
}

std::error_code make_error_code(errc e) noexcept { return {static_cast<int>(e), client_category()}; }

bool may_have_reached_server(std::error_code ec) noexcept {
  if (ec.category() != client_category()) return true;  // unknown origin: assume the worst
  switch (static_cast<errc>(ec.value())) {
    case errc::bad_url:
    case errc::resolve_failed:
    case errc::connect_failed:
    case errc::tls_failed:
      return false;
    default:
      return true;
  }
}

}  // namespace mockgc::client
