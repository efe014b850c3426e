#pragma once
// The default world on the virtual clock (2026-03-02T09:00Z, optional faults) for schedule push: the core's
// notification streams through inproc's connector, agents by e-mail, and a pushed schedule read back through
// the agent-schedule query (e-mail → shifts with each org's code ids) next to the plan in that org's ids.
#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "mockgc/api/time.hpp"
#include "mockgc/client/json_calls.hpp"
#include "mockgc/core/scenario.hpp"
#include "mockgc/workflows/schedule_push.hpp"
#include "support/default_world.hpp"

namespace mockgc::testing {

inline constexpr std::int64_t kPushNowMs = 1'772'442'000'000;  // 2026-03-02T09:00:00Z
inline constexpr const char* kPushWfm = "/api/v2/workforcemanagement";

// The default world with `faults`, its clock the test's.
inline std::string push_scenario(const nlohmann::json& faults) { return default_scenario_with_faults(faults); }

// E-mails of the first `n` agents of the org's first BU's first MU.
inline std::vector<std::string> push_agent_emails(client::OrgClient& c, std::size_t n) {
  const std::string bu = client::get_json(c, std::string(kPushWfm) + "/businessunits").value()["entities"][0]["id"];
  const std::string mu = client::get_json(c, std::string(kPushWfm) + "/businessunits/" + bu + "/managementunits")
                             .value()["entities"][0]["id"];
  auto members = client::get_json(c, std::string(kPushWfm) + "/managementunits/" + mu + "/users").value()["entities"];
  std::vector<std::string> out;
  for (std::size_t k = 0; k < n && k < members.size(); ++k)
    out.push_back(client::get_json(c, "/api/v2/users/" + members[k]["id"].get<std::string>()).value()["email"]);
  return out;
}

inline workflows::PlannedShift push_test_shift(const std::string& start, const std::string& second_code) {
  const auto t = api::parse_instant(start).value();
  return {t, 300, {{t, 240, "On Queue Work"}, {t + std::chrono::minutes(240), 60, second_code}}};
}

// EMEA (Monday weeks) and APAC (Sunday weeks): two agents each (by e-mail), one shift each.
inline workflows::SchedulePlan push_test_plan(const std::vector<std::string>& emea, const std::vector<std::string>& apac,
                                              const std::string& second_code = "Coaching") {
  workflows::SchedulePlan plan;
  plan.description = "central plan";
  plan.targets.push_back({"EMEA", "EMEA Customer Care", "2026-03-09",
                          {{emea.at(0), {push_test_shift("2026-03-10T08:00:00Z", second_code)}},
                           {emea.at(1), {push_test_shift("2026-03-11T09:00:00Z", second_code)}}}});
  plan.targets.push_back({"ap_southeast_2", "APAC Customer Care", "2026-03-08",
                          {{apac.at(0), {push_test_shift("2026-03-09T22:00:00Z", second_code)}},
                           {apac.at(1), {push_test_shift("2026-03-10T23:00:00Z", "On Queue Work")}}}});
  return plan;
}

// Short waits (the tests run on a virtual clock or a fast one).
inline workflows::SchedulePushOptions push_test_options(bool publish = true) {
  workflows::SchedulePushOptions o;
  o.publish = publish;
  o.notify_wait = std::chrono::seconds(20);
  o.poll_interval = std::chrono::seconds(1);
  o.poll_for = std::chrono::seconds(30);
  return o;
}

struct PushWorld {
  using json = nlohmann::json;
  explicit PushWorld(const json& faults = json::array())
      : w(kPushNowMs, faults.empty() ? std::string() : push_scenario(faults)), sockets(*w.service, w.virtual_clock) {}
  DefaultWorld w;
  inproc::InProcessWebSocketConnector sockets;

  client::OrgClient& org(std::size_t i) { return w.orgs->at(i); }
  std::string bu(std::size_t i) {
    return client::get_json(org(i), std::string(kPushWfm) + "/businessunits").value()["entities"][0]["id"];
  }
  std::vector<std::string> emails(std::size_t i, std::size_t n) { return push_agent_emails(org(i), n); }
  std::string create_code(std::size_t i, const std::string& name) {
    auto r = client::send_json(org(i), "POST", std::string(kPushWfm) + "/businessunits/" + bu(i) + "/activitycodes",
                               {{"name", name}, {"category", "Training"}});
    return r ? r->value("id", "") : "";
  }
  // What the pushed schedule's agent query answers: e-mail → [[start, minutes, [[start, minutes, codeId]…]]…].
  json read_back(std::size_t i, const workflows::PushTargetReport& t) {
    const std::string path = std::string(kPushWfm) + "/businessunits/" + t.business_unit_id + "/weeks/" + t.week +
                             "/schedules/" + t.schedule_id;
    json out = json::object();
    const json meta = client::get_json(org(i), path).value();
    for (const auto& mu : meta["managementUnits"]) {
      if (mu["agentCount"] == 0) continue;
      auto q = client::send_json(org(i), "POST", path + "/agentschedules/query",
                                 {{"managementUnitId", mu["managementUnit"]["id"]}}).value();
      for (const auto& a : q["result"]["agentSchedules"]) {
        json shifts = json::array();
        for (const auto& s : a["shifts"]) {
          json acts = json::array();
          for (const auto& x : s["activities"]) acts.push_back({x["startDate"], x["lengthMinutes"], x["activityCodeId"]});
          shifts.push_back({s["startDate"], s["lengthMinutes"], acts});
        }
        out[client::get_json(org(i), "/api/v2/users/" + a["user"]["id"].get<std::string>()).value()["email"]] = shifts;
      }
    }
    return out;
  }
  // The plan in org i's ids, as read_back shows it (codes by name → that org's ids).
  json expected(std::size_t i, const workflows::PlanTarget& t) {
    std::map<std::string, std::string> ids;
    auto codes = client::get_json(org(i), std::string(kPushWfm) + "/businessunits/" + bu(i) + "/activitycodes").value();
    for (const auto& c : codes["entities"]) ids[c["name"]] = c["id"];
    json out = json::object();
    for (const auto& a : t.agents) {
      json shifts = json::array();
      for (const auto& s : a.shifts) {
        json acts = json::array();
        for (const auto& x : s.activities) acts.push_back({api::format_instant(x.start), x.minutes, ids[x.code]});
        shifts.push_back({api::format_instant(s.start), s.minutes, acts});
      }
      out[a.email] = shifts;
    }
    return out;
  }
};

}  // namespace mockgc::testing
