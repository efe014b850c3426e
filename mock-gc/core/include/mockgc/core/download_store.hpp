#pragma once
// Results too large to inline (or forced with forceDownloadService=true) are parked here and served from
// /mockgc/downloads/{id} with the same schema and without a downloadUrl. Bounded by entry count and total
// bytes (oldest evicted first); entries expire by the service clock.
#include <chrono>
#include <cstdint>
#include <deque>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "mockgc/core/clock.hpp"

namespace mockgc::core {

class DownloadStore {
 public:
  DownloadStore(std::uint64_t seed, std::size_t max_entries, std::size_t max_bytes, Millis ttl);
  // Stores `body` (JSON text) and returns its id (UUID-shaped, deterministic from seed + counter).
  std::string put(std::string body, Instant now);
  // Stores the body `make` builds for the id it is given (a result that names its own id), readable from
  // `available` on (before then get() answers as for an unknown id): the result of an operation that
  // completes later by the world clock.
  std::string put(const std::function<std::string(const std::string& id)>& make, Instant now, Instant available);
  std::optional<std::string> get(std::string_view id, Instant now) const;
  std::size_t size() const;

 private:
  struct Entry {
    std::string body;
    Instant expires;
    Instant available{};
  };
  void evict_locked();
  std::uint64_t seed_;
  std::size_t max_entries_, max_bytes_;
  Millis ttl_;
  std::uint64_t counter_ = 0;
  std::size_t bytes_ = 0;
  mutable std::mutex mutex_;
  std::unordered_map<std::string, Entry> entries_;
  std::deque<std::string> order_;
};

}  // namespace mockgc::core
