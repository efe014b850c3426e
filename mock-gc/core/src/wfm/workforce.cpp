// The workforce of one org: its business units' calendars and agents, the ids of generated weeks, and the
// run-time schedule state (imports, shift trades) it delegates to the ScheduleOverlay.
#include "mockgc/core/wfm/workforce.hpp"
#include "workforce_impl.hpp"

#include "schedule_overlay.hpp"

#include <algorithm>
#include <array>

namespace mockgc::core::wfm {

using std::chrono::days;
using std::chrono::minutes;

namespace {

// Generated weeks kept per org (least recently used first out): at most kCachedAgentWeeks agent-weeks' worth
// (64 weeks of a 200-agent org), never fewer than kMinCachedWeeksPerBu per business unit (the agent state
// process reads at most two weeks of a BU at one instant). A week takes about 5 KB per agent.
constexpr std::size_t kCachedAgentWeeks = 12'800;
constexpr std::size_t kMinCachedWeeksPerBu = 4;

unsigned weekday_index(std::string_view name) {
  static constexpr std::array<std::string_view, 7> names{"Sunday",   "Monday", "Tuesday", "Wednesday",
                                                         "Thursday", "Friday", "Saturday"};
  for (unsigned i = 0; i < 7; ++i)
    if (names[i] == name) return i;
  return 1;
}

}  // namespace

Workforce::Workforce(const World& world, const OrgWorld& org, std::uint64_t seed)
    : org_(&org),
      seed_(seed),
      demand_(DemandModel::build(org, seed)),
      impl_(std::make_unique<Impl>()),
      overlay_(std::make_unique<ScheduleOverlay>()) {
  impl_->region = org.region;
  for (const auto& bu : org.business_units) {
    Impl::BuInfo info;
    info.bu = &bu;
    info.zone = date::locate_zone(bu.time_zone);
    info.start_weekday = weekday_index(bu.start_day_of_week);
    for (const auto& mu_id : bu.management_unit_ids) impl_->bu_of_mu[mu_id] = impl_->bus.size();
    impl_->bus.push_back(std::move(info));
  }
  for (const auto& u : org.users) {
    auto it = impl_->bu_of_mu.find(u.management_unit_id);
    if (it != impl_->bu_of_mu.end() && u.state == "active") {
      impl_->bus[it->second].agents.push_back(&u);
      impl_->all_agents.push_back(&u);
    }
  }
  // The regions of this org's bi-regional people (schedules alternate their owner among them). The other
  // orgs are read only when this org has such people: an org of a big world without them costs no walk over
  // every org's users.
  for (const User* u : impl_->all_agents)
    if (u->bi_regional) impl_->regions_of_email.try_emplace(u->email);
  if (!impl_->regions_of_email.empty())
    for (const auto& o : world.orgs)
      for (const auto& u : o.users)
        if (u.bi_regional)
          if (auto it = impl_->regions_of_email.find(u.email); it != impl_->regions_of_email.end())
            it->second.push_back(o.region);
  for (auto& [email, regions] : impl_->regions_of_email) std::sort(regions.begin(), regions.end());
  impl_->weeks.set_budget(std::max(kMinCachedWeeksPerBu * std::max<std::size_t>(1, impl_->bus.size()),
                                   kCachedAgentWeeks / std::max<std::size_t>(1, impl_->all_agents.size())));
}

Workforce::~Workforce() = default;

const date::time_zone* Workforce::zone(const BusinessUnit& bu) const {
  const auto* i = impl_->info(bu);
  return i ? i->zone : date::locate_zone("UTC");
}

bool Workforce::is_week_start(const BusinessUnit& bu, Day d) const {
  const auto* i = impl_->info(bu);
  return i && date::weekday(d).c_encoding() == i->start_weekday;
}

Day Workforce::week_containing(const BusinessUnit& bu, Day local) const {
  const auto* i = impl_->info(bu);
  const unsigned start = i ? i->start_weekday : 1;
  const unsigned wd = date::weekday(local).c_encoding();
  return local - days((wd + 7 - start) % 7);
}

Day Workforce::local_date(const BusinessUnit& bu, Instant t) const {
  const auto local = zone(bu)->to_local(std::chrono::time_point_cast<std::chrono::seconds>(t));
  return Day(std::chrono::floor<days>(local).time_since_epoch());
}

Instant Workforce::local_time(const BusinessUnit& bu, Day d, minutes since_midnight) const {
  const date::local_time<minutes> lt(d.time_since_epoch() + since_midnight);
  const date::zoned_time<minutes> z(zone(bu), lt, date::choose::earliest);
  return std::chrono::time_point_cast<Millis>(z.get_sys_time());
}

const BusinessUnit* Workforce::business_unit_of(const User& u) const {
  auto it = impl_->bu_of_mu.find(u.management_unit_id);
  return it == impl_->bu_of_mu.end() ? nullptr : impl_->bus[it->second].bu;
}

std::vector<const User*> Workforce::agents_of(const BusinessUnit& bu) const {
  const auto* i = impl_->info(bu);
  return i ? i->agents : std::vector<const User*>{};
}

std::string Workforce::schedule_id(const BusinessUnit& bu, Day week) const {
  return uuid_for(seed_, {"bu-schedule", bu.id, day_label(week)});
}

std::string Workforce::forecast_id(const BusinessUnit& bu, Day week) const {
  return uuid_for(seed_, {"bu-forecast", bu.id, day_label(week)});
}

void Workforce::add_imported_schedule(ImportedSchedule s) { overlay_->add_import(std::move(s)); }

std::vector<ImportedSchedule> Workforce::imported_schedules(const std::string& bu_id, Instant now) const {
  return overlay_->imports(bu_id, now);
}

std::shared_ptr<const WeekSchedule> Workforce::schedule_in_force(const BusinessUnit& bu, Day week, Instant t) const {
  return overlay_->in_force(*this, bu, week, t);
}

std::vector<Instant> Workforce::schedule_changes(const BusinessUnit& bu, Instant from, Instant to) const {
  return overlay_->changes(bu.id, from, to);
}

std::uint64_t Workforce::schedule_generation() const { return overlay_->generation(); }

void Workforce::store_shift_trade(ShiftTrade t) { overlay_->store_trade(std::move(t)); }

std::optional<ShiftTrade> Workforce::stored_shift_trade(std::string_view id) const { return overlay_->trade(id); }

std::vector<ShiftTrade> Workforce::stored_shift_trades(std::string_view mu_id, Day week) const {
  return overlay_->trades(mu_id, week);
}

std::string Workforce::next_shift_trade_id() {
  return uuid_for(seed_, {"shift-trade-created", impl_->region, std::to_string(overlay_->next_trade_ordinal())});
}

std::optional<ImportedSchedule> Workforce::latest_imported_schedule(const std::string& bu_id, std::string_view id) const {
  return overlay_->latest_import(bu_id, id);
}

const std::vector<const User*>& Workforce::agents() const { return impl_->all_agents; }

}  // namespace mockgc::core::wfm
