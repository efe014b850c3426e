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
#include "mockgc/api/time.hpp"
#include "mockgc/api/wfm.hpp"
#include "wfm_import.hpp"

namespace mockgc::core {
namespace {

using wfm::Day;
constexpr int kIntervalsPerWeek = api::kForecastIntervalsPerWeek;

std::optional<std::string> validate(const json& j, const std::set<std::string>& known, int& week_count) {
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
        return fmt::format("{} of planning group {} must hold {} values ({} per week).", key, id, n, kIntervalsPerWeek);
      for (std::size_t i = 0; i < n; ++i)
        if (!pg[key][i].is_number() || pg[key][i].get<double>() < 0)
          return fmt::format("{}[{}] of planning group {} must be a non-negative number.", key, i, id);
    }
  }
  return std::nullopt;
}

}  // namespace

Reply handle_forecast_import_upload_url(Call& call) { return wfm_import_upload_url(call, "forecast"); }

Reply handle_forecast_import(Call& call) {
  WfmUpload up;
  if (auto e = wfm_import_take_upload(call, "forecast", up)) return error_reply(*e);
  const BusinessUnit* bu = up.bu;
  const Day week = up.week;
  auto& wf = *call.org->workforce;
  std::set<std::string> known;
  for (const auto& q : wf.demand().queues()) known.insert(wfm_planning_group_id(wf.seed(), bu->id, q.queue_id));
  json forecast;
  int week_count = 1;
  auto problem = wfm_import_parse(up.bytes, "forecast", forecast);
  if (!problem) problem = validate(forecast, known, week_count);

  const Instant done = call.now + kImportValidation;
  std::optional<wfm::ImportedForecast> imported;
  json event{{"status", problem ? "Error" : "Complete"}};
  if (problem) {
    event["error"] = wfm_import_error(*problem);
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
  if (imported) wf.add_imported_forecast(std::move(*imported));
  return wfm_import_accepted(call,
                             fmt::format("v2.workforcemanagement.businessunits.{}.shorttermforecasts.import", bu->id),
                             std::move(event), done);
}

}  // namespace mockgc::core
