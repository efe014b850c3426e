#pragma once
// A least-recently-used cache bounded by the total weight of its entries (weight 1 each: a count bound; the
// bytes of an entry: a byte budget). A hit makes the entry the most recently used; an insert evicts the least
// recently used entries while the total weight is over the budget, keeping the newest entry even when it
// alone is over it. Not thread-safe: the owner holds its own lock around every call.
// (bounded_eviction.hpp is the other bound in core: the blob stores drop entries in insertion order.)
#include <cstddef>
#include <functional>
#include <list>
#include <unordered_map>
#include <utility>

namespace mockgc::core {

template <class Key, class Value, class Hash = std::hash<Key>>
class LruCache {
 public:
  explicit LruCache(std::size_t budget = 0) : budget_(budget) {}

  // The cached value of `key` (made the most recently used), or null.
  Value* find(const Key& key) {
    auto it = index_.find(key);
    if (it == index_.end()) return nullptr;
    entries_.splice(entries_.begin(), entries_, it->second);
    return &it->second->value;
  }

  // Whether `key` is cached, leaving the order as it is.
  bool contains(const Key& key) const { return index_.contains(key); }

  // Caches `value` under `key` as the most recently used entry and returns it; when `key` is cached already,
  // returns the cached value untouched (an equal value made meanwhile by another reader).
  Value& insert(const Key& key, Value value, std::size_t weight = 1) {
    if (auto it = index_.find(key); it != index_.end()) return it->second->value;
    entries_.push_front(Entry{key, std::move(value), weight});
    index_.emplace(key, entries_.begin());
    weight_ += weight;
    while (weight_ > budget_ && entries_.size() > 1) {
      weight_ -= entries_.back().weight;
      index_.erase(entries_.back().key);
      entries_.pop_back();
    }
    return entries_.front().value;
  }

  void clear() {
    index_.clear();
    entries_.clear();
    weight_ = 0;
  }
  void set_budget(std::size_t budget) { budget_ = budget; }
  std::size_t budget() const { return budget_; }
  std::size_t size() const { return entries_.size(); }
  std::size_t weight() const { return weight_; }  // of the entries cached now

 private:
  struct Entry {
    Key key;
    Value value;
    std::size_t weight;
  };
  std::size_t budget_;
  std::size_t weight_ = 0;
  std::list<Entry> entries_;  // most recently used first
  std::unordered_map<Key, typename std::list<Entry>::iterator, Hash> index_;
};

}  // namespace mockgc::core
