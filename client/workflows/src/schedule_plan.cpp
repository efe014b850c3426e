// The schedule push plan file (schedule_push.hpp; client/workflows/README.md "Schedule push plan").
#include <fmt/format.h>

#include "mockgc/api/time.hpp"
#include "mockgc/workflows/schedule_push.hpp"

namespace mockgc::workflows {
namespace {

using nlohmann::json;

std::optional<std::string> text(const json& j, const char* key, const std::string& where, std::string& out) {
  if (!j.contains(key) || !j[key].is_string() || j[key].get<std::string>().empty())
    return fmt::format("{}.{} is required: a non-empty string", where, key);
  out = j[key];
  return std::nullopt;
}

std::optional<std::string> span(const json& j, const std::string& where, client::Instant& start, int& minutes) {
  std::string s;
  if (auto e = text(j, "startDate", where, s)) return e;
  auto t = api::parse_instant(s);
  if (!t) return fmt::format("{}.startDate is not an ISO-8601 instant: {}", where, s);
  start = *t;
  if (!j.contains("lengthMinutes") || !j["lengthMinutes"].is_number_integer() || j["lengthMinutes"].get<long long>() < 1 ||
      j["lengthMinutes"].get<long long>() > 24 * 60)
    return fmt::format("{}.lengthMinutes must be an integer between 1 and 1440", where);
  minutes = j["lengthMinutes"];
  return std::nullopt;
}

std::optional<std::string> list(const json& j, const char* key, const std::string& where) {
  if (!j.contains(key) || !j[key].is_array()) return fmt::format("{}.{} is required: a list", where, key);
  return std::nullopt;
}

}  // namespace

std::optional<std::string> parse_schedule_plan(const json& j, SchedulePlan& out) {
  if (!j.is_object()) return std::string("the plan must be a JSON object");
  if (j.contains("description") && (!j["description"].is_string() || j["description"].get<std::string>().empty()))
    return std::string("description must be a non-empty string");
  out.description = j.value("description", out.description);
  if (auto e = list(j, "targets", "plan")) return e;
  for (std::size_t t = 0; t < j["targets"].size(); ++t) {
    const json& jt = j["targets"][t];
    const std::string wt = fmt::format("targets[{}]", t);
    if (!jt.is_object()) return wt + " must be an object";
    PlanTarget target;
    if (auto e = text(jt, "org", wt, target.org)) return e;
    if (auto e = text(jt, "businessUnit", wt, target.business_unit)) return e;
    if (auto e = text(jt, "week", wt, target.week)) return e;
    if (!api::parse_local_date(target.week)) return fmt::format("{}.week is not a yyyy-MM-dd date: {}", wt, target.week);
    if (auto e = list(jt, "agents", wt)) return e;
    for (std::size_t a = 0; a < jt["agents"].size(); ++a) {
      const json& ja = jt["agents"][a];
      const std::string wa = fmt::format("{}.agents[{}]", wt, a);
      if (!ja.is_object()) return wa + " must be an object";
      PlannedAgent agent;
      if (auto e = text(ja, "email", wa, agent.email)) return e;
      if (auto e = list(ja, "shifts", wa)) return e;
      for (std::size_t s = 0; s < ja["shifts"].size(); ++s) {
        const json& js = ja["shifts"][s];
        const std::string ws = fmt::format("{}.shifts[{}]", wa, s);
        if (!js.is_object()) return ws + " must be an object";
        PlannedShift shift;
        if (auto e = span(js, ws, shift.start, shift.minutes)) return e;
        if (auto e = list(js, "activities", ws)) return e;
        for (std::size_t k = 0; k < js["activities"].size(); ++k) {
          const json& jk = js["activities"][k];
          const std::string wk = fmt::format("{}.activities[{}]", ws, k);
          if (!jk.is_object()) return wk + " must be an object";
          PlannedActivity act;
          if (auto e = span(jk, wk, act.start, act.minutes)) return e;
          if (auto e = text(jk, "activityCode", wk, act.code)) return e;
          shift.activities.push_back(std::move(act));
        }
        agent.shifts.push_back(std::move(shift));
      }
      target.agents.push_back(std::move(agent));
    }
    out.targets.push_back(std::move(target));
  }
  return std::nullopt;
}

json to_json(const SchedulePlan& plan) {
  json targets = json::array();
  for (const auto& t : plan.targets) {
    json agents = json::array();
    for (const auto& a : t.agents) {
      json shifts = json::array();
      for (const auto& s : a.shifts) {
        json acts = json::array();
        for (const auto& k : s.activities)
          acts.push_back({{"startDate", api::format_instant(k.start)}, {"lengthMinutes", k.minutes}, {"activityCode", k.code}});
        shifts.push_back({{"startDate", api::format_instant(s.start)}, {"lengthMinutes", s.minutes}, {"activities", acts}});
      }
      agents.push_back({{"email", a.email}, {"shifts", shifts}});
    }
    targets.push_back({{"org", t.org}, {"businessUnit", t.business_unit}, {"week", t.week}, {"agents", agents}});
  }
  return {{"description", plan.description}, {"targets", targets}};
}

}  // namespace mockgc::workflows
