// Rules about what is asked: valid-requests, write-retries, no-retry-4xx, paging, async-jobs, poll-jitter,
// redundant-reads.
#include <algorithm>
#include <array>
#include <map>

#include "route_kinds.hpp"
#include "rule.hpp"

namespace mockgc::check::detail {
namespace {

// valid-requests: 400/405/413/415 (and 404 for a path no route matches; entity 404s too when
// count_entity_404 is 1) that no fault injected: the request itself was wrong.
class ValidRequests final : public Rule {
 public:
  explicit ValidRequests(Shared& s) : Rule("valid-requests", s), entity_404_(threshold("count_entity_404") > 0) {}
  void observe(const Seen& s) override {
    const auto& e = s.e;
    trigger(s);
    if (!e.fault.empty()) return;
    const bool bad = e.status == 400 || e.status == 405 || e.status == 413 || e.status == 415 ||
                     (e.status == 404 && (e.route.empty() || entity_404_));
    if (bad)
      report(s, [&] {
        return fmt::format("{} {}: {}", e.status, e.error_code.empty() ? "(no code)" : e.error_code,
                           e.error_message.empty() ? "(no message)" : e.error_message);
      });
  }
  std::string not_applicable_note(std::uint32_t) const override { return "no request reached this region"; }
  std::string checked_note(const RegionVerdict& v) const override {
    return fmt::format("{} requests checked for answers blaming the request", v.checked);
  }

 private:
  bool entity_404_;
};

// write-retries: a POST (not a login, not a /query read) identical to one that failed with a transport
// error or 5xx, with no GET of that client to the region in between; and a second successful POST of the
// same "name" to the same route of a region.
class WriteRetries final : public Rule {
 public:
  explicit WriteRetries(Shared& s) : Rule("write-retries", s) {}

  void observe(const Seen& s) override {
    const auto& e = s.e;
    if (e.method == "GET") {
      if (auto* st = failed_.find(key(s.region, s.client))) st->clear();
      return;
    }
    if (e.method != "POST" || s.login || is_repeatable_post(e.path)) return;
    auto& st = failed_[key(s.region, s.client)];
    const auto it = std::find_if(st.begin(), st.end(), [&](const Failed& f) { return f.hash == s.h_request; });
    if (it != st.end())
      report(s, [&] {
        return fmt::format("POST re-sent after {} (seq {}) without reading whether it landed",
                           it->status == 0 ? std::string("a transport error") : fmt::format("a {}", it->status),
                           it->seq);
      });
    if (e.status == 0 || (e.status >= 500 && e.status <= 599)) {
      trigger(s);
      if (it != st.end()) {
        *it = Failed{s.h_request, e.seq, e.status};
      } else {
        if (st.size() >= 32) st.erase(st.begin());
        st.push_back(Failed{s.h_request, e.seq, e.status});
      }
    } else if (it != st.end()) {
      st.erase(it);
    }
    if (e.status >= 200 && e.status <= 299 && !e.name.empty()) {
      trigger(s);
      const auto k = key(s.region, 0, hash_text(s.route, e.name));
      if (const auto* first = creates_.find(k)) {
        const auto first_seq = *first;
        report(s, [&] {
          return fmt::format("a second \"{}\" created on {} (the first landed at seq {})", e.name, s.route, first_seq);
        });
      } else {
        creates_[k] = e.seq;
      }
    }
  }

  std::string not_applicable_note(std::uint32_t) const override {
    return "no write failed and no named create landed in this region";
  }
  std::string checked_note(const RegionVerdict& v) const override {
    return fmt::format("{} failed writes and named creates checked for blind re-sends and duplicates", v.checked);
  }

 private:
  struct Failed {
    std::uint64_t hash = 0, seq = 0;
    int status = 0;
  };
  BoundedMap<std::vector<Failed>> failed_{4096};
  BoundedMap<std::uint64_t> creates_{262144};  // (region, route, name) -> seq of the first create
};

// no-retry-4xx: an identical request (method, path, query, body) re-sent within window_s after a
// 400/403/404/409/422 that no fault injected.
class NoRetry4xx final : public Rule {
 public:
  explicit NoRetry4xx(Shared& s) : Rule("no-retry-4xx", s), window_ms_(threshold_ms("window_s")) {}

