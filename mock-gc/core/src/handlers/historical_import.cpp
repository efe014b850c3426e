// WFM historical-data import (genesys-api.md §6a): upload URL -> PUT CSV (/mockgc/uploads/{key}) ->
// validate (202 {id, selfUri}) -> importstatus. The CSV is checked when validate is called; the status
// then moves by the service clock: Initiated -> InProgress (validating) -> Failed, or Pending until the
// nightly processing window (scenario `wfm.historical_import_window`, local time of the org's first
// business unit) -> InProgress -> Success. Each step also goes out on
// v2.workforcemanagement.historicaldata.status. Imports never change the generated history and no route
// returns volumes from them.
#include <fmt/format.h>

#include <array>
#include <mutex>

#include "../call_helpers.hpp"
#include "../wfm/history_csv.hpp"
#include "../wfm/history_state.hpp"
#include "mockgc/api/time.hpp"
#include "mockgc/api/random.hpp"
#include "mockgc/core/wfm/workforce.hpp"
#include "mockgc/core/world.hpp"

namespace mockgc::core {
namespace {

using wfm::HistoryState;

constexpr std::string_view kPurpose = "historicaldata-csv";
constexpr std::string_view kImportStatusPath = "/api/v2/workforcemanagement/historicaldata/importstatus/";
constexpr std::size_t kKeptImports = 20;

struct Step {
  Instant at{};
  std::string_view status;
};

// The import's statuses from its creation on, each with the instant it begins.
std::vector<Step> import_steps(const wfm::HistoricalImport& imp) {
  std::vector<Step> steps{{imp.created, "Initiated"}, {imp.created + HistoryState::kImportValidation, "InProgress"}};
  const Instant validated = imp.created + HistoryState::kImportValidated;
  if (!imp.error.empty()) {
    steps.push_back({validated, "Failed"});
    return steps;
  }
  if (imp.window > validated) steps.push_back({validated, "Pending"});
  steps.push_back({std::max(imp.window, validated), "InProgress"});
  steps.push_back({std::max(imp.window, validated) + HistoryState::kImportRun, "Success"});
  return steps;
}

// The first instant at or after `after` whose local time (the org's first BU's zone, else UTC) is `at`.
Instant next_window(const wfm::Workforce& wf, const OrgWorld& org, Instant after, std::chrono::minutes at) {
  using std::chrono::days;
  if (org.business_units.empty()) {
    Instant t = std::chrono::floor<days>(after) + at;
    return t >= after ? t : t + days(1);
  }
  const BusinessUnit& bu = org.business_units.front();
  const wfm::Day today = wf.local_date(bu, after);
  for (int k = 0;; ++k)
    if (const Instant t = wf.local_time(bu, today + days(k), at); t >= after) return t;
}

json import_status(const wfm::HistoricalImport& imp, bool active, Instant now) {
  const auto steps = import_steps(imp);
  const Step* current = &steps.front();
  for (const auto& s : steps)
    if (s.at <= now) current = &s;
  json j = {{"requestId", imp.id},
            {"dateImportEnded", api::format_instant(imp.date_import_ended)},
            {"status", current->status},
            {"dateCreated", api::format_instant(imp.created)},
            {"dateModified", api::format_instant(current->at)},
            {"active", active},
            {"type", "Csv"},
            {"fileName", imp.file_name},
            {"fileSize", imp.file_size}};
  if (imp.error.empty() && imp.earliest != Instant{}) j["dateImportStarted"] = api::format_instant(imp.earliest);
  if (current->status == "Failed") j["error"] = imp.error;
  return j;
}

}  // namespace

Reply handle_historicaldata_upload_url(Call& call) {
  json body;
  if (auto e = parse_json_body(call, body)) return error_reply(*e);
  if (!body.is_object()) return error_reply(bad_request("The body must be an UploadUrlRequest object."));
  std::int64_t timeout = 600;
  if (auto t = body.find("signedUrlTimeoutSeconds"); t != body.end() && !t->is_null()) {
    if (!t->is_number_integer() || t->get<std::int64_t>() < 1 || t->get<std::int64_t>() > 604800)
      return error_reply(bad_request("signedUrlTimeoutSeconds must be an integer from 1 to 604800."));
    timeout = t->get<std::int64_t>();
  }
  for (const char* field : {"fileName", "contentMd5", "contentType", "serverSideEncryption"})
    if (auto f = body.find(field); f != body.end() && !f->is_null() && !f->is_string())
      return error_reply(bad_request(fmt::format("Field '{}' must be a string.", field)));
  if (auto s = body.find("serverSideEncryption"); s != body.end() && s->is_string() && *s != "AES256") {
    static constexpr std::array<std::string_view, 1> allowed = {"AES256"};
    return error_reply(invalid_value(s->get<std::string>(), "ServerSideEncryption", allowed));
  }
  const std::string file_name = body.value("fileName", std::string("historicaldata.csv"));
  const std::string key = call.epoch.uploads().reserve(call.org->world->region, std::string(kPurpose), file_name,
                                                         call.now, std::chrono::seconds(timeout));
  json headers = {{"Content-Type", body.value("contentType", std::string("text/csv"))}};
  if (auto md5 = body.find("contentMd5"); md5 != body.end() && md5->is_string()) headers["Content-MD5"] = *md5;
  if (body.contains("serverSideEncryption")) headers["x-amz-server-side-encryption"] = "AES256";
  return json_reply({{"url", absolute_url(call, "/mockgc/uploads/" + key)},
                     {"uploadKey", key},
                     {"headers", std::move(headers)}});
}

Reply handle_historicaldata_validate(Call& call) {
  json body;
  if (auto e = parse_json_body(call, body)) return error_reply(*e);
  if (!body.is_object()) return error_reply(bad_request("The body must be a ValidationServiceRequest object."));
  auto key = body.find("uploadKey");
  if (key == body.end() || !key->is_string() || key->get<std::string>().empty())
    return error_reply(bad_request("uploadKey is required."));
  auto ended = body.find("dateImportEnded");
  if (ended == body.end() || ended->is_null()) return error_reply(bad_request("dateImportEnded is required."));
  if (!ended->is_string()) return error_reply(invalid_date());
  auto import_ended = api::parse_instant(ended->get<std::string>());
  if (!import_ended) return error_reply(invalid_date());
  auto upload = call.epoch.uploads().get(key->get<std::string>(), call.now);
  if (!upload || upload->region != call.org->world->region || upload->purpose != kPurpose)
    return error_reply(bad_request(fmt::format("Unknown or expired uploadKey {}.", key->get<std::string>())));
  if (!upload->filled)
    return error_reply(bad_request("Nothing has been uploaded under this uploadKey yet: PUT the CSV to the upload url first."));

  std::vector<std::string> queue_names;
  for (const auto& q : call.org->world->queues) queue_names.push_back(q.name);
  auto check = wfm::check_history_csv(upload->body, queue_names, *import_ended);
  wfm::HistoricalImport imp;
  imp.file_name = upload->file_name;
  imp.file_size = upload->body.size();
  imp.date_import_ended = *import_ended;
  imp.created = call.now;
  imp.error = std::move(check.error);
  if (imp.error.empty() && *import_ended > call.now) imp.error = "dateImportEnded cannot be in the future.";
  if (check.earliest) imp.earliest = *check.earliest;
  if (imp.error.empty())
    imp.window = next_window(*call.org->workforce, *call.org->world, imp.created + HistoryState::kImportValidated,
                             call.epoch.wfm_timing().historical_import_window);

  auto& state = *call.org->history;
  std::lock_guard lock(state.mutex);
  imp.id = api::make_uuid(state.id_rng);
  call.epoch.id_owners().add(imp.id, call.org->world->region);
  const std::string id = imp.id;
  // Each step of the import also goes out on the status topic as the clock reaches it (the same body as
  // importstatus answers then).
  for (const auto& step : import_steps(imp))
    call.epoch.notify(call.org->world->region, "v2.workforcemanagement.historicaldata.status",
                        import_status(imp, true, step.at), call.now, step.at);
  state.imports.push_back(std::move(imp));  // one file per org: the newest is the active one
  while (state.imports.size() > kKeptImports) state.imports.pop_front();
  return json_reply({{"id", id}, {"selfUri", std::string(kImportStatusPath) + id}}, 202);
}

Reply handle_historicaldata_importstatus_list(Call& call) {
  auto& state = *call.org->history;
  std::lock_guard lock(state.mutex);
  json entities = json::array();
  for (std::size_t i = 0; i < state.imports.size(); ++i)
    entities.push_back(import_status(state.imports[i], i + 1 == state.imports.size(), call.now));
  return json_reply({{"entities", std::move(entities)}});
}

Reply handle_historicaldata_importstatus_get(Call& call) {
  auto& state = *call.org->history;
  std::lock_guard lock(state.mutex);
  for (std::size_t i = 0; i < state.imports.size(); ++i)
    if (state.imports[i].id == call.params.at(0))
      return json_reply(import_status(state.imports[i], i + 1 == state.imports.size(), call.now));
  return error_reply(not_found(fmt::format("Historical import job {} was not found.", call.params.at(0))));
}

}  // namespace mockgc::core
