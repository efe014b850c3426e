#pragma once
// Workforce's private state and the helpers its files share (workforce.cpp, schedule.cpp, time_off.cpp,
// forecast_imports.cpp, adherence.cpp).
#include <date/tz.h>

#include <initializer_list>
#include <map>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "mockgc/api/random.hpp"
#include "mockgc/core/wfm/workforce.hpp"
#include "../lru_cache.hpp"

namespace mockgc::core::wfm {

inline std::string day_label(Day d) { return std::to_string(d.time_since_epoch().count()); }

inline std::string uuid_for(std::uint64_t seed, std::initializer_list<std::string_view> labels) {
  api::Rng rng(api::derive_seed(seed, labels));
  return api::make_uuid(rng);
}

// Floor division (towards minus infinity).
inline long floor_div(long a, long b) { return a >= 0 ? a / b : -((-a + b - 1) / b); }

struct Workforce::Impl {
  struct BuInfo {
    const BusinessUnit* bu = nullptr;
    const date::time_zone* zone = nullptr;
    unsigned start_weekday = 1;
    std::vector<const User*> agents;
  };
  std::vector<BuInfo> bus;
  std::unordered_map<std::string, std::size_t> bu_of_mu;   // MU id -> index into bus
  std::vector<const User*> all_agents;                      // every BU's agents, in org user order
  std::unordered_map<std::string, std::vector<std::string>> regions_of_email;  // bi-regional people
  std::string region;

  mutable std::mutex cache_mutex;
  using WeekKey = std::pair<std::string, long>;  // (BU id, week)
  struct WeekKeyHash {
    std::size_t operator()(const WeekKey& k) const {
      return static_cast<std::size_t>(api::hash_combine(api::fnv1a(k.first), static_cast<std::uint64_t>(k.second)));
    }
  };
  mutable LruCache<WeekKey, std::shared_ptr<const WeekSchedule>, WeekKeyHash> weeks;  // guarded by cache_mutex

  mutable std::mutex time_off_mutex;
  std::map<std::string, TimeOffRequest> overlay;  // run-time created/edited, by id
  std::uint64_t created = 0;
  std::map<std::pair<std::string, long>, std::vector<ImportedForecast>> imported;  // guarded by time_off_mutex

  const BuInfo* info(const BusinessUnit& bu) const {
    for (const auto& b : bus)
      if (b.bu == &bu || b.bu->id == bu.id) return &b;
    return nullptr;
  }
};

}  // namespace mockgc::core::wfm
