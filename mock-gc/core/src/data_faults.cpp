// The world events of data and notification faults as they fall due: activity codes renamed or
// re-categorised, agents added to or removed from a management unit (with the agentschedules.changed topic),
// notification channels' sockets dropped, closing or expired.
#include <fmt/format.h>

#include <mutex>

#include "mockgc/api/time.hpp"
#include "world_epoch.hpp"

namespace mockgc::core {

void WorldEpoch::apply_world_events(const std::vector<faults::FaultEvent>& due) {
  // Token and clock-skew events are answered statelessly by the plan (token_revoked, clock_skew); only
  // activity-code and MU membership changes touch the world here.
  for (const auto& event : due) {
    for (auto& org : orgs_) {
      if (!event.region.empty() && event.region != org->world->region) continue;
      std::unique_lock lock(org->mutex);
      auto change = [&](const std::string& bu_ref, const std::string& code_ref, auto&& edit) {
        for (const auto& bu : org->world->business_units) {
          if (bu.id != bu_ref && bu.name != bu_ref) continue;
          auto& codes = org->codes[bu.id];
          for (auto& code : codes.codes) {
            if (code.id != code_ref && code.name != code_ref) continue;
            edit(code);
            code.metadata.version += 1;
            code.metadata.date_modified = event.at;
          }
          rebuild_listing(codes, bu.id);
        }
      };
      if (const auto* lifecycle = std::get_if<faults::ChannelLifecycle>(&event.payload)) {
        using faults::NotificationAction;
        const auto& region = org->world->region;
        if (lifecycle->action == NotificationAction::socket_drop) hub_->drop_sockets(region, event.fault_id);
        else if (lifecycle->action == NotificationAction::socket_closing)
          hub_->announce_closing(region, event.at, lifecycle->grace, event.fault_id);
        else hub_->expire(region, event.at, event.fault_id);
      } else if (const auto* renamed = std::get_if<faults::ActivityCodeRenamed>(&event.payload)) {
        change(renamed->business_unit, renamed->activity_code, [&](ActivityCode& c) { c.name = renamed->name; });
      } else if (const auto* recat = std::get_if<faults::ActivityCodeRecategorised>(&event.payload)) {
        if (auto category = parse_activity_category(recat->category))
          change(recat->business_unit, recat->activity_code, [&](ActivityCode& c) { c.category = *category; });
      } else {
        // A roster change: the MU's schedules change for the agents who joined or left.
        std::vector<std::string> agents;
        const ManagementUnit* mu = nullptr;
        if (const auto* added = std::get_if<faults::AgentsAdded>(&event.payload))
          mu = roster_add_agents(*org, event, *added, agents);
        else if (const auto* removed = std::get_if<faults::AgentsRemoved>(&event.payload))
          mu = roster_remove_agents(*org, event, *removed, agents);
        if (mu && !agents.empty()) {
          const auto day = std::chrono::floor<std::chrono::days>(event.at);
          json changed = json::array();
          for (const auto& id : agents)
            changed.push_back({{"agentId", id},
                               {"startDate", api::format_instant(day)},
                               {"endDate", api::format_instant(day + std::chrono::days(28))}});
          notify(org->world->region,
                 fmt::format("v2.workforcemanagement.managementunits.{}.agentschedules.changed", mu->id),
                 {{"managementUnitId", mu->id}, {"agents", std::move(changed)}}, event.at);
        }
      }
    }
  }
}

}  // namespace mockgc::core
