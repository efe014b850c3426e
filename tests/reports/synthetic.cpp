#include "synthetic.hpp"

#include <string>

namespace mockgc::reports::testing {

SyntheticRun synthetic_run(std::uint64_t entries) {
  using namespace std::chrono_literals;
  const api::Instant start = *api::parse_instant("2026-03-02T09:00:00Z");
  ReportHeader h;
  h.title = "synthetic <run> & 'friends'";
  h.scenario = "scenarios/synthetic.json";
  h.seed = 7;
  h.speed = "240";
  h.command = R"(python3 integ.py "<orgs>")";
  h.verdict = "fail";
  h.summary = "verdict: fail (1 rules failed)";
  h.start = start;
  h.regions = {{"eu_central_1", "EMEA"}, {"ap_southeast_2", "APAC <&\"'>"}};
  h.faults = {
      FaultSpan{"apac-down", "outage", "ap_southeast_2", "every route answers 503", start + 60min, start + 90min},
      FaultSpan{"eu-<slow>", "latency", "eu_central_1", "every route answers after 800 ms more", start + 2h,
                start + 2h + 15min},
      FaultSpan{"storm", "rate_limit", "", "every route allows 60 requests per minute per client, then answers 429",
                start + 5h, std::nullopt},
  };
  Verdict fail{"outage-backoff", "ap_southeast_2", "fail", "error", "retries of an outage did not back off", {}, 3};
  for (std::uint64_t seq = 3; seq <= 5; ++seq)
    fail.evidence.push_back({start + 60min, seq, "GET", "/api/v2/users?<script>alert(1)</script>", 503,
                             "retry came 1 s after the previous one & \"no\" backoff"});
  h.verdicts = {fail,
                {"outage-backoff", "eu_central_1", "not_applicable", "error", "no 5xx met", {}, 0},
                {"token-<reuse>", "eu_central_1", "pass", "error", "12 logins checked", {}, 0},
                {"exit-code", "", "pass", "error", "exited 0", {}, 0}};
  h.untested_faults = {"storm"};

  JournalDigest d(h.faults);
  const std::int64_t span_ms = 8 * 3600 * 1000;
  for (std::uint64_t i = 0; i < entries; ++i) {
    JournalRow r;
    r.seq = i + 1;
    r.at = start + api::Millis{static_cast<std::int64_t>(i) * span_ms / static_cast<std::int64_t>(entries)};
    r.region = i % 2 == 0 ? "eu_central_1" : "ap_southeast_2";
    r.method = i % 7 == 0 ? "POST" : "GET";
    r.login = i % 97 == 0;
    r.path = r.login ? "/oauth/token" : "/api/v2/users/" + std::to_string(i % 1000);
    if (i % 500 == 1) r.path += "?q=</script><b>";
    r.route = r.login ? "/oauth/token" : "/api/v2/users/{userId}";
    const bool down = r.region == "ap_southeast_2" && r.at >= start + 60min && r.at < start + 90min;
    r.status = down ? 503 : i % 211 == 0 ? 401 : i % 53 == 0 ? 429 : i % 31 == 0 ? 404 : 200;
    if (down) r.fault = "apac-down";
    r.latency_ms = static_cast<std::int64_t>(i % 40);
    d.add(r);
  }
  return {std::move(h), std::move(d)};
}

}  // namespace mockgc::reports::testing
