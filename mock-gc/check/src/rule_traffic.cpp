// Rules about pace: retry-after, rate-budget, outage-backoff, retry-budget, concurrency.
#include <algorithm>
#include <limits>

#include "rule.hpp"

namespace mockgc::check::detail {
namespace {

bool is_failure(int status) { return status == 0 || status == 408 || status == 429 || (status >= 500 && status <= 599); }

// The last `n` times pushed; tells whether all of them fall within a window ending now.
class TimeRing {
 public:
  void reset(std::size_t n) {
    times_.assign(std::max<std::size_t>(n, 1), 0);
    pushed_ = 0;
  }
  // Pushes t; true when the ring is full and its oldest time is later than t - window_ms.
  bool push_and_check(std::int64_t t, std::int64_t window_ms) {
    if (times_.empty()) reset(1);
    times_[pushed_ % times_.size()] = t;
    ++pushed_;
    if (pushed_ < times_.size()) return false;
    const std::int64_t oldest = times_[pushed_ % times_.size()];
    return oldest > t - window_ms;
  }

 private:
  std::vector<std::int64_t> times_;
  std::size_t pushed_ = 0;
};

// retry-after: a 429 with Retry-After N to a client opens a quiet period of N world seconds for its limit
// scope (a 429 without one closes "client"); a request of that client counting against the same scope
// before its end is a finding. Requests no limiter counted (limit_scope empty: logins) are free. A request
// exactly at the end passes; `tolerance_s` forgives that much earliness.
class RetryAfter final : public Rule {
 public:
  explicit RetryAfter(Shared& s) : Rule("retry-after", s), tolerance_ms_(threshold_ms("tolerance_s")) {}

  void observe(const Seen& s) override {
    const auto& e = s.e;
    // A request no limiter counted (a login, a world without limits) spends nothing of any window.
    if (!e.limit_scope.empty()) check(s, e.limit_scope);
    const std::string_view scope = e.limit_scope.empty() ? std::string_view("client") : std::string_view(e.limit_scope);
    if (e.status == 429 && e.retry_after_s >= 0) {
      trigger(s);
      auto& q = quiet_[key(s.region, s.client, hash_text(scope))];
      const std::int64_t until = s.ms + e.retry_after_s * 1000;
      if (until >= q.until_ms) q = Quiet{until, e.seq, e.retry_after_s, s.ms};
    }
  }

  std::string not_applicable_note(std::uint32_t) const override {
    return "no 429 with a Retry-After was answered in this region";
  }
  std::string checked_note(const RegionVerdict& v) const override {
    return fmt::format("{} answers 429 with a Retry-After; the requests after each were checked against it", v.checked);
  }

 private:
  struct Quiet {
    std::int64_t until_ms = std::numeric_limits<std::int64_t>::min();
    std::uint64_t seq = 0;
    std::int64_t retry_after_s = 0;
    std::int64_t at_ms = 0;
  };

  void check(const Seen& s, std::string_view scope) {
    const auto k = key(s.region, s.client, hash_text(scope));
    Quiet* q = quiet_.find(k);
    if (q == nullptr) return;
    if (s.ms >= q->until_ms) {
      quiet_.erase(k);
      return;
    }
    if (s.ms >= q->until_ms - tolerance_ms_) return;
    report(s, [&] {
      return fmt::format("sent {} s after the 429 of seq {} that asked to wait {} s (scope {})",
                         seconds(s.ms - q->at_ms), q->seq, q->retry_after_s, scope);
    });
  }

  std::int64_t tolerance_ms_;
  BoundedMap<Quiet> quiet_;
};

// rate-budget: the requests of one client that counted against its per-client window (limit_scope "client")
// must not exceed the scenario's limit × allowed_share within any window_s sliding window.
class RateBudget final : public Rule {
 public:
  explicit RateBudget(Shared& s) : Rule("rate-budget", s), window_ms_(threshold_ms("window_s")) {
    if (s.context.rate_limit_per_minute) {
      const double allowed = *s.context.rate_limit_per_minute * threshold("allowed_share");
      allowed_ = static_cast<std::size_t>(std::clamp(allowed, 0.0, 1e6));
    }
  }

