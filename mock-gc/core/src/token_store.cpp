#include "mockgc/core/token_store.hpp"

#include <mutex>

#include "mockgc/api/random.hpp"

namespace mockgc::core {

TokenStore::TokenStore(std::uint64_t seed, std::size_t capacity) : seed_(seed), capacity_(capacity) {}

std::string TokenStore::issue(std::string_view region, std::string_view client_id, Instant now,
                              std::chrono::seconds ttl) {
  static constexpr std::string_view alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  std::unique_lock lock(mutex_);
  std::string token;
  do {
    api::Rng rng(api::derive_seed(seed_, "oauth-token", issued_count_++));
    token.clear();
    for (std::size_t i = 0; i < kTokenChars; ++i) token.push_back(alphabet[rng.below(alphabet.size())]);
  } while (tokens_.count(token));
  tokens_.emplace(token, TokenRecord{std::string(region), std::string(client_id), now, now + ttl});
  order_.push_back(token);
  while (order_.size() > capacity_) {
    tokens_.erase(order_.front());
    order_.pop_front();
  }
  return token;
}

std::optional<TokenRecord> TokenStore::find(std::string_view token, Instant now) const {
  auto record = find_any(token);
  if (record && now >= record->expires) return std::nullopt;
  return record;
}

std::optional<TokenRecord> TokenStore::find_any(std::string_view token) const {
  std::shared_lock lock(mutex_);
  auto it = tokens_.find(std::string(token));
  if (it == tokens_.end()) return std::nullopt;
  return it->second;
}

}  // namespace mockgc::core
