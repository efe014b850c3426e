#pragma once
// The upload-then-import flow shared by the WFM imports (short-term forecasts, BU schedules;
// genesys-api.md §6f): an upload URL bound to one BU week and purpose, a PUT of gzip JSON to it, an
// import call naming its key, and a completion `kImportValidation` of world time later that is parked at
// /mockgc/downloads/{operationId} and published on the import's topic.
#include <optional>
#include <string>

#include "mockgc/core/wfm/schedule.hpp"
#include "wfm_common.hpp"

namespace mockgc::core {

// How long an accepted import takes to complete (world time) before its notification goes out.
inline constexpr Millis kImportValidation = std::chrono::seconds(5);

// Both calls name the BU (params[0]) and week date (params[1]): an unknown BU is a 404, a week date off the
// BU's start day of week a 400. An upload URL serves one kind of import ("forecast", "schedule",
// "schedule-update") of one BU week and, when given, one `subject` (the schedule an update changes).

// POST …/import/uploadurl {contentLengthBytes}: reserves an upload slot →
// {uploadKey, url, headers{Content-Type, Content-Encoding: gzip}, uploadBodySchema: null}.
Reply wfm_import_upload_url(Call& call, std::string_view kind, std::string_view subject = {});
// POST …/import {uploadKey}: the BU week and the bytes of the filled upload the key names.
struct WfmUpload {
  const BusinessUnit* bu = nullptr;
  wfm::Day week{};
  std::string bytes;
};
std::optional<ApiError> wfm_import_take_upload(Call& call, std::string_view kind, WfmUpload& out,
                                               std::string_view subject = {});
// Gunzips and parses an upload (`what`: "forecast", "schedule"); the text of the first problem, if any.
std::optional<std::string> wfm_import_parse(const std::string& bytes, std::string_view what, json& out);
// The error object an Error completion carries ({status, code, message} of Genesys' WFM completion topics).
json wfm_import_error(const std::string& message);
// Parks `event` (its operationId filled in) for `done` and publishes it on `topic` at `done`; answers
// 202 {status: Processing, operationId}.
Reply wfm_import_accepted(Call& call, const std::string& topic, json event, Instant done);

}  // namespace mockgc::core
