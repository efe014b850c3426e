// Rules about who talks to whom: token-reuse, token-leak, foreign-tokens, foreign-ids, region-coverage.
#include <limits>
#include <set>

#include "mockgc/api/time.hpp"
#include "rule.hpp"

namespace mockgc::check::detail {
namespace {

// token-reuse: a successful login while the client's previous token of that region is still valid (more than
// refresh_margin_s before its expiry) and no request of that token was answered 401 since is a finding.
class TokenReuse final : public Rule {
 public:
  explicit TokenReuse(Shared& s) : Rule("token-reuse", s), margin_ms_(threshold_ms("refresh_margin_s")) {}

  void observe(const Seen& s) override {
    const auto& e = s.e;
    if (s.login) {
      if (e.status < 200 || e.status > 299) return;
      trigger(s);
      auto& st = clients_[key(s.region, s.client)];
      const bool anonymous_401 = anonymous_401s(s.region) > st.anonymous_401s_at_login;
      if (st.have_token && !st.unauthorized && !anonymous_401 && s.ms < st.expiry_ms - margin_ms_) {
        report(s, [&] {
          if (st.uses <= 1)
            return fmt::format("a login per request: new login {} s after the login of seq {}, whose token was used "
                               "{} time(s) and was valid for another {} s",
                               seconds(s.ms - st.login_ms), st.login_seq, st.uses, seconds(st.expiry_ms - s.ms));
          return fmt::format("re-login without a 401 or expiry: the token of seq {} was valid for another {} s",
                             st.login_seq, seconds(st.expiry_ms - s.ms));
        });
      }
      st.have_token = true;
      st.unauthorized = false;
      st.uses = 0;
      st.login_ms = s.ms;
      st.login_seq = e.seq;
      st.anonymous_401s_at_login = anonymous_401s(s.region);
      st.expiry_ms = e.expires_in_s >= 0 ? s.ms + e.expires_in_s * 1000 : std::numeric_limits<std::int64_t>::max();
      return;
    }
    if (e.token.empty()) return;
    const auto tk = key(s.region, 0, hash_text(e.token));
    if (e.auth == "ok" && !e.client_id.empty()) {
      owners_[tk] = s.client;
      if (auto* st = clients_.find(key(s.region, s.client))) ++st->uses;
    }
    if (e.status == 401) {
      if (const auto* owner = owners_.find(tk)) {
        if (auto* st = clients_.find(key(s.region, *owner))) st->unauthorized = true;
      } else {
        // A token never seen working: whose it was is unknown, so no client of the region that logged in
        // before it is held to its token (a counter per region, compared at the next login).
        if (s.region >= anonymous_.size()) anonymous_.resize(s.region + 1);
        ++anonymous_[s.region];
      }
    }
  }

  std::string not_applicable_note(std::uint32_t) const override { return "no successful login in this region"; }
  std::string checked_note(const RegionVerdict& v) const override {
    return fmt::format("{} successful logins; each re-login checked for a 401 or an expiring token before it",
                       v.checked);
  }

 private:
  std::uint64_t anonymous_401s(std::uint32_t region) const {
    return region < anonymous_.size() ? anonymous_[region] : 0;
  }

  struct State {
    bool have_token = false, unauthorized = false;
    std::uint64_t uses = 0, login_seq = 0, anonymous_401s_at_login = 0;
    std::int64_t login_ms = 0, expiry_ms = 0;
  };
  std::int64_t margin_ms_;
  BoundedMap<State> clients_{4096};
  BoundedMap<std::uint32_t> owners_{65536};  // token fingerprint -> client key, learnt from answered requests
  std::vector<std::uint64_t> anonymous_;      // per region: 401s of tokens never seen working
};

// token-leak: the journal's `leak` (a credential in the URL; the core redacts the value).
class TokenLeak final : public Rule {
 public:
  explicit TokenLeak(Shared& s) : Rule("token-leak", s) {}
  void observe(const Seen& s) override {
    trigger(s);
    if (!s.e.leak.empty()) report(s, [&] { return fmt::format("credential in the URL: {}", s.e.leak); });
  }
  std::string not_applicable_note(std::uint32_t) const override { return "no request reached this region"; }
  std::string checked_note(const RegionVerdict& v) const override {
    return fmt::format("{} request URLs checked for tokens and client secrets", v.checked);
  }
};

// foreign-tokens: a bearer token issued by another region's org (auth "foreign", or token_region differs).
class ForeignTokens final : public Rule {
 public:
  explicit ForeignTokens(Shared& s) : Rule("foreign-tokens", s) {}
  void observe(const Seen& s) override {
    const auto& e = s.e;
    if (e.token.empty() || shared_.context.regions.size() < 2) return;
    trigger(s);
    if (e.auth == "foreign" || (!e.token_region.empty() && e.token_region != e.region))
      report(s, [&] {
        return fmt::format("token issued by {} sent to {}", e.token_region.empty() ? "another org" : e.token_region,
                           e.region);
      });
  }
  std::string not_applicable_note(std::uint32_t) const override {
    return shared_.context.regions.size() < 2 ? "a single-org world: no token can be foreign"
                                              : "no request with a bearer token reached this region";
  }
  std::string checked_note(const RegionVerdict& v) const override {
    return fmt::format("{} requests with a bearer token checked for the issuing org", v.checked);
  }
};

// foreign-ids: the journal's `foreign_ids` (ids in the path, query or body owned by another org).
class ForeignIds final : public Rule {
 public:
  explicit ForeignIds(Shared& s) : Rule("foreign-ids", s) {}
  void observe(const Seen& s) override {
    if (shared_.context.regions.size() < 2 || s.login) return;
    trigger(s);
    if (!s.e.foreign_ids.empty())
      report(s, [&] { return fmt::format("sent ids owned by another org: {}", s.e.foreign_ids); });
  }
  std::string not_applicable_note(std::uint32_t) const override {
    return shared_.context.regions.size() < 2 ? "a single-org world: no id can be foreign"
                                              : "no request reached this region";
  }
  std::string checked_note(const RegionVerdict& v) const override {
    return fmt::format("{} requests checked for ids minted by another org", v.checked);
  }
};

// region-coverage: every org of the scenario gets an authenticated request (auth "ok"), and a region whose
// outage or maintenance window ended while the integration was still running is contacted after the end.
// An org the integration tried to reach while an outage or maintenance window answering every request of its
// region answered, and that window had not ended when the integration stopped, is not a finding: the
// scenario kept the integration out (not applicable there, naming the window). A window that lets some
// requests through (a probability, a method, path or family) keeps nobody out.
class RegionCoverage final : public Rule {
 public:
  explicit RegionCoverage(Shared& s) : Rule("region-coverage", s) {}

