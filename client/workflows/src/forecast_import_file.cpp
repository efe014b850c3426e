#include "mockgc/workflows/forecast_import_file.hpp"

#include <fstream>

#include "mockgc/api/gzip.hpp"

namespace mockgc::workflows {

using nlohmann::json;

json to_json(const ForecastImportBody& body) {
  json groups = json::array();
  for (const auto& pg : body.planning_groups)
    groups.push_back({{"planningGroupId", pg.planning_group_id},
                      {"offeredPerInterval", pg.offered},
                      {"averageHandleTimeSecondsPerInterval", pg.aht_seconds}});
  return {{"description", body.description},
          {"weekCount", body.week_count},
          {"canUseForScheduling", body.can_use_for_scheduling},
          {"planningGroups", std::move(groups)}};
}

std::optional<ForecastImportBody> forecast_import_body_from_json(const json& j) {
  if (!j.is_object() || !j.contains("description") || !j["description"].is_string() ||
      !j.contains("planningGroups") || !j["planningGroups"].is_array())
    return std::nullopt;
  ForecastImportBody b;
  b.description = j["description"];
  if (j.contains("weekCount")) {
    if (!j["weekCount"].is_number_integer()) return std::nullopt;
    b.week_count = j["weekCount"];
  }
  if (j.contains("canUseForScheduling")) {
    if (!j["canUseForScheduling"].is_boolean()) return std::nullopt;
    b.can_use_for_scheduling = j["canUseForScheduling"];
  }
  for (const auto& pg : j["planningGroups"]) {
    if (!pg.is_object() || !pg.contains("planningGroupId") || !pg["planningGroupId"].is_string()) return std::nullopt;
    PlanningGroupForecast f;
    f.planning_group_id = pg["planningGroupId"];
    for (auto [key, out] : {std::pair{"offeredPerInterval", &f.offered},
                            std::pair{"averageHandleTimeSecondsPerInterval", &f.aht_seconds}}) {
      if (!pg.contains(key) || !pg[key].is_array()) return std::nullopt;
      for (const auto& v : pg[key]) {
        if (!v.is_number()) return std::nullopt;
        out->push_back(v.get<double>());
      }
    }
    b.planning_groups.push_back(std::move(f));
  }
  return b;
}

std::string forecast_import_bytes(const ForecastImportBody& body) { return api::gzip(to_json(body).dump()); }

std::string forecast_file_name(std::string_view region, std::string_view business_unit_id, std::string_view week) {
  std::string name = std::string(region) + "_" + std::string(business_unit_id) + "_" + std::string(week);
  for (auto& c : name) {
    const bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' ||
                    c == '_' || c == '-';
    if (!ok) c = '-';
  }
  return name + ".json.gz";
}

std::optional<std::filesystem::path> write_file(const std::filesystem::path& dir, const std::string& name,
                                                std::string_view bytes, std::string& error) {
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) {
    error = "cannot create " + dir.string() + ": " + ec.message();
    return std::nullopt;
  }
  const auto path = dir / name;
  std::ofstream f(path, std::ios::binary | std::ios::trunc);
  f.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  f.close();
  if (!f) {
    error = "cannot write " + path.string();
    return std::nullopt;
  }
  return path;
}

}  // namespace mockgc::workflows