  void observe(const Seen& s) override {
    const auto& e = s.e;
    auto* st = recent_.find(key(s.region, s.client));
    if (st != nullptr) {
      for (const auto& r : *st)
        if (r.hash == s.h_request && s.ms - r.ms <= window_ms_) {
          report(s, [&] {
            return fmt::format("identical request re-sent {} s after a {} (seq {})", seconds(s.ms - r.ms), r.status,
                               r.seq);
          });
          break;
        }
    }
    const int st4 = e.status;
    if ((st4 == 400 || st4 == 403 || st4 == 404 || st4 == 409 || st4 == 422) && e.fault.empty()) {
      trigger(s);
      auto& list = recent_[key(s.region, s.client)];
      std::erase_if(list, [&](const Recent& r) { return r.hash == s.h_request; });
      if (list.size() >= 32) list.erase(list.begin());
      list.push_back({s.h_request, s.ms, e.seq, st4});
    }
  }

  std::string not_applicable_note(std::uint32_t) const override {
    return "no 400/403/404/409/422 was answered in this region";
  }
  std::string checked_note(const RegionVerdict& v) const override {
    return fmt::format("{} client errors; the requests after each were checked for identical re-sends", v.checked);
  }

 private:
  struct Recent {
    std::uint64_t hash = 0;
    std::int64_t ms = 0;
    std::uint64_t seq = 0;
    int status = 0;
  };
  std::int64_t window_ms_;
  BoundedMap<std::vector<Recent>> recent_{4096};
};

// paging: an answer whose `more` says there is more to read, after which the same client never sent a
// different request (another page, cursor or nextUri) to the same method and route of the region; a
// downloadUrl is continued by a GET of /mockgc/downloads/… to the same region (pre-signed: it carries no
// token, so it is matched by region, not client). Job status routes are left to async-jobs.
class Paging final : public Rule {
 public:
  explicit Paging(Shared& s) : Rule("paging", s) {}

  void observe(const Seen& s) override {
    const auto& e = s.e;
    if (e.method == "GET" && is_download(e.path)) {
      if (auto* keys = downloads_.find(key(s.region, 0))) {
        for (const auto k : *keys) pending_.erase(k);
        keys->clear();
      }
    }
    const auto k = key(s.region, s.client, s.h_route);
    if (auto it = pending_.find(k); it != pending_.end() && it->second.identity != s.h_request) pending_.erase(it);
    if (e.more.empty() || e.status < 200 || e.status > 299) return;
    if (job_route_kind(s.route) != JobRoute::none) return;  // a job's download is async-jobs' to judge
    trigger(s);
    if (pending_.count(k)) return;
    if (pending_.size() >= 65536) pending_.erase(pending_.begin());
    if (e.more == "downloadUrl") {
      auto& keys = downloads_[key(s.region, 0)];
      if (keys.size() >= 64) keys.erase(keys.begin());
      keys.push_back(k);
    }
    pending_.emplace(k, Pending{s.h_request, s.region, s.client,
                                finding_for(e, fmt::format("answered with more to read ({}) and the rest was never "
                                                           "read",
                                                           e.more))});
  }

  void finish() override {
    for (auto& [k, p] : pending_) at(p.region).findings.add(std::move(p.finding));
    pending_.clear();
  }

  std::string not_applicable_note(std::uint32_t) const override {
    return "no answer in this region had more pages to read";
  }
  std::string checked_note(const RegionVerdict& v) const override {
    return fmt::format("{} answers with more to read, each checked for a read of what followed", v.checked);
  }

 private:
  struct Pending {
    std::uint64_t identity = 0;
    std::uint32_t region = 0, client = 0;
    Finding finding;
  };
  std::map<std::uint64_t, Pending> pending_;  // ordered: findings come out the same way on every run
  BoundedMap<std::vector<std::uint64_t>> downloads_{4096};  // region -> pending downloadUrl keys
};

// async-jobs: an async job's status (a route with {jobId}, not its results) polled again sooner than
// min_interval_s more than max_fast_polls times; a job whose status was polled and whose results route
// (…/results, where the job has one) or downloadUrl was never fetched.
class AsyncJobs final : public Rule {
 public:
  explicit AsyncJobs(Shared& s)
      : Rule("async-jobs", s),
        min_ms_(threshold_ms("min_interval_s")),
        max_fast_(static_cast<std::uint64_t>(threshold("max_fast_polls"))) {}

