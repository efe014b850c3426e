#pragma once
// Reading the agent schedules of a schedule upload (ImportScheduleUploadSchema, UpdateScheduleUploadSchema;
// genesys-api.md §6e): the pieces the import and the update share. Each reader answers the text of the
// first problem (naming the offending user, activity code or shift and where it sits in the upload), or
// nullopt with `out` filled.
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "wfm_common.hpp"

namespace mockgc::core {

inline constexpr int kMaxScheduleWeekCount = 6;           // as the forecast import (UNCERTAIN in Genesys)
inline constexpr std::size_t kMaxShiftsPerAgentWeek = 28;  // bounds what one upload may hold
inline constexpr std::size_t kMaxActivitiesPerShift = 96;

struct ScheduleUpload {
  const BusinessUnit& bu;
  const wfm::Workforce& wf;
  std::map<std::string, ActivityCode> codes;  // the BU's activity codes by id
  std::string schedule_id;
};
// The BU's activity codes as the upload is read.
ScheduleUpload schedule_upload(Call& call, const BusinessUnit& bu, std::string schedule_id);

// userId of an agent entry: a known user who is an agent of the BU.
std::optional<std::string> read_upload_user(const ScheduleUpload& in, const json& j, const std::string& where,
                                             const User*& out);
// A shift (startDate inside `ws`, lengthMinutes, contiguous activities of the BU's codes); its id is left empty.
std::optional<std::string> read_upload_shift(const ScheduleUpload& in, const wfm::WeekSchedule& ws, const json& j,
                                             const std::string& where, wfm::Shift& out);
// A full-day time-off marker on a date of the `week_count` weeks of `ws`.
std::optional<std::string> read_upload_marker(const ScheduleUpload& in, const wfm::WeekSchedule& ws, int week_count,
                                              const json& j, const std::string& where, wfm::FullDayMarker& out);
// Sorts a user's shifts by start; the overlap of two of them is a problem.
std::optional<std::string> sort_upload_shifts(const std::string& user_id, std::vector<wfm::Shift>& shifts);
// The 202 answer to a judged schedule upload (`event_type` Import / Update): its completion at `done` on the
// BU's schedules topic is Error naming `problem`, or Complete with `s`'s metadata, `s` then added to the
// workforce (listed from `done`).
Reply schedule_upload_completion(Call& call, const BusinessUnit& bu, std::string_view event_type,
                                 const std::optional<std::string>& problem, wfm::ImportedSchedule s, Instant done);
// The id of a shift the upload adds, from the seed and `parts` (schedule, version, user, position).
std::string upload_shift_id(const ScheduleUpload& in, std::initializer_list<std::string_view> parts);

}  // namespace mockgc::core
