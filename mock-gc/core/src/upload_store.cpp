#include "mockgc/core/upload_store.hpp"

#include "bounded_eviction.hpp"
#include "mockgc/api/random.hpp"

namespace mockgc::core {

UploadStore::UploadStore(std::uint64_t seed, std::size_t max_entries, std::size_t max_bytes)
    : seed_(seed), max_entries_(max_entries), max_bytes_(max_bytes) {}

std::string UploadStore::reserve(std::string region, std::string purpose, std::string file_name, Instant now,
                                 Millis ttl) {
  std::lock_guard lock(mutex_);
  api::Rng rng(api::derive_seed(seed_, "upload", counter_++));
  std::string key = api::make_uuid(rng);
  Upload slot;
  slot.region = std::move(region);
  slot.purpose = std::move(purpose);
  slot.file_name = std::move(file_name);
  slot.reserved_at = now;
  slot.expires = now + ttl;
  entries_[key] = std::move(slot);
  order_.push_back(key);
  evict_locked();
  return key;
}

UploadPutResult UploadStore::put(std::string_view key, std::string body, std::string content_type,
                                 std::string content_encoding, Instant now) {
  if (body.size() > max_bytes_) return UploadPutResult::too_large;
  std::lock_guard lock(mutex_);
  auto it = entries_.find(std::string(key));
  if (it == entries_.end()) return UploadPutResult::unknown_key;
  if (now >= it->second.expires) return UploadPutResult::expired;
  bytes_ -= it->second.body.size();
  bytes_ += body.size();
  it->second.body = std::move(body);
  it->second.content_type = std::move(content_type);
  it->second.content_encoding = std::move(content_encoding);
  it->second.filled = true;
  it->second.filled_at = now;
  evict_locked();
  return UploadPutResult::stored;
}

std::optional<Upload> UploadStore::get(std::string_view key, Instant now) const {
  std::lock_guard lock(mutex_);
  auto it = entries_.find(std::string(key));
  if (it == entries_.end() || now >= it->second.expires) return std::nullopt;
  return it->second;
}

void UploadStore::evict_locked() { evict_oldest(entries_, order_, bytes_, max_entries_, max_bytes_); }

}  // namespace mockgc::core
