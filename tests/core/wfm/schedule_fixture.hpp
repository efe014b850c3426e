#pragma once
// The BU schedule upload flows (import and update) from a client's side: the EMEA BU's week 2026-03-09, its
// agents, custom activity codes, shifts, and a valid two-agent import body.
#include <string>
#include <vector>

#include "import_fixture.hpp"

namespace mockgc::testing {

inline constexpr const char* kWfm = "/api/v2/workforcemanagement";
inline constexpr const char* kWeek = "2026-03-09";

class ScheduleUploadTest : public ImportTest {
 protected:
  using json = nlohmann::json;
  std::string weeks() { return std::string(kWfm) + "/businessunits/" + bu_id(kEmea) + "/weeks/"; }
  std::string base() { return weeks() + kWeek + "/schedules"; }
  std::string topic() { return "v2.workforcemanagement.businessunits." + bu_id(kEmea) + ".schedules"; }
  // Agents of the first MU.
  std::vector<std::string> agents(std::size_t n) {
    auto users = get_json(kEmea, std::string(kWfm) + "/managementunits/" + mu_id(kEmea) + "/users")["entities"];
    std::vector<std::string> out;
    for (const auto& u : users)
      if (out.size() < n) out.push_back(u["id"]);
    EXPECT_EQ(out.size(), n);
    return out;
  }
  std::string create_code(const std::string& region, const std::string& name) {
    auto res = send_json(region, "POST", codes_path(region), {{"name", name}, {"category", "Training"}});
    EXPECT_EQ(res.status, 200) << res.body;
    return body_json(res)["id"];
  }
  static json shift(const std::string& start, int minutes, const std::string& code, const std::string& description = "") {
    json act{{"startDate", start}, {"lengthMinutes", minutes}, {"activityCodeId", code}};
    if (!description.empty()) act["description"] = description;
    return {{"startDate", start}, {"lengthMinutes", minutes}, {"activities", json::array({act})}};
  }
  // Two agents: one with two shifts (work, then a custom training code), one with one shift and a day off.
  json valid_body(const std::vector<std::string>& users, const std::string& training) {
    return {{"description", "Imported roster"},
            {"weekCount", 1},
            {"published", true},
            {"agentSchedules",
             {{{"userId", users[0]},
               {"shifts", {shift("2026-03-10T08:00:00Z", 480, "0"), shift("2026-03-11T09:00:00Z", 120, training, "Coaching")}}},
              {{"userId", users[1]},
               {"shifts", {shift("2026-03-12T10:00:00Z", 300, "0")}},
               {"fullDayTimeOffMarkers",
                {{{"businessUnitDate", "2026-03-13"}, {"lengthMinutes", 480}, {"activityCodeId", "5"}}}}}}}};
  }
};

}  // namespace mockgc::testing
