#include "mockgc/workflows/region_status.hpp"

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "mockgc/api/error_body.hpp"

namespace mockgc::workflows {

std::string_view to_string(RegionStatus::Kind kind) {
  switch (kind) {
    case RegionStatus::Kind::complete: return "complete";
    case RegionStatus::Kind::partial: return "partial";
    case RegionStatus::Kind::missing: return "missing";
  }
  return "missing";
}

void to_json(nlohmann::json& j, const RegionStatus& s) {
  j = nlohmann::json{{"status", to_string(s.kind)}};
  if (s.kind == RegionStatus::Kind::partial) j["what"] = s.what;
  if (s.kind != RegionStatus::Kind::complete) j["why"] = s.why;
}

std::string describe(const RegionStatus& s) {
  switch (s.kind) {
    case RegionStatus::Kind::complete: return "complete";
    case RegionStatus::Kind::partial: return fmt::format("partial: {} ({})", s.what, s.why);
    case RegionStatus::Kind::missing: return fmt::format("missing: {}", s.why);
  }
  return "missing";
}

std::string call_failure(std::string_view method, std::string_view path, const client::Result<api::HttpResponse>& r) {
  if (!r) return fmt::format("{} {}: {}", method, path, r.error().message());
  const auto e = api::error_body_of(*r);
  if (e.code.empty()) return fmt::format("{} {} answered {}", method, path, r->status);
  return fmt::format("{} {} answered {} {}", method, path, r->status, e.code);
}

RegionStatus UnitFailures::status(std::string_view unit_name) const {
  if (units > 0 && failed == units) return RegionStatus::missing(first);
  if (failed > 0) return RegionStatus::partial(fmt::format("{} of {} {}", failed, units, unit_name), first);
  return RegionStatus::complete();
}

bool call_transient(const client::Result<api::HttpResponse>& r) {
  if (!r) return true;
  return r->status == 429 || r->status == 502 || r->status == 503 || r->status == 504;
}

}  // namespace mockgc::workflows
