#pragma once
// OAuth bearer tokens: opaque, deterministic from (seed, issue counter), each bound to one org and valid
// until its expiry by the service clock. Bounded: beyond `capacity` the oldest tokens are forgotten.
#include <chrono>
#include <cstdint>
#include <deque>
#include <optional>
#include <shared_mutex>
#include <string>
#include <string_view>
#include <unordered_map>

#include "mockgc/core/clock.hpp"

namespace mockgc::core {

struct TokenRecord {
  std::string region;
  std::string client_id;
  Instant issued{};
  Instant expires{};
};

class TokenStore {
 public:
  static constexpr std::size_t kTokenChars = 86;  // every issued token has this length
  TokenStore(std::uint64_t seed, std::size_t capacity);
  std::string issue(std::string_view region, std::string_view client_id, Instant now, std::chrono::seconds ttl);
  // The record of a known, unexpired token.
  std::optional<TokenRecord> find(std::string_view token, Instant now) const;
  // The record of a known token, expired or not (tells "expired" from "unknown").
  std::optional<TokenRecord> find_any(std::string_view token) const;

 private:
  std::uint64_t seed_;
  std::size_t capacity_;
  std::uint64_t issued_count_ = 0;
  mutable std::shared_mutex mutex_;
  std::unordered_map<std::string, TokenRecord> tokens_;
  std::deque<std::string> order_;
};

}  // namespace mockgc::core
