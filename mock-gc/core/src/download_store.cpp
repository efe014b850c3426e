#include "mockgc/core/download_store.hpp"

#include <algorithm>

#include "bounded_eviction.hpp"
#include "mockgc/api/random.hpp"

namespace mockgc::core {

DownloadStore::DownloadStore(std::uint64_t seed, std::size_t max_entries, std::size_t max_bytes, Millis ttl)
    : seed_(seed), max_entries_(max_entries), max_bytes_(max_bytes), ttl_(ttl) {}

std::string DownloadStore::put(std::string body, Instant now) {
  return put([&](const std::string&) { return std::move(body); }, now, now);
}

std::string DownloadStore::put(const std::function<std::string(const std::string& id)>& make, Instant now,
                               Instant available) {
  std::lock_guard lock(mutex_);
  api::Rng rng(api::derive_seed(seed_, "download", counter_++));
  std::string id = api::make_uuid(rng);
  std::string body = make(id);
  bytes_ += body.size();
  entries_[id] = Entry{std::move(body), std::max(now, available) + ttl_, available};
  order_.push_back(id);
  evict_locked();
  return id;
}

void DownloadStore::evict_locked() { evict_oldest(entries_, order_, bytes_, max_entries_, max_bytes_); }

std::optional<std::string> DownloadStore::get(std::string_view id, Instant now) const {
  std::lock_guard lock(mutex_);
  auto it = entries_.find(std::string(id));
  if (it == entries_.end() || now < it->second.available || now >= it->second.expires) return std::nullopt;
  return it->second.body;
}

std::size_t DownloadStore::size() const {
  std::lock_guard lock(mutex_);
  return entries_.size();
}

}  // namespace mockgc::core