  void observe(const Seen& s) override {
    if (s.region >= last_.size()) last_.resize(s.region + 1, Contact{});
    Contact& c = last_[s.region];
    c.last_ms = s.ms;
    if (!s.e.fault.empty())
      if (const FaultWindow* f = closing_window(s.e.fault, s.region)) c.window = f;
    if (s.e.auth == "ok") trigger(s);
  }

  void finish() override {
    const auto end_ms = shared_.last_ms;
    for (std::uint32_t r = 0; r < shared_.regions.size(); ++r) {
      auto& v = at(r);
      const core::Instant at_end{core::Millis(end_ms)};
      if (!v.triggered) {
        if (kept_out(r, end_ms)) continue;
        v.triggered = true;  // the rule applies to every org: silence is the finding
        v.findings.add(Finding{at_end, 0, "", "", 0,
                               fmt::format("no authenticated request reached the org in {}", shared_.regions[r])});
        continue;
      }
      for (const auto& f : shared_.context.faults) {
        if ((f.type != "outage" && f.type != "maintenance") || !f.end) continue;
        if (!f.region.empty() && f.region != shared_.regions[r]) continue;
        const auto end_fault = f.end->time_since_epoch().count();
        if (end_ms <= end_fault) continue;  // the integration stopped before the region recovered
        const std::int64_t last = r < last_.size() ? last_[r].last_ms : std::numeric_limits<std::int64_t>::min();
        if (last >= end_fault) continue;
        v.findings.add(Finding{at_end, 0, "", "", 0,
                               fmt::format("{} recovered at {} ({} {}) and was never contacted again (the integration "
                                           "ran until {})",
                                           shared_.regions[r], api::format_instant(*f.end), f.type, f.id,
                                           api::format_instant(at_end))});
      }
    }
  }

  std::string not_applicable_note(std::uint32_t r) const override {
    if (!kept_out(r, shared_.last_ms)) return "no org in this region";
    const FaultWindow& f = *last_[r].window;
    return fmt::format("no authenticated request reached the org: its requests met {} {}, which had not ended when "
                       "the integration stopped",
                       f.type, f.id);
  }
  std::string checked_note(const RegionVerdict& v) const override {
    return fmt::format("{} authenticated requests; contact after every recovery checked", v.checked);
  }

 private:
  struct Contact {
    std::int64_t last_ms = std::numeric_limits<std::int64_t>::min();  // world time of the last request
    const FaultWindow* window = nullptr;  // the last outage or maintenance window that answered one
  };

  // The outage or maintenance window named `id` that answers every request of region `r`, if the scenario
  // has one.
  const FaultWindow* closing_window(std::string_view id, std::uint32_t r) const {
    for (const auto& f : shared_.context.faults)
      if (f.id == id && f.whole_region && (f.type == "outage" || f.type == "maintenance") &&
          (f.region.empty() || f.region == shared_.regions[r]))
        return &f;
    return nullptr;
  }
  // Whether the region's last window met was still open at `end_ms` (world time the run ended).
  bool kept_out(std::uint32_t r, std::int64_t end_ms) const {
    if (r >= last_.size() || !last_[r].window) return false;
    const auto& end = last_[r].window->end;
    return !end || end_ms <= end->time_since_epoch().count();
  }

  std::vector<Contact> last_;  // per region
};

}  // namespace

void add_identity_rules(Shared& shared, std::vector<std::unique_ptr<Rule>>& out) {
  out.push_back(std::make_unique<TokenReuse>(shared));
  out.push_back(std::make_unique<TokenLeak>(shared));
  out.push_back(std::make_unique<ForeignTokens>(shared));
  out.push_back(std::make_unique<ForeignIds>(shared));
  out.push_back(std::make_unique<RegionCoverage>(shared));
}

}  // namespace mockgc::check::detail
