#pragma once
// Agent schedules of one week across orgs, read the way a production client must read them: an
// agentschedules search may answer {status: Processing, operationId} (forced, or a large result), and then
// only the notification v2.workforcemanagement.users.{id}.schedules.search carries its downloadUrl.
//
// Per org: one CompletionChannel subscribed to the requester's schedules.search topic BEFORE any search (the
// id is the OAuth client id: mock-gc's documented choice for client credentials, README "Notifications");
// GET …/businessunits; per BU GET …/businessunits/{bu}?expand=settings (the week of `week` in the BU's zone,
// starting on its startDayOfWeek), then POST …/businessunits/{bu}/agentschedules/search {startDate, endDate}.
// The result comes inline, by the answer's downloadUrl, or by the completion event's downloadUrl.
// A Processing answer whose event does not arrive within `completion.wait` (a lost notification, a channel
// that cannot be made) fails that business unit with the reason, and the org is partial or missing: there
// is no polling route in Genesys, so no polling fallback here (/mockgc/downloads is mock-gc's convenience,
// not an API a production client can use).
#include <chrono>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "mockgc/client/completion_channel.hpp"
#include "mockgc/client/org_clients.hpp"
#include "mockgc/workflows/region_status.hpp"

namespace mockgc::workflows {

// How a schedule answer's result arrived.
enum class ResultPath { inline_result, download, notification };
std::string_view to_string(ResultPath p);

struct ScheduleAnswer {
  std::optional<nlohmann::json> result;  // the `result` object ({agentSchedules, …}); empty: see why
  ResultPath path = ResultPath::inline_result;
  std::string operation_id;  // of a Processing answer
  std::string why;
};

// POSTs `body` to an agentschedules query/search `path` through `channel` (subscribed to the matching
// requester topic) and returns its result object however it arrives (inline, downloadUrl, or the completion
// event's downloadUrl). `force_async` adds forceAsync=true (Genesys: "for testing/app development").
ScheduleAnswer read_agent_schedules(client::OrgClient& c, client::CompletionChannel& channel, std::string_view path,
                                    const nlohmann::json& body, bool force_async = false);

struct ScheduleWeekOptions {
  std::optional<std::chrono::sys_days> week;  // a local date inside the week; nullopt = the current week
  bool force_async = false;                   // ask for Processing answers (exercises the notification path)
  client::CompletionOptions completion;
  std::function<void(std::size_t done, std::size_t total, std::string_view what)> progress;  // per org
};

struct BusinessUnitSchedules {
  std::string business_unit, business_unit_id, time_zone;
  std::string week;                       // local first day, "YYYY-MM-DD"
  client::Instant window_start{}, window_end{};
  bool read = false;
  ResultPath path = ResultPath::inline_result;
  std::string operation_id;
  int agents = 0, shifts = 0;             // shifts starting inside the window
  long long scheduled_minutes = 0;        // their activities' minutes
  std::string why;                        // when not read
};

struct OrgSchedules {
  std::string org, region;
  RegionStatus status;
  std::vector<BusinessUnitSchedules> units;
};

struct ScheduleWeek {
  std::vector<OrgSchedules> orgs;  // every org, ORGS.json order
  bool any_missing() const;
};

// `sockets` null: no notifications (Processing answers then fail their unit).
ScheduleWeek read_schedule_week(client::OrgClients& orgs, client::WebSocketConnector* sockets,
                                const ScheduleWeekOptions& options);

nlohmann::json to_json(const ScheduleWeek& w);

}  // namespace mockgc::workflows
