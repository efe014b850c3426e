#include "mockgc/reports/run_report.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <regex>

#include "mockgc/api/random.hpp"
#include "synthetic.hpp"

namespace mockgc::reports {
namespace {

using namespace std::chrono_literals;
using testing::synthetic_run;

std::size_t count(const std::string& hay, const std::string& needle) {
  std::size_t n = 0;
  for (auto at = hay.find(needle); at != std::string::npos; at = hay.find(needle, at + 1)) ++n;
  return n;
}

TEST(RunReport, MarkupInEveryNameIsEscaped) {
  const auto run = synthetic_run(2000);
  const std::string page = run_report_html(run.header, run.digest);
  EXPECT_NE(page.find("<title>synthetic &lt;run&gt; &amp; &apos;friends&apos;</title>"), std::string::npos);
  EXPECT_NE(page.find("APAC &lt;&amp;&quot;&apos;&gt; (ap_southeast_2)"), std::string::npos);
  EXPECT_NE(page.find("data-name=\"eu-&lt;slow&gt;\""), std::string::npos);
  EXPECT_NE(page.find("<th>token-&lt;reuse&gt;</th>"), std::string::npos);
  EXPECT_NE(page.find("/api/v2/users?&lt;script&gt;alert(1)&lt;/script&gt;"), std::string::npos);
  // Journal paths travel in the data island, where they cannot close its <script>.
  EXPECT_NE(page.find("?q=\\u003c/script\\u003e\\u003cb\\u003e"), std::string::npos);
  EXPECT_EQ(page.find("<script>alert"), std::string::npos);
  EXPECT_EQ(page.find("</script><b>"), std::string::npos);
  EXPECT_EQ(page.find("<reuse>"), std::string::npos);
  EXPECT_EQ(page.find("APAC <&"), std::string::npos);
}

TEST(RunReport, SameInputSameBytes) {
  const auto a = synthetic_run(5000);
  const auto b = synthetic_run(5000);
  EXPECT_EQ(run_report_html(a.header, a.digest), run_report_html(b.header, b.digest));
  const auto c = synthetic_run(5001);
  EXPECT_NE(run_report_html(a.header, a.digest), run_report_html(c.header, c.digest));
}

TEST(RunReport, VerdictTableTimelinesBandsAndNarrative) {
  const auto run = synthetic_run(2000);
  const std::string page = run_report_html(run.header, run.digest);
  EXPECT_EQ(count(page, "<figure class=\"timeline\""), 2U);
  // apac-down and storm in APAC, eu-<slow> and storm in EMEA.
  EXPECT_EQ(count(page, "<g class=\"band "), 4U);
  EXPECT_EQ(count(page, "data-rule=\"outage-backoff\""), 2U);
  EXPECT_NE(page.find("data-region=\"run\" data-status=\"pass\""), std::string::npos);
  EXPECT_NE(page.find("href=\"#seq-3\" data-seq=\"3\""), std::string::npos);
  EXPECT_NE(page.find("id=\"finding-outage-backoff-ap_southeast_2\""), std::string::npos);
  EXPECT_EQ(count(page, "<ol class=\"narrative\">"), 1U);
  EXPECT_NE(page.find("class=\"resume\" data-fault=\"apac-down\""), std::string::npos);
}

TEST(Narrate, OutageRetriedAtAFixedPaceAndTheResumption) {
  const auto run = synthetic_run(20000);
  const auto story = narrate(run.header, run.digest);
  ASSERT_EQ(story.size(), 3U);
  // Rows arrive every 1.44 s alternating regions: APAC sees one every 2.88 s, all 503 inside the window.
  EXPECT_EQ(story[0].rfind("10:00 APAC <&\"'> outage begins (apac-down): every route answers 503. ", 0), 0U)
      << story[0];
  EXPECT_NE(story[0].find("The integration kept trying for 30 minutes: 625 failed requests, about 21 a minute (the "
                            "longest gap 3 s)."),
            std::string::npos)
      << story[0];
  // The first APAC row after 10:30 (10:30:01.44) is a 404 (entry 3751); the next, 10:30:04.32, a 200.
  EXPECT_NE(story[0].find("10:30 APAC <&\"'> recovers; the first successful request came 4 s later."),
            std::string::npos)
      << story[0];
  EXPECT_NE(story[1].find("It never fired"), std::string::npos) << story[1];
  EXPECT_NE(story[2].find("Every region rate limit begins (storm)"), std::string::npos) << story[2];
  EXPECT_NE(story[2].find("It lasts until the end of the run."), std::string::npos) << story[2];
  // A rate limit bites with its 429s only: the 404s and 401s of the same window are not its doing.
  EXPECT_NE(story[2].find("142 of the integration's 7500 requests during it failed (answers: 7088× 200, 235× 404, "
                          "142× 429, 35× 401)"),
            std::string::npos)
      << story[2];
}

TEST(Narrate, BackingOffIsRecognised) {
  const api::Instant t0 = *api::parse_instant("2026-03-02T09:00:00Z");
  FaultSpan f{"down", "outage", "r", "every route answers 503", t0, t0 + 10min};
  JournalDigest d({f});
  api::Instant at = t0;
  api::Millis gap = 1s;
  std::uint64_t seq = 0;
  while (at < t0 + 10min) {
    d.add(JournalRow{++seq, at, "r", "GET", "/x", "/x", 503, "down", false, false, 0});
    at += gap;
    gap *= 2;
  }
  d.add(JournalRow{++seq, t0 + 10min + 12s, "r", "GET", "/x", "/x", 200, "", false, false, 0});
  ReportHeader h;
  h.regions = {{"r", "R"}};
  const auto story = narrate(h, d);
  ASSERT_EQ(story.size(), 1U);
  EXPECT_NE(story[0].find("kept trying for 9 minutes, the gap between failed requests growing from 1 s to 4 minutes."),
            std::string::npos)
      << story[0];
  EXPECT_NE(story[0].find("the first successful request came 12 s later."), std::string::npos) << story[0];
}

TEST(JournalDigest, SamplesOneInAPowerOfTwoInSeqOrderWithoutAliasing) {
  JournalDigest d({}, 100);
  const api::Instant t0 = *api::parse_instant("2026-03-02T09:00:00Z");
  for (std::uint64_t i = 1; i <= 1000; ++i)
    d.add(JournalRow{i, t0 + api::Millis{i}, i % 2 ? "odd" : "even", "GET", "/x", "", 200, ""});
  EXPECT_EQ(d.stride(), 16U);
  ASSERT_GT(d.rows().size(), 40U);
  ASSERT_LE(d.rows().size(), 100U);
  std::size_t odd = 0;
  for (std::size_t i = 0; i < d.rows().size(); ++i) {
    if (i > 0) {
      EXPECT_GT(d.rows()[i].seq, d.rows()[i - 1].seq);
    }
    EXPECT_EQ(api::mix64(d.rows()[i].seq - 1) % 16, 0U);
    odd += d.rows()[i].region == "odd";
  }
  // Regions taking turns both show up in the sample.
  EXPECT_GT(odd, d.rows().size() / 4);
  EXPECT_LT(odd, d.rows().size() * 3 / 4);
}

TEST(JournalDigest, OutcomesAndTransportFaultsNamedInTheJournal) {
  EXPECT_EQ(classify(200, false), Outcome::ok);
  EXPECT_EQ(classify(404, false), Outcome::client_error);
  EXPECT_EQ(classify(429, false), Outcome::throttled);
  EXPECT_EQ(classify(503, false), Outcome::server_error);
  EXPECT_EQ(classify(0, false), Outcome::transport);
  EXPECT_EQ(classify(200, true), Outcome::transport);
  EXPECT_TRUE(names_fault("a,reset-1,b", "reset-1"));
  EXPECT_FALSE(names_fault("a,reset-10", "reset-1"));
  EXPECT_FALSE(names_fault("", ""));
  const api::Instant t0 = *api::parse_instant("2026-03-02T09:00:00Z");
  JournalDigest d({FaultSpan{"reset-1", "transport", "", "", t0, std::nullopt}});
  d.add(JournalRow{1, t0, "r", "GET", "/x", "/x", 200, "reset-1"});
  d.add(JournalRow{2, t0, "r", "GET", "/x", "/x", 200, "reset-10"});
  const auto& b = d.buckets().at("r").begin()->second;
  EXPECT_EQ(b.outcomes[static_cast<std::size_t>(Outcome::transport)], 1U);
  EXPECT_EQ(b.outcomes[static_cast<std::size_t>(Outcome::ok)], 1U);
  EXPECT_TRUE(d.rows()[0].transport_fault);
}

// A million journal entries: aggregated and sampled, the page stays under the documented ceiling.
TEST(RunReport, AMillionEntriesStayUnderTheSizeLimit) {
  const auto run = synthetic_run(1'000'000);
  EXPECT_EQ(run.digest.entries(), 1'000'000U);
  EXPECT_LE(run.digest.rows().size(), kTableRows);
  const std::string page = run_report_html(run.header, run.digest);
  EXPECT_LT(page.size(), kMaxReportBytes);
  EXPECT_NE(page.find("A sample of the 1000000 entries: one in 256"), std::string::npos);
  std::size_t bars = 0;
  for (auto at = page.find("<g class=\"bar\">"); at != std::string::npos; at = page.find("<g class=\"bar\">", at + 1))
    ++bars;
  EXPECT_LE(bars, 2 * kMaxBars);
  EXPECT_EQ(bars, 2U * 8 * 60);  // eight hours of one-minute buckets per region
}

}  // namespace
}  // namespace mockgc::reports
