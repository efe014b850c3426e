#pragma once
// How one region (org) ended a workflow. Every workflow reports one per org of ORGS.json, so a region
// can never be silently dropped from a summary: it is complete, partial (what is missing and why) or
// missing (nothing usable, and why). The CLI exits non-zero when any region ends missing.
#include <string>
#include <string_view>

#include <nlohmann/json_fwd.hpp>

#include "mockgc/api/http.hpp"
#include "mockgc/client/result.hpp"

namespace mockgc::workflows {

struct RegionStatus {
  enum class Kind { complete, partial, missing };
  Kind kind = Kind::complete;
  std::string what;  // partial: which part is incomplete ("2 of 9 codes")
  std::string why;   // partial/missing: the first cause ("GET …/activitycodes answered 503")

  static RegionStatus complete() { return {}; }
  static RegionStatus partial(std::string what, std::string why) {
    return {Kind::partial, std::move(what), std::move(why)};
  }
  static RegionStatus missing(std::string why) { return {Kind::missing, {}, std::move(why)}; }

  bool is_complete() const { return kind == Kind::complete; }
  bool is_missing() const { return kind == Kind::missing; }
  bool operator==(const RegionStatus&) const = default;
};

std::string_view to_string(RegionStatus::Kind kind);
// {"status": "complete"} / {"status": "partial", "what": …, "why": …} / {"status": "missing", "why": …}
void to_json(nlohmann::json& j, const RegionStatus& s);
// "complete", "partial: 2 of 9 codes (…)", "missing: …"
std::string describe(const RegionStatus& s);

// The management units (or other units) of one region as a workflow reads them: how many were tried, how many
// failed and the first failure's reason; `status()` is what they make of the region (every unit failed →
// missing, some → partial "n of m <unit name>", none → complete).
struct UnitFailures {
  int units = 0, failed = 0;
  std::string first;
  void fail(std::string why) {
    ++failed;
    if (first.empty()) first = std::move(why);
  }
  RegionStatus status(std::string_view unit_name) const;
};

// Why a call failed, for a RegionStatus: "GET /path: <transport error>", "POST /path answered 503" or
// "POST /path answered 503 service.unavailable" (the ErrorBody's code when there is one).
std::string call_failure(std::string_view method, std::string_view path, const client::Result<api::HttpResponse>& r);
// Whether a failed call may heal by waiting (429, 502, 503, 504, or no answer at all).
bool call_transient(const client::Result<api::HttpResponse>& r);

}  // namespace mockgc::workflows
