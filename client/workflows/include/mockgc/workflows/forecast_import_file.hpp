#pragma once
// The short-term forecast import file (genesys-api.md §6f): a BuImportShortTermForecastSchema JSON body,
// gzip-encoded, exactly the bytes PUT to the upload URL. The reference documents no CSV short-term
// forecast import (CSV exists only for the historical-data import), so the fallback file written during a
// maintenance window is this same gzip JSON (`*.json.gz`), not a CSV: an operator can PUT it unchanged.
//
// Determinism: the JSON is dumped compactly with nlohmann's sorted keys and gzip is written with zlib's
// default header (mtime 0, no file name), so the same forecast gives the same bytes.
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "mockgc/api/wfm.hpp"

namespace mockgc::workflows {

using api::kForecastIntervalsPerWeek;

struct PlanningGroupForecast {
  std::string planning_group_id;
  std::vector<double> offered;      // per 15-minute interval from the week's referenceStartDate
  std::vector<double> aht_seconds;  // same length
};

struct ForecastImportBody {
  std::string description;
  int week_count = 1;
  bool can_use_for_scheduling = true;
  std::vector<PlanningGroupForecast> planning_groups;
};

// {"canUseForScheduling", "description", "planningGroups": [{planningGroupId, offeredPerInterval,
// averageHandleTimeSecondsPerInterval}], "weekCount"}
nlohmann::json to_json(const ForecastImportBody& body);
// The inverse (lenient only in ignoring unknown keys); nullopt when a required field is missing/mistyped.
std::optional<ForecastImportBody> forecast_import_body_from_json(const nlohmann::json& j);


// The exact upload bytes: gzip(to_json(body).dump()).
std::string forecast_import_bytes(const ForecastImportBody& body);

// "<region>_<businessUnitId>_<week>.json.gz" with anything outside [A-Za-z0-9._-] replaced by '-'.
std::string forecast_file_name(std::string_view region, std::string_view business_unit_id, std::string_view week);

// Writes `bytes` to dir/name (creating dir); returns the path, or nullopt with `error` set.
std::optional<std::filesystem::path> write_file(const std::filesystem::path& dir, const std::string& name,
                                                std::string_view bytes, std::string& error);

}  // namespace mockgc::workflows
