#include "topics.hpp"

#include <array>
#include <vector>
#include <nlohmann/json.hpp>

namespace mockgc::core::notifications {
namespace {

using json = nlohmann::json;

// The schemas name the fields mock-gc fills (the topic models of the JS SDK's index.d.ts, which are not the
// REST models: string MU/BU ids, adherenceChangeTime, plain-string reviewedBy/submittedBy/modifiedBy).
constexpr std::string_view kActivitySchema = R"({"type":"object","properties":{"id":{"type":"string"},
"routingStatus":{"type":"object","properties":{"status":{"type":"string"},"startTime":{"type":"string","format":"date-time"}}},
"presence":{"type":"object","properties":{"presenceDefinition":{"type":"object","properties":{"id":{"type":"string"},"systemPresence":{"type":"string"}}},"presenceMessage":{"type":"string"},"modifiedDate":{"type":"string","format":"date-time"}}},
"outOfOffice":{"type":"object","properties":{"active":{"type":"boolean"},"modifiedDate":{"type":"string","format":"date-time"}}},
"activeQueueIds":{"type":"array","items":{"type":"string"}},"dateActiveQueuesChanged":{"type":"string","format":"date-time"}}})";
constexpr std::string_view kPresenceSchema = R"({"type":"object","properties":{"source":{"type":"string"},
"presenceDefinition":{"type":"object","properties":{"id":{"type":"string"},"systemPresence":{"type":"string"}}},
"primary":{"type":"boolean"},"message":{"type":"string"},"modifiedDate":{"type":"string","format":"date-time"}}})";
constexpr std::string_view kRoutingStatusSchema = R"({"type":"object","properties":{"id":{"type":"string"},
"routingStatus":{"type":"object","properties":{"status":{"type":"string"},"startTime":{"type":"string","format":"date-time"}}}}})";
constexpr std::string_view kAdherenceSchema = R"({"type":"object","properties":{"user":{"type":"object","properties":{"id":{"type":"string"}}},
"managementUnitId":{"type":"string"},"businessUnitId":{"type":"string"},"team":{"type":"object","properties":{"id":{"type":"string"},"name":{"type":"string"}}},
"scheduledActivityCategory":{"type":"string"},"scheduledActivityCode":{"type":"object","properties":{"id":{"type":"string"},"secondaryPresences":{"type":"array"}}},"systemPresence":{"type":"string"},"routingStatus":{"type":"string"},
"actualActivityCategory":{"type":"string"},"isOutOfOffice":{"type":"boolean"},"adherenceState":{"type":"string"},
"impact":{"type":"string"},"adherenceChangeTime":{"type":"string","format":"date-time"},
"presenceUpdateTime":{"type":"string","format":"date-time"},"activeQueues":{"type":"array"},"removedFromManagementUnit":{"type":"boolean"}}})";
constexpr std::string_view kTimeOffSchema = R"({"type":"object","properties":{"id":{"type":"string"},"user":{"type":"object","properties":{"id":{"type":"string"}}},
"isFullDayRequest":{"type":"boolean"},"status":{"type":"string"},"activityCodeId":{"type":"string"},"paid":{"type":"boolean"},
"partialDayStartDateTimes":{"type":"array"},"fullDayManagementUnitDates":{"type":"array"},"dailyDurationMinutes":{"type":"integer"},
"notes":{"type":"string"},"submittedBy":{"type":"string"},"submittedDate":{"type":"string","format":"date-time"},
"reviewedBy":{"type":"string"},"reviewedDate":{"type":"string","format":"date-time"},"modifiedBy":{"type":"string"},
"modifiedDate":{"type":"string","format":"date-time"}}})";
constexpr std::string_view kScheduleChangedSchema = R"({"type":"object","properties":{"managementUnitId":{"type":"string"},
"agents":{"type":"array","items":{"type":"object","properties":{"agentId":{"type":"string"},"startDate":{"type":"string","format":"date-time"},"endDate":{"type":"string","format":"date-time"}}}},
"visibilityRange":{"type":"object"}}})";
constexpr std::string_view kScheduleResultSchema = R"({"type":"object","properties":{"operationId":{"type":"string"},
"businessUnitId":{"type":"string"},"downloadUrl":{"type":"string"}}})";
constexpr std::string_view kForecastImportSchema = R"({"type":"object","properties":{"status":{"type":"string","enum":["Processing","Complete","Canceled","Error"]},
"operationId":{"type":"string"},"result":{"type":"object"}}})";
constexpr std::string_view kBuScheduleSchema = R"({"type":"object","properties":{"status":{"type":"string","enum":["Processing","Complete","Canceled","Error"]},
"operationId":{"type":"string"},"eventType":{"type":"string","enum":["Update","Import","Copy","Delete"]},"result":{"type":"object"}}})";
constexpr std::string_view kShiftTradeBulkSchema = R"({"type":"object","properties":{"status":{"type":"string","enum":["Processing","Complete","Canceled","Error"]},
"operationId":{"type":"string"},"weekDate":{"type":"string","format":"date"},"result":{"type":"object","properties":{"entities":{"type":"array",
"items":{"type":"object","properties":{"id":{"type":"string"},"state":{"type":"string"},"reviewedBy":{"type":"object","properties":{"id":{"type":"string"}}},
"reviewedDate":{"type":"string","format":"date-time"},"failureReason":{"type":"string"},"metadata":{"type":"object"}}}}}}}})";
constexpr std::string_view kHistoricalDataSchema = R"({"type":"object","properties":{"requestId":{"type":"string"},
"status":{"type":"string"},"type":{"type":"string"},"dateCreated":{"type":"string","format":"date-time"},
"dateModified":{"type":"string","format":"date-time"},"active":{"type":"boolean"},"error":{"type":"string"}}})";

