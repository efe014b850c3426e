#pragma once
// Which org minted an id (the journal's foreign_ids): an index built once per world epoch from the
// generated world, plus the ids handlers create at run time. An id present in more than one org (the
// default activity codes "0".."7" are equal everywhere by design) is owned by none, so it is never foreign.
#include <atomic>
#include <cstdint>
#include <deque>
#include <shared_mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "mockgc/core/world.hpp"

namespace mockgc::core {

class IdOwners {
 public:
  // Refers to the ids of `world`, which must outlive it.
  IdOwners(const World& world, std::uint64_t seed);
  // An id created at run time in `region`; beyond kMaxRuntimeIds new ids are not recorded (memory bound).
  void add(std::string_view id, std::string_view region);
  // The region whose org minted `id`; empty when unknown or shared by several orgs.
  std::string_view owner(std::string_view id) const;

  static constexpr std::size_t kMaxRuntimeIds = 100'000;

 private:
  struct Hash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  using Index = std::unordered_map<std::string, std::uint32_t, Hash, std::equal_to<>>;
  // The generated ids are views of the world's strings (and of derived_), not copies.
  using ViewIndex = std::unordered_map<std::string_view, std::uint32_t, Hash, std::equal_to<>>;
  static constexpr std::uint32_t kShared = UINT32_MAX;
  template <class I>
  static void insert(I& index, std::string_view id, std::uint32_t org);
  std::string_view region_of(std::uint32_t org) const;

  std::vector<std::string> regions_;  // index = org
  std::deque<std::string> derived_;   // ids computed from the world (planning groups): stable addresses
  ViewIndex generated_;               // immutable after construction: read without a lock
  mutable std::shared_mutex mutex_;   // guards runtime_
  Index runtime_;
  std::atomic<bool> any_runtime_{false};
};

}  // namespace mockgc::core
