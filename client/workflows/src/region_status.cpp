#include "mockgc/workflows/region_status.hpp"

#include <fmt/format.h>

#include <nlohmann/json.hpp>

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

}  // namespace mockgc::workflows