  void observe(const Seen& s) override {
    if (!shared_.context.rate_limit_per_minute || s.e.limit_scope != "client") return;
    trigger(s);
    auto& ring = rings_[key(s.region, s.client)];
    if (ring.first) {
      ring.times.reset(allowed_ + 1);
      ring.first = false;
    }
    if (ring.times.push_and_check(s.ms, window_ms_))
      report(s, [&] {
        return fmt::format("request {} of client {} within {} s (the scenario allows {} per minute)", allowed_ + 1,
                           s.e.client_id.empty() ? s.e.token : s.e.client_id, seconds(window_ms_),
                           *shared_.context.rate_limit_per_minute);
      });
  }

  std::string not_applicable_note(std::uint32_t) const override {
    return shared_.context.rate_limit_per_minute ? "no request counted against a per-client rate window in this region"
                                                 : "the scenario sets no per-client rate limit";
  }
  std::string checked_note(const RegionVerdict& v) const override {
    return fmt::format("{} requests counted against per-client windows of {} per {} s", v.checked, allowed_,
                       seconds(window_ms_));
  }

 private:
  struct Ring {
    bool first = true;
    TimeRing times;
  };
  std::int64_t window_ms_;
  std::size_t allowed_ = 0;
  BoundedMap<Ring> rings_{4096};
};

// outage-backoff: while a region answers a client 5xx, every further request of that client to the region
// is a retry; more than max_per_minute of them in 60 s is a finding. The pace is judged, not the growth of
// single gaps: a full-jitter backoff draws each delay below its cap, so its gaps shrink by chance and any
// growth test would fail a sound client on its draws (RULES.md).
class OutageBackoff final : public Rule {
 public:
  explicit OutageBackoff(Shared& s)
      : Rule("outage-backoff", s),
        per_minute_(static_cast<std::size_t>(std::clamp(threshold("max_per_minute"), 0.0, 1e6))) {}