  void observe(const Seen& s) override {
    const auto& e = s.e;
    if (e.method != "GET") return;
    if (is_download(e.path)) {
      if (auto* keys = downloads_.find(key(s.region, 0))) {
        for (const auto k : *keys)
          if (auto it = jobs_.find(k); it != jobs_.end()) it->second.awaiting_download = false;
        keys->clear();
      }
      return;
    }
    const auto kind = job_route_kind(s.route);
    if (kind == JobRoute::none) return;
    if (kind == JobRoute::results) {
      const std::string_view base = std::string_view(e.path).substr(0, e.path.rfind('/'));
      if (auto it = jobs_.find(key(s.region, s.client, hash_text(base))); it != jobs_.end())
        it->second.awaiting_results = false;
      return;
    }
    trigger(s);
    const auto k = key(s.region, s.client, hash_text(e.path));
    auto it = jobs_.find(k);
    if (it == jobs_.end()) {
      if (jobs_.size() >= 65536) jobs_.erase(jobs_.begin());
      it = jobs_.emplace(k, Job{s.region, s.client, s.ms, 0, kind == JobRoute::status_with_results, false,
                                finding_for(e, "")}).first;
    } else {
      const auto gap = s.ms - it->second.last_ms;
      if (gap < min_ms_ && ++it->second.fast > max_fast_)
        report(s, [&] {
          return fmt::format("job status polled {} s after the previous poll (at most once per {} s)", seconds(gap),
                             seconds(min_ms_));
        });
      it->second.last_ms = s.ms;
      it->second.last = finding_for(e, "");
    }
    if (e.more == "downloadUrl" && !it->second.awaiting_download) {
      it->second.awaiting_download = true;
      auto& keys = downloads_[key(s.region, 0)];
      if (keys.size() >= 64) keys.erase(keys.begin());
      keys.push_back(k);
    }
  }

  void finish() override {
    for (auto& [k, j] : jobs_) {
      if (!j.awaiting_results && !j.awaiting_download) continue;
      Finding f = j.last;
      f.message = j.awaiting_download ? "the job's downloadUrl was never fetched"
                                      : "the job was polled but its results were never fetched";
      at(j.region).findings.add(std::move(f));
    }
    jobs_.clear();
  }

  std::string not_applicable_note(std::uint32_t) const override { return "no async job was polled in this region"; }
  std::string checked_note(const RegionVerdict& v) const override {
    return fmt::format("{} job status polls checked for pace; every job's result checked for a fetch", v.checked);
  }

 private:
  struct Job {
    std::uint32_t region = 0, client = 0;
    std::int64_t last_ms = 0;
    std::uint64_t fast = 0;
    bool awaiting_results = false, awaiting_download = false;
    Finding last;
  };
  std::int64_t min_ms_;
  std::uint64_t max_fast_;
  std::map<std::uint64_t, Job> jobs_;                        // ordered: findings come out the same way every run
  BoundedMap<std::vector<std::uint64_t>> downloads_{4096};  // region -> jobs awaiting their download (downloads carry no token)
};

// poll-jitter: (1) lock-step — a GET route polled in several regions: a poll cycle (a GET of the route at
// least spread_s after the previous one in that region) that comes within spread_s of the route's last poll
// in another region is in step; a region with min_polls cycles or more, of which lockstep_share or more are
// in step with a region also polled min_polls times, is a finding. (2) floor — the same resource (method,
// path, query; not a static listing, judged by redundant-reads, nor a job status, judged by async-jobs)
// re-read sooner than floor_s, min_polls times in a row.
class PollJitter final : public Rule {
 public:
  explicit PollJitter(Shared& s)
      : Rule("poll-jitter", s),
        spread_ms_(threshold_ms("spread_s")),
        share_(threshold("lockstep_share")),
        min_polls_(static_cast<std::uint64_t>(threshold("min_polls"))),
        floor_ms_(threshold_ms("floor_s")) {}

  void observe(const Seen& s) override {
    const auto& e = s.e;
    if (e.method != "GET" || s.login) return;
    lockstep(s);
    if (is_static_listing(s.route) || job_route_kind(s.route) != JobRoute::none) return;
    auto& r = resources_[key(s.region, s.client, s.h_resource)];
    if (r.seen) {
      trigger(s);
      if (s.ms - r.last_ms < floor_ms_) {
        if (++r.fast >= std::max<std::uint64_t>(min_polls_, 1))
          report(s, [&] {
            return fmt::format("polled {} times in a row less than {} s apart (last gap {} s)", r.fast + 1,
                               seconds(floor_ms_), seconds(s.ms - r.last_ms));
          });
      } else {
        r.fast = 0;
      }
    }
    r.seen = true;
    r.last_ms = s.ms;
  }

