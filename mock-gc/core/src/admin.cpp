// The admin API under /mockgc/admin/… (JSON; separate from the Genesys paths). Guard: when
// ServiceOptions::admin_token is set, `Authorization: Bearer <token>` is required; otherwise only loopback
// peers (127.0.0.0/8, ::1) and in-process callers are served. Refusals are Genesys ErrorBodies (403).
//   GET  /mockgc/admin/summary                  seed, clock (mode, now), regions + credentials, faults, active ids
//   POST /mockgc/admin/clock/advance {"by":"PT10M"}   virtual clock only (409 otherwise)
//   POST /mockgc/admin/clock/set {"to":"2026-…Z"}     virtual clock only, never backwards (409)
//   GET  /mockgc/admin/journal[?since=N (seq >= N)][&format=jsonl]
//   GET  /mockgc/admin/counters                 per-route counters
#include <fmt/format.h>

#include <sstream>

#include "call_helpers.hpp"
#include "mockgc/core/clock_text.hpp"
#include "service_impl.hpp"

namespace mockgc::core {
namespace {

bool loopback_peer(std::string_view peer) {
  if (peer.empty() || peer == "inprocess" || peer == "runner") return true;  // not a network peer
  return peer.rfind("127.", 0) == 0 || peer.rfind("[::1]", 0) == 0 || peer.rfind("::1", 0) == 0;
}

ApiError forbidden(std::string message) { return {403, "forbidden", std::move(message)}; }

}  // namespace

Reply ServiceImpl::handle_admin(const api::HttpRequest& request, const RequestContext& ctx, const api::Target& target,
                                RequestTrace& trace) {
  trace.route = "/mockgc/admin";
  if (options_.admin_token) {
    const auto auth = request.headers.get("Authorization");
    if (!auth || trim(*auth) != "Bearer " + *options_.admin_token)
      return error_reply(forbidden("The admin API needs Authorization: Bearer <admin token>."));
  } else if (!loopback_peer(ctx.peer)) {
    return error_reply(forbidden("The admin API is served to loopback peers only (or start with --admin-token)."));
  }
  const std::string& path = target.path;
  const auto& method = request.method;
  const Instant now = clock_->now();

  if (path == "/mockgc/admin/summary" && method == "GET") {
    json regions_json = json::array();
    for (const auto& r : regions())
      regions_json.push_back(
          {{"region", r.region}, {"org", r.org_name}, {"client_id", r.client_id}, {"client_secret", r.client_secret}});
    json active = json::array();
    for (const auto& f : plan_.faults()) {
      const Instant from = plan_.start() + f.at;
      if (from <= now && (!f.duration || now < from + *f.duration)) active.push_back(f.id);
    }
    return json_reply({{"seed", seed_},
                       {"clock", {{"mode", virtual_clock_ ? "virtual" : "real"}, {"now", format_instant(now)}}},
                       {"regions", regions_json},
                       {"faults", plan_.to_json()},
                       {"active_faults", active},
                       {"rate_limits", limiter_ != nullptr},
                       {"journal", {{"capacity", journal_->capacity()}, {"total", journal_->total_appended()}}}});
  }
  if ((path == "/mockgc/admin/clock/advance" || path == "/mockgc/admin/clock/set") && method == "POST") {
    if (!virtual_clock_) return error_reply(conflict("The clock is real; only a virtual clock can be moved."));
    const auto body = json::parse(request.body, nullptr, false);
    const bool advance = path.ends_with("advance");
    const char* key = advance ? "by" : "to";
    if (!body.is_object() || !body.contains(key) || !body[key].is_string())
      return error_reply(bad_request(fmt::format("Body must be {{\"{}\": \"…\"}}.", key)));
    const auto text = body[key].get<std::string>();
    if (advance) {
      const auto by = parse_duration(text);
      if (!by || *by < Millis{0}) return error_reply(bad_request("'by' must be a non-negative ISO-8601 duration."));
      virtual_clock_->advance(*by);
    } else {
      const auto to = parse_instant(text);
      if (!to) return error_reply(bad_request("'to' must be an ISO-8601 instant."));
      if (*to < now) return error_reply(conflict("The clock never moves backwards."));
      virtual_clock_->set(*to);
    }
    return json_reply({{"mode", "virtual"}, {"now", format_instant(clock_->now())}});
  }
  if (path == "/mockgc/admin/journal" && method == "GET") {
    std::uint64_t since = 0;
    if (auto s = target.query.first("since")) {
      try {
        since = std::stoull(*s);
      } catch (const std::exception&) {
        return error_reply(bad_request("'since' must be a sequence number."));
      }
    }
    if (target.query.first("format").value_or("json") == "jsonl") {
      std::ostringstream out;
      journal_->export_jsonl(out, since);
      Reply r;
      r.body = out.str();
      return r;
    }
    json entries = json::array();
    for (const auto& e : journal_->snapshot(since)) entries.push_back(journal::entry_to_json(e));
    return json_reply({{"entities", entries}, {"last_seq", journal_->last_seq()}});
  }
  if (path == "/mockgc/admin/counters" && method == "GET") return json_reply({{"entities", journal_->route_counts_json()}});
  return error_reply(not_found(fmt::format("No admin resource for {} {}.", method, path)));
}

}  // namespace mockgc::core