  void observe(const Seen& s) override {
    auto& st = state_[key(s.region, s.client)];
    const auto& e = s.e;
    if (st.failing && st.ring.push_and_check(s.ms, 60'000)) {
      report(s, [&] {
        return fmt::format("{} requests within 60 s to a region answering 5xx (at most {} per minute)",
                           per_minute_ + 1, per_minute_);
      });
    }
    if (e.status >= 500 && e.status <= 599) {
      if (!st.failing) {
        trigger(s);
        st.failing = true;
        st.ring.reset(per_minute_ + 1);
        st.ring.push_and_check(s.ms, 60'000);
      }
    } else if (e.status != 0) {
      st.failing = false;
    }
  }

  std::string not_applicable_note(std::uint32_t) const override {
    return "no 5xx answer (outage, maintenance, server error) was met in this region";
  }
  std::string checked_note(const RegionVerdict& v) const override {
    return fmt::format("{} runs of 5xx answers; retries during each were checked for pace", v.checked);
  }

 private:
  struct State {
    bool failing = false;
    TimeRing ring;
  };
  std::size_t per_minute_;
  BoundedMap<State> state_{4096};
};

// retry-budget: a retry is a request identical to one of the client's recent failed requests (transport
// error, 408, 429, 5xx); logins count neither as attempts nor as retries. In each tumbling window of window_s, more than max_share retries per first attempt
// (and at least min_retries) is retry amplification. A retry sent max_retry_after_s or later after a
// Retry-After above that cap means the client slept on it instead of giving up and reporting.
class RetryBudget final : public Rule {
 public:
  explicit RetryBudget(Shared& s)
      : Rule("retry-budget", s),
        window_ms_(std::max<std::int64_t>(threshold_ms("window_s"), 1)),
        share_(threshold("max_share")),
        min_retries_(static_cast<std::uint64_t>(threshold("min_retries"))),
        cap_s_(threshold("max_retry_after_s")) {}

  void observe(const Seen& s) override {
    if (s.login) return;  // logins are the price of a token, not attempts at work: token-reuse judges them
    auto& st = state_[key(s.region, s.client)];
    const auto& e = s.e;
    if (s.ms >= st.window_start + window_ms_) {
      st.window_start = s.ms - (s.ms - st.window_start) % window_ms_;
      st.firsts = st.retries = 0;
      st.flagged = false;
    }
    Failed* prior = nullptr;
    for (auto& f : st.failed)
      if (f.hash == s.h_request) prior = &f;
    if (prior != nullptr) {
      ++st.retries;
      if (!st.flagged && st.retries >= min_retries_ && static_cast<double>(st.retries) > share_ * st.firsts) {
        st.flagged = true;
        report(s, [&] {
          return fmt::format("{} retries against {} first attempts within {} s (budget {} per first attempt)",
                             st.retries, st.firsts, seconds(window_ms_), share_);
        });
      }
      if (prior->retry_after_s > cap_s_ && s.ms - prior->ms >= static_cast<std::int64_t>(cap_s_ * 1000.0))
        report(s, [&] {
          return fmt::format("waited {} s on a Retry-After of {} s (seq {}) instead of giving up above {} s",
                             seconds(s.ms - prior->ms), prior->retry_after_s, prior->seq, cap_s_);
        });
    } else {
      ++st.firsts;
    }
    if (is_failure(e.status)) {
      trigger(s);
      if (prior == nullptr) {
        if (st.failed.size() >= kRemembered) st.failed.erase(st.failed.begin());
        st.failed.push_back({});
        prior = &st.failed.back();
      }
      *prior = Failed{s.h_request, s.ms, e.retry_after_s, e.seq};
    } else if (prior != nullptr) {
      st.failed.erase(st.failed.begin() + (prior - st.failed.data()));
    }
  }

  std::string not_applicable_note(std::uint32_t) const override {
    return "no request failed (transport error, 408, 429, 5xx) in this region, so nothing was retried";
  }
  std::string checked_note(const RegionVerdict& v) const override {
    return fmt::format("{} failed requests; retries counted against first attempts per {} s window", v.checked,
                       seconds(window_ms_));
  }

 private:
  static constexpr std::size_t kRemembered = 32;
  struct Failed {
    std::uint64_t hash = 0;
    std::int64_t ms = 0;
    std::int64_t retry_after_s = -1;
    std::uint64_t seq = 0;
  };
  struct State {
    std::int64_t window_start = std::numeric_limits<std::int64_t>::min() / 2;
    std::uint64_t firsts = 0, retries = 0;
    bool flagged = false;
    std::vector<Failed> failed;
  };
  std::int64_t window_ms_;
  double share_;
  std::uint64_t min_retries_;
  double cap_s_;
  BoundedMap<State> state_{4096};
};

// concurrency: the journal's `inflight` (the client's requests in flight when this one arrived, itself
// included) above max_inflight.
class Concurrency final : public Rule {
 public:
  explicit Concurrency(Shared& s) : Rule("concurrency", s), cap_(threshold("max_inflight")) {}

  void observe(const Seen& s) override {
    if (s.e.inflight <= 0) return;
    trigger(s);
    if (s.e.inflight > cap_)
      report(s, [&] { return fmt::format("{} requests of this client in flight (cap {})", s.e.inflight, cap_); });
  }
  std::string not_applicable_note(std::uint32_t) const override {
    return "no entry of this region records how many requests were in flight";
  }
  std::string checked_note(const RegionVerdict& v) const override {
    return fmt::format("{} requests checked against a cap of {} in flight per client", v.checked, cap_);
  }

 private:
  double cap_;
};

}  // namespace

void add_traffic_rules(Shared& shared, std::vector<std::unique_ptr<Rule>>& out) {
  out.push_back(std::make_unique<RetryAfter>(shared));
  out.push_back(std::make_unique<RateBudget>(shared));
  out.push_back(std::make_unique<OutageBackoff>(shared));
  out.push_back(std::make_unique<RetryBudget>(shared));
  out.push_back(std::make_unique<Concurrency>(shared));
}

}  // namespace mockgc::check::detail
