#include "mockgc/capacity/erlang_a.hpp"

#include <algorithm>
#include <cmath>
#include <vector>

#include "validate.hpp"

namespace mockgc::capacity {

const char* to_string(ServiceLevelDefinition d) noexcept {
  switch (d) {
    case ServiceLevelDefinition::answered_within_over_offered: return "answered-within/offered";
    case ServiceLevelDefinition::answered_within_over_answered: return "answered-within/answered";
    case ServiceLevelDefinition::answered_within_over_offered_less_short_abandons:
      return "answered-within/(offered-short-abandons)";
    case ServiceLevelDefinition::left_queue_within_over_offered: return "left-queue-within/offered";
  }
  return "?";
}

double ErlangAMetrics::service_level(ServiceLevelDefinition d) const noexcept {
  switch (d) {
    case ServiceLevelDefinition::answered_within_over_offered: return answered_within;
    case ServiceLevelDefinition::answered_within_over_answered:
      return p_abandon >= 1.0 ? 0.0 : std::min(1.0, answered_within / (1.0 - p_abandon));
    case ServiceLevelDefinition::answered_within_over_offered_less_short_abandons:
      return abandoned_within >= 1.0 ? 0.0 : std::min(1.0, answered_within / (1.0 - abandoned_within));
    case ServiceLevelDefinition::left_queue_within_over_offered:
      return std::min(1.0, answered_within + abandoned_within);
  }
  return answered_within;
}

namespace {
constexpr std::size_t kMaxQueueStates = 4'000'000;
constexpr double kLogCut = -41.5;  // terms below e^-41.5 ≈ 1e-18 of the peak are dropped
}  // namespace

Result<ErlangAMetrics> evaluate_erlang_a(int agents, double erlangs, double aht_seconds,
                                         double patience_seconds, double sl_seconds) {
  using namespace detail;
  if (agents < 1) return Error{fmt::format("agents must be ≥ 1 for Erlang A (got {})", agents)};
  if (auto e = require_non_negative(erlangs, "offered load (Erlangs)")) return *e;
  if (auto e = require_positive(aht_seconds, "AHT (seconds)")) return *e;
  if (auto e = require_positive(patience_seconds, "mean patience (seconds)")) return *e;
  if (auto e = require_non_negative(sl_seconds, "service-level threshold (seconds)")) return *e;

  ErlangAMetrics m;
  m.agents = agents;
  m.erlangs = erlangs;
  if (erlangs == 0.0) {
    m.answered_within = 1.0;
    return m;
  }
  const double n = agents;
  const double mu = 1.0 / aht_seconds;
  const double theta = 1.0 / patience_seconds;
  const double lambda = erlangs * mu;

  double b = 1.0;
  for (int i = 1; i <= agents; ++i) b = erlangs * b / (i + erlangs * b);
  if (b == 0.0) {  // N ≫ A: nobody ever waits (B underflowed; P(wait) < 1e-308)
    m.occupancy = erlangs / n;
    m.answered_within = 1.0;
    return m;
  }

  // log of p_{N+k}/p_N for k = 0..K.
  std::vector<double> logq{0.0};
  double logmax = 0.0;
  for (std::size_t k = 1;; ++k) {
    const double next = logq.back() + std::log(lambda / (n * mu + static_cast<double>(k) * theta));
    const bool decreasing = next < logq.back();
    if (decreasing && next - logmax < kLogCut) break;
    if (logq.size() >= kMaxQueueStates) {
      return Error{fmt::format(
          "Erlang A chain needs more than {} queue states (A = {}, N = {}, patience {} s): patience "
          "too long for this overload",
          kMaxQueueStates, erlangs, agents, patience_seconds)};
    }
    logq.push_back(next);
    logmax = std::max(logmax, next);
  }
  const double log_below = -std::log(b);  // Σ_{i≤N} p_i / p_N = 1/B(N,A)
  const double shift = std::max(log_below, logmax);
  double z = std::exp(log_below - shift);  // states 0..N (p_N included)
  for (std::size_t k = 1; k < logq.size(); ++k) z += std::exp(logq[k] - shift);
  const std::size_t kmax = logq.size();
  std::vector<double> p(kmax);  // p_{N+k}
  double p_wait = 0.0;
  double lq_mean = 0.0;
  for (std::size_t k = 0; k < kmax; ++k) {
    p[k] = std::exp(logq[k] - shift) / z;
    p_wait += p[k];
    lq_mean += static_cast<double>(k) * p[k];
  }
  m.p_wait = std::min(1.0, p_wait);
  m.mean_queue = lq_mean;
  m.p_abandon = std::min(1.0, theta * lq_mean / lambda);
  m.asa_seconds = lq_mean / lambda;
  m.occupancy = std::min(1.0, erlangs * (1.0 - m.p_abandon) / n);

  // Tagged-customer chain: state k = calls ahead. Uniformization with rate Λ.
  const double big_lambda = n * mu + static_cast<double>(kmax) * theta;
  const double lt = big_lambda * sl_seconds;
  std::vector<double> hs(kmax, 0.0);  // P(served within m steps | k)
  std::vector<double> ha(kmax, 0.0);  // P(abandoned within m steps | k)
  std::vector<double> fs(kmax, 0.0);  // Σ_m Pois(m; ΛT)·hs_m
  std::vector<double> fa(kmax, 0.0);
  if (lt > 0.0) {
    const auto steps = static_cast<std::size_t>(lt + 12.0 * std::sqrt(lt) + 30.0);
    const double log_lt = std::log(lt);
    const double ab = theta / big_lambda;
    for (std::size_t step = 1; step <= steps; ++step) {
      for (std::size_t kk = kmax; kk-- > 0;) {  // high to low: hs[kk-1] still holds step-1
        const double kd = static_cast<double>(kk);
        const double adv = (n * mu + kd * theta) / big_lambda;
        const double stay = 1.0 - (n * mu + (kd + 1.0) * theta) / big_lambda;
        const double ahead_s = kk == 0 ? 1.0 : hs[kk - 1];
        const double ahead_a = kk == 0 ? 0.0 : ha[kk - 1];
        hs[kk] = adv * ahead_s + stay * hs[kk];
        ha[kk] = ab + adv * ahead_a + stay * ha[kk];
      }
      const double sd = static_cast<double>(step);
      const double w = std::exp(-lt + sd * log_lt - std::lgamma(sd + 1.0));
      if (w < 1e-300) continue;
      for (std::size_t kk = 0; kk < kmax; ++kk) {
        fs[kk] += w * hs[kk];
        fa[kk] += w * ha[kk];
      }
    }
  }
  double served_within = 0.0;
  double abandoned_within = 0.0;
  for (std::size_t k = 0; k < kmax; ++k) {
    served_within += p[k] * fs[k];
    abandoned_within += p[k] * fa[k];
  }
  m.answered_within = std::clamp(1.0 - m.p_wait + served_within, 0.0, 1.0);
  m.abandoned_within = std::clamp(abandoned_within, 0.0, 1.0);
  return m;
}

}  // namespace mockgc::capacity
