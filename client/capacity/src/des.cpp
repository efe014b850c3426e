#include "mockgc/capacity/des.hpp"

#include <algorithm>
#include <cmath>
#include <functional>
#include <limits>
#include <queue>
#include <vector>

#include "mockgc/api/random.hpp"
#include "validate.hpp"

namespace mockgc::capacity {

namespace {

struct Waiting {
  double arrival;
  double deadline;
  bool measured;
};

struct Tally {
  double offered = 0, answered_within = 0, waited = 0, abandoned = 0, wait_sum = 0, busy = 0;
};

class Accumulator {
 public:
  void add(double x) {
    ++n_;
    const double d = x - mean_;
    mean_ += d / n_;
    m2_ += d * (x - mean_);
  }
  [[nodiscard]] Estimate estimate(double z) const {
    Estimate e;
    e.mean = mean_;
    e.half_width = n_ > 1 ? z * std::sqrt(m2_ / (n_ - 1) / n_) : std::numeric_limits<double>::infinity();
    return e;
  }

 private:
  double n_ = 0, mean_ = 0, m2_ = 0;
};

// Ratio estimator Σy/Σx over replications with a delta-method standard error. The mean of
// per-replication ratios would be biased towards busy-light replications (a replication with more
// arrivals also tends to have worse service), which showed up as a ~1 % optimistic P(wait).
class RatioAccumulator {
 public:
  void add(double y, double x) {
    ++n_;
    sy_ += y;
    sx_ += x;
    syy_ += y * y;
    sxx_ += x * x;
    sxy_ += x * y;
  }
  [[nodiscard]] Estimate estimate(double z) const {
    Estimate e;
    if (sx_ <= 0.0) return e;
    const double r = sy_ / sx_;
    e.mean = r;
    if (n_ < 2) {
      e.half_width = std::numeric_limits<double>::infinity();
      return e;
    }
    const double resid = std::max(0.0, syy_ - 2.0 * r * sxy_ + r * r * sxx_) / (n_ - 1);
    const double xbar = sx_ / n_;
    e.half_width = z * std::sqrt(resid / n_) / xbar;
    return e;
  }

 private:
  double n_ = 0, sy_ = 0, sx_ = 0, syy_ = 0, sxx_ = 0, sxy_ = 0;
};

}  // namespace

Result<DesResult> simulate_interval(const DesConfig& c) {
  using namespace detail;
  if (auto e = require_positive(c.arrivals_per_second, "arrival rate (per second)")) return *e;
  if (auto e = require_positive(c.aht_seconds, "AHT (seconds)")) return *e;
  if (c.agents < 1) return Error{fmt::format("agents must be ≥ 1 (got {})", c.agents)};
  if (c.service == ServiceTimeDistribution::lognormal) {
    if (auto e = require_positive(c.service_cv, "service-time CV")) return *e;
  }
  if (c.patience_seconds) {
    if (auto e = require_positive(*c.patience_seconds, "mean patience (seconds)")) return *e;
  }
  if (auto e = require_non_negative(c.sl_seconds, "service-level threshold (seconds)")) return *e;
  if (auto e = require_non_negative(c.warmup_seconds, "warm-up (seconds)")) return *e;
  if (auto e = require_positive(c.horizon_seconds, "horizon (seconds)")) return *e;
  if (c.replications < 2) return Error{"at least two replications are needed for a confidence interval"};
  if (!c.patience_seconds && c.arrivals_per_second * c.aht_seconds >= c.agents) {
    return Error{fmt::format("N = {} ≤ A = {} without abandonment: the queue is unstable", c.agents,
                             c.arrivals_per_second * c.aht_seconds)};
  }

  const double t0 = c.warmup_seconds;
  const double t1 = c.warmup_seconds + c.horizon_seconds;
  const double mean_gap = 1.0 / c.arrivals_per_second;
  RatioAccumulator sl, asa, pw, pab;
  Accumulator occ;
  DesResult result;
  std::vector<double> heap_storage;
  heap_storage.reserve(static_cast<std::size_t>(c.agents));
  std::vector<Waiting> queue;  // FIFO with a moving head
  for (int rep = 0; rep < c.replications; ++rep) {
    api::Rng rng(api::derive_seed(c.seed, static_cast<std::uint64_t>(rep)));
    auto service_time = [&] {
      return c.service == ServiceTimeDistribution::exponential ? rng.exponential(c.aht_seconds)
                                                               : rng.lognormal_mean_cv(c.aht_seconds, c.service_cv);
    };
    std::priority_queue<double, std::vector<double>, std::greater<>> busy(std::greater<>{}, heap_storage);
    queue.clear();
    std::size_t head = 0;
    int free_agents = c.agents;
    Tally t;
    auto start_service = [&](double now, bool measured_window_busy) {
      const double d = service_time();
      busy.push(now + d);
      --free_agents;
      if (measured_window_busy) {
        t.busy += std::max(0.0, std::min(now + d, t1) - std::max(now, t0));
      }
    };
    double next_arrival = rng.exponential(mean_gap);
    for (;;) {
      const bool arrivals_left = next_arrival < t1;
      const double next_done = busy.empty() ? std::numeric_limits<double>::infinity() : busy.top();
      if (!arrivals_left && head == queue.size()) break;  // nobody left to follow
      if (arrivals_left && next_arrival <= next_done) {
        const double now = next_arrival;
        next_arrival = now + rng.exponential(mean_gap);
        const bool measured = now >= t0;
        if (measured) t.offered += 1;
        if (free_agents > 0) {
          if (measured) t.answered_within += 1;  // wait 0 ≤ T
          start_service(now, true);
        } else {
          if (measured) t.waited += 1;
          const double deadline = c.patience_seconds ? now + rng.exponential(*c.patience_seconds)
                                                     : std::numeric_limits<double>::infinity();
          queue.push_back(Waiting{now, deadline, measured});
        }
        continue;
      }
      // A completion frees an agent; hand it to the first caller still waiting.
      const double now = next_done;
      busy.pop();
      ++free_agents;
      while (head < queue.size()) {
        const Waiting w = queue[head++];
        if (w.deadline < now) {  // left before an agent reached them
          if (w.measured) {
            t.abandoned += 1;
            t.wait_sum += w.deadline - w.arrival;
          }
          continue;
        }
        if (w.measured) {
          const double wait = now - w.arrival;
          t.wait_sum += wait;
          if (wait <= c.sl_seconds) t.answered_within += 1;
        }
        start_service(now, true);
        break;
      }
      if (head > 4096 && head * 2 > queue.size()) {  // compact the FIFO now and then
        queue.erase(queue.begin(), queue.begin() + static_cast<std::ptrdiff_t>(head));
        head = 0;
      }
    }
    result.measured_arrivals += static_cast<std::uint64_t>(t.offered);
    sl.add(t.answered_within, t.offered);
    asa.add(t.wait_sum, t.offered);
    pw.add(t.waited, t.offered);
    pab.add(t.abandoned, t.offered);
    occ.add(t.busy / (c.agents * c.horizon_seconds));
  }
  result.service_level = sl.estimate(c.ci_z);
  result.asa_seconds = asa.estimate(c.ci_z);
  result.p_wait = pw.estimate(c.ci_z);
  result.p_abandon = pab.estimate(c.ci_z);
  result.occupancy = occ.estimate(c.ci_z);
  return result;
}

}  // namespace mockgc::capacity
