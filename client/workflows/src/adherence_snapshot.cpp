#include "mockgc/workflows/adherence_snapshot.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <set>

#include "mockgc/api/text.hpp"
#include "mockgc/api/time.hpp"
#include "mockgc/api/url.hpp"
#include "mockgc/client/json_calls.hpp"
#include "mockgc/workflows/person_keys.hpp"
#include "genesys_paths.hpp"

namespace mockgc::workflows {
namespace {

using nlohmann::json;

using paths::kManagementUnits;
constexpr std::size_t kAdherenceBatch = 100;  // GET …/adherence accepts at most 100 userId values

std::string text_of(const json& j, const char* key, std::string fallback = {}) {
  auto it = j.find(key);
  return it != j.end() && it->is_string() ? it->get<std::string>() : fallback;
}

struct Batched {
  std::vector<json> entities;
  std::string error;
};
Batched read_adherence_by_users(client::OrgClient& c, const std::string& mu) {
  Batched out;
  const auto users_path = fmt::format("{}/{}/users", kManagementUnits, api::percent_encode(mu));
  auto users = client::get_wfm_listing(c, users_path);
  if (!users) {
    out.error = fmt::format("GET {}: {}", users_path, users.error().message());
    return out;
  }
  std::vector<std::string> ids;
  for (const auto& u : (*users)["entities"])
    if (auto id = text_of(u, "id"); !id.empty()) ids.push_back(id);
  for (std::size_t i = 0; i < ids.size(); i += kAdherenceBatch) {
    std::string joined;
    for (std::size_t k = i; k < std::min(ids.size(), i + kAdherenceBatch); ++k)
      joined += (joined.empty() ? "" : ",") + ids[k];
    auto r = client::get_json(c, "/api/v2/workforcemanagement/adherence", {{"userId", joined}});
    if (!r || !r->is_array()) {
      out.error = fmt::format("GET /api/v2/workforcemanagement/adherence: {}",
                              r ? std::string("not an array") : r.error().message());
      return out;
    }
    for (const auto& e : *r) out.entities.push_back(e);
  }
  return out;
}

}  // namespace

std::optional<AgentAdherence> parse_adherence_record(const json& e, const std::string& mu_id) {
  if (!e.is_object()) return std::nullopt;
  AgentAdherence a;
  a.user_id = text_of(e, "id");
  if (a.user_id.empty() && e.contains("user") && e["user"].is_object()) a.user_id = text_of(e["user"], "id");
  if (a.user_id.empty()) return std::nullopt;
  a.name = text_of(e, "name");
  a.management_unit_id = mu_id.empty() ? text_of(e, "managementUnitId") : mu_id;
  a.adherence_state = text_of(e, "adherenceState", "Unknown");
  a.impact = text_of(e, "impact", "Unknown");
  a.scheduled_category = text_of(e, "scheduledActivityCategory", "Unscheduled");
  // The REST model names the change time timeOfAdherenceChange, the topic model adherenceChangeTime.
  a.time_of_adherence_change = api::parse_instant(
      e.contains("timeOfAdherenceChange") ? text_of(e, "timeOfAdherenceChange") : text_of(e, "adherenceChangeTime"));
  return a;
}

std::optional<double> AdherenceCounts::percent_in_adherence() const {
  if (scheduled == 0) return std::nullopt;
  return 100.0 * in_adherence_scheduled / scheduled;
}

void AdherenceCounts::add(const AgentAdherence& a) {
  ++agents;
  ++states[a.adherence_state];
  ++impacts[a.impact];
  if (a.scheduled()) {
    ++scheduled;
    if (a.adherence_state == "InAdherence") ++in_adherence_scheduled;
  }
}

bool AdherenceSnapshot::any_missing() const {
  return std::any_of(orgs.begin(), orgs.end(), [](const OrgAdherence& o) { return o.status.is_missing(); });
}

OrgAdherence read_org_adherence(client::OrgClient& c) {
  OrgAdherence o;
  o.org = c.org().name;
  o.region = c.org().region;
  auto mus = client::get_wfm_listing(c, kManagementUnits);
  if (!mus) {
    o.status = RegionStatus::missing(fmt::format("GET {}: {}", kManagementUnits, mus.error().message()));
    return o;
  }
  std::vector<std::string> mu_ids;
  for (const auto& mu : (*mus)["entities"]) {
    const auto id = text_of(mu, "id");
    if (!id.empty()) mu_ids.push_back(id);
  }
  o.management_units = static_cast<int>(mu_ids.size());
  o.management_unit_ids = mu_ids;
  int failed = 0;
  std::string first_error;
  std::set<std::string> seen;
  for (const auto& mu : mu_ids) {
    const auto path = fmt::format("{}/{}/adherence", kManagementUnits, api::percent_encode(mu));
    auto listing = client::get_wfm_listing(c, path);
    std::vector<json> entities;
    if (listing) {
      for (const auto& e : (*listing)["entities"]) entities.push_back(e);
    } else {
      // Fallback: the MU's users, then GET …/adherence?userId=… in batches of ≤ 100 ids.
      auto batched = read_adherence_by_users(c, mu);
      if (!batched.error.empty()) {
        ++failed;
        if (first_error.empty())
          first_error = fmt::format("GET {}: {}; by user ids: {}", path, listing.error().message(), batched.error);
        continue;
      }
      entities = std::move(batched.entities);
    }
    o.answered_at = c.clock().now();
    for (const auto& e : entities) {
      auto a = parse_adherence_record(e, mu);
      if (a && seen.insert(a->user_id).second) o.agents.push_back(std::move(*a));
    }
  }
  if (!mu_ids.empty() && failed == static_cast<int>(mu_ids.size())) {
    o.status = RegionStatus::missing(first_error);
    o.agents.clear();
    return o;
  }
  std::vector<std::string> ids;
  for (const auto& a : o.agents) ids.push_back(a.user_id);
  std::map<std::string, std::string> emails;
  const auto email_error = read_emails(c, ids, emails);
  int unkeyed = 0;
  for (auto& a : o.agents) {
    a.org = o.org;
    a.region = o.region;
    a.person_key = person_key(emails, o.org, a.user_id);
    if (!emails.count(a.user_id)) ++unkeyed;
  }
  std::sort(o.agents.begin(), o.agents.end(),
            [](const AgentAdherence& x, const AgentAdherence& y) { return x.user_id < y.user_id; });
  for (const auto& a : o.agents) o.counts.add(a);
  if (failed > 0) {
    o.status = RegionStatus::partial(fmt::format("{} of {} management units", failed, mu_ids.size()), first_error);
  } else if (unkeyed > 0 && !email_error.empty()) {
    o.status = RegionStatus::partial(fmt::format("{} agents without e-mail (not merged across orgs)", unkeyed),
                                     email_error);
  }
  return o;
}

namespace {
// Which of two records of one person counts globally (see the header).
bool better(const AgentAdherence& candidate, const AgentAdherence& current) {
  if (candidate.scheduled() != current.scheduled()) return candidate.scheduled();
  const bool cu = candidate.adherence_state == "Unscheduled", ku = current.adherence_state == "Unscheduled";
  if (cu != ku) return !cu;
  return false;  // tie: the earlier org of ORGS.json stays
}
}  // namespace

AdherenceSnapshot merge_adherence(std::vector<OrgAdherence> orgs, client::Instant taken_at, int outlier_minutes) {
  AdherenceSnapshot s;
  s.taken_at = taken_at;
  s.outlier_minutes = outlier_minutes;
  s.orgs = std::move(orgs);
  std::map<std::string, const AgentAdherence*> winner;
  std::map<std::string, int> records;
  int total = 0;
  for (auto& o : s.orgs) {
    if (o.answered_at) o.staleness = std::max(client::Millis(0), taken_at - *o.answered_at);
    for (const auto& a : o.agents) {
      ++total;
      ++records[a.person_key];
      auto [it, fresh] = winner.emplace(a.person_key, &a);
      if (!fresh && better(a, *it->second)) it->second = &a;
    }
  }
  for (const auto& [key, a] : winner) {
    s.global.add(*a);
    if (records[key] > 1) ++s.multi_region_people;
    if (a->adherence_state == "OutOfAdherence" && a->impact == "Negative" && a->time_of_adherence_change) {
      const auto minutes = std::chrono::duration_cast<std::chrono::minutes>(taken_at - *a->time_of_adherence_change);
      if (minutes.count() >= outlier_minutes) s.outliers.push_back({key, a->name, a->org, a->user_id, minutes.count()});
    }
  }
  s.people = s.global.agents;
  s.duplicates = total - s.people;
  std::sort(s.outliers.begin(), s.outliers.end(), [](const AdherenceOutlier& x, const AdherenceOutlier& y) {
    return x.minutes != y.minutes ? x.minutes > y.minutes : x.person_key < y.person_key;
  });
  return s;
}

AdherenceSnapshot take_adherence_snapshot(client::OrgClients& orgs, const AdherenceOptions& options) {
  std::vector<OrgAdherence> read;
  for (std::size_t i = 0; i < orgs.size(); ++i) {
    read.push_back(read_org_adherence(orgs.at(i)));
    if (options.progress) options.progress(i + 1, orgs.size(), orgs.at(i).org().name);
  }
  const auto now = orgs.size() ? orgs.at(0).clock().now() : client::Instant{};
  return merge_adherence(std::move(read), now, options.outlier_minutes);
}

void poll_adherence(client::OrgClients& orgs, const AdherenceOptions& options, int rounds, client::Millis period,
                    const std::function<void(int round, const AdherenceSnapshot&)>& on_round) {
  if (orgs.size() == 0 || rounds <= 0) return;
  auto& clock = orgs.at(0).clock();
  const auto schedule = orgs.poll_schedule(period);
  const auto start = clock.now();
  std::vector<std::optional<OrgAdherence>> last(orgs.size());
  for (int k = 0; k < rounds; ++k) {
    std::vector<std::pair<client::Instant, std::size_t>> order;
    for (std::size_t i = 0; i < orgs.size(); ++i)
      order.emplace_back(schedule.poll_time(start, i, static_cast<std::uint64_t>(k)), i);
    std::sort(order.begin(), order.end());
    for (const auto& [when, i] : order) {
      clock.sleep_until(when);
      auto fresh = read_org_adherence(orgs.at(i));
      if (fresh.status.is_missing() && last[i] && !last[i]->agents.empty()) {
        last[i]->status = RegionStatus::partial("stale data (kept from an earlier poll)", fresh.status.why);
      } else {
        last[i] = std::move(fresh);
      }
    }
    std::vector<OrgAdherence> now_orgs;
    for (auto& o : last) now_orgs.push_back(*o);
    on_round(k, merge_adherence(std::move(now_orgs), clock.now(), options.outlier_minutes));
  }
}

json to_json(const AdherenceSnapshot& s) {
  auto counts = [](const AdherenceCounts& c) {
    json j{{"agents", c.agents}, {"scheduled", c.scheduled}, {"inAdherenceScheduled", c.in_adherence_scheduled},
           {"states", c.states}, {"impacts", c.impacts}};
    const auto p = c.percent_in_adherence();
    j["percentInAdherence"] = p ? json(std::round(*p * 10) / 10) : json(nullptr);
    return j;
  };
  json orgs = json::array();
  for (const auto& o : s.orgs) {
    json j{{"org", o.org}, {"region", o.region}, {"managementUnits", o.management_units}, {"counts", counts(o.counts)}};
    j.update(json(o.status));
    j["stalenessMs"] = o.staleness ? json(o.staleness->count()) : json(nullptr);
    orgs.push_back(std::move(j));
  }
  json outliers = json::array();
  for (const auto& x : s.outliers)
    outliers.push_back({{"person", x.person_key}, {"name", x.name}, {"org", x.org}, {"userId", x.user_id},
                        {"minutes", x.minutes}});
  return {{"takenAt", api::format_instant(s.taken_at)},
          {"outlierMinutes", s.outlier_minutes},
          {"orgs", std::move(orgs)},
          {"global", counts(s.global)},
          {"people", s.people},
          {"multiRegionPeople", s.multi_region_people},
          {"duplicates", s.duplicates},
          {"outliers", std::move(outliers)}};
}

}  // namespace mockgc::workflows
