// The fault state of a world epoch over its life: built from the scenario, swapped whole by the admin API,
// its world events applied as the clock reaches them, and the per-request fault decision (world_epoch.hpp,
// fault stages A and B).
#include <algorithm>
#include <mutex>

#include "mockgc/api/random.hpp"
#include "world_epoch.hpp"

namespace mockgc::core {

std::chrono::seconds WorldEpoch::token_lifetime(Instant now, std::string_view region, std::string_view client_id,
                                                 std::chrono::seconds fallback) const {
  const auto state = current_faults();
  if (!state->any()) return fallback;
  const auto shorter = state->plan.token_lifetime(now, region, client_id);
  if (!shorter) return fallback;
  return std::max(std::chrono::seconds(1), std::chrono::duration_cast<std::chrono::seconds>(*shorter));
}

std::shared_ptr<const FaultState> WorldEpoch::current_faults() const {
  std::lock_guard lock(faults_mutex_);
  return faults_;
}

std::shared_ptr<const FaultState> WorldEpoch::make_fault_state(std::vector<faults::Fault> list,
                                                                const FaultState* previous, bool rules_changed) const {
  auto next = std::make_shared<FaultState>();
  next->plan = faults::FaultPlan(std::move(list), start_, seed_);
  bool any_rate_limit = false;
  for (const auto& f : next->plan.faults()) {
    next->has_events = next->has_events || f.type() == faults::FaultType::data ||
                       f.type() == faults::FaultType::notification;
    any_rate_limit = any_rate_limit || f.type() == faults::FaultType::rate_limit;
  }
  if (previous && !rules_changed) {
    next->limiter = previous->limiter;  // same rules: keep the windows counted so far
  } else if (scenario_.rate_limit_per_minute || any_rate_limit) {
    // New rules start with empty windows (documented: injecting/clearing a rate_limit fault resets counts).
    faults::RateLimitConfig limits;
    limits.client_per_minute = scenario_.rate_limit_per_minute.value_or(300);
    limits.max_clients = scenario_.rate_limit_max_clients;
    limits.rules = next->plan.rate_limit_rules();
    next->limiter = std::make_shared<faults::RateLimiter>(*clock_, std::move(limits));
  }
  return next;
}

void WorldEpoch::install_faults(std::shared_ptr<const FaultState> next, const faults::Fault* added) {
  {
    std::lock_guard lock(faults_mutex_);
    faults_ = next;
  }
  std::vector<faults::FaultEvent> catch_up;
  {
    std::lock_guard lock(events_mutex_);
    const Instant until = events_ ? events_->applied_until() : Instant::min();
    events_.reset();
    cursor_state_ = next;
    if (next->has_events) events_ = std::make_unique<faults::EventCursor>(cursor_state_->plan, until);
    // The cursor already passed `until`: events of the new fault at or before it happen now, exactly once.
    if (added && until != Instant::min()) {
      const faults::FaultPlan single({*added}, start_, seed_);
      catch_up = single.due_events(Instant::min(), until);
    }
  }
  apply_world_events(catch_up);
}

void WorldEpoch::apply_events(Instant now) {
  std::vector<faults::FaultEvent> due;
  {
    std::lock_guard lock(events_mutex_);
    if (!events_) return;
    due = events_->advance_to(now);
  }
  apply_world_events(due);
}

std::uint64_t WorldEpoch::attempts_before(std::uint64_t request_key) {
  constexpr std::size_t kMaxAttemptKeys = 1 << 16;
  std::lock_guard lock(attempts_mutex_);
  if (attempts_.size() >= kMaxAttemptKeys && !attempts_.contains(request_key)) attempts_.clear();
  return attempts_[request_key]++;
}

std::optional<Reply> WorldEpoch::apply_faults(const api::HttpRequest& request, RequestTrace& trace) {
  if (trace.faults->has_events) apply_events(trace.now);
  publish_agent_topics(trace.now);
  const std::string_view client = trace.token ? std::string_view(trace.token->client_id) : std::string_view{};
  const std::uint64_t content = api::hash_combine(api::hash_combine(0, trace.query), trace.body_hash);
  std::uint64_t key = api::hash_combine(api::hash_combine(content, trace.region), client);
  key = api::hash_combine(api::hash_combine(key, request.method), trace.path);
  trace.decision =
      trace.faults->plan.evaluate({trace.now, trace.region, request.method, trace.path, client, attempts_before(key), content});
  if (!trace.decision.early) return std::nullopt;
  return error_reply(*trace.decision.early);
}

}  // namespace mockgc::core
