#include "mockgc/workflows/schedule_push.hpp"

#include <fmt/format.h>

#include <map>
#include <set>

#include "mockgc/api/gzip.hpp"
#include "mockgc/api/text.hpp"
#include "mockgc/api/time.hpp"
#include "mockgc/api/url.hpp"
#include "mockgc/client/json_calls.hpp"
#include "mockgc/workflows/region_status.hpp"
#include "mockgc/client/notification_channel.hpp"
#include "mockgc/workflows/wfm_models.hpp"
#include "mockgc/workflows/wfm_upload.hpp"
#include "genesys_paths.hpp"

namespace mockgc::workflows {
namespace {

using client::Instant;
using nlohmann::json;

using paths::kBusinessUnits;

// A read that failed answers the reason (the target then ends missing).
using ReadError = std::optional<std::string>;

ReadError read(client::OrgClient& c, const std::string& path, json& out) {
  auto r = c.call("GET", path);
  if (!r || !r->ok()) return call_failure("GET", path, r);
  auto body = client::parse_json_body(*r);
  if (body) body = client::resolve_download(c, std::move(*body));
  if (!body) return fmt::format("GET {}: {}", path, body.error().message());
  out = std::move(*body);
  return std::nullopt;
}

// A target resolved in its org: the BU, user ids by e-mail, the desired agent schedules in the org's ids.
struct Resolved {
  std::string bu_id, week_path;
  std::vector<std::string> rejections;
  json desired = json::object();  // userId -> normalised shifts (see normal_shifts)
};

json normal_activity(Instant start, int minutes, const std::string& code) {
  return {{"startDate", api::format_instant(start)}, {"lengthMinutes", minutes}, {"activityCodeId", code}};
}

// A shift list as compared and sent: startDate, lengthMinutes, activities, sorted by start.
json normal_shifts(const json& shifts) {
  std::vector<json> out;
  for (const auto& s : shifts) {
    json acts = json::array();
    for (const auto& a : s.value("activities", json::array()))
      acts.push_back(normal_activity(api::parse_instant(a.value("startDate", "")).value_or(Instant{}),
                                     a.value("lengthMinutes", 0), a.value("activityCodeId", "")));
    out.push_back({{"startDate", api::format_instant(api::parse_instant(s.value("startDate", "")).value_or(Instant{}))},
                   {"lengthMinutes", s.value("lengthMinutes", 0)},
                   {"activities", std::move(acts)}});
  }
  std::sort(out.begin(), out.end(), [](const json& a, const json& b) { return a["startDate"] < b["startDate"]; });
  return out;
}

ReadError resolve(client::OrgClient& c, const PlanTarget& t, Resolved& r) {
  json listing;
  if (auto e = read(c, std::string(kBusinessUnits), listing)) return e;
  for (const auto& bu : parse_business_units(listing))
    if (bu.id == t.business_unit || bu.name == t.business_unit) r.bu_id = bu.id;
  if (r.bu_id.empty()) {
    r.rejections.push_back(fmt::format("no business unit named \"{}\"", t.business_unit));
    return std::nullopt;
  }
  r.week_path = fmt::format("{}/{}/weeks/{}/schedules", kBusinessUnits, api::percent_encode(r.bu_id), t.week);
  auto users = client::get_all_entities(c, "/api/v2/users", {{"pageSize", "100"}});
  if (!users) return fmt::format("GET /api/v2/users: {}", users.error().message());
  std::map<std::string, std::string> by_email;
  for (const auto& u : *users)
    if (u.contains("email") && u["email"].is_string()) by_email[api::lower(u["email"].get<std::string>())] = u.value("id", "");
  std::map<std::string, std::string> by_name;
  json codes;
  if (auto e = read(c, fmt::format("{}/{}/activitycodes", kBusinessUnits, api::percent_encode(r.bu_id)), codes)) return e;
  for (const auto& code : parse_activity_codes(codes))
    by_name[activity_code_name_key(code.name)] = code.id;
  std::set<std::string> missing_codes;
  for (const auto& a : t.agents) {
    auto u = by_email.find(api::lower(a.email));
    if (u == by_email.end()) {
      r.rejections.push_back(fmt::format("unknown email {}", a.email));
      continue;
    }
    json shifts = json::array();
    for (const auto& s : a.shifts) {
      json acts = json::array();
      for (const auto& k : s.activities) {
        auto code = by_name.find(activity_code_name_key(k.code));
        if (code == by_name.end()) {
          if (missing_codes.insert(k.code).second)
            r.rejections.push_back(fmt::format("activity code \"{}\" does not exist in business unit {} of this org",
                                               k.code, t.business_unit));
          continue;
        }
        acts.push_back(normal_activity(k.start, k.minutes, code->second));
      }
      shifts.push_back({{"startDate", api::format_instant(s.start)}, {"lengthMinutes", s.minutes}, {"activities", acts}});
    }
    r.desired[u->second] = normal_shifts(shifts);
  }
  return std::nullopt;
}

// The schedule this tool made for the week (by description): id, version, published, agents' shifts with ids.
struct Current {
  std::string id;
  long long version = 0;
  bool published = false;
  json shifts = json::object();  // userId -> raw shifts (with ids)
};

ReadError read_current(client::OrgClient& c, const Resolved& r, const std::string& description,
                       std::optional<Current>& cur) {
  json listing;
  if (auto e = read(c, r.week_path, listing)) return e;
  for (const auto& e : listing.value("entities", json::array()))
    if (e.value("description", "") == description) {
      cur = Current{e.value("id", ""), e.contains("metadata") ? e["metadata"].value("version", 0LL) : 0,
                    e.value("published", false), json::object()};
    }
  if (!cur) return std::nullopt;
  const std::string path = r.week_path + "/" + api::percent_encode(cur->id);
  auto meta = client::get_json(c, path);
  if (!meta) return fmt::format("GET {}: {}", path, meta.error().message());
  for (const auto& mu : meta->value("managementUnits", json::array())) {
    if (mu.value("agentCount", 0) == 0) continue;
    const std::string q = path + "/agentschedules/query";
    auto res = client::send_json(c, "POST", q, {{"managementUnitId", mu["managementUnit"].value("id", "")}});
    if (res) res = client::resolve_download(c, *res);
    if (!res || !res->contains("result")) return fmt::format("POST {}: no result", q);
    for (const auto& a : (*res)["result"].value("agentSchedules", json::array()))
      cur->shifts[a["user"].value("id", "")] = a.value("shifts", json::array());
  }
  return std::nullopt;
}

bool same(const Current& cur, const Resolved& r, bool publish) {
  if (publish && !cur.published) return false;
  std::map<std::string, json> have;
  for (const auto& [user, shifts] : cur.shifts.items())
    if (!shifts.empty()) have[user] = normal_shifts(shifts);
  std::map<std::string, json> want;
  for (const auto& [user, shifts] : r.desired.items())
    if (!shifts.empty()) want[user] = shifts;
  return have == want;
}

json import_body(const Resolved& r, const std::string& description, bool publish) {
  json agents = json::array();
  for (const auto& [user, shifts] : r.desired.items()) agents.push_back({{"userId", user}, {"shifts", shifts}});
  return {{"description", description}, {"weekCount", 1}, {"published", publish}, {"agentSchedules", agents}};
}

json update_body(const Current& cur, const Resolved& r, bool publish) {
  json agents = json::array();
  for (const auto& [user, shifts] : cur.shifts.items())
    if (!r.desired.contains(user)) agents.push_back({{"userId", user}, {"delete", true}});
  for (const auto& [user, shifts] : r.desired.items()) {
    json list = json::array();
    if (cur.shifts.contains(user))
      for (const auto& s : cur.shifts[user]) list.push_back({{"id", s.value("id", "")}, {"delete", true}});
    for (const auto& s : shifts) list.push_back(s);
    agents.push_back({{"userId", user}, {"shifts", list}});
  }
  json body{{"metadata", {{"version", cur.version}}}, {"agentSchedules", agents}};
  if (publish) body["published"] = true;
  return body;
}

// Submits through the upload flow with a channel on the BU's schedule topic subscribed first; the matching
// completion event, if one came within the wait.
std::optional<json> submit(client::OrgClient& c, client::WebSocketConnector* sockets, const std::string& bu_id,
                           const std::string& step, const json& body, const SchedulePushOptions& o, WfmSubmit& sent) {
  const std::string bytes = api::gzip(body.dump());
  if (!sockets) {
    sent = submit_wfm_upload(c, step, bytes);
    return std::nullopt;
  }
  const std::string topic = fmt::format("v2.workforcemanagement.businessunits.{}.schedules", bu_id);
  client::NotificationChannelOptions co;
  co.reconnect.max_retries = 2;
  client::NotificationChannel channel(c, *sockets, {topic}, co);
  bool submitted = false;
  std::optional<json> done;
  Instant deadline{};
  client::ChannelHandlers h;
  h.on_signal = [&](client::ChannelSignal s, std::string_view) {
    if (s != client::ChannelSignal::connected || submitted) return;
    submitted = true;
    sent = submit_wfm_upload(c, step, bytes);
    deadline = c.clock().now() + o.notify_wait;
  };
  h.on_event = [&](const client::NotificationFrame& f) {
    if (f.topic == topic && !sent.operation_id.empty() && f.body.value("operationId", "") == sent.operation_id) done = f.body;
  };
  (void)channel.run(
      [&] {
        if (!submitted) return false;
        if (!sent.accepted || done || c.clock().now() >= deadline) return true;
        c.clock().sleep_for(std::min<client::Millis>(o.poll_interval, client::Millis(1'000)));  // time moves on a virtual clock too
        return false;
      },
      h);
  if (!submitted) sent = submit_wfm_upload(c, step, bytes);  // no channel: the list is polled instead
  return done;
}

// Polls the week's list until the schedule with `description` appears above `old_version`; its id.
std::optional<std::string> poll_listed(client::OrgClient& c, const Resolved& r, const std::string& description,
                                       long long old_version, const SchedulePushOptions& o) {
  const Instant until = c.clock().now() + o.poll_for;
  for (;;) {
    auto listing = client::get_wfm_listing(c, r.week_path);
    if (listing)
      for (const auto& e : listing->value("entities", json::array()))
        if (e.value("description", "") == description &&
            (e.contains("metadata") ? e["metadata"].value("version", 0LL) : 0) > old_version)
          return e.value("id", "");
    if (c.clock().now() + o.poll_interval > until) return std::nullopt;
    c.clock().sleep_for(o.poll_interval);
  }
}

void push_target(client::OrgClient& c, client::WebSocketConnector* sockets, const SchedulePlan& plan,
                 const SchedulePushOptions& o, const PlanTarget& t, PushTargetReport& rep) {
  Resolved r;
  std::optional<Current> cur;
  auto missing = resolve(c, t, r);
  rep.business_unit_id = r.bu_id;
  if (!missing && r.rejections.empty()) missing = read_current(c, r, plan.description, cur);
  if (missing) {
    rep.outcome = PushOutcome::missing;
    rep.reasons.push_back(*missing);
    return;
  }
  if (!r.rejections.empty()) {
    rep.outcome = PushOutcome::rejected;
    rep.reasons = r.rejections;
    return;
  }
  if (cur) rep.schedule_id = cur->id;
  rep.action = !cur ? "import" : same(*cur, r, o.publish) ? "none" : "update";
  rep.outcome = rep.action == "none" ? PushOutcome::unchanged : PushOutcome::imported;
  if (o.dry_run || rep.action == "none") return;
  const std::string step = cur ? r.week_path + "/" + api::percent_encode(cur->id) + "/update" : r.week_path + "/import";
  const json body = cur ? update_body(*cur, r, o.publish) : import_body(r, plan.description, o.publish);
  WfmSubmit sent;
  auto done = submit(c, sockets, r.bu_id, step, body, o, sent);
  rep.operation_id = sent.operation_id;
  if (!sent.accepted) {
    rep.outcome = PushOutcome::missing;
    rep.reasons.push_back(sent.why);
    return;
  }
  if (done) {
    rep.completed_by = "notification";
    if (done->value("status", "") != "Complete") {
      rep.outcome = PushOutcome::rejected;
      const json err = done->value("error", json::object());
      rep.reasons.push_back(fmt::format("the {} ended {}: {}", rep.action, done->value("status", ""),
                                        err.is_object() ? err.value("message", "no reason given") : "no reason given"));
      return;
    }
    if (done->contains("result")) rep.schedule_id = (*done)["result"].value("id", rep.schedule_id);
    return;
  }
  rep.completed_by = "polling";
  auto id = poll_listed(c, r, plan.description, cur ? cur->version : 0, o);
  if (!id) {
    rep.outcome = PushOutcome::missing;
    rep.reasons.push_back(fmt::format("the {} (operation {}) was accepted, but neither a completion notification nor "
                                      "the schedule list showed it complete within {} s",
                                      rep.action, sent.operation_id,
                                      std::chrono::duration_cast<std::chrono::seconds>(o.notify_wait + o.poll_for).count()));
    return;
  }
  rep.schedule_id = *id;
}

}  // namespace

std::string_view to_string(PushOutcome o) {
  switch (o) {
    case PushOutcome::imported: return "imported";
    case PushOutcome::unchanged: return "unchanged";
    case PushOutcome::rejected: return "rejected";
    case PushOutcome::missing: return "missing";
  }
  return "missing";
}

bool SchedulePushReport::any_missing() const {
  for (const auto& t : targets)
    if (t.outcome == PushOutcome::missing) return true;
  return false;
}

bool SchedulePushReport::any_rejected() const {
  for (const auto& t : targets)
    if (t.outcome == PushOutcome::rejected) return true;
  return false;
}

SchedulePushReport push_schedules(client::OrgClients& orgs, client::WebSocketConnector* sockets,
                                  const SchedulePlan& plan, const SchedulePushOptions& options) {
  SchedulePushReport report;
  report.dry_run = options.dry_run;
  report.publish = options.publish;
  for (std::size_t i = 0; i < plan.targets.size(); ++i) {
    const auto& t = plan.targets[i];
    PushTargetReport rep;
    rep.org = t.org;
    rep.business_unit = t.business_unit;
    rep.week = t.week;
    for (const auto& a : t.agents) {
      ++rep.agents;
      rep.shifts += static_cast<int>(a.shifts.size());
    }
    client::OrgClient* c = orgs.find(t.org);
    for (std::size_t k = 0; !c && k < orgs.size(); ++k)
      if (orgs.at(k).org().region == t.org) c = &orgs.at(k);
    if (!c) {
      rep.reasons.push_back(fmt::format("no org named \"{}\" in ORGS.json", t.org));
    } else {
      rep.org = c->org().name;
      rep.region = c->org().region;
      push_target(*c, sockets, plan, options, t, rep);
    }
    if (options.progress) options.progress(i + 1, plan.targets.size(), rep.org);
    report.targets.push_back(std::move(rep));
  }
  return report;
}

json to_json(const SchedulePushReport& report) {
  json targets = json::array();
  for (const auto& t : report.targets)
    targets.push_back({{"org", t.org},
                       {"region", t.region},
                       {"businessUnit", t.business_unit},
                       {"businessUnitId", t.business_unit_id},
                       {"week", t.week},
                       {"outcome", to_string(t.outcome)},
                       {"action", t.action},
                       {"reasons", t.reasons},
                       {"scheduleId", t.schedule_id},
                       {"operationId", t.operation_id},
                       {"completedBy", t.completed_by},
                       {"agents", t.agents},
                       {"shifts", t.shifts}});
  return {{"dryRun", report.dry_run}, {"publish", report.publish}, {"targets", std::move(targets)}};
}

}  // namespace mockgc::workflows