  void finish() override {
    for (auto& [route, regions] : routes_) {
      for (std::uint32_t r = 0; r < regions.size(); ++r) {
        const auto& mine = regions[r];
        if (mine.cycles < min_polls_ || mine.cycles == 0) continue;
        const bool other_polled = std::any_of(regions.begin(), regions.end(), [&](const Poll& p) {
          return &p != &mine && p.cycles >= min_polls_;
        });
        if (!other_polled) continue;
        const double in_step = static_cast<double>(mine.in_step) / static_cast<double>(mine.cycles);
        if (in_step < share_) continue;
        Finding f = mine.last_in_step;
        f.message = fmt::format("{} of {} poll cycles of GET {} came within {} s of another org's poll (lock-step)",
                                mine.in_step, mine.cycles, route, seconds(spread_ms_));
        at(r).findings.add(std::move(f));
      }
    }
  }

  std::string not_applicable_note(std::uint32_t) const override {
    return "no route or resource was polled repeatedly in this region";
  }
  std::string checked_note(const RegionVerdict& v) const override {
    return fmt::format("{} repeated polls checked for lock-step across orgs and for the floor", v.checked);
  }

 private:
  struct Poll {
    bool seen = false;
    std::int64_t last_ms = 0;
    std::uint64_t cycles = 0, in_step = 0;
    Finding last_in_step;
  };
  struct Resource {
    bool seen = false;
    std::int64_t last_ms = 0;
    std::uint64_t fast = 0;
  };

  void lockstep(const Seen& s) {
    auto it = routes_.find(s.route);
    if (it == routes_.end()) {
      if (routes_.size() >= 1024) return;
      it = routes_.emplace(std::string(s.route), std::vector<Poll>{}).first;
    }
    auto& polls = it->second;
    if (polls.size() <= s.region) polls.resize(s.region + 1);
    auto& mine = polls[s.region];
    const bool new_cycle = !mine.seen || s.ms - mine.last_ms >= spread_ms_;
    if (new_cycle) {
      if (mine.seen) trigger(s);
      ++mine.cycles;
      for (std::uint32_t q = 0; q < polls.size(); ++q) {
        if (q == s.region || !polls[q].seen) continue;
        if (s.ms - polls[q].last_ms < spread_ms_) {
          ++mine.in_step;
          mine.last_in_step = finding_for(s.e, "");
          break;
        }
      }
    }
    mine.seen = true;
    mine.last_ms = s.ms;
  }

  std::int64_t spread_ms_;
  double share_;
  std::uint64_t min_polls_;
  std::int64_t floor_ms_;
  std::map<std::string, std::vector<Poll>, std::less<>> routes_;  // GET route -> per region
  BoundedMap<Resource> resources_{65536};
};

// redundant-reads: the same static listing (users, queues, business and management units, activity codes,
// divisions, settings, …) re-read by a client within window_s of its previous read, `repeats` times in a row.
class RedundantReads final : public Rule {
 public:
  explicit RedundantReads(Shared& s)
      : Rule("redundant-reads", s),
        window_ms_(threshold_ms("window_s")),
        repeats_(std::max<std::uint64_t>(static_cast<std::uint64_t>(threshold("repeats")), 1)) {}

  void observe(const Seen& s) override {
    if (s.e.method != "GET" || !is_static_listing(s.route)) return;
    trigger(s);
    auto& r = reads_[key(s.region, s.client, s.h_resource)];
    if (r.seen && s.ms - r.last_ms < window_ms_) {
      if (++r.streak >= repeats_)
        report(s, [&] {
          return fmt::format("static listing re-read {} times in a row, each within {} s of the previous read",
                             r.streak, seconds(window_ms_));
        });
    } else {
      r.streak = 0;
    }
    r.seen = true;
    r.last_ms = s.ms;
  }

  std::string not_applicable_note(std::uint32_t) const override {
    return "no static listing (users, queues, units, settings) was read in this region";
  }
  std::string checked_note(const RegionVerdict& v) const override {
    return fmt::format("{} reads of static listings checked for quick re-reads", v.checked);
  }

 private:
  struct Read {
    bool seen = false;
    std::int64_t last_ms = 0;
    std::uint64_t streak = 0;
  };
  std::int64_t window_ms_;
  std::uint64_t repeats_;
  BoundedMap<Read> reads_{65536};
};

}  // namespace

void add_request_rules(Shared& shared, std::vector<std::unique_ptr<Rule>>& out) {
  out.push_back(std::make_unique<ValidRequests>(shared));
  out.push_back(std::make_unique<WriteRetries>(shared));
  out.push_back(std::make_unique<NoRetry4xx>(shared));
  out.push_back(std::make_unique<Paging>(shared));
  out.push_back(std::make_unique<AsyncJobs>(shared));
  out.push_back(std::make_unique<PollJitter>(shared));
  out.push_back(std::make_unique<RedundantReads>(shared));
}

}  // namespace mockgc::check::detail
