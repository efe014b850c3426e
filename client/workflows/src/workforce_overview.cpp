#include "mockgc/workflows/workforce_overview.hpp"

#include <algorithm>
#include <map>
#include <set>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "mockgc/api/url.hpp"
#include "mockgc/client/json_calls.hpp"
#include "mockgc/workflows/person_keys.hpp"
#include "mockgc/workflows/wfm_models.hpp"
#include "overview_reads.hpp"
#include "genesys_paths.hpp"

namespace mockgc::workflows {
namespace {

using client::Instant;
using nlohmann::json;

using paths::kWfm;
constexpr auto kQuarter = std::chrono::minutes(15);

Instant floor_quarter(Instant t) {
  const auto q = std::chrono::duration_cast<client::Millis>(kQuarter).count();
  const auto ms = t.time_since_epoch().count();
  return Instant(client::Millis(ms - ((ms % q) + q) % q));
}
Instant ceil_quarter(Instant t) {
  const Instant f = floor_quarter(t);
  return f == t ? t : f + kQuarter;
}

std::string text_of(const json& j, const char* key) {
  auto it = j.find(key);
  return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

template <class T>
void add_to(std::optional<T>& total, const std::optional<T>& part) {
  if (!part) return;
  if (!total) total = T{};
  total->add(*part);
}

// The BU's week and actuals window; the reason when its settings cannot be read.
std::string read_week(client::OrgClient& c, const OverviewOptions& o, BusinessUnitOverview& bu) {
  const auto path = fmt::format("{}/businessunits/{}", kWfm, api::percent_encode(bu.id));
  auto settings = client::get_json(c, path, {{"expand", "settings"}});
  if (!settings || !settings->contains("settings") || !(*settings)["settings"].is_object())
    return fmt::format("GET {}: {}", path, settings ? std::string("no settings") : settings.error().message());
  const auto zone = text_of((*settings)["settings"], "timeZone");
  try {
    bu.week = week_containing(o.week ? *o.week : local_date(c.clock().now(), zone), zone,
                              text_of((*settings)["settings"], "startDayOfWeek"));
  } catch (const std::exception& e) {
    return fmt::format("business unit {}: {}", bu.id, e.what());
  }
  bu.week.business_unit_id = bu.id;
  bu.actuals_start = ceil_quarter(bu.week.window_start);
  bu.actuals_end = std::max(bu.actuals_start, floor_quarter(std::min(bu.week.window_end, c.clock().now())));
  return {};
}

RegionStatus status_of(const OrgOverview& o) {
  std::vector<std::pair<const char*, const PartCoverage*>> parts = {
      {"schedule", &o.schedule}, {"occupancy", &o.occupancy}, {"adherence", &o.adherence}, {"e-mails", &o.emails}};
  if (o.schedule.kind() == RegionStatus::Kind::missing) return RegionStatus::missing(o.schedule.why);
  std::string what, why;
  for (const auto& [name, part] : parts) {
    if (part->kind() == RegionStatus::Kind::complete) continue;
    what += fmt::format("{}{} of {} {}", what.empty() ? "" : "; ", part->wanted - part->read, part->wanted, name);
    if (why.empty()) why = part->why;
  }
  return what.empty() ? RegionStatus::complete() : RegionStatus::partial(what + " missing", why);
}

}  // namespace

void ScheduleFigures::add(const ScheduleFigures& o) {
  paid_minutes += o.paid_minutes;
  time_off.add(o.time_off);
  breaks_meals.add(o.breaks_meals);
  training_meetings.add(o.training_meetings);
}

std::optional<double> OccupancyFigures::percent() const {
  if (on_queue_ms == 0) return std::nullopt;
  return 100.0 * static_cast<double>(handle_ms) / static_cast<double>(on_queue_ms);
}

std::optional<double> AdherenceFigures::percent() const {
  if (scheduled_s <= 0) return std::nullopt;
  return 100.0 * in_adherence_s / scheduled_s;
}

void AdherenceFigures::add(const AdherenceFigures& o) {
  scheduled_s += o.scheduled_s;
  in_adherence_s += o.in_adherence_s;
  absence_s += o.absence_s;
}

RegionStatus::Kind PartCoverage::kind() const {
  if (read >= wanted) return RegionStatus::Kind::complete;
  return read == 0 ? RegionStatus::Kind::missing : RegionStatus::Kind::partial;
}

void PartCoverage::fail(std::string reason) {
  if (why.empty()) why = std::move(reason);
}

bool WorkforceOverview::complete() const {
  return std::all_of(orgs.begin(), orgs.end(), [](const OrgOverview& o) { return o.status.is_complete(); });
}
bool WorkforceOverview::any_missing() const {
  return std::any_of(orgs.begin(), orgs.end(), [](const OrgOverview& o) { return o.status.is_missing(); });
}

OrgOverview read_org_overview(client::OrgClient& c, const OverviewOptions& options) {
  OrgOverview o;
  o.org = c.org().name;
  o.region = c.org().region;
  const auto bus_path = fmt::format("{}/businessunits", kWfm);
  auto bus = client::get_wfm_listing(c, bus_path);
  if (!bus) {
    o.schedule = {0, 1, fmt::format("GET {}: {}", bus_path, bus.error().message())};
    o.status = status_of(o);
    return o;
  }
  // MU → BU, for the adherence reads (per management unit).
  const auto mus_path = fmt::format("{}/managementunits", kWfm);
  auto mus = client::get_wfm_listing(c, mus_path);
  std::map<std::string, std::vector<std::string>> mus_of;
  if (mus)
    for (const auto& mu : (*mus)["entities"])
      if (mu.is_object() && mu.contains("businessUnit") && mu["businessUnit"].is_object())
        mus_of[text_of(mu["businessUnit"], "id")].push_back(text_of(mu, "id"));

  std::vector<std::string> agent_ids;
  std::vector<overview::AdherenceJob> jobs;
  std::map<std::string, overview::Read<json>> analytics;  // user aggregates by interval
  for (const auto& unit : parse_business_units(*bus)) {
    BusinessUnitOverview bu;
    bu.id = unit.id;
    bu.name = unit.name;
    ++o.schedule.wanted;
    if (auto why = read_week(c, options, bu); !why.empty()) {
      o.schedule.fail(why);
      continue;
    }
    const bool elapsed = bu.actuals_end > bu.actuals_start;
    auto schedule = overview::read_schedule(c, bu);
    if (!schedule.value) {
      o.schedule.fail(schedule.why);
      o.business_units.push_back(std::move(bu));
      continue;
    }
    ++o.schedule.read;
    add_to(o.figures.schedule, std::optional(schedule.value->figures));
    agent_ids.insert(agent_ids.end(), schedule.value->agent_ids.begin(), schedule.value->agent_ids.end());
    if (elapsed) {
      ++o.occupancy.wanted;
      const std::set<std::string> agents(schedule.value->agent_ids.begin(), schedule.value->agent_ids.end());
      auto occupancy = overview::read_occupancy(c, bu, agents, analytics);
      if (occupancy.value) {
        ++o.occupancy.read;
        add_to(o.figures.occupancy, occupancy.value);
      } else {
        o.occupancy.fail(occupancy.why);
      }
      if (!mus) {
        ++o.adherence.wanted;
        o.adherence.fail(fmt::format("GET {}: {}", mus_path, mus.error().message()));
      }
      for (const auto& mu_id : mus ? mus_of[bu.id] : std::vector<std::string>{}) {
        ++o.adherence.wanted;
        auto started = overview::start_adherence(c, mu_id, bu);
        jobs.insert(jobs.end(), std::make_move_iterator(started.begin()), std::make_move_iterator(started.end()));
      }
    }
    o.business_units.push_back(std::move(bu));
  }
  for (const auto& [mu_id, adherence] : overview::finish_adherence(c, jobs, options)) {
    if (adherence.value) {
      ++o.adherence.read;
      add_to(o.figures.adherence, adherence.value);
    } else {
      o.adherence.fail(adherence.why);
    }
  }
  if (o.schedule.wanted == 0) o.schedule = {0, 1, fmt::format("GET {}: no business unit", bus_path)};
  // Headcount: each listed agent once (an agent of two BUs of one org is one person there too).
  std::sort(agent_ids.begin(), agent_ids.end());
  agent_ids.erase(std::unique(agent_ids.begin(), agent_ids.end()), agent_ids.end());
  std::map<std::string, std::string> emails;
  if (!agent_ids.empty()) {
    o.emails.wanted = 1;
    if (auto why = read_emails(c, agent_ids, emails); why.empty()) {
      o.emails.read = 1;
    } else {
      o.emails.fail(why);
    }
  }
  for (const auto& id : agent_ids) o.people.push_back(person_key(emails, o.org, id));
  std::sort(o.people.begin(), o.people.end());
  o.people.erase(std::unique(o.people.begin(), o.people.end()), o.people.end());
  o.figures.headcount = static_cast<int>(o.people.size());
  o.status = status_of(o);
  if (o.status.is_missing()) o.figures = {};
  return o;
}

WorkforceOverview merge_overview(std::vector<OrgOverview> orgs, Instant taken_at) {
  WorkforceOverview out;
  out.taken_at = taken_at;
  std::map<std::string, std::vector<std::string>> regions_of;
  int listed = 0;
  for (const auto& o : orgs) {
    if (o.status.is_missing()) continue;
    add_to(out.global.schedule, o.figures.schedule);
    add_to(out.global.occupancy, o.figures.occupancy);
    add_to(out.global.adherence, o.figures.adherence);
    listed += o.figures.headcount;
    for (const auto& p : o.people) regions_of[p].push_back(o.region);
  }
  out.global.headcount = static_cast<int>(regions_of.size());
  out.duplicates = listed - out.global.headcount;
  for (const auto& [person, regions] : regions_of)
    if (regions.size() > 1) out.bi_regional.push_back({person, regions});
  out.orgs = std::move(orgs);
  return out;
}

WorkforceOverview read_workforce_overview(client::OrgClients& orgs, const OverviewOptions& options) {
  std::vector<OrgOverview> read;
  for (std::size_t i = 0; i < orgs.size(); ++i) {
    read.push_back(read_org_overview(orgs.at(i), options));
    if (options.progress) options.progress(i + 1, orgs.size(), orgs.at(i).org().name);
  }
  const Instant now = orgs.size() ? orgs.at(0).clock().now() : Instant{};
  return merge_overview(std::move(read), now);
}

}  // namespace mockgc::workflows
