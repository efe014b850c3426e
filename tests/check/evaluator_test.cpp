// The rules on hand-written journals: per rule a passing case, a failing case, the edges, and
// not_applicable when the trigger never happened.
#include "mockgc/check/evaluator.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "journal_builder.hpp"

namespace mockgc::check {
namespace {

using namespace testing;
using S = RuleStatus;

TEST(Evaluator, PoliteBaselinePassesOrIsNotApplicableEverywhere) {
  Journal j;
  j.baseline();
  const auto r = judge(j);
  EXPECT_TRUE(flagged(r).empty());
  EXPECT_TRUE(r.passed());
  EXPECT_EQ(r.requests, 4U);
  EXPECT_EQ(result(r, "region-coverage", kEu).status, S::pass);
  EXPECT_EQ(result(r, "retry-after", kEu).status, S::not_applicable);
  EXPECT_EQ(result(r, "retry-after", kEu).note, "no 429 with a Retry-After was answered in this region");
  // One result per rule and region, exit-code once for the run; sorted by id then region.
  EXPECT_EQ(r.rules.size(), 23U * 2 + 1);
  for (std::size_t i = 1; i < r.rules.size(); ++i)
    EXPECT_LE(std::tie(r.rules[i - 1].id, r.rules[i - 1].region), std::tie(r.rules[i].id, r.rules[i].region));
}

TEST(Evaluator, HarnessOwnEntriesAreIgnoredButDownloadsAreJudged) {
  Journal j;
  j.baseline();
  j.get(1, kEu, "/mockgc/admin/journal", 404).route.clear();
  j.get(2, kEu, "/mockgc/downloads/abc", 200);
  const auto r = judge(j);
  EXPECT_EQ(r.requests, 5U);
  EXPECT_EQ(result(r, "valid-requests", kEu).status, S::pass);
}

// --- retry-after ---
TEST(RetryAfter, RequestExactlyAtRetryAfterPasses) {
  Journal j;
  j.baseline();
  j.get(10, kEu, "/api/v2/users", 429).retry_after_s = 5;
  j.get(15, kEu, "/api/v2/users");
  const auto r = judge(j);
  EXPECT_EQ(result(r, "retry-after", kEu).status, S::pass);
  EXPECT_EQ(result(r, "retry-after", kAp).status, S::not_applicable);
}

TEST(RetryAfter, RequestOneMillisecondEarlyFailsWithEvidence) {
  Journal j;
  j.baseline();
  j.get(10, kEu, "/api/v2/users", 429).retry_after_s = 5;
  j.get(14.999, kEu, "/api/v2/routing/queues");
  const auto r = judge(j);
  const auto& res = result(r, "retry-after", kEu);
  ASSERT_EQ(res.status, S::fail);
  ASSERT_EQ(res.finding_count, 1U);
  EXPECT_EQ(res.findings[0].seq, 6U);
  EXPECT_EQ(res.findings[0].path, "/api/v2/routing/queues");
  EXPECT_EQ(res.findings[0].message, "sent 4.999 s after the 429 of seq 5 that asked to wait 5 s (scope client)");
  EXPECT_FALSE(r.passed());
}

TEST(RetryAfter, ToleranceForgivesEarliness) {
  Journal j;
  j.baseline();
  j.get(10, kEu, "/api/v2/users", 429).retry_after_s = 5;
  j.get(14.5, kEu, "/api/v2/users");
  const auto cfg = RulesConfig::from_json(nlohmann::json::parse(R"({"rules":{"retry-after":{"tolerance_s":1}}})"), "t");
  EXPECT_EQ(result(judge(j, two_regions(), cfg), "retry-after", kEu).status, S::pass);
}

TEST(RetryAfter, OtherClientsAndOtherScopesAreFree) {
  Journal j;
  j.baseline();
  auto& limited = j.get(10, kEu, "/api/v2/users", 429);
  limited.retry_after_s = 30;
  limited.limit_scope = "route:GET /api/v2/users/**";
  j.get(11, kEu, "/api/v2/routing/queues");              // scope "client": not limited
  j.get(11, kEu, "/api/v2/users").client_id = "other";   // another client
  j.get(12, kAp, "/api/v2/users");                       // another region
  j.login(12, kEu);                                       // no limiter counts a login
  EXPECT_EQ(result(judge(j), "retry-after", kEu).status, S::pass);
  j.get(13, kEu, "/api/v2/users/u1").limit_scope = "route:GET /api/v2/users/**";  // the limited scope again
  EXPECT_EQ(result(judge(j), "retry-after", kEu).status, S::fail);
}

// --- rate-budget ---
TEST(RateBudget, AtTheLimitPassesOneMoreFails) {
  Journal j;
  j.baseline();
  for (int i = 0; i < 299; ++i) j.get(1 + i * 0.1, kEu, "/api/v2/users");  // 300 with the baseline's GET at 0.1 s
  EXPECT_EQ(result(judge(j), "rate-budget", kEu).status, S::pass);
  j.get(40, kEu, "/api/v2/users");
  const auto r = judge(j);
  EXPECT_EQ(result(r, "rate-budget", kEu).status, S::fail);
  EXPECT_EQ(result(r, "rate-budget", kEu).findings[0].message,
            "request 301 of client app-eu_central_1 within 60 s (the scenario allows 300 per minute)");
  j.entries.back().time = kStart + core::Millis(60'100);  // the GET at 0.1 s has left the window: 300 again
  EXPECT_EQ(result(judge(j), "rate-budget", kEu).status, S::pass);
}

TEST(RateBudget, NotApplicableWithoutALimiter) {
  Journal j;
  j.baseline();
  auto ctx = two_regions();
  ctx.rate_limit_per_minute.reset();
  const auto& res = result(judge(j, ctx), "rate-budget", kEu);
  EXPECT_EQ(res.status, S::not_applicable);
  EXPECT_EQ(res.note, "the scenario sets no per-client rate limit");
}

// --- outage-backoff ---
TEST(OutageBackoff, GrowingGapsPass) {
  Journal j;
  j.baseline();
  double t = 10;
  for (double gap : {0.0, 1.0, 2.0, 4.0, 8.0, 16.0, 32.0}) {
    t += gap;
    j.get(t, kEu, "/api/v2/users", 503);
  }
  j.get(t + 60, kEu, "/api/v2/users", 200);
  EXPECT_EQ(result(judge(j), "outage-backoff", kEu).status, S::pass);
}

TEST(OutageBackoff, AShortFixedSleepFails) {
  Journal j;
  j.baseline();
  const auto first = j.entries.size();
  for (int i = 0; i < 8; ++i) j.get(10 + i * 8, kEu, "/api/v2/users", 503);
  const auto& res = result(judge(j), "outage-backoff", kEu);
  ASSERT_EQ(res.status, S::fail);
  EXPECT_EQ(res.findings[0].message, "7 requests within 60 s to a region answering 5xx (at most 6 per minute)");
  EXPECT_EQ(res.findings[0].seq, j.entries[first + 6].seq) << "the 7th request of the outage within 60 s";
}

TEST(OutageBackoff, TooManyPerMinuteFails) {
  Journal j;
  j.baseline();
  for (int i = 0; i < 8; ++i) j.get(10 + i * 0.5 * (i + 1), kEu, "/api/v2/users", 503);  // growing, but 8 in 60 s
  const auto& res = result(judge(j), "outage-backoff", kEu);
  ASSERT_EQ(res.status, S::fail);
  EXPECT_EQ(res.findings[0].message, "7 requests within 60 s to a region answering 5xx (at most 6 per minute)");
}

TEST(OutageBackoff, JitteredGapsThatShrinkByChancePass) {
  // Full jitter: each gap is drawn below its cap, so a gap may be shorter than the ones before it.
  Journal j;
  j.baseline();
  double t = 10;
  for (double gap : {0.0, 12.0, 3.0, 40.0, 9.0, 55.0, 2.0, 31.0, 20.0}) {
    t += gap;
    j.get(t, kEu, "/api/v2/users", 503);
  }
  j.get(t + 30, kEu, "/api/v2/users", 200);
  const auto& res = result(judge(j), "outage-backoff", kEu);
  EXPECT_EQ(res.status, S::pass);
  EXPECT_EQ(res.note, "1 runs of 5xx answers; retries during each were checked for pace");
}

TEST(OutageBackoff, ARecoveryEndsTheRun) {
  Journal j;
  j.baseline();
  for (int i = 0; i < 4; ++i) j.get(10 + i * 5, kEu, "/api/v2/users", 503);
  j.get(30, kEu, "/api/v2/users", 200);
  for (int i = 0; i < 4; ++i) j.get(35 + i * 5, kEu, "/api/v2/users", 503);  // a second run: 4, not 8
  EXPECT_EQ(result(judge(j), "outage-backoff", kEu).status, S::pass);
}

TEST(OutageBackoff, NotApplicableWithoutA5xx) {
  Journal j;
  j.baseline();
  EXPECT_EQ(result(judge(j), "outage-backoff", kEu).status, S::not_applicable);
}

// --- token-reuse ---
TEST(TokenReuse, ReLoginAfter401OrNearExpiryPasses) {
  Journal j;
  j.baseline();
  j.get(10, kEu, "/api/v2/users", 401).client_id.clear();
  j.entries.back().auth = "revoked";
  j.login(11, kEu, 200, 600);
  j.get(12, kEu, "/api/v2/users");
  j.login(11 + 600 - 60, kEu);  // within the 300 s refresh margin of its expiry
  EXPECT_EQ(result(judge(j), "token-reuse", kEu).status, S::pass);
}

TEST(TokenReuse, LoginPerRequestFails) {
  Journal j;
  j.baseline();
  j.login(10, kEu);
  j.get(10.5, kEu, "/api/v2/users");
  j.login(11, kEu);
  const auto& res = result(judge(j), "token-reuse", kEu);
  ASSERT_EQ(res.status, S::fail);
  EXPECT_EQ(res.finding_count, 2U);
  EXPECT_EQ(res.findings[0].seq, 5U);
  EXPECT_EQ(res.findings[0].message.rfind("a login per request", 0), 0U) << res.findings[0].message;
}

TEST(TokenReuse, A401OfAnUnknownTokenFreesTheRegionsClients) {
  Journal j;
  j.baseline();
  auto& e = j.get(10, kEu, "/api/v2/users", 401);
  e.token = "cccccccccccc";  // never seen answered: whose it was is unknown
  e.auth = "invalid";
  e.client_id.clear();
  j.login(11, kEu);
  EXPECT_EQ(result(judge(j), "token-reuse", kEu).status, S::pass);
  j.login(12, kEu);  // the 401 came before the previous login: this one is waste
  EXPECT_EQ(result(judge(j), "token-reuse", kEu).status, S::fail);
}

TEST(TokenReuse, FailedLoginsDoNotCount) {
  Journal j;
  j.baseline();
  j.login(10, kEu, 503);
  j.login(20, kEu, 503);
  EXPECT_EQ(result(judge(j), "token-reuse", kEu).status, S::pass);
}

TEST(TokenReuse, NotApplicableWithoutLogin) {
  Journal j;
  j.get(1, kEu, "/api/v2/users");
  EXPECT_EQ(result(judge(j), "token-reuse", kEu).status, S::not_applicable);
}

// --- foreign-ids ---
TEST(ForeignIds, EmptyForeignIdsPassesIncludingABiRegionalPersonsTwoIds) {
  Journal j;
  j.baseline();
  // The same person has one user id per org; each request uses its own org's id, so the core marks none.
  j.get(5, kEu, "/api/v2/users/11111111-1111-4111-8111-111111111111");
  j.get(5, kAp, "/api/v2/users/22222222-2222-4222-8222-222222222222");
  // Default activity codes ("0".."7") are equal in every org: the core never marks them.
  j.get(6, kAp, "/api/v2/workforcemanagement/businessunits/bu/activitycodes/0");
  EXPECT_EQ(result(judge(j), "foreign-ids", kEu).status, S::pass);
  EXPECT_EQ(result(judge(j), "foreign-ids", kAp).status, S::pass);
}

TEST(ForeignIds, AnotherOrgsIdFails) {
  Journal j;
  j.baseline();
  j.get(5, kAp, "/api/v2/users/11111111-1111-4111-8111-111111111111").foreign_ids =
      "11111111-1111-4111-8111-111111111111@eu_central_1";
  const auto r = judge(j);
  EXPECT_EQ(result(r, "foreign-ids", kAp).status, S::fail);
  EXPECT_EQ(result(r, "foreign-ids", kAp).findings[0].message,
            "sent ids owned by another org: 11111111-1111-4111-8111-111111111111@eu_central_1");
  EXPECT_EQ(result(r, "foreign-ids", kEu).status, S::pass);
}

TEST(ForeignIds, SingleOrgWorldIsNotApplicable) {
  Journal j;
  j.get(1, kEu, "/api/v2/users");
  auto ctx = two_regions();
  ctx.regions = {kEu};
  EXPECT_EQ(result(judge(j, ctx), "foreign-ids", kEu).status, S::not_applicable);
}

// --- valid-requests ---
TEST(ValidRequests, QuotesTheErrorBody) {
  Journal j;
  j.baseline();
  auto& e = j.get(3, kEu, "/api/v2/workforcemanagement/adherence", 400);
  e.error_code = "invalid.date";
  e.error_message = "Dates must be specified as ISO-8601 strings.";
  const auto& res = result(judge(j), "valid-requests", kEu);
  ASSERT_EQ(res.status, S::fail);
  EXPECT_EQ(res.findings[0].message, "400 invalid.date: Dates must be specified as ISO-8601 strings.");
}

TEST(ValidRequests, UnknownPath404FailsEntity404AndInjectedFaultsDoNot) {
  Journal j;
  j.baseline();
  j.get(3, kEu, "/api/v2/users/gone", 404).route = "/api/v2/users/{userId}";
  j.get(4, kEu, "/api/v2/users", 400).fault = "bad-request-fault";
  EXPECT_EQ(result(judge(j), "valid-requests", kEu).status, S::pass);
  j.get(5, kEu, "/api/v2/nothing", 404).route.clear();
  EXPECT_EQ(result(judge(j), "valid-requests", kEu).status, S::fail);
}

// --- write-retries ---
TEST(WriteRetries, BlindResendAfter5xxFailsReadInBetweenPasses) {
  Journal j;
  j.baseline();
  auto& w = j.add(5, kEu, "POST", "/api/v2/routing/queues", 503);
  w.body_hash = 42;
  j.add(8, kEu, "POST", "/api/v2/routing/queues", 200).body_hash = 42;
  EXPECT_EQ(result(judge(j), "write-retries", kEu).status, S::fail);

  Journal k;
  k.baseline();
  k.add(5, kEu, "POST", "/api/v2/routing/queues", 503).body_hash = 42;
  k.get(6, kEu, "/api/v2/routing/queues");
  k.add(8, kEu, "POST", "/api/v2/routing/queues", 200).body_hash = 42;
  EXPECT_EQ(result(judge(k), "write-retries", kEu).status, S::pass);
}

TEST(WriteRetries, TwoCreatesOfTheSameNameFail) {
  Journal j;
  j.baseline();
  j.add(5, kEu, "POST", "/api/v2/routing/queues", 200).name = "Support";
  j.add(6, kAp, "POST", "/api/v2/routing/queues", 200).name = "Support";  // another org: fine
  EXPECT_EQ(flagged(judge(j)).count("write-retries"), 0U);
  j.add(7, kEu, "POST", "/api/v2/routing/queues", 200).name = "Support";
  const auto& res = result(judge(j), "write-retries", kEu);
  ASSERT_EQ(res.status, S::fail);
  EXPECT_EQ(res.findings[0].message, "a second \"Support\" created on /api/v2/routing/queues (the first landed at seq 5)");
}

TEST(WriteRetries, QueryPostsAreReads) {
  Journal j;
  j.baseline();
  j.add(5, kEu, "POST", "/api/v2/analytics/conversations/aggregates/query", 503);
  j.add(9, kEu, "POST", "/api/v2/analytics/conversations/aggregates/query", 200);
  EXPECT_EQ(result(judge(j), "write-retries", kEu).status, S::not_applicable);
}

TEST(WriteRetries, UploadUrlRequestsCreateNothing) {
  const std::string upload = "/api/v2/workforcemanagement/businessunits/b/weeks/2026-01-12/shorttermforecasts/import/uploadurl";
  Journal j;
  j.baseline();
  j.add(5, kEu, "POST", upload, 503).body_hash = 7;
  j.add(9, kEu, "POST", upload, 503).body_hash = 7;
  j.add(20, kEu, "POST", upload, 200).body_hash = 7;
  EXPECT_EQ(result(judge(j), "write-retries", kEu).status, S::not_applicable);
  // The import that follows is a write: its blind re-send is still found.
  const std::string import = "/api/v2/workforcemanagement/businessunits/b/weeks/2026-01-12/shorttermforecasts/import";
  j.add(21, kEu, "POST", import, 504).body_hash = 8;
  j.add(25, kEu, "POST", import, 200).body_hash = 8;
  EXPECT_EQ(result(judge(j), "write-retries", kEu).status, S::fail);
}

// --- region-coverage ---
TEST(RegionCoverage, AnOrgWithoutAuthenticatedRequestFails) {
  Journal j;
  j.login(0, kEu);
  j.get(1, kEu, "/api/v2/users");
  j.get(1, kAp, "/api/v2/users", 401).auth = "missing";
  const auto r = judge(j);
  EXPECT_EQ(result(r, "region-coverage", kEu).status, S::pass);
  const auto& ap = result(r, "region-coverage", kAp);
  ASSERT_EQ(ap.status, S::fail);
  EXPECT_EQ(ap.findings[0].message, "no authenticated request reached the org in ap_southeast_2");
  EXPECT_EQ(ap.findings[0].seq, 0U);
}

TEST(RegionCoverage, RecoveredRegionNeverContactedAgainFails) {
  Journal j;
  j.baseline();
  j.get(100, kEu, "/api/v2/users");
  auto ctx = two_regions();
  ctx.faults.push_back({"ap-down", "outage", kAp, kStart + core::Millis(10'000), kStart + core::Millis(50'000)});
  const auto& res = result(judge(j, ctx), "region-coverage", kAp);
  ASSERT_EQ(res.status, S::fail);
  EXPECT_NE(res.findings[0].message.find("ap_southeast_2 recovered at 2026-01-05T09:00:50.000Z (outage ap-down)"),
            std::string::npos)
      << res.findings[0].message;
  j.get(60, kAp, "/api/v2/users");
  EXPECT_EQ(result(judge(j, ctx), "region-coverage", kAp).status, S::pass);
}

TEST(RegionCoverage, AnOrgKeptOutByAWindowThatOutlastsTheRunIsNotApplicable) {
  Journal j;
  j.login(0, kEu);
  j.login(20, kAp, 503).fault = "ap-down";
  j.login(40, kAp, 503).fault = "ap-down";
  j.get(45, kEu, "/api/v2/users");
  auto ctx = two_regions();
  ctx.faults.push_back({"ap-down", "outage", kAp, kStart + core::Millis(10'000), kStart + core::Millis(50'000)});
  ctx.faults.back().whole_region = true;
  const auto r = judge(j, ctx);
  const auto& ap = result(r, "region-coverage", kAp);
  EXPECT_EQ(ap.status, S::not_applicable);
  EXPECT_EQ(ap.note,
            "no authenticated request reached the org: its requests met outage ap-down, which had not ended when the "
            "integration stopped");
  // Still running after the window closed without trying again: the silence is the integration's.
  j.get(60, kEu, "/api/v2/users");
  EXPECT_EQ(result(judge(j, ctx), "region-coverage", kAp).status, S::fail);
  // A region never tried is a finding whatever the timeline.
  Journal quiet;
  quiet.login(0, kEu);
  quiet.get(45, kEu, "/api/v2/users");
  EXPECT_EQ(result(judge(quiet, ctx), "region-coverage", kAp).status, S::fail);
  // A window that lets requests through (a probability, a family) keeps nobody out: giving up is a finding.
  j.entries.pop_back();
  ctx.faults.back().whole_region = false;
  EXPECT_EQ(result(judge(j, ctx), "region-coverage", kAp).status, S::fail);
}

// --- poll-jitter ---
TEST(PollJitter, LockStepAcrossOrgsWarns) {
  Journal j;
  j.baseline();
  for (int i = 0; i < 6; ++i) {
    j.get(10 + i * 30, kEu, "/api/v2/workforcemanagement/managementunits/mu/adherence");
    j.get(10.2 + i * 30, kAp, "/api/v2/workforcemanagement/managementunits/mu/adherence");
  }
  for (auto& e : j.entries) e.route = e.path == "/api/v2/tokens/me" ? e.route : "/managementunits/{id}/adherence";
  const auto r = judge(j);
  EXPECT_EQ(result(r, "poll-jitter", kAp).status, S::warn);
  EXPECT_EQ(result(r, "poll-jitter", kEu).status, S::pass);  // its polls came first
  EXPECT_TRUE(r.passed()) << "a warning does not fail the verdict";
  auto strict = two_regions();
  strict.strict = true;
  EXPECT_FALSE(judge(j, strict).passed());
}

TEST(PollJitter, OffsetPhasesPass) {
  Journal j;
  j.baseline();
  for (int i = 0; i < 6; ++i) {
    j.get(10 + i * 30, kEu, "/api/v2/workforcemanagement/managementunits/mu/adherence");
    j.get(23 + i * 30, kAp, "/api/v2/workforcemanagement/managementunits/mu/adherence");
  }
  EXPECT_EQ(result(judge(j), "poll-jitter", kAp).status, S::pass);
}

TEST(PollJitter, FasterThanTheFloorWarns) {
  Journal j;
  j.baseline();
  for (int i = 0; i < 7; ++i) j.get(10 + i * 0.5, kEu, "/api/v2/workforcemanagement/managementunits/mu/adherence");
  const auto& res = result(judge(j), "poll-jitter", kEu);
  ASSERT_EQ(res.status, S::warn);
  EXPECT_EQ(res.finding_count, 2U);  // the 6th and 7th poll of the run below the floor
}

// --- paging ---
TEST(Paging, FirstPageOnlyWarnsReadingOnPasses) {
  Journal j;
  j.baseline();
  auto& p1 = j.get(5, kEu, "/api/v2/users");
  p1.query = "pageNumber=1";
  p1.more = "page 1/3";
  const auto r = judge(j);
  ASSERT_EQ(result(r, "paging", kEu).status, S::warn);
  EXPECT_EQ(result(r, "paging", kEu).findings[0].message,
            "answered with more to read (page 1/3) and the rest was never read");
  EXPECT_EQ(result(r, "paging", kAp).status, S::not_applicable);
  j.get(6, kEu, "/api/v2/users").query = "pageNumber=2";
  EXPECT_EQ(result(judge(j), "paging", kEu).status, S::pass);
}

TEST(Paging, DownloadUrlIsContinuedByADownload) {
  Journal j;
  j.baseline();
  j.get(5, kEu, "/api/v2/workforcemanagement/managementunits/mu/users").more = "downloadUrl";
  EXPECT_EQ(result(judge(j), "paging", kEu).status, S::warn);
  j.get(6, kEu, "/mockgc/downloads/d1");
  EXPECT_EQ(result(judge(j), "paging", kEu).status, S::pass);
}

// --- async-jobs ---
TEST(AsyncJobs, PolledOncePerSecondAndFetchedPasses) {
  Journal j;
  j.baseline();
  const std::string job = "/api/v2/analytics/conversations/aggregates/jobs/j1";
  for (int i = 0; i < 3; ++i) j.get(5 + i, kEu, job).route = "/api/v2/analytics/conversations/aggregates/jobs/{jobId}";
  j.get(9, kEu, job + "/results").route = "/api/v2/analytics/conversations/aggregates/jobs/{jobId}/results";
  EXPECT_EQ(result(judge(j), "async-jobs", kEu).status, S::pass);
}

TEST(AsyncJobs, FastPollingAndNeverFetchedWarn) {
  Journal j;
  j.baseline();
  const std::string job = "/api/v2/analytics/conversations/aggregates/jobs/j1";
  for (int i = 0; i < 3; ++i)
    j.get(5 + i * 0.2, kEu, job).route = "/api/v2/analytics/conversations/aggregates/jobs/{jobId}";
  const auto& res = result(judge(j), "async-jobs", kEu);
  ASSERT_EQ(res.status, S::warn);
  ASSERT_EQ(res.finding_count, 3U);
  EXPECT_EQ(res.findings[0].message, "job status polled 0.2 s after the previous poll (at most once per 1 s)");
  EXPECT_EQ(res.findings[2].message, "the job was polled but its results were never fetched");
}

TEST(AsyncJobs, AJobWithoutAResultsRouteIsNotAskedForResults) {
  Journal j;
  j.baseline();
  // Historical adherence: the status carries downloadUrls; there is no …/results route to fetch.
  const std::string job = "/api/v2/workforcemanagement/adherence/historical/jobs/j1";
  for (int i = 0; i < 2; ++i) j.get(5 + i, kEu, job).route = "/api/v2/workforcemanagement/adherence/historical/jobs/{jobId}";
  EXPECT_EQ(result(judge(j), "async-jobs", kEu).status, S::pass);
}

TEST(AsyncJobs, AJobsDownloadUrlMustBeFetched) {
  Journal j;
  j.baseline();
  auto& status = j.get(5, kEu, "/api/v2/workforcemanagement/historicaldata/importstatus/j1");
  status.route = "/api/v2/workforcemanagement/historicaldata/importstatus/{jobId}";
  status.more = "downloadUrl";
  auto r = judge(j);
  ASSERT_EQ(result(r, "async-jobs", kEu).status, S::warn);
  EXPECT_EQ(result(r, "async-jobs", kEu).findings[0].message, "the job's downloadUrl was never fetched");
  EXPECT_EQ(result(r, "paging", kEu).status, S::not_applicable) << "one fact, one rule";
  j.get(7, kEu, "/mockgc/downloads/d1");
  EXPECT_EQ(result(judge(j), "async-jobs", kEu).status, S::pass);
}

// --- exit-code ---
TEST(ExitCode, RegionLessAndFailsOnNonZeroOrTimeout) {
  Journal j;
  j.baseline();
  auto r = judge(j, two_regions(), {}, {"cmd", 3, false, true});
  const auto it = std::find_if(r.rules.begin(), r.rules.end(), [](const auto& x) { return x.id == "exit-code"; });
  ASSERT_NE(it, r.rules.end());
  EXPECT_FALSE(it->region.has_value());
  EXPECT_EQ(it->status, S::fail);
  EXPECT_EQ(it->findings[0].message, "the command exited with status 3");
  r = judge(j, two_regions(), {}, {"cmd", -9, true, true});
  EXPECT_EQ(flagged(r).count("exit-code"), 1U);
  EXPECT_FALSE(r.passed());
}

TEST(ExitCode, NotApplicableWhenNoProcessWasWatched) {
  Journal j;
  j.baseline();
  RunOutcome offline;
  offline.watched = false;
  const auto r = judge(j, two_regions(), {}, offline);
  const auto it = std::find_if(r.rules.begin(), r.rules.end(), [](const auto& x) { return x.id == "exit-code"; });
  ASSERT_NE(it, r.rules.end());
  EXPECT_EQ(it->status, S::not_applicable);
  EXPECT_EQ(it->note, "no process was watched (a journal judged offline)");
  EXPECT_TRUE(r.passed());
}

// --- no-retry-4xx ---
TEST(NoRetry4xx, IdenticalResendFailsChangedRequestAnd401Pass) {
  Journal j;
  j.baseline();
  j.add(5, kEu, "POST", "/api/v2/routing/queues", 409).body_hash = 7;
  j.add(6, kEu, "POST", "/api/v2/routing/queues", 201).body_hash = 8;  // changed body
  j.get(7, kEu, "/api/v2/users", 401);
  j.get(8, kEu, "/api/v2/users", 200);
  EXPECT_EQ(result(judge(j), "no-retry-4xx", kEu).status, S::pass);
  j.add(9, kEu, "POST", "/api/v2/routing/queues", 409).body_hash = 7;
  const auto& res = result(judge(j), "no-retry-4xx", kEu);
  ASSERT_EQ(res.status, S::fail);
  EXPECT_EQ(res.findings[0].message, "identical request re-sent 4 s after a 409 (seq 5)");
}

TEST(NoRetry4xx, NotApplicableWithoutClientErrors) {
  Journal j;
  j.baseline();
  j.get(7, kEu, "/api/v2/users", 429);
  EXPECT_EQ(result(judge(j), "no-retry-4xx", kEu).status, S::not_applicable);
}

// --- retry-budget ---
TEST(RetryBudget, AmplificationWarns) {
  Journal j;
  j.baseline();
  for (int i = 0; i < 12; ++i) j.get(5 + i * 2, kEu, "/api/v2/users", 500);
  const auto& res = result(judge(j), "retry-budget", kEu);
  ASSERT_EQ(res.status, S::warn);
  EXPECT_EQ(res.findings[0].message, "10 retries against 2 first attempts within 60 s (budget 0.5 per first attempt)");
}

TEST(RetryBudget, SleepingOnAHugeRetryAfterWarns) {
  Journal j;
  j.baseline();
  j.get(5, kEu, "/api/v2/users", 429).retry_after_s = 600;
  j.get(605, kEu, "/api/v2/users");
  const auto r = judge(j);
  const auto& res = result(r, "retry-budget", kEu);
  ASSERT_EQ(res.status, S::warn);
  EXPECT_EQ(res.findings[0].message, "waited 600 s on a Retry-After of 600 s (seq 5) instead of giving up above 180 s");
  EXPECT_EQ(result(r, "retry-after", kEu).status, S::pass);
}

TEST(RetryBudget, FewRetriesPass) {
  Journal j;
  j.baseline();
  j.get(5, kEu, "/api/v2/users", 500);
  j.get(7, kEu, "/api/v2/users", 200);
  EXPECT_EQ(result(judge(j), "retry-budget", kEu).status, S::pass);
}

// --- token-leak / foreign-tokens / concurrency ---
TEST(TokenLeak, CredentialInUrlFails) {
  Journal j;
  j.baseline();
  auto& e = j.get(5, kEu, "/api/v2/users");
  e.query = "access_token=REDACTED";
  e.leak = "access_token in query";
  const auto& res = result(judge(j), "token-leak", kEu);
  ASSERT_EQ(res.status, S::fail);
  EXPECT_EQ(res.findings[0].message, "credential in the URL: access_token in query");
}

TEST(ForeignTokens, AnotherRegionsTokenFails) {
  Journal j;
  j.baseline();
  auto& e = j.get(5, kAp, "/api/v2/users", 401);
  e.token = "aaaaaaaaaaaa";
  e.token_region = kEu;
  e.auth = "foreign";
  e.client_id.clear();
  const auto r = judge(j);
  EXPECT_EQ(result(r, "foreign-tokens", kAp).status, S::fail);
  EXPECT_EQ(result(r, "foreign-tokens", kAp).findings[0].message, "token issued by eu_central_1 sent to ap_southeast_2");
  EXPECT_EQ(result(r, "foreign-tokens", kEu).status, S::pass);
}

TEST(Concurrency, AboveTheCapWarns) {
  Journal j;
  j.baseline();
  j.get(5, kEu, "/api/v2/users").inflight = 8;
  EXPECT_EQ(result(judge(j), "concurrency", kEu).status, S::pass);
  j.get(5, kEu, "/api/v2/users").inflight = 9;
  EXPECT_EQ(result(judge(j), "concurrency", kEu).status, S::warn);
  for (auto& e : j.entries) e.inflight = 0;
  EXPECT_EQ(result(judge(j), "concurrency", kEu).status, S::not_applicable);
}

// --- redundant-reads ---
TEST(RedundantReads, RereadingAStaticListingAgainAndAgainWarns) {
  Journal j;
  j.baseline();
  for (int i = 0; i < 3; ++i) j.get(5 + i, kEu, "/api/v2/routing/queues");
  EXPECT_EQ(result(judge(j), "redundant-reads", kEu).status, S::pass);  // two quick re-reads: tolerated
  j.get(8, kEu, "/api/v2/routing/queues");
  EXPECT_EQ(result(judge(j), "redundant-reads", kEu).status, S::warn);
  for (int i = 0; i < 4; ++i) j.get(100 + i * 10, kAp, "/api/v2/routing/queues");  // every 10 s: fine
  EXPECT_EQ(result(judge(j), "redundant-reads", kAp).status, S::pass);
}

// --- findings cap, disabled rules, untested faults ---
TEST(Evaluator, FindingsAreCappedButCounted) {
  Journal j;
  j.baseline();
  for (int i = 0; i < 120; ++i) j.get(5 + i, kEu, "/api/v2/nothing", 404).route.clear();
  const auto& res = result(judge(j), "valid-requests", kEu);
  EXPECT_EQ(res.findings.size(), kMaxFindings);
  EXPECT_EQ(res.finding_count, 120U);
  EXPECT_EQ(res.findings.front().seq, 5U);
  EXPECT_EQ(res.findings.back().seq, 5U + kMaxFindings - 1);
}

TEST(Evaluator, DisabledRuleIsNotApplicableWithAReason) {
  Journal j;
  j.baseline();
  j.get(5, kEu, "/api/v2/nothing", 404).route.clear();
  const auto cfg = RulesConfig::from_json(nlohmann::json::parse(R"({"rules":{"valid-requests":false}})"), "t");
  const auto& res = result(judge(j, two_regions(), cfg), "valid-requests", kEu);
  EXPECT_EQ(res.status, S::not_applicable);
  EXPECT_EQ(res.note, "disabled in the conformance settings");
}

TEST(Evaluator, UntestedFaultsAreTheOnesTheIntegrationNeverMet) {
  auto ctx = two_regions();
  const auto at = [](int s) { return kStart + core::Millis(s * 1000); };
  ctx.faults = {{"eu-outage", "outage", kEu, at(10), at(20)},     // fires on the entry at 12 s
                {"ap-outage", "outage", kAp, at(10), at(20)},     // ap has an entry in the window, but it never fired
                {"skew", "clock_skew", "", at(30), std::nullopt},  // an entry at 40 s meets it
                {"revoke", "token", kAp, at(100), at(200)}};       // nothing after 40 s
  Journal j;
  j.baseline();
  j.get(12, kEu, "/api/v2/users", 503).fault = "latency-1,eu-outage";
  j.get(15, kAp, "/api/v2/users");
  j.get(40, kEu, "/api/v2/users");
  const auto r = judge(j, ctx);
  EXPECT_EQ(r.untested_faults, (std::vector<std::string>{"ap-outage", "revoke"}));
}

TEST(Evaluator, ARateLimitIsMetByTheRequestsItsWindowCounted) {
  auto ctx = two_regions();
  const auto at = [](int s) { return kStart + core::Millis(s * 1000); };
  ctx.faults = {{"ap-storm", "rate_limit", kAp, at(10), at(20)},  // client-wide: met by a paced request
                {"eu-storm", "rate_limit", kEu, at(10), at(20)},  // eu's only request in the window is a login
                {"queues-storm", "rate_limit", kAp, at(0), std::nullopt, "GET", "/api/v2/routing/queues"},
                {"users-post-storm", "rate_limit", kAp, at(0), std::nullopt, "POST", "/api/v2/users"}};
  Journal j;
  j.baseline();
  j.get(12, kAp, "/api/v2/users");  // 200, counted against the client window ("client")
  j.login(13, kEu);
  j.get(14, kAp, "/api/v2/routing/queues").limit_scope = "route:GET /api/v2/routing/queues";
  j.get(15, kAp, "/api/v2/users").limit_scope = "route:GET /api/v2/users";  // another method
  const auto r = judge(j, ctx);
  EXPECT_EQ(r.untested_faults, (std::vector<std::string>{"eu-storm", "users-post-storm"}));
}

}  // namespace
}  // namespace mockgc::check
