#include "mockgc/workflows/activity_code_sync.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>

#include "mockgc/api/error_body.hpp"
#include "mockgc/api/url.hpp"
#include "mockgc/client/create_if_missing.hpp"
#include "mockgc/client/errc.hpp"
#include "mockgc/client/json_calls.hpp"
#include "genesys_paths.hpp"

namespace mockgc::workflows {
namespace {

using nlohmann::json;
using client::OrgClient;

using paths::kBusinessUnits;

std::string codes_path(const std::string& bu_id) {
  return fmt::format("{}/{}/activitycodes", kBusinessUnits, api::percent_encode(bu_id));
}
std::string code_path(const std::string& bu_id, const std::string& code_id) {
  return fmt::format("{}/{}", codes_path(bu_id), api::percent_encode(code_id));
}

std::string status_text(std::string_view method, std::string_view path, const api::HttpResponse& r) {
  const auto e = api::error_body_of(r);
  if (e.code.empty()) return fmt::format("{} {} answered {}", method, path, r.status);
  return fmt::format("{} {} answered {} {}", method, path, r.status, e.code);
}

// A GET of JSON (following a WFM downloadUrl); on failure a one-line reason.
struct Fetched {
  std::optional<json> body;
  std::string error;
};
Fetched get_json_listing(OrgClient& c, const std::string& path) {
  auto r = c.call("GET", path);
  if (!r) return {std::nullopt, fmt::format("GET {}: {}", path, r.error().message())};
  if (!r->ok()) return {std::nullopt, status_text("GET", path, *r)};
  auto body = client::parse_json_body(*r);
  if (!body) return {std::nullopt, fmt::format("GET {}: {}", path, body.error().message())};
  auto resolved = client::resolve_download(c, std::move(*body));
  if (!resolved) return {std::nullopt, fmt::format("GET {} (download): {}", path, resolved.error().message())};
  return {std::move(*resolved), {}};
}

struct OrgSnapshot {
  std::string bu_id;
  std::vector<ActivityCode> codes;
  std::string error;  // non-empty: the org could not be read
};

OrgSnapshot read_org(OrgClient& c, const SyncOptions& options) {
  OrgSnapshot s;
  auto bus = get_json_listing(c, std::string(kBusinessUnits));
  if (!bus.body) {
    s.error = bus.error;
    return s;
  }
  const auto units = parse_business_units(*bus.body);
  if (options.business_unit) {
    for (const auto& bu : units)
      if (bu.name == *options.business_unit) s.bu_id = bu.id;
    if (s.bu_id.empty()) {
      s.error = fmt::format("no business unit named \"{}\"", *options.business_unit);
      return s;
    }
  } else if (units.size() == 1) {
    s.bu_id = units.front().id;
  } else {
    s.error = fmt::format("{} business units and none chosen (--business-unit NAME)", units.size());
    return s;
  }
  auto codes = get_json_listing(c, codes_path(s.bu_id));
  if (!codes.body) {
    s.error = codes.error;
    return s;
  }
  s.codes = parse_activity_codes(*codes.body);
  return s;
}

std::vector<std::string> drifted_fields(const json& desired, const json& actual) {
  std::vector<std::string> out;
  for (const auto& [field, value] : desired.items()) {
    auto it = actual.find(field);
    if (it == actual.end() || *it != value) out.push_back(field);
  }
  return out;  // json objects iterate in key order: deterministic
}

// Plans one source code against a target's codes that share its name key.
SyncItem plan_item(const ActivityCode& source, const std::vector<const ActivityCode*>& matches, int& unchanged,
                   bool& is_unchanged) {
  SyncItem item;
  item.name = source.name;
  item.key = activity_code_name_key(source.name);
  item.category = source.category;
  item.desired = source.attributes;
  is_unchanged = false;
  if (matches.empty()) {
    item.action = SyncAction::create;
    return item;
  }
  item.action = SyncAction::conflict;
  if (matches.size() > 1) {
    item.why = fmt::format("{} codes in this org share the name", matches.size());
    return item;
  }
  const ActivityCode& t = *matches.front();
  item.target_id = t.id;
  item.target_version = t.version;
  item.target_category = t.category;
  if (t.default_code) {
    item.why = fmt::format("matches the default code \"{}\"", t.name);
    return item;
  }
  if (t.category != source.category) {
    item.why = fmt::format("category {} in the source, {} here", source.category, t.category);
    return item;
  }
  item.drifted = drifted_fields(source.attributes, t.attributes);
  if (item.drifted.empty()) {
    ++unchanged;
    is_unchanged = true;
    return item;
  }
  item.action = SyncAction::update;
  return item;
}

// The source's custom codes by name key; keys held by several source codes are ambiguous.
struct SourceSet {
  std::map<std::string, const ActivityCode*> by_key;
  std::map<std::string, std::vector<const ActivityCode*>> ambiguous;
};
SourceSet source_set(const std::vector<ActivityCode>& codes) {
  std::map<std::string, std::vector<const ActivityCode*>> all;
  for (const auto& c : codes)
    if (!c.default_code) all[activity_code_name_key(c.name)].push_back(&c);
  SourceSet s;
  for (auto& [key, list] : all) {
    if (list.size() == 1) {
      s.by_key[key] = list.front();
    } else {
      s.ambiguous[key] = list;
    }
  }
  return s;
}

OrgSyncPlan plan_target(const SourceSet& source, const std::vector<ActivityCode>& target_codes) {
  OrgSyncPlan p;
  std::map<std::string, std::vector<const ActivityCode*>> index;
  for (const auto& c : target_codes) index[activity_code_name_key(c.name)].push_back(&c);
  for (const auto& [key, code] : source.by_key) {
    auto it = index.find(key);
    static const std::vector<const ActivityCode*> none;
    bool is_unchanged = false;
    auto item = plan_item(*code, it == index.end() ? none : it->second, p.unchanged, is_unchanged);
    if (!is_unchanged) p.items.push_back(std::move(item));
  }
  return p;
}

void progress(const SyncOptions& o, std::size_t done, std::size_t total, std::string_view what) {
  if (o.progress) o.progress(done, total, what);
}

json patch_body(const SyncItem& item, const std::vector<std::string>& fields, long long version) {
  json body = json::object();
  for (const auto& f : fields) {
    const auto& v = item.desired.at(f);
    if (f == "style") {
      body[f] = {{"value", v}};  // UpdateActivityCodeRequest wraps complex fields (ValueWrapper)
    } else {
      body[f] = v;
    }
  }
  body["metadata"] = {{"version", version}};
  return body;
}

json create_body(const SyncItem& item) {
  json body = item.desired;
  body["name"] = item.name;
  body["category"] = item.category;
  return body;
}

struct ApplyCounters {
  OrgSyncReport& report;
  void error(std::string note) {
    ++report.errors;
    report.notes.push_back(std::move(note));
  }
  void conflict(std::string note) {
    ++report.conflicts;
    report.notes.push_back(std::move(note));
  }
};

void apply_create(OrgClient& c, const std::string& bu_id, const SyncItem& item, ApplyCounters& out) {
  const std::string path = codes_path(bu_id);
  std::string find_error;
  auto find = [&]() -> client::Result<std::optional<json>> {
    auto listing = get_json_listing(c, path);
    if (!listing.body) {
      find_error = listing.error;
      return client::errc::unexpected_status;
    }
    for (const auto& e : (*listing.body)["entities"]) {
      auto code = parse_activity_code(e);
      if (code && activity_code_name_key(code->name) == item.key) return std::optional<json>(e);
    }
    return std::optional<json>();
  };
  auto create = [&]() { return c.call("POST", path, {}, create_body(item).dump()); };
  auto r = client::create_if_missing(find, create);
  if (!r) {
    out.error(fmt::format("create \"{}\": {}", item.name, find_error.empty() ? r.error().message() : find_error));
    return;
  }
  switch (r->outcome) {
    case client::CreateOutcome::created:
    case client::CreateOutcome::created_unconfirmed_answer: ++out.report.created; return;
    case client::CreateOutcome::already_existed:
      // Appeared after planning (another writer, or a create whose 409 said it exists): left for the next run.
      ++out.report.unchanged;
      out.report.notes.push_back(fmt::format("\"{}\" appeared after planning; the next run re-checks it", item.name));
      return;
    case client::CreateOutcome::rejected:
      out.error(fmt::format("create \"{}\": {}", item.name, status_text("POST", path, r->response)));
      return;
  }
}

void apply_update(OrgClient& c, const std::string& bu_id, const SyncItem& item, ApplyCounters& out) {
  const std::string path = code_path(bu_id, item.target_id);
  std::vector<std::string> fields = item.drifted;
  std::optional<long long> version = item.target_version;
  // A PATCH sets absolute values and carries the version, so replaying it is safe (a replay gets 409).
  const client::CallOptions idempotent{.idempotent = true};
  for (int attempt = 0; attempt < 2; ++attempt) {
    if (!version) {
      out.error(fmt::format("update \"{}\": the target code has no metadata.version", item.name));
      return;
    }
    auto r = c.call("PATCH", path, {}, patch_body(item, fields, *version).dump(), idempotent);
    if (!r) {
      out.error(fmt::format("update \"{}\": {}", item.name, r.error().message()));
      return;
    }
    if (r->ok()) {
      ++out.report.updated;
      return;
    }
    if (r->status != 409 || attempt == 1) {
      out.error(fmt::format("update \"{}\": {}", item.name, status_text("PATCH", path, *r)));
      return;
    }
    // 409: someone changed it since we read it. Re-read and re-plan this one code once.
    auto fresh = c.call("GET", path);
    if (!fresh || !fresh->ok()) {
      out.error(fmt::format("update \"{}\": re-read after 409 failed", item.name));
      return;
    }
    auto body = client::parse_json_body(*fresh);
    auto code = body ? parse_activity_code(*body) : std::nullopt;
    if (!code) {
      out.error(fmt::format("update \"{}\": re-read after 409 was not an activity code", item.name));
      return;
    }
    if (code->category != item.category) {
      out.conflict(fmt::format("\"{}\": category {} in the source, {} here (changed during sync)", item.name,
                               item.category, code->category));
      return;
    }
    fields = drifted_fields(item.desired, code->attributes);
    if (fields.empty()) {
      ++out.report.unchanged;
      return;
    }
    version = code->version;
  }
}

OrgSyncReport report_header(const OrgSyncPlan& p) {
  OrgSyncReport r;
  r.org = p.org;
  r.region = p.region;
  r.is_source = p.is_source;
  r.status = p.status;
  r.unchanged = p.unchanged;
  return r;
}

}  // namespace

std::string_view to_string(SyncAction a) {
  switch (a) {
    case SyncAction::create: return "create";
    case SyncAction::update: return "update";
    case SyncAction::conflict: return "conflict";
  }
  return "conflict";
}

bool SyncPlan::nothing_to_write() const {
  for (const auto& o : orgs)
    for (const auto& i : o.items)
      if (i.action != SyncAction::conflict) return false;
  return true;
}

bool SyncReport::any_missing() const {
  return std::any_of(orgs.begin(), orgs.end(), [](const auto& o) { return o.status.is_missing(); });
}

SyncPlan plan_sync(client::OrgClients& orgs, const SyncOptions& options) {
  SyncPlan plan;
  std::vector<OrgSnapshot> snapshots;
  std::optional<std::size_t> source_index;
  for (std::size_t i = 0; i < orgs.size(); ++i) {
    OrgSyncPlan p;
    p.org = orgs.at(i).org().name;
    p.region = orgs.at(i).org().region;
    p.is_source = p.region == options.source_region && !source_index;
    if (p.is_source) {
      source_index = i;
      plan.source_org = p.org;
    }
    plan.orgs.push_back(std::move(p));
  }
  for (std::size_t i = 0; i < orgs.size(); ++i) {
    snapshots.push_back(read_org(orgs.at(i), options));
    progress(options, i + 1, orgs.size(), plan.orgs[i].org);
  }
  if (!source_index || !snapshots[*source_index].error.empty()) {
    const std::string why = !source_index
                                ? fmt::format("source region \"{}\" is not among the orgs", options.source_region)
                                : fmt::format("source org {} unreadable: {}", plan.source_org,
                                              snapshots[*source_index].error);
    for (auto& p : plan.orgs) p.status = RegionStatus::missing(why);
    return plan;
  }
  const SourceSet source = source_set(snapshots[*source_index].codes);
  for (std::size_t i = 0; i < orgs.size(); ++i) {
    auto& p = plan.orgs[i];
    const auto& snap = snapshots[i];
    if (!snap.error.empty()) {
      p.status = RegionStatus::missing(snap.error);
      continue;
    }
    p.business_unit_id = snap.bu_id;
    if (p.is_source) {
      p.unchanged = static_cast<int>(source.by_key.size());
      for (const auto& [key, list] : source.ambiguous) {
        SyncItem item;
        item.action = SyncAction::conflict;
        item.name = list.front()->name;
        item.key = key;
        item.category = list.front()->category;
        item.why = fmt::format("{} source codes share this name; none of them is synced", list.size());
        p.items.push_back(std::move(item));
      }
      continue;
    }
    auto target = plan_target(source, snap.codes);
    p.items = std::move(target.items);
    p.unchanged = target.unchanged;
  }
  return plan;
}

SyncReport apply_sync(client::OrgClients& orgs, const SyncPlan& plan, const SyncOptions& options) {
  SyncReport report;
  report.source_org = plan.source_org;
  std::size_t total = 0, done = 0;
  for (const auto& p : plan.orgs) total += p.items.size();
  for (const auto& p : plan.orgs) {
    OrgSyncReport r = report_header(p);
    OrgClient* c = orgs.find(p.org);
    if (!c && !r.status.is_missing()) r.status = RegionStatus::missing("org not among the clients");
    ApplyCounters out{r};
    for (const auto& item : p.items) {
      if (r.status.is_missing()) break;
      switch (item.action) {
        case SyncAction::conflict: out.conflict(fmt::format("\"{}\": {}", item.name, item.why)); break;
        case SyncAction::create: apply_create(*c, p.business_unit_id, item, out); break;
        case SyncAction::update: apply_update(*c, p.business_unit_id, item, out); break;
      }
      progress(options, ++done, total, p.org);
    }
    if (!r.status.is_missing() && r.errors > 0) {
      const auto writes = std::count_if(p.items.begin(), p.items.end(),
                                        [](const SyncItem& i) { return i.action != SyncAction::conflict; });
      std::string first_error;
      for (const auto& n : r.notes)
        if (n.rfind("create ", 0) == 0 || n.rfind("update ", 0) == 0) {
          first_error = n;
          break;
        }
      r.status = RegionStatus::partial(fmt::format("{} of {} changes failed", r.errors, writes), first_error);
    }
    report.orgs.push_back(std::move(r));
  }
  return report;
}

SyncReport report_for_dry_run(const SyncPlan& plan) {
  SyncReport report;
  report.dry_run = true;
  report.source_org = plan.source_org;
  for (const auto& p : plan.orgs) {
    OrgSyncReport r = report_header(p);
    for (const auto& item : p.items) {
      switch (item.action) {
        case SyncAction::create:
          ++r.created;
          break;
        case SyncAction::update:
          ++r.updated;
          break;
        case SyncAction::conflict:
          ++r.conflicts;
          r.notes.push_back(fmt::format("\"{}\": {}", item.name, item.why));
          break;
      }
    }
    report.orgs.push_back(std::move(r));
  }
  return report;
}

nlohmann::json to_json(const SyncPlan& plan) {
  json orgs = json::array();
  for (const auto& p : plan.orgs) {
    json items = json::array();
    for (const auto& i : p.items) {
      json j{{"action", to_string(i.action)}, {"name", i.name}, {"category", i.category}};
      if (i.action == SyncAction::update) j["drifted"] = i.drifted;
      if (i.action == SyncAction::conflict) j["why"] = i.why;
      if (!i.target_category.empty()) j["targetCategory"] = i.target_category;
      items.push_back(std::move(j));
    }
    json o{{"org", p.org}, {"region", p.region}, {"source", p.is_source}, {"unchanged", p.unchanged},
           {"items", std::move(items)}};
    o.update(json(p.status));
    orgs.push_back(std::move(o));
  }
  return json{{"source", plan.source_org}, {"orgs", std::move(orgs)}};
}

nlohmann::json to_json(const SyncReport& report) {
  json orgs = json::array();
  for (const auto& r : report.orgs) {
    json o{{"org", r.org},         {"region", r.region},       {"source", r.is_source},
           {"created", r.created}, {"updated", r.updated},     {"unchanged", r.unchanged},
           {"conflicts", r.conflicts}, {"errors", r.errors},   {"notes", r.notes}};
    o.update(json(r.status));
    orgs.push_back(std::move(o));
  }
  return json{{"dryRun", report.dry_run}, {"source", report.source_org}, {"orgs", std::move(orgs)}};
}

}  // namespace mockgc::workflows
