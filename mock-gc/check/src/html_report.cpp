#include "mockgc/check/html_report.hpp"

#include <fmt/format.h>

#include <cmath>

#include "mockgc/api/time.hpp"
#include "mockgc/check/report_writers.hpp"
#include "route_kinds.hpp"

namespace mockgc::check {
namespace {

namespace faults = core::faults;

std::string scope(const faults::Fault& f) {
  std::string s;
  if (!f.family.empty()) s = f.family + " routes";
  else if (!f.path.empty()) s = f.path;
  else s = "every route";
  if (!f.method.empty()) s = f.method + " " + s;
  return s;
}

std::string share(double probability) {
  if (probability >= 1.0) return "";
  return fmt::format(" to about {}% of the requests", static_cast<int>(std::lround(probability * 100)));
}

}  // namespace

std::string fault_effect(const faults::Fault& f) {
  const std::string where = scope(f);
  const bool plural = !f.family.empty();  // "analytics routes answer", "every route answers"
  return std::visit(
      [&](const auto& p) -> std::string {
        using P = std::decay_t<decltype(p)>;
        if constexpr (std::is_same_v<P, faults::RateLimitFault>) {
          return fmt::format("{} allow{} {} requests per minute per client, then answer{} 429", where,
                             plural ? "" : "s", p.per_minute, plural ? "" : "s");
        } else if constexpr (std::is_same_v<P, faults::OutageFault>) {
          return fmt::format("{} answer{} {}{}", where, plural ? "" : "s", p.status, share(f.probability));
        } else if constexpr (std::is_same_v<P, faults::MaintenanceFault>) {
          return fmt::format("{} answer{} 503 for maintenance{}", where, plural ? "" : "s", share(f.probability));
        } else if constexpr (std::is_same_v<P, faults::LatencyFault>) {
          std::string delay;
          switch (p.model) {
            case faults::LatencyModel::fixed: delay = fmt::format("{} ms", p.ms); break;
            case faults::LatencyModel::uniform: delay = fmt::format("{}–{} ms", p.min_ms, p.max_ms); break;
            case faults::LatencyModel::lognormal: delay = fmt::format("about {} ms (up to {} ms)", p.median_ms, p.max_ms); break;
          }
          return fmt::format("{} answer{} after {} more{}", where, plural ? "" : "s", delay, share(f.probability));
        } else if constexpr (std::is_same_v<P, faults::TransportFault>) {
          return fmt::format("{}: the connection suffers {}{}", where, faults::transport_action_name(p.action),
                             share(f.probability));
        } else if constexpr (std::is_same_v<P, faults::TokenFault>) {
          const std::string who = p.client_id.empty() ? "every client's" : "client " + p.client_id + "'s";
          if (p.action == faults::TokenAction::revoke_at) return fmt::format("{} tokens are revoked", who);
          return fmt::format("{} new tokens live only {}", who, api::format_duration(api::Millis{p.lifetime_ms}));
        } else if constexpr (std::is_same_v<P, faults::DataFault>) {
          return "the world's data changes under the integration";
        } else if constexpr (std::is_same_v<P, faults::ClockSkewFault>) {
          return fmt::format("the region's clock is {} ms off", p.skew_ms);
        } else {
          using A = faults::NotificationAction;
          switch (p.action) {
            case A::socket_drop: return fmt::format("{}: notification sockets are dropped", where);
            case A::heartbeat_stop: return fmt::format("{}: channel heartbeats stop", where);
            case A::socket_closing:
              return fmt::format("{}: sockets are warned (socket_closing) and closed {} later", where,
                                 api::format_duration(api::Millis{p.grace_ms}));
            case A::channel_expire: return fmt::format("{}: notification channels expire", where);
            case A::notification_delay:
              return fmt::format("{}: events arrive {} late{}", where, api::format_duration(api::Millis{p.delay_ms}),
                                 share(f.probability));
            case A::notification_duplicate: return fmt::format("{}: events arrive twice{}", where, share(f.probability));
            case A::notification_drop: return fmt::format("{}: events are lost{}", where, share(f.probability));
          }
          return fmt::format("{}: notifications misbehave", where);
        }
      },
      f.params);
}

HtmlReport::HtmlReport(const core::Scenario& scenario, std::string label, std::uint64_t seed) {
  header_.scenario = std::move(label);
  header_.seed = seed;
  header_.start = core::run_start(scenario);
  for (const auto& org : scenario.world.orgs) header_.regions.push_back({org.region, org.name});
  for (const auto& f : scenario.faults) {
    reports::FaultSpan s;
    s.id = f.id;
    s.type = std::string(faults::fault_type_name(f.type()));
    s.region = f.region;
    s.effect = fault_effect(f);
    s.start = header_.start + f.at;
    if (f.duration) s.end = s.start + *f.duration;
    header_.faults.push_back(std::move(s));
  }
  digest_ = reports::JournalDigest(header_.faults);
}

void HtmlReport::observe(const core::journal::JournalEntry& e) {
  // The digest draws requests: the harness's own are not the integration's, channel events are not requests.
  if (detail::harness_own(e.path) || !e.event.empty()) return;
  reports::JournalRow row;
  row.seq = e.seq;
  row.at = e.time;
  row.region = e.region;
  row.method = e.method;
  row.path = e.query.empty() ? e.path : e.path + "?" + e.query;
  row.route = e.route;
  row.status = e.status;
  row.fault = e.fault;
  row.latency_ms = e.latency_ms;
  row.login = e.method == "POST" && e.path == "/oauth/token";
  digest_.add(row);
}

std::string HtmlReport::html(const CheckReport& report) const {
  reports::ReportHeader h = header_;
  h.title = fmt::format("mock-gc check {}", report.scenario);
  h.scenario = report.scenario;
  h.seed = report.seed;
  h.speed = fmt::format("{}", report.speed);
  h.command = report.run.command;
  h.verdict = report.verdict();
  h.summary = verdict_line(report);
  h.untested_faults = report.untested_faults;
  for (const auto& r : report.rules) {
    reports::Verdict v;
    v.rule = r.id;
    v.region = r.region.value_or("");
    v.status = to_string(r.status);
    v.severity = to_string(r.severity);
    v.note = r.note;
    v.evidence_count = r.finding_count;
    for (const auto& f : r.findings) v.evidence.push_back({f.at, f.seq, f.method, f.path, f.status, f.message});
    h.verdicts.push_back(std::move(v));
  }
  return reports::run_report_html(h, digest_);
}

std::string HtmlReport::html(reports::ReportHeader header) const { return reports::run_report_html(header, digest_); }

}  // namespace mockgc::check
