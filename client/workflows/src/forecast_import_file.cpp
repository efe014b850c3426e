#include "mockgc/workflows/forecast_import_file.hpp"

#include <zlib.h>

#include <fstream>

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

std::string gzip_bytes(std::string_view data) {
  z_stream zs{};
  // windowBits 15 + 16: a gzip wrapper; zlib writes a fixed header (mtime 0, no name) → deterministic.
  if (deflateInit2(&zs, Z_BEST_COMPRESSION, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK) return {};
  std::string out(deflateBound(&zs, static_cast<uLong>(data.size())), '\0');
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  zs.avail_in = static_cast<uInt>(data.size());
  zs.next_out = reinterpret_cast<Bytef*>(out.data());
  zs.avail_out = static_cast<uInt>(out.size());
  const int rc = deflate(&zs, Z_FINISH);
  out.resize(zs.total_out);
  deflateEnd(&zs);
  return rc == Z_STREAM_END ? out : std::string();
}

std::optional<std::string> gunzip_bytes(std::string_view data) {
  z_stream zs{};
  if (inflateInit2(&zs, 15 + 16) != Z_OK) return std::nullopt;
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  zs.avail_in = static_cast<uInt>(data.size());
  std::string out;
  char buf[16384];
  int rc = Z_OK;
  while (rc == Z_OK) {
    zs.next_out = reinterpret_cast<Bytef*>(buf);
    zs.avail_out = sizeof buf;
    rc = inflate(&zs, Z_NO_FLUSH);
    if (rc != Z_OK && rc != Z_STREAM_END) break;
    out.append(buf, sizeof buf - zs.avail_out);
  }
  inflateEnd(&zs);
  if (rc != Z_STREAM_END) return std::nullopt;
  return out;
}

std::string forecast_import_bytes(const ForecastImportBody& body) { return gzip_bytes(to_json(body).dump()); }

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
