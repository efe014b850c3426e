// Short-term forecast import (genesys-api.md §6f): upload URL -> PUT gzip JSON -> import call.
// The import call refuses only what is wrong with the request itself (no JSON body, no uploadKey, a key
// that names no filled upload of this BU week) with a synchronous 400. Everything else answers 202
// {status: "Processing", operationId}; the upload's content (gzip, JSON, BuImportShortTermForecastSchema,
// 672 x weekCount non-negative values per planning group, known planningGroupIds) is judged when the
// import completes, kImportValidation later by the world clock: then either the forecast (creationMethod
// Import) is listed and the import topic says Complete, or nothing is listed and the topic says Error
// with the first problem. The same completion body is readable at /mockgc/downloads/{operationId} from
// then on (a mock-only convenience: Genesys has no polling route for it).
#include <fmt/format.h>

#include "../call_helpers.hpp"
#include "mockgc/api/gzip.hpp"
#include "mockgc/api/time.hpp"
#include "mockgc/api/random.hpp"
#include "wfm_common.hpp"

namespace mockgc::core {
namespace {

using wfm::Day;
constexpr Millis kUploadTtl = std::chrono::hours(1);
constexpr int kIntervalsPerWeek = 672;

std::optional<ApiError> find_week(const Call& call, const BusinessUnit*& bu, Day& week) {
  if (auto e = wfm_find_bu(call, call.params[0], bu)) return e;
  auto d = api::parse_local_date(call.params[1]);
  if (!d) return bad_request(fmt::format("The week date [{}] is not a date in yyyy-MM-dd format.", call.params[1]));
  if (!call.org->workforce->is_week_start(*bu, *d))
    return bad_request(fmt::format("The week date [{}] must fall on the business unit's start day of week ({}).",
                                   call.params[1], bu->start_day_of_week));
  week = *d;
  return std::nullopt;
}

std::string purpose(const BusinessUnit& bu, Day week) {
  return "forecast-import:" + bu.id + ":" + api::format_local_date(week);
}

std::optional<std::string> validate(const json& j, const std::set<std::string>& known, int& week_count) {
  if (!j.is_object()) return std::string("The uploaded forecast must be a JSON object.");
  if (!j.contains("description") || !j["description"].is_string())
    return std::string("description is required: the uploaded forecast needs a string description.");
  week_count = 1;
  if (j.contains("weekCount")) {
    if (!j["weekCount"].is_number_integer() || j["weekCount"].get<int>() < 1 || j["weekCount"].get<int>() > 6)
      return std::string("weekCount must be an integer between 1 and 6.");
    week_count = j["weekCount"];
  }
  if (!j.contains("planningGroups") || !j["planningGroups"].is_array() || j["planningGroups"].empty())
    return std::string("planningGroups is required: a non-empty array.");
  const std::size_t n = static_cast<std::size_t>(kIntervalsPerWeek * week_count);
  std::set<std::string> seen;
  for (std::size_t g = 0; g < j["planningGroups"].size(); ++g) {
    const json& pg = j["planningGroups"][g];
    if (!pg.is_object() || !pg.contains("planningGroupId") || !pg["planningGroupId"].is_string())
      return fmt::format("planningGroups[{}].planningGroupId is required.", g);
    const std::string id = pg["planningGroupId"];
    if (!known.count(id)) return fmt::format("Unknown planningGroupId [{}].", id);
    if (!seen.insert(id).second) return fmt::format("Duplicate planningGroupId [{}].", id);
    for (const char* key : {"offeredPerInterval", "averageHandleTimeSecondsPerInterval"}) {
      if (!pg.contains(key) || !pg[key].is_array() || pg[key].size() != n)
        return fmt::format("{} of planning group {} must hold {} values (672 per week).", key, id, n);
      for (std::size_t i = 0; i < n; ++i)
        if (!pg[key][i].is_number() || pg[key][i].get<double>() < 0)
          return fmt::format("{}[{}] of planning group {} must be a non-negative number.", key, i, id);
    }
  }
  return std::nullopt;
}

// What is wrong with the uploaded bytes as a forecast (nullopt: nothing); `forecast` holds the parsed JSON.
std::optional<std::string> check_upload(const std::string& bytes, const std::set<std::string>& known, json& forecast,
                                        int& week_count) {
  auto text = api::gunzip(bytes);
  if (!text) return std::string("The upload is not gzip-encoded.");
  forecast = json::parse(*text, nullptr, false);
  if (forecast.is_discarded()) return std::string("The uploaded forecast is not valid JSON.");
  return validate(forecast, known, week_count);
}

// How long an accepted import takes to complete (world time) before its notification goes out.
constexpr Millis kImportValidation = std::chrono::seconds(5);

}  // namespace

Reply handle_forecast_import_upload_url(Call& call) {
  const BusinessUnit* bu = nullptr;
  Day week{};
  if (auto e = find_week(call, bu, week)) return error_reply(*e);
  json body;
  if (auto e = parse_json_body(call, body)) return error_reply(*e);
  if (!body.is_object() || !body.contains("contentLengthBytes") || !body["contentLengthBytes"].is_number_integer() ||
      body["contentLengthBytes"].get<long long>() <= 0)
    return error_reply(bad_request("contentLengthBytes is required: the size of the gzip-encoded upload."));
  if (static_cast<unsigned long long>(body["contentLengthBytes"].get<long long>()) > call.service.uploads().max_bytes())
    return error_reply(bad_request("contentLengthBytes exceeds the upload size limit."));
  const std::string key =
      call.service.uploads().reserve(call.org->world->region, purpose(*bu, week), "forecast.json.gz", call.now, kUploadTtl);
  return json_reply({{"uploadKey", key},
                     {"url", call.service.absolute_url(call, "/mockgc/uploads/" + key)},
                     {"headers", {{"Content-Type", "application/json"}, {"Content-Encoding", "gzip"}}},
                     {"uploadBodySchema", nullptr}});
}

Reply handle_forecast_import(Call& call) {
  const BusinessUnit* bu = nullptr;
  Day week{};
  if (auto e = find_week(call, bu, week)) return error_reply(*e);
  json body;
  if (auto e = parse_json_body(call, body)) return error_reply(*e);
  if (!body.is_object() || !body.contains("uploadKey") || !body["uploadKey"].is_string())
    return error_reply(bad_request("uploadKey is required."));
  auto upload = call.service.uploads().get(body["uploadKey"].get<std::string>(), call.now);
  if (!upload || upload->region != call.org->world->region || upload->purpose != purpose(*bu, week))
    return error_reply(bad_request("uploadKey does not name an upload URL issued for this business unit week."));
  if (!upload->filled) return error_reply(bad_request("Nothing has been uploaded to the upload URL yet."));
  auto& wf = *call.org->workforce;
  std::set<std::string> known;
  for (const auto& q : wf.demand().queues()) known.insert(wfm_planning_group_id(wf.seed(), bu->id, q.queue_id));
  json forecast;
  int week_count = 1;
  const auto problem = check_upload(upload->body, known, forecast, week_count);

  const Instant done = call.now + kImportValidation;
  std::optional<wfm::ImportedForecast> imported;
  json event{{"status", problem ? "Error" : "Complete"}};
  if (problem) {
    // The topic model has no error field; the reason travels as the error object of Genesys' other WFM
    // completion topics ({status, code, message}).
    event["error"] = {{"status", 400}, {"code", "bad.request"}, {"message", *problem}};
  } else {
    wfm::ImportedForecast f;
    f.id = wfm_operation_id(call);
    f.business_unit_id = bu->id;
    f.week = week;
    f.week_count = week_count;
    f.description = forecast["description"];
    f.can_use_for_scheduling = forecast.value("canUseForScheduling", true);
    f.created = call.now;
    f.completes = done;
    f.planning_groups_json = forecast["planningGroups"].dump();
    event["result"] = {{"id", f.id},
                       {"weekDate", api::format_local_date(week)},
                       {"weekCount", week_count},
                       {"description", f.description},
                       {"canUseForScheduling", f.can_use_for_scheduling},
                       {"selfUri", fmt::format("/api/v2/workforcemanagement/businessunits/{}/weeks/{}/shorttermforecasts/{}",
                                               bu->id, api::format_local_date(week), f.id)}};
    imported = std::move(f);
  }
  const std::string op = call.service.downloads().put(
      [&](const std::string& id) {
        event["operationId"] = id;
        return event.dump();
      },
      call.now, done);
  if (imported) wf.add_imported_forecast(std::move(*imported));
  call.service.notify(call.org->world->region,
                      fmt::format("v2.workforcemanagement.businessunits.{}.shorttermforecasts.import", bu->id), event,
                      call.now, done);
  return json_reply({{"status", "Processing"}, {"operationId", op}}, 202);
}

}  // namespace mockgc::core
