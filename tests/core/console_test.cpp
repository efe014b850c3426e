// The live console's pure update function (mockgc/core/console.hpp) and the console routes' access rules
// on a real service: outcome classes, counts since a cursor, recent lines, epochs, bounds, and the page.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "mockgc/api/time.hpp"
#include "mockgc/core/console.hpp"
#include "mockgc/core/service.hpp"

namespace mockgc::core::console {
namespace {

using nlohmann::json;

const Instant kT0 = *api::parse_instant("2026-03-02T09:00:00Z");

journal::JournalEntry entry(std::uint64_t seq, std::string region, int status, std::string path = "/api/v2/users") {
  journal::JournalEntry e;
  e.seq = seq;
  e.time = kT0 + std::chrono::seconds(seq);
  e.region = std::move(region);
  e.method = "GET";
  e.path = std::move(path);
  e.status = status;
  return e;
}

Snapshot two_regions() {
  Snapshot s;
  s.seed = 7;
  s.generation = 0;
  s.scenario = "console";
  s.virtual_clock = true;
  s.now = kT0;
  s.regions = {{"eu_central_1", "EMEA"}, {"ap_southeast_2", "APAC"}};
  s.families = {"analytics"};
  return s;
}

json parse(const Update& u) {
  auto j = json::parse(u.json, nullptr, false);
  EXPECT_FALSE(j.is_discarded()) << u.json;
  EXPECT_EQ(u.json.find('\n'), std::string::npos) << "one line, so one SSE data line carries it";
  return j;
}

const json& region(const json& doc, std::string_view key) {
  for (const auto& r : doc["regions"])
    if (r["region"] == key) return r;
  static const json none;
  ADD_FAILURE() << "no region " << key << " in " << doc.dump();
  return none;
}

TEST(ConsoleOutcome, StatusClasses) {
  EXPECT_EQ(outcome_of(200), "ok");
  EXPECT_EQ(outcome_of(204), "ok");
  EXPECT_EQ(outcome_of(302), "ok");
  EXPECT_EQ(outcome_of(401), "client");
  EXPECT_EQ(outcome_of(404), "client");
  EXPECT_EQ(outcome_of(429), "throttled");
  EXPECT_EQ(outcome_of(503), "server");
  EXPECT_EQ(outcome_of(504), "server");
  EXPECT_EQ(outcome_of(0), "transport");
}

TEST(ConsoleUpdate, CountsOutcomesPerRegionAndIgnoresRegionlessRequests) {
  Snapshot s = two_regions();
  s.entries = {entry(1, "eu_central_1", 200), entry(2, "eu_central_1", 429), entry(3, "ap_southeast_2", 503),
               entry(4, "", 200, "/mockgc/admin/faults"), entry(5, "ap_southeast_2", 0), entry(6, "ap_southeast_2", 404)};
  s.last_seq = 6;
  const auto u = update(s, Cursor{});
  const auto doc = parse(u);
  EXPECT_TRUE(doc["first"].get<bool>());
  EXPECT_EQ(doc["cursor"], 7);
  EXPECT_EQ(doc["skipped"], 0);
  const auto& emea = region(doc, "eu_central_1");
  EXPECT_EQ(emea["org"], "EMEA");
  EXPECT_EQ(emea["requests"], 2);
  EXPECT_EQ(emea["outcomes"], (json{{"ok", 1}, {"client", 0}, {"throttled", 1}, {"server", 0}, {"transport", 0}}));
  const auto& apac = region(doc, "ap_southeast_2");
  EXPECT_EQ(apac["requests"], 3);
  EXPECT_EQ(apac["outcomes"], (json{{"ok", 0}, {"client", 1}, {"throttled", 0}, {"server", 1}, {"transport", 1}}));
  ASSERT_EQ(apac["recent"].size(), 3u);
  EXPECT_EQ(apac["recent"][0]["seq"], 3);
  EXPECT_EQ(apac["recent"][0]["outcome"], "server");
  EXPECT_EQ(apac["recent"][0]["time"], "2026-03-02T09:00:03.000Z");
  for (const auto& r : doc["regions"])
    for (const auto& line : r["recent"]) EXPECT_NE(line["path"], "/mockgc/admin/faults");
  EXPECT_EQ(u.next, (Cursor{true, 0, 7}));
}

TEST(ConsoleUpdate, ASecondUpdateCountsOnlyWhatCameSinceTheCursor) {
  Snapshot s = two_regions();
  s.entries = {entry(1, "eu_central_1", 200), entry(2, "eu_central_1", 200)};
  s.last_seq = 2;
  const auto first = update(s, Cursor{});
  s.entries.push_back(entry(3, "eu_central_1", 503));
  s.last_seq = 3;
  const auto second = update(s, first.next);
  const auto doc = parse(second);
  EXPECT_FALSE(doc["first"].get<bool>());
  EXPECT_FALSE(doc["epoch_changed"].get<bool>());
  const auto& emea = region(doc, "eu_central_1");
  EXPECT_EQ(emea["requests"], 1);
  EXPECT_EQ(emea["outcomes"]["server"], 1);
  EXPECT_EQ(emea["outcomes"]["ok"], 0);
  ASSERT_EQ(emea["recent"].size(), 1u);
  EXPECT_EQ(emea["recent"][0]["seq"], 3);
  // Nothing new: zero counts, no lines, the same cursor.
  const auto third = update(s, second.next);
  EXPECT_EQ(region(parse(third), "eu_central_1")["requests"], 0);
  EXPECT_EQ(third.next, second.next);
}

TEST(ConsoleUpdate, EntriesAppendedAfterTheSnapshotsLastSeqWaitForTheNextUpdate) {
  Snapshot s = two_regions();
  s.entries = {entry(1, "eu_central_1", 200), entry(2, "eu_central_1", 200)};
  s.last_seq = 1;  // seq 2 arrived between reading last_seq and copying the ring
  const auto u = update(s, Cursor{});
  EXPECT_EQ(region(parse(u), "eu_central_1")["requests"], 1);
  EXPECT_EQ(u.next.next_seq, 2u);
}

TEST(ConsoleUpdate, RecentLinesAreTheNewestAndBounded) {
  Snapshot s = two_regions();
  for (std::uint64_t i = 1; i <= kRecentLines + 15; ++i) s.entries.push_back(entry(i, "eu_central_1", 200));
  s.last_seq = kRecentLines + 15;
  const auto doc = parse(update(s, Cursor{}));
  const auto& recent = region(doc, "eu_central_1")["recent"];
  ASSERT_EQ(recent.size(), kRecentLines);
  EXPECT_EQ(recent.front()["seq"], 16);
  EXPECT_EQ(recent.back()["seq"], kRecentLines + 15);
  EXPECT_EQ(region(doc, "eu_central_1")["requests"], kRecentLines + 15);
}

TEST(ConsoleUpdate, ANewEpochIsReadFromItsStart) {
  Snapshot s = two_regions();
  s.generation = 3;
  s.entries = {entry(1, "", 200, "/mockgc/admin/reset"), entry(2, "ap_southeast_2", 200)};
  s.last_seq = 2;
  const auto u = update(s, Cursor{true, 2, 500});
  const auto doc = parse(u);
  EXPECT_TRUE(doc["epoch_changed"].get<bool>());
  EXPECT_EQ(doc["generation"], 3);
  EXPECT_EQ(region(doc, "ap_southeast_2")["requests"], 1);
  EXPECT_EQ(u.next, (Cursor{true, 3, 3}));
}

TEST(ConsoleUpdate, EntriesGoneFromTheRingAreReportedAsSkipped) {
  Snapshot s = two_regions();
  s.entries = {entry(8, "eu_central_1", 200), entry(9, "eu_central_1", 200)};  // 3..7 wrapped away
  s.last_seq = 9;
  const auto doc = parse(update(s, Cursor{true, 0, 3}));
  EXPECT_EQ(doc["skipped"], 5);
  EXPECT_EQ(region(doc, "eu_central_1")["requests"], 2);
}

TEST(ConsoleUpdate, AReaderFarBehindReadsOnlyTheNewestEntries) {
  EXPECT_EQ(first_seq(Cursor{}, 0, 10), 1u);
  EXPECT_EQ(first_seq(Cursor{true, 0, 4}, 0, 10), 4u);
  EXPECT_EQ(first_seq(Cursor{true, 0, 4}, 1, 10), 1u) << "another epoch starts at 1";
  EXPECT_EQ(first_seq(Cursor{}, 0, 1'000'000), 1'000'000 - kMaxEntriesPerUpdate + 1);
  EXPECT_EQ(first_seq(Cursor{true, 0, 10}, 0, 1'000'000), 1'000'000 - kMaxEntriesPerUpdate + 1);
}

TEST(ConsoleUpdate, ActiveFaultsAreListedUnderTheirRegionAndRegionlessOnesEverywhere) {
  Snapshot s = two_regions();
  s.faults = json::array({{{"id", "apac-down"}, {"type", "outage"}, {"region", "ap_southeast_2"}, {"state", "active"}},
                          {{"id", "later"}, {"type", "outage"}, {"region", "eu_central_1"}, {"state", "scheduled"}},
                          {{"id", "slow"}, {"type", "latency"}, {"state", "active"}}});
  const auto doc = parse(update(s, Cursor{}));
  auto ids = [](const json& r) {
    std::vector<std::string> out;
    for (const auto& f : r["active_faults"]) out.push_back(f["id"]);
    return out;
  };
  EXPECT_EQ(ids(region(doc, "ap_southeast_2")), (std::vector<std::string>{"apac-down", "slow"}));
  EXPECT_EQ(ids(region(doc, "eu_central_1")), (std::vector<std::string>{"slow"}));
  EXPECT_EQ(doc["faults"].size(), 3u) << "every fault, whatever its state";
  EXPECT_EQ(doc["families"], json::array({"analytics"}));
  EXPECT_EQ(doc["clock"], (json{{"mode", "virtual"}, {"now", "2026-03-02T09:00:00.000Z"}}));
}

TEST(ConsoleUpdate, JournalTextTravelsAsJsonDataAndInvalidUtf8IsReplaced) {
  Snapshot s = two_regions();
  s.entries = {entry(1, "eu_central_1", 404, "/api/v2/users/<script>alert(1)</script>&\"'\xff")};
  s.last_seq = 1;
  const auto doc = parse(update(s, Cursor{}));
  const std::string path = region(doc, "eu_central_1")["recent"][0]["path"];
  EXPECT_EQ(path.rfind("/api/v2/users/<script>alert(1)</script>&\"'", 0), 0u) << "data, escaped by the page";
  EXPECT_NE(path.find("\xEF\xBF\xBD"), std::string::npos) << "invalid UTF-8 becomes U+FFFD";
}

TEST(ConsolePage, SelfContainedAndEscapesWithTextContent) {
  const std::string_view page = page_html();
  ASSERT_FALSE(page.empty());
  EXPECT_EQ(page.rfind("<!doctype html>", 0), 0u);
  EXPECT_EQ(page.find("http://"), std::string_view::npos) << "no external URL";
  EXPECT_EQ(page.find("https://"), std::string_view::npos) << "no external URL";
  EXPECT_EQ(page.find("<script src"), std::string_view::npos);
  EXPECT_NE(page.find("<link rel=\"icon\" href=\"data:,\">"), std::string_view::npos) << "no /favicon.ico request";
  EXPECT_EQ(page.find("innerHTML"), std::string_view::npos) << "journal text is set with textContent";
  EXPECT_NE(page.find("textContent"), std::string_view::npos);
  EXPECT_NE(page.find("/mockgc/admin/console/events"), std::string_view::npos);
  for (const auto action : {"outage", "maintenance", "rate_limit", "latency", "token", "advance", "reset"})
    EXPECT_NE(page.find(std::string("\"") + action + "\""), std::string_view::npos) << action;
}

// The console routes on a real service: the admin API's access rules, and what each route answers.
api::HttpRequest get(std::string target, std::string authorization = "") {
  api::HttpRequest r;
  r.method = "GET";
  r.target = std::move(target);
  if (!authorization.empty()) r.headers.set("Authorization", std::move(authorization));
  return r;
}

RequestContext from(std::string peer) {
  RequestContext ctx;
  ctx.peer = std::move(peer);
  return ctx;
}

json error_of(const api::HttpResponse& res) { return json::parse(res.body, nullptr, false); }

TEST(ConsoleRoutes, LoopbackPeersAreServedOthersGet403) {
  const auto service = make_service({});
  for (const auto* target : {"/mockgc/console", "/mockgc/admin/console/state", "/mockgc/admin/console/events"}) {
    const auto refused = service->handle(get(target), from("10.1.2.3:4567"));
    EXPECT_EQ(refused.status, 403) << target;
    EXPECT_EQ(error_of(refused)["code"], "forbidden") << target;
    EXPECT_EQ(refused.delivery.action, api::Delivery::Action::normal) << target;
    EXPECT_EQ(service->handle(get(target), from("127.0.0.1:4567")).status, 200) << target;
    EXPECT_EQ(service->handle(get(target), from("[::1]:4567")).status, 200) << target;
  }
}

TEST(ConsoleRoutes, WithAnAdminTokenBearerAndBasicPasswordAreAcceptedAndThePageChallenges) {
  ServiceOptions options;
  options.admin_token = "s3cret";
  const auto service = make_service(options);
  const auto page = service->handle(get("/mockgc/console"), from("127.0.0.1:1"));
  EXPECT_EQ(page.status, 401);
  EXPECT_EQ(error_of(page)["code"], "authentication.required");
  EXPECT_EQ(page.headers.get("WWW-Authenticate").value_or(""), "Basic realm=\"mock-gc console\"");
  EXPECT_EQ(service->handle(get("/mockgc/admin/console/events"), from("127.0.0.1:1")).status, 403);
  EXPECT_EQ(service->handle(get("/mockgc/admin/console/events", "Basic dXNlcjp3cm9uZw=="), from("127.0.0.1:1")).status,
            403)
      << "user:wrong";
  // "user:s3cret" and ":s3cret"
  EXPECT_EQ(service->handle(get("/mockgc/console", "Basic dXNlcjpzM2NyZXQ="), from("10.0.0.1:1")).status, 200);
  EXPECT_EQ(service->handle(get("/mockgc/admin/console/events", "Basic OnMzY3JldA=="), from("10.0.0.1:1")).status,
            200);
  EXPECT_EQ(service->handle(get("/mockgc/admin/console/state", "Bearer s3cret"), from("10.0.0.1:1")).status, 200);
  EXPECT_EQ(service->handle(get("/mockgc/admin/summary", "Basic dXNlcjpzM2NyZXQ="), from("10.0.0.1:1")).status, 200)
      << "one guard for the admin API and the console";
}

TEST(ConsoleRoutes, PageStateAndEventStreamAnswers) {
  const auto service = make_service({});
  const auto page = service->handle(get("/mockgc/console"), from("127.0.0.1:1"));
  ASSERT_EQ(page.status, 200);
  EXPECT_EQ(page.headers.get("Content-Type").value_or(""), "text/html; charset=utf-8");
  EXPECT_NE(page.headers.get("Content-Security-Policy").value_or("").find("default-src 'none'"), std::string::npos);
  EXPECT_EQ(page.body, page_html());

  const auto events = service->handle(get("/mockgc/admin/console/events"), from("127.0.0.1:1"));
  EXPECT_EQ(events.status, 200);
  EXPECT_EQ(events.headers.get("Content-Type").value_or(""), "text/event-stream");
  EXPECT_EQ(events.delivery.action, api::Delivery::Action::event_stream);
  EXPECT_TRUE(events.body.empty());

  const auto state = json::parse(service->handle(get("/mockgc/admin/console/state"), from("127.0.0.1:1")).body);
  ASSERT_EQ(state["regions"].size(), 2u);
  EXPECT_EQ(state["regions"][0]["region"], "eu_central_1");
  EXPECT_FALSE(state["families"].empty());
  const auto bad = service->handle(get("/mockgc/admin/console/state?since=x"), from("127.0.0.1:1"));
  EXPECT_EQ(bad.status, 400);
  EXPECT_EQ(error_of(bad)["code"], "bad.request");
  api::HttpRequest post = get("/mockgc/console");
  post.method = "POST";
  const auto not_allowed = service->handle(post, from("127.0.0.1:1"));
  EXPECT_EQ(not_allowed.status, 405);
  EXPECT_EQ(not_allowed.headers.get("Allow").value_or(""), "GET");
}

TEST(ConsoleRoutes, ConsoleUpdatesAreNotJournaled) {
  const auto service = make_service({});
  Cursor cursor;
  const auto before = json::parse(service->console_update(cursor));
  for (int i = 0; i < 3; ++i) (void)service->console_update(cursor);
  Cursor fresh;
  const auto after = json::parse(service->console_update(fresh));
  EXPECT_EQ(after["cursor"], before["cursor"]) << "the stream's own ticks leave the journal alone";
}

}  // namespace
}  // namespace mockgc::core::console
