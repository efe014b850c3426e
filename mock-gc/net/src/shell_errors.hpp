#pragma once
// Genesys-shaped error answers that the shell produces itself, before a request reaches the core
// (oversized body, oversized header, unparseable bytes, a request that never finished arriving).
#include <atomic>
#include <cstdint>
#include <string>
#include <string_view>

#include "mockgc/api/http.hpp"
#include "mockgc/core/errors.hpp"

namespace mockgc::net::detail {

// Correlation ids for shell-made errors: UUID-shaped, derived from the world's seed and a counter,
// so a run with the same seed and the same traffic produces the same bytes (no wall clock, no OS RNG).
class CorrelationIds {
 public:
  explicit CorrelationIds(std::uint64_t seed) : seed_(seed) {}
  std::string next();

 private:
  std::uint64_t seed_;
  std::atomic<std::uint64_t> counter_{0};
};

// `error` as the core renders it (core::error_body_json), sent as application/json with
// ININ-Correlation-Id = contextId and Connection: close.
api::HttpResponse genesys_error(const core::ApiError& error, const std::string& correlation_id);

// 413 core::payload_too_large (the swagger text "The request is over the size limit. Maximum bytes: N").
api::HttpResponse body_too_large(std::uint64_t limit, const std::string& correlation_id);
// 431 core::header_too_large.
api::HttpResponse header_too_large(std::uint32_t limit, const std::string& correlation_id);
// 414 core::uri_too_long: a request line too long for the header limit.
api::HttpResponse uri_too_long(std::uint32_t limit, const std::string& correlation_id);
// 400 "The request could not be understood by the server due to malformed syntax.", code bad.request.
api::HttpResponse malformed_request(const std::string& correlation_id);

}  // namespace mockgc::net::detail
