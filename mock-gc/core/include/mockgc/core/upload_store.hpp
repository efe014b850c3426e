#pragma once
// The mock's stand-in for Genesys' pre-signed upload URLs (historical-data CSV, short-term forecast gzip
// JSON). An upload-url call reserves a slot for one region and purpose; `PUT /mockgc/uploads/{key}` fills it
// without auth (like a signed storage URL); the later validate/import call takes it by key. Bounded by slot
// count and bytes (oldest evicted first); slots expire by the service clock.
#include <cstdint>
#include <deque>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "mockgc/core/clock.hpp"

namespace mockgc::core {

struct Upload {
  std::string region;        // the org that asked for the URL; another org's call cannot use it
  std::string purpose;       // e.g. "historicaldata-csv", "forecast-import:<buId>:<weekDate>"
  std::string file_name;
  std::string content_type;  // as PUT
  std::string content_encoding;
  std::string body;          // raw bytes as PUT (gzip stays compressed)
  bool filled = false;
  Instant reserved_at{};
  Instant filled_at{};
  Instant expires{};
};

enum class UploadPutResult { stored, unknown_key, expired, too_large };

class UploadStore {
 public:
  UploadStore(std::uint64_t seed, std::size_t max_entries, std::size_t max_bytes);
  // Reserves a slot and returns its key (UUID-shaped, deterministic from seed + counter).
  std::string reserve(std::string region, std::string purpose, std::string file_name, Instant now, Millis ttl);
  UploadPutResult put(std::string_view key, std::string body, std::string content_type, std::string content_encoding,
                      Instant now);
  std::optional<Upload> get(std::string_view key, Instant now) const;
  std::size_t max_bytes() const { return max_bytes_; }

 private:
  void evict_locked();
  std::uint64_t seed_;
  std::size_t max_entries_, max_bytes_;
  std::uint64_t counter_ = 0;
  std::size_t bytes_ = 0;
  mutable std::mutex mutex_;
  std::unordered_map<std::string, Upload> entries_;
  std::deque<std::string> order_;
};

}  // namespace mockgc::core
