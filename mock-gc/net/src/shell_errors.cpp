#include "shell_errors.hpp"

#include <fmt/format.h>

#include "mockgc/api/random.hpp"

namespace mockgc::net::detail {

std::string CorrelationIds::next() {
  const std::uint64_t n = counter_.fetch_add(1, std::memory_order_relaxed);
  const std::uint64_t hi = api::hash_combine(seed_, n);
  const std::uint64_t lo = api::mix64(hi ^ n);
  // A well-formed UUIDv4, so clients that validate UUIDs accept it.
  return api::uuid_from_words(hi, lo);
}

api::HttpResponse genesys_error(const core::ApiError& error, const std::string& correlation_id) {
  api::HttpResponse res;
  res.status = error.status;
  res.headers.set("Content-Type", "application/json");
  res.headers.set("ININ-Correlation-Id", correlation_id);
  res.headers.set("Connection", "close");
  res.body = core::error_body_json(error, correlation_id);
  return res;
}

api::HttpResponse body_too_large(std::uint64_t limit, const std::string& correlation_id) {
  return genesys_error(core::payload_too_large(static_cast<std::size_t>(limit)), correlation_id);
}

api::HttpResponse header_too_large(std::uint32_t limit, const std::string& correlation_id) {
  return genesys_error(core::header_too_large(limit), correlation_id);
}

api::HttpResponse uri_too_long(std::uint32_t limit, const std::string& correlation_id) {
  return genesys_error(core::uri_too_long(limit), correlation_id);
}

api::HttpResponse malformed_request(const std::string& correlation_id) {
  return genesys_error(
      core::bad_request("The request could not be understood by the server due to malformed syntax."), correlation_id);
}

}  // namespace mockgc::net::detail
