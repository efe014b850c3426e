#include "mockgc/check/evaluator.hpp"

#include <algorithm>
#include <numeric>
#include <unordered_map>

#include "mockgc/api/text.hpp"
#include "mockgc/reports/run_report.hpp"
#include "route_kinds.hpp"
#include "rule.hpp"

namespace mockgc::check {
namespace {

using detail::Rule;

constexpr std::size_t kMaxRegions = 64;   // distinct regions judged; more fold into "(other)"
constexpr std::size_t kMaxClients = 4096;  // distinct client keys; more fold into one

}  // namespace

struct Evaluator::Impl {
  CheckContext context;
  RulesConfig config;
  detail::Shared shared{context, config, {}, 0, 0};
  std::vector<std::unique_ptr<Rule>> rules;
  std::unordered_map<std::string, std::uint32_t> clients;
  detail::BoundedMap<std::uint32_t> channel_clients;  // channel id hash -> the client that created it
  std::vector<bool> fault_met;

  std::uint32_t region_index(std::string_view region) {
    if (region.empty()) region = "(unknown)";
    for (std::uint32_t i = 0; i < shared.regions.size(); ++i)
      if (shared.regions[i] == region) return i;
    if (shared.regions.size() + 1 >= kMaxRegions) region = "(other)";
    for (std::uint32_t i = 0; i < shared.regions.size(); ++i)
      if (shared.regions[i] == region) return i;
    shared.regions.emplace_back(region);
    return static_cast<std::uint32_t>(shared.regions.size() - 1);
  }

  std::uint32_t client_index(const core::journal::JournalEntry& e) {
    const std::string& k = !e.client_id.empty() ? e.client_id : e.token;
    if (const auto it = clients.find(k); it != clients.end()) return it->second;
    if (clients.size() >= kMaxClients) return static_cast<std::uint32_t>(kMaxClients);
    const auto id = static_cast<std::uint32_t>(clients.size());
    clients.emplace(k, id);
    return id;
  }

  static bool counted_under(const FaultWindow& f, std::string_view scope) {
    if (f.method.empty() && f.path.empty()) return scope == "client";
    const std::string suffix = " " + (f.path.empty() ? std::string("/**") : f.path);
    return scope.starts_with("route:") && scope.ends_with(suffix) &&
           (f.method.empty() || api::iequals(scope.substr(6, scope.size() - 6 - suffix.size()), f.method));
  }

