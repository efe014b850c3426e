// to_json of the workforce overview: hours and percentages rounded to 0.01, null where a figure is unknown.
#include <cmath>

#include <nlohmann/json.hpp>

#include "mockgc/api/time.hpp"
#include "mockgc/workflows/workforce_overview.hpp"

namespace mockgc::workflows {
namespace {

using nlohmann::json;

double round2(double v) { return std::round(v * 100.0) / 100.0; }
json percent(std::optional<double> p) { return p ? json(round2(*p)) : json(nullptr); }
double hours_of_minutes(long long m) { return round2(static_cast<double>(m) / 60.0); }

json cause(const CauseMinutes& c, long long paid_minutes) {
  return {{"paidHours", hours_of_minutes(c.paid)},
          {"unpaidHours", hours_of_minutes(c.unpaid)},
          {"percentOfPaid", paid_minutes > 0
                                ? json(round2(100.0 * static_cast<double>(c.paid) / static_cast<double>(paid_minutes)))
                                : json(nullptr)}};
}

json figures(const OverviewFigures& f) {
  json j{{"headcount", f.headcount}};
  if (f.schedule) {
    const auto& s = *f.schedule;
    j["scheduledPaidHours"] = hours_of_minutes(s.paid_minutes);
    j["shrinkage"] = {{"timeOff", cause(s.time_off, s.paid_minutes)},
                      {"breaksAndMeals", cause(s.breaks_meals, s.paid_minutes)},
                      {"trainingAndMeetings", cause(s.training_meetings, s.paid_minutes)}};
  } else {
    j["scheduledPaidHours"] = nullptr;
    j["shrinkage"] = {{"timeOff", nullptr}, {"breaksAndMeals", nullptr}, {"trainingAndMeetings", nullptr}};
  }
  if (f.adherence) {
    const double scheduled_s = f.adherence->scheduled_s;
    j["shrinkage"]["absence"] = {
        {"hours", round2(f.adherence->absence_s / 3600.0)},
        {"percentOfScheduled",
         scheduled_s > 0 ? json(round2(100.0 * f.adherence->absence_s / scheduled_s)) : json(nullptr)}};
    j["adherence"] = {{"percent", percent(f.adherence->percent())},
                      {"scheduledHours", round2(f.adherence->scheduled_s / 3600.0)}};
  } else {
    j["shrinkage"]["absence"] = nullptr;
    j["adherence"] = nullptr;
  }
  if (f.occupancy) {
    j["occupancy"] = {{"percent", percent(f.occupancy->percent())},
                      {"handleHours", round2(static_cast<double>(f.occupancy->handle_ms) / 3.6e6)},
                      {"onQueueHours", round2(static_cast<double>(f.occupancy->on_queue_ms) / 3.6e6)}};
  } else {
    j["occupancy"] = nullptr;
  }
  return j;
}

json part(const PartCoverage& p) {
  json j{{"status", to_string(p.kind())}, {"read", p.read}, {"wanted", p.wanted}};
  if (!p.why.empty()) j["why"] = p.why;
  return j;
}

}  // namespace

json to_json(const WorkforceOverview& o) {
  json orgs = json::array();
  for (const auto& org : o.orgs) {
    json units = json::array();
    for (const auto& bu : org.business_units) {
      auto j = week_json(bu.week);
      j.update({{"id", bu.id}, {"name", bu.name}, {"actualsUntil", api::format_instant(bu.actuals_end)}});
      units.push_back(std::move(j));
    }
    json j{{"org", org.org},
           {"region", org.region},
           {"businessUnits", std::move(units)},
           {"parts",
            {{"schedule", part(org.schedule)},
             {"occupancy", part(org.occupancy)},
             {"adherence", part(org.adherence)},
             {"emails", part(org.emails)}}},
           {"figures", org.status.is_missing() ? json(nullptr) : figures(org.figures)}};
    j.update(json(org.status));
    orgs.push_back(std::move(j));
  }
  json people = json::array();
  for (const auto& p : o.bi_regional) people.push_back({{"person", p.person_key}, {"regions", p.regions}});
  json incomplete = json::array();
  for (const auto& org : o.orgs)
    if (!org.status.is_complete()) incomplete.push_back(org.region);
  return {{"takenAt", api::format_instant(o.taken_at)},
          {"regions", std::move(orgs)},
          {"global",
           {{"figures", figures(o.global)},
            {"complete", o.complete()},
            {"incompleteRegions", std::move(incomplete)},
            {"duplicatesMerged", o.duplicates},
            {"biRegionalPeople", std::move(people)}}}};
}

}  // namespace mockgc::workflows
