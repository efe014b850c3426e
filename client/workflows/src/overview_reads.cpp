#include "overview_reads.hpp"

#include <algorithm>
#include <cmath>
#include <map>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "mockgc/api/time.hpp"
#include "mockgc/api/url.hpp"
#include "mockgc/client/json_calls.hpp"
#include "mockgc/workflows/region_status.hpp"
#include "mockgc/workflows/wfm_models.hpp"
#include "genesys_paths.hpp"

namespace mockgc::workflows::overview {
namespace {

using client::Instant;
using client::Millis;
using nlohmann::json;

using paths::kWfm;
using paths::kUserAggregates;
constexpr auto kExceptionChunk = std::chrono::days(7);  // historical adherence with exceptions: ≤ 7 days

std::string text_of(const json& j, const char* key) {
  auto it = j.find(key);
  return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}
long long integer_of(const json& j, const char* key) {
  auto it = j.find(key);
  return it != j.end() && it->is_number() ? static_cast<long long>(std::llround(it->get<double>())) : 0;
}
// j[key] when j is an object holding an array there, else an empty array (a malformed answer counts nothing).
const json& array_of(const json& j, const char* key) {
  static const json empty = json::array();
  if (!j.is_object()) return empty;
  auto it = j.find(key);
  return it != j.end() && it->is_array() ? *it : empty;
}
// `paid` of an activity or marker; true when absent (Genesys defaults it from the activity code).
bool paid_of(const json& j) {
  auto it = j.find("paid");
  return it == j.end() || !it->is_boolean() || it->get<bool>();
}
double number_of(const json& j, const char* key) {
  auto it = j.find(key);
  return it != j.end() && it->is_number() ? it->get<double>() : 0.0;
}

// A POST whose answer is read as JSON: the body, or the reason it could not be had. Queries write nothing,
// so they are safe to replay after a lost answer.
Read<json> post_query(client::OrgClient& c, const std::string& path, const json& body) {
  auto raw = c.call("POST", path, {}, body.dump(), client::CallOptions{.idempotent = true});
  if (!raw || !raw->ok()) return {std::nullopt, call_failure("POST", path, raw)};
  auto j = client::json_from(raw);
  if (!j || !j->is_object()) return {std::nullopt, fmt::format("POST {}: not a JSON object", path)};
  return {std::move(*j), {}};
}

// The shrinkage cause of an activity code category; nullptr for work (on queue, off queue) and unknown ones.
CauseMinutes* cause_of(ScheduleFigures& f, std::string_view category) {
  if (category == "TimeOff") return &f.time_off;
  if (category == "Break" || category == "Meal") return &f.breaks_meals;
  if (category == "Training" || category == "Meeting") return &f.training_meetings;
  return nullptr;
}

void count(ScheduleFigures& f, std::string_view category, long long minutes, bool paid) {
  if (paid) f.paid_minutes += minutes;
  if (auto* cause = cause_of(f, category)) (paid ? cause->paid : cause->unpaid) += minutes;
}

}  // namespace

Read<BusinessUnitSchedule> read_schedule(client::OrgClient& c, const BusinessUnitOverview& bu) {
  const auto bu_path = fmt::format("{}/businessunits/{}", kWfm, api::percent_encode(bu.id));
  const auto codes_path = bu_path + "/activitycodes";
  auto listing = client::get_wfm_listing(c, codes_path);
  if (!listing) return {std::nullopt, fmt::format("GET {}: {}", codes_path, listing.error().message())};
  std::map<std::string, std::string> category;  // code id → category
  for (const auto& code : parse_activity_codes(*listing)) category[code.id] = code.category;

  const auto search_path = bu_path + "/agentschedules/search";
  auto answer = post_query(
      c, search_path,
      {{"startDate", api::format_instant(bu.week.window_start)}, {"endDate", api::format_instant(bu.week.window_end)}});
  if (!answer.value) return {std::nullopt, answer.why};
  json result;
  if (auto r = answer.value->find("result"); r != answer.value->end() && r->is_object()) {
    result = std::move(*r);
  } else if (answer.value->contains("downloadUrl")) {
    auto downloaded = client::resolve_download(c, std::move(*answer.value));
    if (!downloaded)
      return {std::nullopt, fmt::format("POST {} (download): {}", search_path, downloaded.error().message())};
    result = std::move(*downloaded);
  } else {
    // Processing: the result would come by notification, which this read does not wait for.
    return {std::nullopt, fmt::format("POST {} answered {} (no inline result or downloadUrl)", search_path,
                                      text_of(*answer.value, "status"))};
  }
  auto agents = result.find("agentSchedules");
  if (agents == result.end() || !agents->is_array())
    return {std::nullopt, fmt::format("POST {}: no agentSchedules", search_path)};

  BusinessUnitSchedule out;
  auto category_of = [&](const json& j) {
    auto it = category.find(text_of(j, "activityCodeId"));
    return it == category.end() ? std::string() : it->second;
  };
  const auto first_day = api::format_local_date(bu.week.first_day);
  const auto last_day = api::format_local_date(bu.week.first_day + std::chrono::days(6));
  for (const auto& a : *agents) {
    if (!a.is_object() || !a.contains("user") || !a["user"].is_object()) continue;
    const auto user_id = text_of(a["user"], "id");
    if (user_id.empty()) continue;
    out.agent_ids.push_back(user_id);
    for (const auto& shift : array_of(a, "shifts")) {
      const auto start = api::parse_instant(text_of(shift, "startDate"));
      if (!start || *start < bu.week.window_start || *start >= bu.week.window_end)
        continue;  // a shift counts where it starts
      for (const auto& act : array_of(shift, "activities"))
        count(out.figures, category_of(act), integer_of(act, "lengthMinutes"), paid_of(act));
    }
    for (const auto& m : array_of(a, "fullDayTimeOffMarkers")) {
      const auto day = text_of(m, "businessUnitDate").substr(0, 10);
      if (day < first_day || day > last_day) continue;
      count(out.figures, "TimeOff", integer_of(m, "lengthMinutes"), paid_of(m));
    }
  }
  return {std::move(out), {}};
}

Read<OccupancyFigures> read_occupancy(client::OrgClient& c, const BusinessUnitOverview& bu,
                                      const std::set<std::string>& agents, std::map<std::string, Read<json>>& asked) {
  const auto interval =
      fmt::format("{}/{}", api::format_instant(bu.actuals_start), api::format_instant(bu.actuals_end));
  auto it = asked.find(interval);
  if (it == asked.end()) {
    const json body{{"interval", interval}, {"groupBy", {"userId"}}, {"metrics", {"tAgentRoutingStatus", "tHandle"}}};
    it = asked.emplace(interval, post_query(c, std::string(kUserAggregates), body)).first;
  }
  const auto& answer = it->second;
  if (!answer.value) return {std::nullopt, answer.why};
  OccupancyFigures out;
  for (const auto& group : array_of(*answer.value, "results")) {
    if (!group.is_object() || !group.contains("group") || !agents.count(text_of(group["group"], "userId"))) continue;
    for (const auto& bucket : array_of(group, "data"))
      for (const auto& m : array_of(bucket, "metrics")) {
        if (!m.is_object() || !m.contains("stats") || !m["stats"].is_object()) continue;
        const auto metric = text_of(m, "metric");
        const auto sum = static_cast<std::uint64_t>(std::max(0LL, integer_of(m["stats"], "sum")));
        if (metric == "tHandle") out.handle_ms += sum;
        if (metric == "tAgentRoutingStatus" && text_of(m, "qualifier") != "OFF_QUEUE") out.on_queue_ms += sum;
      }
  }
  return {out, {}};
}

namespace {

// Adds one historical adherence result file (WfmHistoricalAdherenceResultWrapper) to `out`.
void add_adherence_file(const json& file, AdherenceFigures& out) {
  for (const auto& user : array_of(file, "data")) {
    if (!user.is_object()) continue;
    for (const auto& day : array_of(user, "dayMetrics")) {
      const double scheduled = number_of(day, "adherenceScheduleSecs");
      out.scheduled_s += scheduled;
      out.in_adherence_s += scheduled * number_of(day, "adherencePercentage") / 100.0;
    }
    for (const auto& e : array_of(user, "exceptionInfo")) {
      const auto scheduled = text_of(e, "scheduledActivityCategory");
      if (text_of(e, "systemPresence") == "Offline" && (scheduled == "OnQueueWork" || scheduled == "OffQueueWork"))
        out.absence_s += number_of(e, "endOffsetSeconds") - number_of(e, "startOffsetSeconds");
    }
  }
}

std::string download_failure(const std::string& job_path, const client::Result<json>& file) {
  return fmt::format("GET {} (historical adherence file): {}", job_path,
                     file ? "not an object" : file.error().message());
}

}  // namespace

std::vector<AdherenceJob> start_adherence(client::OrgClient& c, const std::string& mu_id,
                                          const BusinessUnitOverview& bu) {
  std::vector<AdherenceJob> jobs;
  const auto path = fmt::format("{}/managementunits/{}/historicaladherencequery", kWfm, api::percent_encode(mu_id));
  for (Instant from = bu.actuals_start; from < bu.actuals_end; from += kExceptionChunk) {
    const Instant to = std::min<Instant>(bu.actuals_end, from + kExceptionChunk);
    AdherenceJob job;
    job.mu_id = mu_id;
    auto answer = post_query(c, path,
                             {{"startDate", api::format_instant(from)},
                              {"endDate", api::format_instant(to)},
                              {"timeZone", bu.week.time_zone},
                              {"includeExceptions", true}});
    if (answer.value) {
      job.path =
          fmt::format("{}/adherence/historical/jobs/{}", kWfm, api::percent_encode(text_of(*answer.value, "id")));
      job.state = std::move(*answer.value);
    } else {
      job.why = answer.why;
    }
    jobs.push_back(std::move(job));
  }
  return jobs;
}

std::map<std::string, Read<AdherenceFigures>> finish_adherence(client::OrgClient& c, std::vector<AdherenceJob>& jobs,
                                                               const OverviewOptions& o) {
  auto& clock = c.clock();
  const Instant until = clock.now() + o.poll_for;
  auto pending = [&] {
    return std::count_if(jobs.begin(), jobs.end(), [](const AdherenceJob& j) {
      return j.why.empty() && text_of(j.state, "queryState") != "Complete";
    });
  };
  // Every job of the org is polled in one loop, so the waits overlap.
  for (Millis wait = o.poll_first; pending() > 0; wait = std::min(2 * wait, o.poll_max)) {
    if (clock.now() + wait > until) {
      for (auto& j : jobs)
        if (j.why.empty() && text_of(j.state, "queryState") != "Complete")
          j.why = fmt::format("GET {}: not Complete within {} s", j.path,
                              std::chrono::duration_cast<std::chrono::seconds>(o.poll_for).count());
      break;
    }
    clock.sleep_for(wait);
    for (auto& j : jobs) {
      if (!j.why.empty() || text_of(j.state, "queryState") == "Complete") continue;
      auto polled = client::get_json(c, j.path);
      if (!polled || !polled->is_object()) {
        j.why = fmt::format("GET {}: {}", j.path, polled ? "not an object" : polled.error().message());
      } else if (text_of(*polled, "queryState") == "Error") {
        j.why = fmt::format("GET {}: the job ended Error", j.path);
      } else {
        j.state = std::move(*polled);
      }
    }
  }
  std::map<std::string, Read<AdherenceFigures>> out;
  for (auto& j : jobs) {
    auto& mu = out[j.mu_id];
    if (!mu.why.empty()) continue;  // an earlier chunk of this MU failed
    if (!j.why.empty()) {
      mu = {std::nullopt, j.why};
      continue;
    }
    if (!mu.value) mu.value = AdherenceFigures{};
    std::vector<std::string> urls;
    for (const auto& u : array_of(j.state, "downloadUrls"))
      if (u.is_string()) urls.push_back(u.get<std::string>());
    if (urls.empty() && !text_of(j.state, "downloadUrl").empty()) urls.push_back(text_of(j.state, "downloadUrl"));
    for (const auto& url : urls) {
      if (!j.why.empty()) break;
      auto file = client::json_from(c.fetch_url(url));
      if (!file || !file->is_object())
        j.why = download_failure(j.path, file);
      else
        add_adherence_file(*file, *mu.value);
    }
    if (!j.why.empty()) mu = {std::nullopt, j.why};
  }
  return out;
}

}  // namespace mockgc::workflows::overview