  // A channel event meets only the faults it names (it is not a request inside their window).
  void track_faults(const core::journal::JournalEntry& e, std::int64_t ms, bool request) {
    const auto& faults = context.faults;
    for (std::size_t i = 0; i < faults.size(); ++i) {
      if (fault_met[i]) continue;
      const auto& f = faults[i];
      if (reports::names_fault(e.fault, f.id)) {
        fault_met[i] = true;
        continue;
      }
      if (!request) continue;
      // Faults the journal names on every request they act on are met only when they fired.
      if (reports::fires_on_requests(f.type)) continue;
      const bool in_region = f.region.empty() || f.region == e.region;
      const bool in_window = ms >= f.start.time_since_epoch().count() &&
                             (!f.end || ms < f.end->time_since_epoch().count());
      if (!in_region || !in_window) continue;
      // A rate limit is met by a 429 in its window, or by a request its window counted: a client that reads
      // inin-ratelimit-* and paces itself meets the storm without ever being refused.
      if (f.type == "rate_limit" && e.status != 429 && !counted_under(f, e.limit_scope)) continue;
      fault_met[i] = true;
    }
  }
};

Evaluator::Evaluator(CheckContext context, RulesConfig config) : impl_(std::make_unique<Impl>()) {
  impl_->context = std::move(context);
  impl_->config = std::move(config);
  for (const auto& r : impl_->context.regions) impl_->region_index(r);
  impl_->shared.last_ms = impl_->context.start.time_since_epoch().count();
  impl_->rules = detail::make_rules(impl_->shared);
  std::erase_if(impl_->rules, [&](const auto& r) { return !impl_->config.enabled(r->id()); });
  impl_->fault_met.assign(impl_->context.faults.size(), false);
}

Evaluator::~Evaluator() = default;

void Evaluator::observe(const core::journal::JournalEntry& e) {
  if (detail::harness_own(e.path)) return;
  auto& im = *impl_;
  const bool request = e.event.empty();
  const std::int64_t ms = e.time.time_since_epoch().count();
  const std::string_view route = e.route.empty() ? std::string_view(e.path) : std::string_view(e.route);
  const std::uint64_t resource = detail::hash_text(e.method, e.path, e.query);
  const std::string_view channel = detail::notification_channel(e.path);
  const std::uint64_t h_channel = channel.empty() ? 0 : detail::hash_text("channel", channel);
  std::uint32_t client = im.client_index(e);
  if (!request && !channel.empty()) {
    if (!e.client_id.empty()) im.channel_clients[h_channel] = client;
    else if (const auto* owner = im.channel_clients.find(h_channel)) client = *owner;
  }
  const detail::Seen seen{e,
                          im.region_index(e.region),
                          client,
                          ms,
                          route,
                          detail::hash_text(e.method, route),
                          resource,
                          detail::key(0, 0, resource ^ e.body_hash),
                          e.method == "POST" && (e.route == "/oauth/token" || e.path == "/oauth/token"),
                          channel,
                          h_channel};
  im.shared.last_ms = std::max(im.shared.last_ms, ms);
  if (request) ++im.shared.entries;
  if (!im.fault_met.empty()) im.track_faults(e, ms, request);
  for (auto& rule : im.rules) {
    if (request) rule->observe(seen);
    else rule->observe_channel(seen);
  }
}

CheckReport Evaluator::finish(const RunOutcome& outcome) {
  auto& im = *impl_;
  for (auto& rule : im.rules) rule->finish();

  CheckReport report;
  report.scenario = im.context.scenario;
  report.seed = im.context.seed;
  report.speed = im.context.speed;
  report.run = outcome;
  report.strict = im.context.strict;
  report.requests = im.shared.entries;

  std::vector<std::uint32_t> order(im.shared.regions.size());
  std::iota(order.begin(), order.end(), 0U);
  std::sort(order.begin(), order.end(),
            [&](auto a, auto b) { return im.shared.regions[a] < im.shared.regions[b]; });

  for (const auto& info : rule_catalogue()) {
    const bool enabled = im.config.enabled(info.id);
    if (info.id == "exit-code") {
      RuleResult r{info.id, info.severity, std::nullopt, RuleStatus::pass, {}, 0, ""};
      if (!enabled) {
        r.status = RuleStatus::not_applicable;
        r.note = "disabled in the conformance settings";
      } else if (!outcome.watched) {
        r.status = RuleStatus::not_applicable;
        r.note = "no process was watched (a journal judged offline)";
      } else {
        std::string problem;
        if (!outcome.started) problem = fmt::format("the command could not be started: {}", outcome.command);
        else if (outcome.timed_out) problem = "the command was killed at the time limit";
        else if (outcome.exit_code < 0) problem = fmt::format("the command died of signal {}", -outcome.exit_code);
        else if (outcome.exit_code > 0) problem = fmt::format("the command exited with status {}", outcome.exit_code);
        if (problem.empty()) {
          r.note = "the command exited 0 within the time limit";
        } else {
          r.status = info.severity == Severity::error ? RuleStatus::fail : RuleStatus::warn;
          r.findings.push_back(Finding{core::Instant{core::Millis(im.shared.last_ms)}, 0, "", "", 0, problem});
          r.finding_count = 1;
          r.note = problem;
        }
      }
      report.rules.push_back(std::move(r));
      continue;
    }
    const Rule* rule = nullptr;
    for (const auto& candidate : im.rules)
      if (candidate->id() == info.id) rule = candidate.get();
    for (const auto region : order) {
      RuleResult r{info.id, info.severity, im.shared.regions[region], RuleStatus::not_applicable, {}, 0, ""};
      const detail::RegionVerdict* v = rule != nullptr ? rule->verdict(region) : nullptr;
      if (rule == nullptr) {
        r.note = "disabled in the conformance settings";
      } else if (v == nullptr || !v->triggered) {
        r.note = rule->not_applicable_note(region);
      } else {
        r.findings = v->findings.items();
        r.finding_count = v->findings.count();
        r.note = rule->checked_note(*v);
        r.status = r.finding_count == 0                 ? RuleStatus::pass
                   : info.severity == Severity::error ? RuleStatus::fail
                                                       : RuleStatus::warn;
      }
      report.rules.push_back(std::move(r));
    }
  }
  for (std::size_t i = 0; i < im.context.faults.size(); ++i)
    if (!im.fault_met[i]) report.untested_faults.push_back(im.context.faults[i].id);
  return report;
}

}  // namespace mockgc::check
