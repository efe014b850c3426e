#include "shell_errors.hpp"

#include <fmt/format.h>

namespace mockgc::net::detail {
namespace {

// splitmix64: a tiny, well-mixed step function; enough to make ids look random yet be reproducible.
std::uint64_t mix(std::uint64_t x) {
  x += 0x9e3779b97f4a7c15ULL;
  x = (x ^ (x >> 30U)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27U)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31U);
}

}  // namespace

std::string CorrelationIds::next() {
  const std::uint64_t n = counter_.fetch_add(1, std::memory_order_relaxed);
  const std::uint64_t hi = mix(seed_ ^ mix(n));
  const std::uint64_t lo = mix(hi ^ n);
  // Version 4 / variant 1 bits set, so clients that validate UUIDs accept it.
  return fmt::format("{:08x}-{:04x}-4{:03x}-{:04x}-{:012x}", hi >> 32U, (hi >> 16U) & 0xffffU, hi & 0xfffU,
                     0x8000U | (lo >> 48U & 0x3fffU), lo & 0xffffffffffffULL);
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

api::HttpResponse malformed_request(const std::string& correlation_id) {
  return genesys_error(
      core::bad_request("The request could not be understood by the server due to malformed syntax."), correlation_id);
}

}  // namespace mockgc::net::detail
