#pragma once
// Oldest-first eviction shared by the bounded blob stores (downloads, uploads): drop entries in insertion
// order until both the count and the byte budget hold. Entries already gone from the map are skipped.
#include <cstddef>
#include <deque>
#include <string>

namespace mockgc::core {

template <class Map>
void evict_oldest(Map& entries, std::deque<std::string>& order, std::size_t& bytes, std::size_t max_entries,
                  std::size_t max_bytes) {
  while (!order.empty() && (order.size() > max_entries || bytes > max_bytes)) {
    auto it = entries.find(order.front());
    if (it != entries.end()) {
      bytes -= it->second.body.size();
      entries.erase(it);
    }
    order.pop_front();
  }
}

}  // namespace mockgc::core
