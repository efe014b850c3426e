#pragma once
// The run-time schedule state of one org (Workforce keeps one): imported schedules, shift trades created or
// decided through the API, and the schedule in force that both make of the generated weeks (schedule.hpp).
#include <atomic>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <tuple>
#include <vector>

#include "mockgc/core/wfm/workforce.hpp"
#include "mockgc/core/wfm/shift_trades.hpp"

namespace mockgc::core::wfm {

class ScheduleOverlay {
 public:
  void add_import(ImportedSchedule s);
  // Each schedule once (its newest version completed by `now`, where that version was added), in order.
  std::vector<ImportedSchedule> imports(const std::string& bu_id, Instant now) const;
  // The newest version of schedule `id`, completed or not.
  std::optional<ImportedSchedule> latest_import(const std::string& bu_id, std::string_view id) const;

  void store_trade(ShiftTrade t);
  std::optional<ShiftTrade> trade(std::string_view id) const;
  std::vector<ShiftTrade> trades(std::string_view mu_id, Day week) const;
  std::uint64_t next_trade_ordinal();

  std::uint64_t generation() const { return generation_.load(std::memory_order_acquire); }
  std::shared_ptr<const WeekSchedule> in_force(const Workforce& wf, const BusinessUnit& bu, Day week, Instant t) const;
  std::vector<Instant> changes(const std::string& bu_id, Instant from, Instant to) const;

 private:
  using Key = std::tuple<std::string, long, const WeekSchedule*, std::size_t>;  // BU, week, base, trades applied
  void changed();  // under mutex_
  mutable std::mutex mutex_;
  std::map<std::string, std::vector<ImportedSchedule>> imports_;  // by BU: versions in the order added (bounded)
  std::map<std::string, ShiftTrade, std::less<>> trades_;          // by id
  std::map<std::string, std::vector<std::string>> approved_;      // by BU: trade ids in approval order
  std::uint64_t created_ = 0;
  std::atomic<std::uint64_t> generation_{0};
  mutable std::map<Key, std::shared_ptr<const WeekSchedule>> cache_;  // cleared on every change
};

}  // namespace mockgc::core::wfm
