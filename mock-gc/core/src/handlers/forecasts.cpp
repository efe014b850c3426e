// Short-term forecasts (genesys-api.md §6f): one generated forecast per BU week (HistoricalWeightedAverage),
// its planning groups (one per queue / media route path) and its data: 672 fixed 15-minute UTC intervals from
// referenceStartDate = the BU-local week start (DST weeks too: 672 intervals, i.e. the last or first local hour
// of a 167/169-hour week is cut or added at the end — documented choice). Offered and AHT per interval are the
// demand model's expectation with ±5 % seeded error, so forecasts roughly track the history.
#include <fmt/format.h>

#include <cmath>

#include "../call_helpers.hpp"
#include "../wire.hpp"
#include "mockgc/api/time.hpp"
#include "mockgc/api/random.hpp"
#include "mockgc/api/wfm.hpp"
#include "wfm_common.hpp"

namespace mockgc::core {
namespace {

using std::chrono::days;
using wfm::Day;

const std::string kWfm = "/api/v2/workforcemanagement";
constexpr int kIntervalsPerWeek = api::kForecastIntervalsPerWeek;

std::string media_route(wfm::MediaType m) {
  switch (m) {
    case wfm::MediaType::Voice: return "Voice";
    case wfm::MediaType::Chat: return "Chat";
    case wfm::MediaType::Email: return "Email";
    case wfm::MediaType::Message: return "Message";
    case wfm::MediaType::Callback: return "Callback";
  }
  return "Voice";
}

std::string planning_group_id(std::uint64_t seed, const std::string& bu_id, const std::string& queue_id) {
  return wfm_planning_group_id(seed, bu_id, queue_id);
}

json imported_item(const BusinessUnit& bu, const wfm::ImportedForecast& f) {
  WfmMetadata meta;
  meta.date_created = meta.date_modified = f.created;
  const std::string week = api::format_local_date(f.week);
  return {{"id", f.id},
          {"weekDate", week},
          {"weekCount", f.week_count},
          {"creationMethod", "Import"},
          {"description", f.description},
          {"legacy", false},
          {"canUseForScheduling", f.can_use_for_scheduling},
          {"metadata", wire::metadata(meta)},
          {"selfUri", fmt::format("/api/v2/workforcemanagement/businessunits/{}/weeks/{}/shorttermforecasts/{}", bu.id,
                                  week, f.id)}};
}

json planning_groups(const Call& call, const BusinessUnit& bu) {
  const auto& wf = *call.org->workforce;
  api::Rng sgt_rng(api::derive_seed(wf.seed(), {"service-goal-template", bu.id}));
  const std::string sgt = api::make_uuid(sgt_rng);
  json entities = json::array();
  for (const auto& q : wf.demand().queues()) {
    const std::string id = planning_group_id(wf.seed(), bu.id, q.queue_id);
    entities.push_back({{"id", id},
                        {"name", q.queue_name},
                        {"serviceGoalTemplate", {{"id", sgt}}},
                        {"routePaths", {{{"queue", {{"id", q.queue_id}}}, {"mediaType", media_route(q.media)}}}},
                        {"metadata", {{"version", 1}}},
                        {"selfUri", fmt::format("{}/businessunits/{}/planninggroups/{}", kWfm, bu.id, id)}});
  }
  return entities;
}

std::string week_id_text(Day d) { return api::format_local_date(d); }

json forecast_item(const Call& call, const BusinessUnit& bu, Day week) {
  const auto& wf = *call.org->workforce;
  const std::string id = wf.forecast_id(bu, week);
  WfmMetadata meta;
  meta.date_created = meta.date_modified = wf.local_time(bu, week - days(14), std::chrono::minutes(6 * 60));
  return {{"id", id},
          {"weekDate", week_id_text(week)},
          {"weekCount", 1},
          {"creationMethod", "HistoricalWeightedAverage"},
          {"description", "Forecast for the week of " + week_id_text(week)},
          {"legacy", false},
          {"canUseForScheduling", true},
          {"metadata", wire::metadata(meta)},
          {"selfUri", fmt::format("{}/businessunits/{}/weeks/{}/shorttermforecasts/{}", kWfm, bu.id, week_id_text(week), id)}};
}

std::optional<ApiError> parse_week(const Call& call, const BusinessUnit& bu, const std::string& text, bool allow_recent,
                                   std::optional<Day>& out) {
  if (allow_recent && text == "recent") return std::nullopt;
  auto d = api::parse_local_date(text);
  if (!d) return bad_request(fmt::format("The week date [{}] is not a date in yyyy-MM-dd format.", text));
  if (!call.org->workforce->is_week_start(bu, *d))
    return bad_request(fmt::format("The week date [{}] must fall on the business unit's start day of week ({}).", text,
                                   bu.start_day_of_week));
  out = *d;
  return std::nullopt;
}

std::optional<ApiError> find_forecast(const Call& call, const BusinessUnit*& bu, Day& week,
                                      std::optional<wfm::ImportedForecast>* imported = nullptr) {
  if (auto e = wfm_find_bu(call, call.params[0], bu)) return e;
  std::optional<Day> w;
  if (auto e = parse_week(call, *bu, call.params[1], false, w)) return e;
  week = *w;
  if (imported)
    for (auto& f : call.org->workforce->imported_forecasts(bu->id, week, call.now))
      if (f.id == call.params[2]) {
        *imported = std::move(f);
        return std::nullopt;
      }
  if (call.org->workforce->forecast_id(*bu, week) != call.params[2])
    return not_found(fmt::format("Short-term forecast {} was not found in week {}.", call.params[2], call.params[1]));
  return std::nullopt;
}

double rounded(double v) { return std::round(v * 1000.0) / 1000.0; }

}  // namespace

Reply handle_planning_groups(Call& call) {
  const BusinessUnit* bu = nullptr;
  if (auto e = wfm_find_bu(call, call.params[0], bu)) return error_reply(*e);
  return json_reply({{"entities", planning_groups(call, *bu)}, {"metadata", {{"version", 1}}}});
}

Reply handle_planning_group_get(Call& call) {
  const BusinessUnit* bu = nullptr;
  if (auto e = wfm_find_bu(call, call.params[0], bu)) return error_reply(*e);
  for (auto& pg : planning_groups(call, *bu))
    if (pg["id"] == call.params[1]) return json_reply(pg);
  return error_reply(not_found(fmt::format("Planning group {} was not found.", call.params[1])));
}

Reply handle_forecasts_list(Call& call) {
  const BusinessUnit* bu = nullptr;
  if (auto e = wfm_find_bu(call, call.params[0], bu)) return error_reply(*e);
  std::optional<Day> week;
  if (auto e = parse_week(call, *bu, call.params[1], true, week)) return error_reply(*e);
  json entities = json::array();
  if (week) {
    entities.push_back(forecast_item(call, *bu, *week));
    for (const auto& f : call.org->workforce->imported_forecasts(bu->id, *week, call.now)) entities.push_back(imported_item(*bu, f));
  } else {
    const auto& wf = *call.org->workforce;
    const Day current = wf.week_containing(*bu, wf.local_date(*bu, call.now));
    for (Day w = current - days(26 * 7); w <= current + days(26 * 7); w += days(7))
    {
      entities.push_back(forecast_item(call, *bu, w));
      for (const auto& f : wf.imported_forecasts(bu->id, w, call.now)) entities.push_back(imported_item(*bu, f));
    }
  }
  return json_reply({{"entities", std::move(entities)}});
}

Reply handle_forecast_get(Call& call) {
  const BusinessUnit* bu = nullptr;
  Day week{};
  std::optional<wfm::ImportedForecast> imported;
  if (auto e = find_forecast(call, bu, week, &imported)) return error_reply(*e);
  static constexpr std::array<std::string_view, 2> kExpand{"planningGroups", "generationResults"};
  std::set<std::string> expand;
  if (auto e = read_enum_list(call, "expand", "BuShortTermForecastExpand", kExpand, expand)) return error_reply(*e);
  const auto& wf = *call.org->workforce;
  json j = imported ? imported_item(*bu, *imported) : forecast_item(call, *bu, week);
  j["referenceStartDate"] = api::format_instant(wf.local_time(*bu, week, std::chrono::minutes(0)));
  j["timeZone"] = bu->time_zone;
  j["planningGroupsVersion"] = 1;
  json source_days = json::array();
  for (int i = 1; i <= 6; ++i)
    source_days.push_back({{"date", week_id_text(week - days(7 * i))}, {"weight", 1.0 / 6}});
  j["sourceDays"] = std::move(source_days);
  j["modifications"] = json::array();
  if (expand.count("planningGroups")) j["planningGroups"] = {{"entities", planning_groups(call, *bu)}};
  if (expand.count("generationResults")) {
    // BuForecastGenerationResult: per planning group the method behind each metric (none for an import).
    json results = json::array();
    if (!imported)
      for (const auto& pg : planning_groups(call, *bu)) {
        json metrics = json::array();
        for (const char* metric : {"Offered", "AverageHandleTimeSeconds"})
          metrics.push_back({{"metric", metric}, {"forecastingMethod", "PointEstimateUsingWeightedAverage"}});
        results.push_back({{"planningGroupId", pg["id"]}, {"metricResults", std::move(metrics)}});
      }
    j["generationResults"] = {{"planningGroupResults", std::move(results)}};
  }
  return json_reply(j);
}

Reply handle_forecast_data(Call& call) {
  const BusinessUnit* bu = nullptr;
  Day week{};
  std::optional<wfm::ImportedForecast> imported;
  if (auto e = find_forecast(call, bu, week, &imported)) return error_reply(*e);
  bool force_download = false;
  if (auto e = read_bool_param(call, "forceDownloadService", false, force_download)) return error_reply(*e);
  const int week_count = imported ? imported->week_count : 1;
  int week_number = 0;
  if (auto n = call.target.query.first("weekNumber")) {
    week_number = -1;
    for (int i = 0; i < week_count; ++i)
      if (*n == std::to_string(i)) week_number = i;
    if (week_number < 0)
      return error_reply(bad_request(fmt::format("weekNumber [{}] is out of range: the forecast has {} week(s).", *n, week_count)));
  }
  const auto& wf = *call.org->workforce;
  const Instant ref = wf.local_time(*bu, week + days(7 * week_number), std::chrono::minutes(0));
  json groups = json::array();
  if (imported) {
    // The uploaded values of the requested week.
    for (const auto& pg : json::parse(imported->planning_groups_json)) {
      json offered = json::array(), aht = json::array();
      for (int i = 0; i < kIntervalsPerWeek; ++i) {
        offered.push_back(pg["offeredPerInterval"][static_cast<std::size_t>(week_number * kIntervalsPerWeek + i)]);
        aht.push_back(pg["averageHandleTimeSecondsPerInterval"][static_cast<std::size_t>(week_number * kIntervalsPerWeek + i)]);
      }
      groups.push_back({{"planningGroupId", pg["planningGroupId"]},
                        {"offeredPerInterval", std::move(offered)},
                        {"averageHandleTimeSecondsPerInterval", std::move(aht)}});
    }
  }
  const std::size_t generated_groups = imported ? 0 : wf.demand().queues().size();
  const auto& queues = wf.demand().queues();
  const std::int64_t first = ref.time_since_epoch() / wfm::kInterval;  // local midnight starts a quarter-hour
  std::vector<wfm::IntervalExpectation> expected(kIntervalsPerWeek);
  for (std::size_t q = 0; q < generated_groups; ++q) {
    const std::string pg = planning_group_id(wf.seed(), bu->id, queues[q].queue_id);
    api::Rng rng(api::derive_seed(wf.seed(), {"forecast-error", pg, week_id_text(week)}));
    json offered = json::array(), aht = json::array();
    wf.demand().expectations(q, first, first + kIntervalsPerWeek, expected.data());
    for (int i = 0; i < kIntervalsPerWeek; ++i) {
      const double e1 = 1.0 + (static_cast<double>(rng.below(10001)) / 10000.0 - 0.5) * 0.1;
      const double e2 = 1.0 + (static_cast<double>(rng.below(10001)) / 10000.0 - 0.5) * 0.1;
      offered.push_back(rounded(expected[static_cast<std::size_t>(i)].offered * e1));
      aht.push_back(rounded(expected[static_cast<std::size_t>(i)].aht_seconds * e2));
    }
    groups.push_back({{"planningGroupId", pg},
                      {"offeredPerInterval", std::move(offered)},
                      {"averageHandleTimeSecondsPerInterval", std::move(aht)}});
  }
  json result{{"referenceStartDate", api::format_instant(ref)},
              {"planningGroups", std::move(groups)},
              {"weekNumber", week_number},
              {"weekCount", week_count}};
  std::string text = result.dump();
  if (force_download || text.size() > call.epoch.options().download_threshold_bytes) {
    return download_reply(call, std::move(text));
  }
  return json_reply({{"result", std::move(result)}});
}

}  // namespace mockgc::core
