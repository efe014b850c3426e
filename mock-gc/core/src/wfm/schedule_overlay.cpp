// The run-time schedule state (see schedule_overlay.hpp) and the schedule in force (schedule.hpp).
#include "schedule_overlay.hpp"

#include <algorithm>

namespace mockgc::core::wfm {
namespace {
constexpr std::size_t kMaxInForceCached = 64;  // traded weeks kept; the cache is rebuilt on demand
}  // namespace

const ImportedSchedule* published_import(const std::vector<ImportedSchedule>& imports, Day w, Instant by) {
  std::vector<std::string_view> judged;  // schedules whose newest completed version was seen
  for (auto it = imports.rbegin(); it != imports.rend(); ++it) {
    if (it->completes > by || std::find(judged.begin(), judged.end(), it->id) != judged.end()) continue;
    judged.push_back(it->id);
    if (it->published && it->covers(w)) return &*it;
  }
  return nullptr;
}

void ScheduleOverlay::changed() {
  cache_.clear();
  generation_.fetch_add(1, std::memory_order_acq_rel);
}

void ScheduleOverlay::add_import(ImportedSchedule s) {
  std::lock_guard lock(mutex_);
  auto& list = imports_[s.business_unit_id];
  list.push_back(std::move(s));
  if (list.size() > kMaxImportedSchedulesPerBu) list.erase(list.begin());
  changed();
}

std::vector<ImportedSchedule> ScheduleOverlay::imports(const std::string& bu_id, Instant now) const {
  std::lock_guard lock(mutex_);
  std::vector<ImportedSchedule> out;
  if (auto it = imports_.find(bu_id); it != imports_.end())
    for (const auto& s : it->second) {
      if (s.completes > now) continue;
      std::erase_if(out, [&](const ImportedSchedule& earlier) { return earlier.id == s.id; });
      out.push_back(s);
    }
  return out;
}

std::optional<ImportedSchedule> ScheduleOverlay::latest_import(const std::string& bu_id, std::string_view id) const {
  std::lock_guard lock(mutex_);
  if (auto it = imports_.find(bu_id); it != imports_.end())
    for (auto s = it->second.rbegin(); s != it->second.rend(); ++s)
      if (s->id == id) return *s;
  return std::nullopt;
}

void ScheduleOverlay::store_trade(ShiftTrade t) {
  std::lock_guard lock(mutex_);
  auto& slot = trades_[t.id];
  const bool approving = t.state == TradeState::Approved && slot.state != TradeState::Approved;
  if (approving) approved_[t.business_unit_id].push_back(t.id);
  slot = std::move(t);
  if (approving) changed();
}

std::optional<ShiftTrade> ScheduleOverlay::trade(std::string_view id) const {
  std::lock_guard lock(mutex_);
  if (auto it = trades_.find(id); it != trades_.end()) return it->second;
  return std::nullopt;
}

std::vector<ShiftTrade> ScheduleOverlay::trades(std::string_view mu_id, Day week) const {
  std::lock_guard lock(mutex_);
  std::vector<ShiftTrade> out;
  for (const auto& [id, t] : trades_)
    if (t.management_unit_id == mu_id && t.week == week) out.push_back(t);
  return out;
}

std::uint64_t ScheduleOverlay::next_trade_ordinal() {
  std::lock_guard lock(mutex_);
  return created_++;
}

std::shared_ptr<const WeekSchedule> ScheduleOverlay::in_force(const Workforce& wf, const BusinessUnit& bu, Day week,
                                                              Instant t) const {
  if (generation() == 0) return wf.schedule(bu, week);
  std::shared_ptr<const WeekSchedule> base;
  std::vector<ShiftTrade> swaps;
  {
    std::lock_guard lock(mutex_);
    if (auto it = imports_.find(bu.id); it != imports_.end())
      if (const auto* s = published_import(it->second, week, t)) base = s->schedule;
    if (auto it = approved_.find(bu.id); it != approved_.end())
      for (const auto& id : it->second) {
        const ShiftTrade& trade = trades_.at(id);
        if (trade.week == week && trade.reviewed && *trade.reviewed <= t) swaps.push_back(trade);
      }
  }
  if (!base) base = wf.schedule(bu, week);
  if (swaps.empty()) return base;
  const Key key{bu.id, static_cast<long>(week.time_since_epoch().count()), base.get(), swaps.size()};
  {
    std::lock_guard lock(mutex_);
    if (auto it = cache_.find(key); it != cache_.end()) return it->second;
  }
  auto traded = std::make_shared<WeekSchedule>(*base);
  for (const auto& s : swaps) apply_trade(*traded, s);  // a trade whose shifts are gone changes nothing
  traded->index_agents();
  std::lock_guard lock(mutex_);
  if (cache_.size() >= kMaxInForceCached) cache_.clear();
  return cache_.emplace(key, std::move(traded)).first->second;
}

std::vector<Instant> ScheduleOverlay::changes(const std::string& bu_id, Instant from, Instant to) const {
  std::vector<Instant> out;
  if (generation() == 0) return out;
  std::lock_guard lock(mutex_);
  if (auto it = imports_.find(bu_id); it != imports_.end())
    for (const auto& s : it->second)
      if (s.published || s.version > 1) out.push_back(s.completes);  // an update may also unpublish
  if (auto it = approved_.find(bu_id); it != approved_.end())
    for (const auto& id : it->second)
      if (const auto& r = trades_.at(id).reviewed) out.push_back(*r);
  std::erase_if(out, [&](Instant c) { return c <= from || c >= to; });
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

}  // namespace mockgc::core::wfm
