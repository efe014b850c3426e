#include "wfm_import.hpp"

#include <fmt/format.h>

#include "../call_helpers.hpp"
#include "mockgc/api/gzip.hpp"
#include "mockgc/api/time.hpp"

namespace mockgc::core {
namespace {
constexpr Millis kUploadTtl = std::chrono::hours(1);

std::optional<ApiError> find_bu_week(const Call& call, const BusinessUnit*& bu, wfm::Day& week) {
  if (auto e = wfm_find_bu(call, call.params[0], bu)) return e;
  auto d = api::parse_local_date(call.params[1]);
  if (!d) return bad_request(fmt::format("The week date [{}] is not a date in yyyy-MM-dd format.", call.params[1]));
  if (!call.org->workforce->is_week_start(*bu, *d))
    return bad_request(fmt::format("The week date [{}] must fall on the business unit's start day of week ({}).",
                                   call.params[1], bu->start_day_of_week));
  week = *d;
  return std::nullopt;
}

std::string purpose(std::string_view kind, const BusinessUnit& bu, wfm::Day week, std::string_view subject) {
  return fmt::format("{}-import:{}:{}:{}", kind, bu.id, api::format_local_date(week), subject);
}

}  // namespace

Reply wfm_import_upload_url(Call& call, std::string_view kind, std::string_view subject) {
  const BusinessUnit* bu = nullptr;
  wfm::Day week{};
  if (auto e = find_bu_week(call, bu, week)) return error_reply(*e);
  json body;
  if (auto e = parse_json_body(call, body)) return error_reply(*e);
  if (!body.is_object() || !body.contains("contentLengthBytes") || !body["contentLengthBytes"].is_number_integer() ||
      body["contentLengthBytes"].get<long long>() <= 0)
    return error_reply(bad_request("contentLengthBytes is required: the size of the gzip-encoded upload."));
  if (static_cast<unsigned long long>(body["contentLengthBytes"].get<long long>()) > call.epoch.uploads().max_bytes())
    return error_reply(bad_request("contentLengthBytes exceeds the upload size limit."));
  const std::string key = call.epoch.uploads().reserve(call.org->world->region, purpose(kind, *bu, week, subject),
                                                         fmt::format("{}.json.gz", kind), call.now, kUploadTtl);
  return json_reply({{"uploadKey", key},
                     {"url", absolute_url(call, "/mockgc/uploads/" + key)},
                     {"headers", {{"Content-Type", "application/json"}, {"Content-Encoding", "gzip"}}},
                     {"uploadBodySchema", nullptr}});
}

std::optional<ApiError> wfm_import_take_upload(Call& call, std::string_view kind, WfmUpload& out,
                                               std::string_view subject) {
  if (auto e = find_bu_week(call, out.bu, out.week)) return e;
  json body;
  if (auto e = parse_json_body(call, body)) return e;
  if (!body.is_object() || !body.contains("uploadKey") || !body["uploadKey"].is_string())
    return bad_request("uploadKey is required.");
  auto upload = call.epoch.uploads().get(body["uploadKey"].get<std::string>(), call.now);
  if (!upload || upload->region != call.org->world->region || upload->purpose != purpose(kind, *out.bu, out.week, subject))
    return bad_request("uploadKey does not name an upload URL issued for this business unit week.");
  if (!upload->filled) return bad_request("Nothing has been uploaded to the upload URL yet.");
  out.bytes = std::move(upload->body);
  return std::nullopt;
}

std::optional<std::string> wfm_import_parse(const std::string& bytes, std::string_view what, json& out) {
  auto text = api::gunzip(bytes);
  if (!text) return std::string("The upload is not gzip-encoded.");
  out = json::parse(*text, nullptr, false);
  if (out.is_discarded()) return fmt::format("The uploaded {} is not valid JSON.", what);
  if (!out.is_object()) return fmt::format("The uploaded {} must be a JSON object.", what);
  return std::nullopt;
}

json wfm_import_error(const std::string& message) {
  // The topic models have no error field; the reason travels as the error object of Genesys' other WFM
  // completion topics ({status, code, message}).
  return {{"status", 400}, {"code", "bad.request"}, {"message", message}};
}

Reply wfm_import_accepted(Call& call, const std::string& topic, json event, Instant done) {
  const std::string op = call.epoch.downloads().put(
      [&](const std::string& id) {
        event["operationId"] = id;
        return event.dump();
      },
      call.now, done);
  call.epoch.notify(call.org->world->region, topic, event, call.now, done);
  return json_reply({{"status", "Processing"}, {"operationId", op}}, 202);
}

}  // namespace mockgc::core
