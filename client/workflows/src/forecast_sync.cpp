#include "mockgc/workflows/forecast_sync.hpp"

#include <date/date.h>
#include <date/tz.h>
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <map>

#include "mockgc/api/error_body.hpp"
#include "mockgc/api/random.hpp"
#include "mockgc/api/url.hpp"
#include "mockgc/client/json_calls.hpp"
#include "mockgc/workflows/region_status.hpp"
#include "mockgc/api/time.hpp"
#include "mockgc/workflows/timeoff_week.hpp"  // week_containing, local_date
#include "mockgc/workflows/volume_aggregation.hpp"
#include "mockgc/workflows/wfm_models.hpp"
#include "mockgc/workflows/wfm_upload.hpp"
#include "genesys_paths.hpp"

namespace mockgc::workflows {
namespace {

using client::Instant;
using client::Millis;
using nlohmann::json;

using paths::kBusinessUnits;
constexpr Millis kStep = std::chrono::minutes(15);

std::string iso(Instant t) { return api::format_instant_seconds(t); }
std::string day_text(std::chrono::sys_days d) { return api::format_local_date(d); }
double rounded(double v) { return std::round(v * 1000.0) / 1000.0; }

std::string_view outcome_name(ForecastOutcome o) {
  switch (o) {
    case ForecastOutcome::imported: return "imported";
    case ForecastOutcome::fallback_written: return "fallback_written";
    case ForecastOutcome::rejected: return "rejected";
    case ForecastOutcome::missing: return "missing";
  }
  return "missing";
}

int severity(ForecastOutcome o) {
  switch (o) {
    case ForecastOutcome::imported: return 0;
    case ForecastOutcome::fallback_written: return 1;
    case ForecastOutcome::rejected: return 2;
    case ForecastOutcome::missing: return 3;
  }
  return 3;
}

std::string week_path(const BusinessUnitForecast& u) {
  return fmt::format("{}/{}/weeks/{}/shorttermforecasts", kBusinessUnits, api::percent_encode(u.business_unit_id),
                     u.week);
}

// The id of the newest listed Import forecast with our description, if any. Empty = not (yet) listed.
client::Result<std::string> find_imported(client::OrgClient& c, const BusinessUnitForecast& u) {
  auto listing = client::get_wfm_listing(c, week_path(u));
  if (!listing) return listing.error();
  std::string id;
  for (const auto& e : listing->value("entities", json::array()))
    if (e.value("creationMethod", std::string()) == "Import" && e.value("description", std::string()) == u.body.description)
      id = e.value("id", std::string());
  return id;
}

enum class Attempt { done, not_now, failed, rejected };

std::string import_topic(const std::string& business_unit_id) {
  return fmt::format("v2.workforcemanagement.businessunits.{}.shorttermforecasts.import", business_unit_id);
}

// Steps up to POST …/import (uploadurl, PUT, import): the import's answer ({operationId, status}), or nullopt
// with `u.why` and `a` set.
std::optional<json> send_import(client::OrgClient& c, BusinessUnitForecast& u, Attempt& a) {
  const auto sent = submit_wfm_upload(c, week_path(u) + "/import", forecast_import_bytes(u.body));
  u.operation_id = sent.operation_id;
  u.job_status = sent.status;
  if (!sent.accepted) {
    u.why = sent.why;
    a = sent.transient ? Attempt::not_now : Attempt::failed;
    return std::nullopt;
  }
  return json{{"operationId", sent.operation_id}, {"status", sent.status}};
}

// The import's completion event ({status: Complete, result} or {status: Error, error}) decides the attempt.
Attempt completed(BusinessUnitForecast& u, const json& event) {
  const auto status = event.value("status", json());
  if (status == "Complete") {
    const auto result = event.value("result", json::object());
    if (result.is_object() && result.value("id", json()).is_string()) {
      u.forecast_id = result["id"].get<std::string>();
      u.job_status = "Complete";
      return Attempt::done;
    }
  }
  if (status == "Error") {
    u.job_status = "Error";
    std::string reason = "no reason given";
    if (auto e = event.find("error"); e != event.end() && e->is_object() && e->contains("message") &&
                                      (*e)["message"].is_string())
      reason = (*e)["message"].get<std::string>();
    u.why = fmt::format("the import job {} ended Error: {}", u.operation_id, reason);
    return Attempt::rejected;  // the content was refused: importing it again would be refused again
  }
  u.why = fmt::format("the import job {} completed with an unreadable event: {}", u.operation_id, event.dump());
  return Attempt::failed;
}

// One pass through the import flow (genesys-api.md §6f) with `channel` subscribed to the BU's import topic
// before the import is asked for. Sets forecast_id/operation_id/job_status on success, `why` otherwise.
Attempt try_import(client::OrgClient& c, client::CompletionChannel& channel, BusinessUnitForecast& u,
                   const ForecastSyncOptions& o) {
  ++u.attempts;
  if (u.attempts > 1) {
    // An earlier attempt may have landed although its answer was lost: never import the same content twice.
    if (auto id = find_imported(c, u); id && !id->empty()) {
      u.forecast_id = *id;
      u.job_status = "Complete";
      return Attempt::done;
    }
  }
  Attempt a = Attempt::failed;
  const auto done = channel.run([&](std::string& why) {
    auto answer = send_import(c, u, a);
    if (!answer) why = u.why;
    return answer;
  });
  if (!done.answer) return a;
  if (done.event) return completed(u, *done.event);
  // No completion event (notifications unavailable, or the event lost): watch the week's forecast list.
  // Only the event can tell an import that ended Error; a polling client sees it as never listed.
  auto& clock = c.clock();
  const Instant until = clock.now() + o.poll_for;
  for (client::Millis wait = std::min(o.poll_first, o.poll_interval);; wait = std::min(2 * wait, o.poll_interval)) {
    auto id = find_imported(c, u);
    if (id && !id->empty()) {
      u.forecast_id = *id;
      u.job_status = "Complete";
      return Attempt::done;
    }
    if (clock.now() + wait > until) break;
    clock.sleep_for(wait);
  }
  u.why = fmt::format("import job {} ({}) accepted, but {}, and the forecast was not listed within {} s",
                      u.operation_id, u.job_status, done.why.empty() ? "no completion came" : done.why,
                      std::chrono::duration_cast<std::chrono::seconds>(o.poll_for).count());
  return Attempt::failed;  // not retried blindly: a second upload would duplicate a late import
}

std::string runbook_line(const client::OrgClient& c, const std::string& region, const BusinessUnitForecast& u,
                         const ForecastSyncOptions& o) {
  const auto& api = c.org().api;
  const std::string base = fmt::format("{}://{}{}{}", api.scheme, api.host_header(), api.base_path, week_path(u));
  std::string line = fmt::format(
      "[{} / {} / week {}] import {} by hand: POST {}/import/uploadurl {{\"contentLengthBytes\": {}}}; "
      "PUT the file unchanged (it is already gzip-encoded JSON) to the returned url with the returned headers "
      "(Content-Type: application/json, Content-Encoding: gzip); POST {}/import {{\"uploadKey\": \"<uploadKey>\"}}; "
      "then GET {} must list creationMethod Import, description \"{}\"",
      region, u.business_unit, u.week, u.fallback_file ? u.fallback_file->string() : std::string("<file>"), base,
      forecast_import_bytes(u.body).size(), base, base, u.body.description);
  if (!o.rerun_command.empty())
    line += fmt::format(". Or re-run: {} --business-unit \"{}\" --week {}", o.rerun_command, u.business_unit, u.week);
  return line;
}

void fall_back(client::OrgClient& c, const std::string& region, BusinessUnitForecast& u, const ForecastSyncOptions& o) {
  u.outcome = ForecastOutcome::fallback_written;
  if (!u.fallback_file) {
    std::string error;
    u.fallback_file = write_file(o.output_dir, forecast_file_name(region, u.business_unit_id, u.week),
                                 forecast_import_bytes(u.body), error);
    if (!u.fallback_file) {
      u.outcome = ForecastOutcome::missing;
      u.why += "; and the fallback file could not be written: " + error;
      return;
    }
  }
  u.runbook = runbook_line(c, region, u, o);
  if (o.on_fallback) o.on_fallback(region, u);
}

struct Settings {
  std::string time_zone, start_day;
};

std::string read_settings(client::OrgClient& c, const BusinessUnit& bu, Settings& out) {
  const auto path = fmt::format("{}/{}", kBusinessUnits, api::percent_encode(bu.id));
  auto r = c.call("GET", path, {{"expand", "settings"}});
  if (!r || !r->ok()) return call_failure("GET", path, r);
  auto body = client::parse_json_body(*r);
  if (!body || !body->is_object() || !body->contains("settings") || !(*body)["settings"].is_object())
    return fmt::format("GET {}: no settings", path);
  const auto& s = (*body)["settings"];
  out.time_zone = s.value("timeZone", std::string());
  out.start_day = s.value("startDayOfWeek", std::string());
  if (out.time_zone.empty() || out.start_day.empty()) return fmt::format("GET {}: no timeZone/startDayOfWeek", path);
  return {};
}

// planning group id → its queue ids, in listing order.
std::string read_planning_groups(client::OrgClient& c, const BusinessUnit& bu,
                                 std::vector<std::pair<std::string, std::vector<std::string>>>& out) {
  const auto path = fmt::format("{}/{}/planninggroups", kBusinessUnits, api::percent_encode(bu.id));
  auto listing = client::get_wfm_listing(c, path);
  if (!listing) return fmt::format("GET {}: {}", path, listing.error().message());
  for (const auto& pg : listing->value("entities", json::array())) {
    if (!pg.is_object() || !pg.contains("id") || !pg["id"].is_string()) continue;
    std::vector<std::string> queues;
    for (const auto& rp : pg.value("routePaths", json::array()))
      if (rp.is_object() && rp.contains("queue") && rp["queue"].is_object() && rp["queue"].contains("id") &&
          rp["queue"]["id"].is_string())
        queues.push_back(rp["queue"]["id"]);
    out.emplace_back(pg["id"].get<std::string>(), std::move(queues));
  }
  if (out.empty()) return fmt::format("GET {}: the business unit has no planning groups", path);
  return {};
}

// Steps 1–3: week, planning groups and the history-derived body. Empty = ready to import.
std::string prepare(client::OrgClient& c, const BusinessUnit& bu, const OrgVolume& vol, const VolumeReport& rep,
                    const ForecastSyncOptions& o, BusinessUnitForecast& u) {
  Settings s;
  if (auto why = read_settings(c, bu, s); !why.empty()) return why;
  u.time_zone = s.time_zone;
  u.start_day_of_week = s.start_day;
  ManagementUnitWeek w;
  try {
    const auto day = o.week ? *o.week : local_date(c.clock().now(), s.time_zone) + date::days(7);
    w = week_containing(day, s.time_zone, s.start_day);
  } catch (const std::exception& e) {
    return fmt::format("business unit settings: {}", e.what());
  }
  u.week = day_text(w.first_day);
  u.reference_start = w.window_start;
  // An unread chunk would be averaged as zeros: a too-low forecast must not be imported as if it were right.
  // The seasonal mean reads at most history_weeks + 2 weeks before the target week (DST and skipped weeks).
  const Instant averaged_from = u.reference_start - date::weeks(o.history_weeks + 3);
  for (const auto& m : vol.missing)
    if (m.chunk.start < u.reference_start && m.chunk.end > averaged_from)
      return fmt::format("history not readable: {} failed ({}); a forecast averaged over unread weeks would be "
                         "too low, so none is imported",
                         interval_text(m.chunk), m.why);
  std::vector<std::pair<std::string, std::vector<std::string>>> groups;
  if (auto why = read_planning_groups(c, bu, groups); !why.empty()) return why;
  std::map<std::string, const QueueSeries*> by_queue;
  for (const auto& q : vol.queues) by_queue.emplace(q.id, &q);
  for (const auto& [pg_id, queue_ids] : groups) {
    PlanningGroupForecast pg;
    pg.planning_group_id = pg_id;
    std::vector<double> offered(kForecastIntervalsPerWeek, 0.0), handled(kForecastIntervalsPerWeek, 0.0),
        handle_ms(kForecastIntervalsPerWeek, 0.0);
    double window_handled = 0, window_ms = 0;
    for (const auto& qid : queue_ids) {
      const auto it = by_queue.find(qid);
      if (it == by_queue.end()) continue;  // a queue without history: contributes nothing
      const auto& q = *it->second;
      const auto f = seasonal_naive_forecast(u.reference_start, u.time_zone, o.history_weeks, rep.start, q.offered,
                                             q.handled, q.handle_ms);
      for (int i = 0; i < kForecastIntervalsPerWeek; ++i) {
        offered[i] += f.offered[i];
        handled[i] += f.handled[i];
        handle_ms[i] += f.handle_ms[i];
      }
      window_handled += static_cast<double>(q.total_handled());
      window_ms += static_cast<double>(q.total_handle_ms());
    }
    const double fallback_aht = window_handled > 0 ? window_ms / 1000.0 / window_handled : 0.0;
    for (int i = 0; i < kForecastIntervalsPerWeek; ++i) {
      pg.offered.push_back(rounded(offered[i]));
      pg.aht_seconds.push_back(rounded(handled[i] > 0 ? handle_ms[i] / 1000.0 / handled[i] : fallback_aht));
      u.offered_total += pg.offered.back();
    }
    u.body.planning_groups.push_back(std::move(pg));
  }
  // A forecast of zeros would overwrite planning with "no work"; never import one by accident. The usual
  // cause is a target week whose history window the server has not reached (e.g. a virtual-clock world).
  if (u.offered_total <= 0.0)
    return fmt::format("no history to forecast from: the {} weeks before {} hold no offered interactions for "
                       "this business unit's planning groups (an all-zero forecast is not imported; pick the "
                       "week with --week)",
                       o.history_weeks, u.week);
  const auto digest = api::fnv1a(to_json(u.body)["planningGroups"].dump());
  u.body.description = fmt::format("gc-hub forecast {}: mean of the last {} weeks [{:016x}]", u.week,
                                   o.history_weeks, digest);
  return {};
}

void finish_org(OrgForecast& of) {
  if (!of.why.empty()) {
    of.outcome = ForecastOutcome::missing;
    return;
  }
  if (of.units.empty()) {
    of.outcome = ForecastOutcome::missing;
    of.why = "no business unit";
    return;
  }
  of.outcome = ForecastOutcome::imported;
  for (const auto& u : of.units)
    if (severity(u.outcome) > severity(of.outcome)) of.outcome = u.outcome;
}

void write_runbook(ForecastSyncReport& rep, const ForecastSyncOptions& o) {
  std::string text =
      "# gc-hub forecast: short-term forecast import files written while the import API was unavailable.\n"
      "# Each file is the exact gzip-encoded JSON body (BuImportShortTermForecastSchema) the upload URL takes.\n";
  bool any = false;
  for (const auto& of : rep.orgs)
    for (const auto& u : of.units) {
      if (!u.fallback_file) continue;
      any = true;
      if (u.outcome == ForecastOutcome::imported)
        text += fmt::format("[{} / {} / week {}] ALREADY IMPORTED on retry as forecast {}: do NOT import {} by hand.\n",
                            of.region, u.business_unit, u.week, u.forecast_id, u.fallback_file->string());
      else
        text += u.runbook + "\n";
    }
  if (!any) return;
  std::string error;
  rep.runbook_file = write_file(o.output_dir, "RUNBOOK.txt", text, error);
}

}  // namespace

std::string_view to_string(ForecastOutcome o) { return outcome_name(o); }

bool ForecastSyncReport::any_missing() const {
  return std::any_of(orgs.begin(), orgs.end(), [](const OrgForecast& o) {
    return o.outcome == ForecastOutcome::missing || o.outcome == ForecastOutcome::rejected;
  });
}

bool ForecastSyncReport::any_fallback_pending() const {
  for (const auto& o : orgs)
    for (const auto& u : o.units)
      if (u.outcome == ForecastOutcome::fallback_written) return true;
  return false;
}

QueueForecast seasonal_naive_forecast(Instant reference_start, const std::string& time_zone, int history_weeks,
                                      Instant history_start, const std::vector<std::uint64_t>& offered,
                                      const std::vector<std::uint64_t>& handled,
                                      const std::vector<std::uint64_t>& handle_ms) {
  const auto* zone = date::locate_zone(time_zone);
  const Instant history_end = history_start + kStep * static_cast<long long>(offered.size());
  QueueForecast f;
  for (int i = 0; i < kForecastIntervalsPerWeek; ++i) {
    const auto local = zone->to_local(reference_start + kStep * i);
    double off = 0, han = 0, ms = 0;
    int used = 0;
    // Start near the first week that can be complete history (a target far in the future skips ahead).
    const auto t = reference_start + kStep * i;
    const int k_first = t > history_end ? std::max(1, static_cast<int>((t - history_end) / date::weeks(1))) : 1;
    for (int k = k_first; used < history_weeks && k <= k_first + history_weeks + 2; ++k) {
      // The same local wall time k weeks earlier (an hour skipped by DST maps to the transition instant).
      const Instant source = zone->to_sys(local - date::days(7 * k), date::choose::earliest);
      if (source + kStep > history_end) continue;  // not complete history yet
      if (source < history_start) break;
      const auto idx = static_cast<std::size_t>((source - history_start) / kStep);
      off += static_cast<double>(offered[idx]);
      han += idx < handled.size() ? static_cast<double>(handled[idx]) : 0.0;
      ms += idx < handle_ms.size() ? static_cast<double>(handle_ms[idx]) : 0.0;
      ++used;
    }
    f.offered.push_back(used ? off / used : 0.0);
    f.handled.push_back(han);
    f.handle_ms.push_back(ms);
    f.aht_seconds.push_back(han > 0 ? ms / 1000.0 / han : 0.0);
  }
  return f;
}

ForecastSyncReport sync_forecasts(client::OrgClients& orgs, const ForecastSyncOptions& o) {
  ForecastSyncReport rep;
  rep.history_weeks = o.history_weeks;
  if (orgs.size() == 0) return rep;
  auto& clock = orgs.at(0).clock();
  rep.started = clock.now();
  VolumeOptions vo;
  // History up to now — or, for an explicit past week, up to just after it (a BU week containing the date
  // ends within 7 local days of it; + 1 day for any zone offset), so the weeks before it are averaged.
  vo.end = o.week ? std::min(rep.started, Instant(*o.week + date::days(8))) : rep.started;
  vo.weeks = o.history_weeks + 1;  // + the current, incomplete week
  vo.interval_minutes = 15;
  vo.business_unit = o.business_unit;
  const std::size_t steps = 2 * orgs.size();  // history read, then the import, per org
  if (o.progress) vo.progress = [&](std::size_t done, std::size_t, std::string_view what) {
    o.progress(done, steps, fmt::format("history {}", what));
  };
  const VolumeReport history = aggregate_volume(orgs, vo);
  std::vector<std::unique_ptr<client::CompletionChannel>> channels(orgs.size());  // one per org, for every attempt
  // When the first import fell back, on the clock as it reads after the requests: a clock aligned to the
  // server's Date by the first response (a mock-gc world months from the machine's time) has moved since
  // rep.started, so the retry deadline is measured from here.
  std::optional<Instant> first_fallback;

  for (std::size_t i = 0; i < orgs.size(); ++i) {
    auto& c = orgs.at(i);
    OrgForecast of;
    of.org = c.org().name;
    of.region = c.org().region;
    const auto& vol = history.orgs.at(i);
    if (vol.status.is_missing()) {
      of.why = "history: " + vol.status.why;
    } else {
      if (!vol.status.is_complete()) of.history_note = "history " + describe(vol.status);
      auto listing = client::get_wfm_listing(c, kBusinessUnits);
      if (!listing) {
        of.why = fmt::format("GET {}: {}", kBusinessUnits, listing.error().message());
      } else {
        const auto units = parse_business_units(*listing);
        std::vector<std::string> topics;
        for (const auto& bu : units)
          if (!o.business_unit || bu.name == *o.business_unit)
            topics.push_back(import_topic(bu.id));
        channels[i] = std::make_unique<client::CompletionChannel>(c, o.sockets, std::move(topics), o.completion);
        for (const auto& bu : units) {
          if (o.business_unit && bu.name != *o.business_unit) continue;
          BusinessUnitForecast u;
          u.business_unit = bu.name;
          u.business_unit_id = bu.id;
          if (auto why = prepare(c, bu, vol, history, o, u); !why.empty()) {
            u.why = why;
          } else {
            const auto a = try_import(c, *channels[i], u, o);
            if (a == Attempt::done) {
              u.outcome = ForecastOutcome::imported;
              u.why.clear();
            } else if (a == Attempt::not_now) {
              if (!first_fallback) first_fallback = clock.now();
              fall_back(c, of.region, u, o);
            } else if (a == Attempt::rejected) {
              u.outcome = ForecastOutcome::rejected;
            }
          }
          of.units.push_back(std::move(u));
        }
        if (of.units.empty() && o.business_unit) of.why = fmt::format("no business unit named \"{}\"", *o.business_unit);
      }
    }
    rep.orgs.push_back(std::move(of));
    if (o.progress) o.progress(orgs.size() + i + 1, steps, fmt::format("import {}", c.org().name));
  }

  write_runbook(rep, o);  // now, so the files and their runbook exist even if the wait below is cut short
  // Retry the fallbacks later, on the client clock (a virtual clock costs no wall time).
  const Instant deadline = first_fallback.value_or(clock.now()) + o.retry_for;
  Millis delay = o.retry_initial;
  for (int round = 1; rep.any_fallback_pending(); ++round) {
    const Instant next = clock.now() + delay;
    for (auto& of : rep.orgs)
      for (auto& u : of.units)
        if (u.outcome == ForecastOutcome::fallback_written) u.next_retry = next <= deadline ? std::optional(next) : std::nullopt;
    if (next > deadline) break;
    if (o.progress) o.progress(steps, steps, fmt::format("retry {} at {}", round, iso(next)));
    clock.sleep_until(next);
    for (std::size_t i = 0; i < rep.orgs.size(); ++i)
      for (auto& u : rep.orgs[i].units) {
        if (u.outcome != ForecastOutcome::fallback_written || !channels[i]) continue;
        const auto a = try_import(orgs.at(i), *channels[i], u, o);
        if (a == Attempt::done) {
          u.outcome = ForecastOutcome::imported;
          u.why.clear();
          u.next_retry.reset();
        } else if (a == Attempt::failed || a == Attempt::rejected) {
          u.outcome = a == Attempt::rejected ? ForecastOutcome::rejected : ForecastOutcome::missing;
          u.next_retry.reset();
        } else {
          u.runbook = runbook_line(orgs.at(i), rep.orgs[i].region, u, o);
        }
      }
    delay = std::min<Millis>(delay * 2, o.retry_max);
    write_runbook(rep, o);
  }
  for (auto& of : rep.orgs) finish_org(of);
  write_runbook(rep, o);
  rep.finished = clock.now();
  return rep;
}

json to_json(const ForecastSyncReport& r) {
  json orgs = json::array();
  for (const auto& of : r.orgs) {
    json units = json::array();
    for (const auto& u : of.units) {
      json j = {{"businessUnit", u.business_unit},
                {"businessUnitId", u.business_unit_id},
                {"timeZone", u.time_zone},
                {"startDayOfWeek", u.start_day_of_week},
                {"weekDate", u.week},
                {"outcome", outcome_name(u.outcome)},
                {"attempts", u.attempts},
                {"planningGroups", u.body.planning_groups.size()},
                {"offeredTotal", rounded(u.offered_total)}};
      if (!u.week.empty()) j["referenceStartDate"] = iso(u.reference_start);
      if (!u.body.description.empty()) j["description"] = u.body.description;
      if (!u.why.empty()) j["why"] = u.why;
      if (!u.forecast_id.empty()) j["forecastId"] = u.forecast_id;
      if (!u.operation_id.empty()) j["operationId"] = u.operation_id;
      if (!u.job_status.empty()) j["jobStatus"] = u.job_status;
      if (u.fallback_file) j["fallbackFile"] = u.fallback_file->string();
      if (!u.runbook.empty() && u.outcome == ForecastOutcome::fallback_written) j["runbook"] = u.runbook;
      if (u.outcome == ForecastOutcome::fallback_written)
        j["nextRetry"] = u.next_retry ? json(iso(*u.next_retry)) : json(nullptr);
      units.push_back(std::move(j));
    }
    json o = {{"org", of.org}, {"region", of.region}, {"outcome", outcome_name(of.outcome)}, {"businessUnits", units}};
    if (!of.why.empty()) o["why"] = of.why;
    if (!of.history_note.empty()) o["historyNote"] = of.history_note;
    orgs.push_back(std::move(o));
  }
  json j = {{"started", iso(r.started)}, {"finished", iso(r.finished)}, {"historyWeeks", r.history_weeks},
            {"orgs", std::move(orgs)}};
  j["runbookFile"] = r.runbook_file ? json(r.runbook_file->string()) : json(nullptr);
  return j;
}

}  // namespace mockgc::workflows