constexpr std::array<TopicSpec, 15> kCatalog{{
    {"v2.users.{id}.activity", TopicParam::user, "An agent's presence, routing status and out-of-office together",
     kActivitySchema},
    {"v2.users.{id}.presence", TopicParam::user, "An agent's presence", kPresenceSchema},
    {"v2.users.{id}.routingStatus", TopicParam::user, "An agent's routing status", kRoutingStatusSchema},
    {"v2.users.{id}.workforcemanagement.adherence", TopicParam::user, "An agent's real-time adherence",
     kAdherenceSchema},
    {"v2.users.{id}.workforcemanagement.timeoffrequests", TopicParam::user,
     "A time-off request of the agent was created or changed", kTimeOffSchema},
    {"v2.workforcemanagement.managementunits.{id}.adherence", TopicParam::management_unit,
     "Real-time adherence of the management unit's agents", kAdherenceSchema},
    {"v2.workforcemanagement.teams.{id}.adherence", TopicParam::team, "Real-time adherence of the team's agents",
     kAdherenceSchema},
    {"v2.workforcemanagement.managementunits.{id}.agentschedules.changed", TopicParam::management_unit,
     "Agent schedules of the management unit changed (refetch the agents and dates listed)", kScheduleChangedSchema},
    {"v2.workforcemanagement.users.{id}.schedules.query", TopicParam::requester,
     "The result of an agent-schedule query answered Processing", kScheduleResultSchema},
    {"v2.workforcemanagement.users.{id}.schedules.search", TopicParam::requester,
     "The result of an agent-schedule search answered Processing", kScheduleResultSchema},
    {"v2.workforcemanagement.businessunits.{id}.shorttermforecasts.import", TopicParam::business_unit,
     "A short-term forecast import finished", kForecastImportSchema},
    {"v2.workforcemanagement.businessunits.{id}.schedules", TopicParam::business_unit,
     "A schedule import finished", kBuScheduleSchema},
    {"v2.workforcemanagement.managementunits.{id}.shifttrades.state.bulk", TopicParam::management_unit,
     "The result of a shift-trade bulk state change answered Processing", kShiftTradeBulkSchema},
    {"v2.workforcemanagement.historicaldata.status", TopicParam::none, "A historical-data import changed state",
     kHistoricalDataSchema},
    {"v2.users.{id}.workforcemanagement.historicaladherencequery", TopicParam::requester,
     "The result of a historical adherence query answered Processing",
     R"({"type":"object","properties":{"id":{"type":"string"},"downloadUrl":{"type":"string"},
"downloadUrls":{"type":"array","items":{"type":"string"}},"queryState":{"type":"string","enum":["Processing","Complete","Error"]}}})"},
}};

std::vector<std::string_view> segments(std::string_view text) {
  std::vector<std::string_view> out;
  for (std::size_t at = 0;;) {
    const auto dot = text.find('.', at);
    out.push_back(text.substr(at, dot == std::string_view::npos ? std::string_view::npos : dot - at));
    if (dot == std::string_view::npos) return out;
    at = dot + 1;
  }
}

}  // namespace

std::span<const TopicSpec> topic_catalog() { return kCatalog; }

std::optional<TopicMatch> match_topic(std::string_view topic) {
  const auto have = segments(topic);
  for (const auto& spec : kCatalog) {
    const auto want = segments(spec.pattern);
    if (want.size() != have.size()) continue;
    std::string id;
    bool ok = true;
    for (std::size_t i = 0; ok && i < want.size(); ++i) {
      if (want[i] == "{id}") {
        ok = !have[i].empty();
        id = have[i];
      } else {
        ok = want[i] == have[i];
      }
    }
    if (ok) return TopicMatch{&spec, std::move(id)};
  }
  return std::nullopt;
}

json available_topic(const TopicSpec& spec, bool with_schema) {
  json j{{"id", spec.pattern},
         {"description", spec.description},
         {"requiresPermissions", json::array()},
         {"transports", {"Websocket"}},
         {"topicParameters", spec.param == TopicParam::none ? json::array() : json::array({"id"})},
         {"visibility", "Public"}};
  if (with_schema) j["schema"] = json::parse(spec.schema_json, nullptr, false);
  return j;
}

}  // namespace mockgc::core::notifications
