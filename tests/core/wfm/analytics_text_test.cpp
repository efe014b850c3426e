// The analytics answers written straight to text are byte for byte the dump of their DOM (the reference
// rendering): users aggregates (the synchronous body and a job's rows), conversation and users details pages
// (synchronous and job pages, first, last and empty, with and without a cursor), the conversation aggregates
// job's rows and results pages. The world's user and queue names carry characters JSON must escape (a quote,
// a backslash, a control character, non-ASCII and invalid UTF-8), and the presence ids too.
#include <gtest/gtest.h>

#include <memory>
#include <nlohmann/json.hpp>

#include "mockgc/api/time.hpp"
#include "mockgc/core/scenario.hpp"
#include "mockgc/core/wfm/agent_state.hpp"
#include "mockgc/core/wfm/history.hpp"
#include "mockgc/core/world.hpp"
#include "wfm/conversation_details.hpp"
#include "wfm/json_text.hpp"
#include "wfm/user_analytics.hpp"

using namespace mockgc::core;
using namespace mockgc::core::wfm;
using json = nlohmann::json;

namespace {

constexpr std::uint64_t kSeed = 1;
Instant at(const char* iso) { return *mockgc::api::parse_instant(iso); }
std::string dump(const json& j) { return j.dump(-1, ' ', false, json::error_handler_t::replace); }

constexpr const char* kAwkward = " \"q\\ \x01 \xc3\xa9 \xff";
// kAwkward as JSON text: escaped, the invalid byte replaced by U+FFFD.
constexpr std::string_view kAwkwardText = " \\\"q\\\\ \\u0001 \xc3\xa9 \xef\xbf\xbd";

World awkward_world() {
  World w = generate_world(default_scenario(), kSeed);
  for (auto& u : w.orgs.front().users) u.name += kAwkward;
  for (auto& q : w.orgs.front().queues) q.name += kAwkward;
  return w;
}

struct Org {
  World world = awkward_world();
  Workforce workforce{world, world.orgs.front(), kSeed};
  AgentStates agents{workforce};
  std::vector<std::string> presence_ids;
  Org() {
    for (int a = 0; a < 6; ++a) presence_ids.push_back("presence-" + std::to_string(a) + kAwkward);
  }
};
Org& org() {
  static Org o;
  return o;
}

const Instant kFirst = at("2026-03-01T09:15:00Z"), kEnd = at("2026-03-05T13:45:00Z");
const Instant kLater = at("2026-03-10T00:00:00Z");
const std::pair<Instant, Instant> kWindow{kFirst, kEnd};

template <class Q, class Parse>
Q parsed(Parse parse, const json& body, bool async = false) {
  auto q = parse(body, async, ApiLimits{});
  if (auto* e = std::get_if<ApiError>(&q)) ADD_FAILURE() << e->message;
  return std::get<Q>(std::move(q));
}

// The users aggregates body and a job's rows agree with the DOM. Returns the text.
std::string check_user_aggregates(const json& body, Instant now) {
  const auto q = parsed<UserAggregateQuery>(parse_user_aggregate_query, body);
  const json dom = run_user_aggregate_query(q, org().agents, org().presence_ids, now);
  const std::string text = run_user_aggregate_query_text(q, org().agents, org().presence_ids, now);
  EXPECT_EQ(text, dump(dom)) << body.dump();
  const auto rows = user_aggregate_rows(q, org().agents, org().presence_ids, now);
  const json results = dom.value("results", json::array());
  EXPECT_EQ(rows.size(), results.size());
  for (std::size_t i = 0; i < rows.size() && i < results.size(); ++i) EXPECT_EQ(rows[i], dump(results[i])) << i;
  EXPECT_EQ(text::results_body(rows), text);
  return text;
}

json user_body(const char* interval, const char* granularity, json metrics) {
  return {{"interval", interval}, {"granularity", granularity}, {"metrics", std::move(metrics)}};
}

TEST(UserAggregatesText, GroupedByUserEveryMetric) {
  json b = user_body("2026-03-02T00:00:00Z/2026-03-03T00:00:00Z", "PT30M",
                     {"tAgentRoutingStatus", "tSystemPresence", "tOrganizationPresence", "tHandle", "nOffered"});
  b["groupBy"] = {"userId"};
  const std::string text = check_user_aggregates(b, kLater);
  EXPECT_GT(text.size(), 100'000u);
  EXPECT_NE(text.find(kAwkwardText), std::string::npos) << "the presence ids are escaped";
}

TEST(UserAggregatesText, GroupedByQueueAndMediaCutByNow) {
  json b = user_body("2026-03-02T00:00:00Z/2026-03-03T00:00:00Z", "PT1H", {"tHandle", "nOffered", "tSystemPresence"});
  b["groupBy"] = {"queueId", "mediaType", "userId"};
  check_user_aggregates(b, at("2026-03-02T10:07:00Z"));
  b["groupBy"] = {"mediaType"};
  b["timeZone"] = "Australia/Sydney";
  b["granularity"] = "P1D";
  check_user_aggregates(b, kLater);
  b.erase("groupBy");
  check_user_aggregates(b, kLater);
}

TEST(UserAggregatesText, NothingIsAnEmptyObject) {
  json b = user_body("2026-03-02T00:00:00Z/2026-03-03T00:00:00Z", "PT30M", {"nOffered", "tHandle"});
  b["filter"] = {{"type", "and"}, {"predicates", {{{"dimension", "userId"}, {"value", "no-such-user"}}}}};
  EXPECT_EQ(check_user_aggregates(b, kLater), "{}");
  EXPECT_EQ(check_user_aggregates(user_body("2026-03-02T00:00:00Z/2026-03-03T00:00:00Z", "PT30M", {"nOffered"}),
                                  at("2026-03-01T00:00:00Z")),
            "{}")
      << "no data before now";
  // Quiet hours: buckets whose counts are zero are left out, and groups without any are too.
  check_user_aggregates(user_body("2026-03-02T02:00:00Z/2026-03-02T04:00:00Z", "PT15M", {"nOffered", "tHandle"}), kLater);
}

// A conversation details page (synchronous) agrees with the DOM. Returns the text.
std::string check_conversation_page(const json& body, Instant now) {
  const auto q = parsed<DetailsQuery>(parse_conversation_details_query, body);
  const std::string text = run_conversation_details_query_text(q, org().agents, kWindow, now);
  EXPECT_EQ(text, dump(run_conversation_details_query(q, org().agents, kWindow, now))) << body.dump();
  return text;
}

TEST(ConversationDetailsText, EveryConversationOfAnHourAsOfMidConversation) {
  // Cut mid-afternoon: conversations without an end, unfinished segments, agents still alerting.
  const Instant now = at("2026-03-02T14:10:07Z");
  const auto q = parsed<DetailsQuery>(parse_conversation_details_query,
                                      json{{"interval", "2026-03-02T13:00:00Z/2026-03-02T15:00:00Z"}});
  const auto hits = select_conversations(q, org().agents, kWindow, now);
  ASSERT_GT(hits.size(), 100u);
  std::size_t unfinished = 0;
  for (const auto& h : hits) {
    const json dom = render_conversation(h, org().agents, now);
    if (!dom.contains("conversationEnd")) ++unfinished;
    ASSERT_EQ(render_conversation_text(h, org().agents, now), dump(dom));
  }
  EXPECT_GT(unfinished, 0u);
  for (const auto& h : hits) ASSERT_EQ(render_conversation_text(h, org().agents, kLater), dump(render_conversation(h, org().agents, kLater)));
}

TEST(ConversationDetailsText, SynchronousPagesFirstLastAndEmpty) {
  json b = {{"interval", "2026-03-02T09:00:00Z/2026-03-02T10:00:00Z"}, {"paging", {{"pageSize", 100}}}};
  const std::string first = check_conversation_page(b, kLater);
  EXPECT_NE(first.find(kAwkwardText), std::string::npos) << "the queue and user names are escaped";
  const auto total = json::parse(first)["totalHits"].get<std::size_t>();
  ASSERT_GT(total, 100u);
  b["paging"]["pageNumber"] = static_cast<int>((total + 99) / 100);  // the last, partial page
  check_conversation_page(b, kLater);
  b["paging"]["pageNumber"] = static_cast<int>((total + 99) / 100) + 1;  // past the end: totalHits only
  EXPECT_EQ(check_conversation_page(b, kLater), "{\"totalHits\":" + std::to_string(total) + "}");
  b["order"] = "desc";
  b["orderBy"] = "conversationEnd";
  b["paging"]["pageNumber"] = 2;
  check_conversation_page(b, at("2026-03-02T09:40:00Z"));
  b["segmentFilters"] = {
      {{"type", "and"}, {"predicates", {{{"dimension", "userId"}, {"value", "no-such-user"}}}}}};
  EXPECT_EQ(check_conversation_page(b, kLater), "{\"totalHits\":0}");
}

// A details job's page as the DOM gave it: the rendered items under `key`, dataAvailabilityDate, the cursor.
std::string job_page_dom(const char* key, json items, const std::string& availability, const std::string& cursor) {
  json out = {{key, std::move(items)}, {"dataAvailabilityDate", availability}};
  if (!cursor.empty()) out["cursor"] = cursor;
  return dump(out);
}

TEST(ConversationDetailsText, JobPagesWithAndWithoutCursor) {
  const auto q = parsed<DetailsQuery>(parse_conversation_details_query,
                                      json{{"interval", "2026-03-02T09:00:00Z/2026-03-02T10:00:00Z"}}, true);
  const auto hits = select_conversations(q, org().agents, kWindow, kLater);
  const std::string availability = mockgc::api::format_instant(floor_interval(kLater));
  auto dom = [&](std::size_t a, std::size_t b, const std::string& cursor) {
    json conversations = json::array();
    for (std::size_t i = a; i < b; ++i) conversations.push_back(render_conversation(hits[i], org().agents, kLater));
    return job_page_dom("conversations", std::move(conversations), availability, cursor);
  };
  const std::span<const DetailsHit> all(hits);
  EXPECT_EQ(conversation_details_page(all.subspan(0, 10), org().agents, kLater, "10.0123456789ab", availability),
            dom(0, 10, "10.0123456789ab"));
  EXPECT_EQ(conversation_details_page(all.subspan(10), org().agents, kLater, "", availability), dom(10, hits.size(), ""));
  EXPECT_EQ(conversation_details_page(all.subspan(hits.size()), org().agents, kLater, "", availability),
            dom(hits.size(), hits.size(), ""));
}

// A users details page (synchronous) agrees with the DOM. Returns the text.
std::string check_user_details_page(const json& body, Instant now) {
  const auto q = parsed<UserDetailsQuery>(parse_user_details_query, body);
  const std::string text = run_user_details_query_text(q, org().agents, org().presence_ids, now);
  EXPECT_EQ(text, dump(run_user_details_query(q, org().agents, org().presence_ids, now))) << body.dump();
  return text;
}

TEST(UserDetailsText, SynchronousPagesFirstLastAndEmpty) {
  json b = {{"interval", "2026-03-02T00:00:00Z/2026-03-04T00:00:00Z"}, {"paging", {{"pageSize", 100}}}};
  const std::string first = check_user_details_page(b, at("2026-03-03T11:11:11Z"));
  EXPECT_NE(first.find(kAwkwardText), std::string::npos) << "the presence ids are escaped";
  const auto total = json::parse(first)["totalHits"].get<int>();
  ASSERT_GT(total, 100);
  b["paging"]["pageNumber"] = (total + 99) / 100;
  b["order"] = "desc";
  check_user_details_page(b, kLater);
  b["paging"]["pageNumber"] = (total + 99) / 100 + 1;
  EXPECT_EQ(check_user_details_page(b, kLater), "{\"totalHits\":" + std::to_string(total) + "}");
  b["paging"]["pageNumber"] = 1;
  EXPECT_EQ(check_user_details_page(b, at("2026-03-01T00:00:00Z")), "{\"totalHits\":" + std::to_string(total) + "}")
      << "the interval starts after now: no details";
}

TEST(UserDetailsText, JobPagesWithAndWithoutCursor) {
  const auto q = parsed<UserDetailsQuery>(parse_user_details_query,
                                          json{{"interval", "2026-03-02T00:00:00Z/2026-03-03T00:00:00Z"}}, true);
  const auto users = select_users(q, org().agents);
  const std::string availability = mockgc::api::format_instant(floor_interval(kLater));
  const std::span<const User* const> all(users);
  auto dom = [&](std::span<const User* const> page, const std::string& cursor) {
    return job_page_dom("userDetails", render_user_details(q, org().agents, org().presence_ids, kLater, page),
                        availability, cursor);
  };
  auto text = [&](std::span<const User* const> page, const std::string& cursor) {
    return user_details_page(q, org().agents, org().presence_ids, kLater, page, cursor, availability);
  };
  EXPECT_EQ(text(all.subspan(0, 7), "7.0123456789ab"), dom(all.subspan(0, 7), "7.0123456789ab"));
  EXPECT_EQ(text(all.subspan(7), ""), dom(all.subspan(7), ""));
  EXPECT_EQ(text(all.subspan(users.size()), ""), dom(all.subspan(users.size()), ""));
}

// Results pages of an aggregates job, as the DOM gave them: {"cursor":…,"results":[a..b)}.
std::string results_page_dom(const json& results, std::size_t a, std::size_t b, const std::string& cursor) {
  json rows = json::array();
  for (std::size_t i = a; i < b; ++i) rows.push_back(results[i]);
  json out = {{"results", std::move(rows)}};
  if (!cursor.empty()) out["cursor"] = cursor;
  return dump(out);
}

TEST(AggregateRows, JobRowsAndPagesOfTheStoreAndOfTheConversations) {
  const auto store = HistoryStore::build(org().workforce.demand(), kSeed, kFirst, kEnd);
  for (const json& metrics : {json{"nOffered", "tHandle", "tAnswered"}, json{"oServiceLevel", "tAlert", "nOverSla"}}) {
    const auto q = parsed<AggregateQuery>(parse_aggregate_query,
                                          json{{"interval", "2026-03-02T08:00:00Z/2026-03-02T12:00:00Z"},
                                               {"granularity", "PT30M"},
                                               {"groupBy", {"queueId"}},
                                               {"metrics", metrics}},
                                          true);
    const json dom = answer_aggregate_query(q, store, org().agents, kLater);
    ASSERT_TRUE(dom.contains("results"));
    const json& results = dom["results"];
    text::AggregateRows sink(q);
    answer_aggregate_query(q, store, org().agents, kLater, sink);
    const auto rows = sink.finish();
    ASSERT_EQ(rows.size(), results.size());
    for (std::size_t i = 0; i < rows.size(); ++i) EXPECT_EQ(rows[i], dump(results[i])) << i;
    EXPECT_EQ(text::results_body(rows), dump(dom));
    const std::span<const std::string> all(rows);
    EXPECT_EQ(text::results_page(all.subspan(0, 2), "2.0123456789ab"), results_page_dom(results, 0, 2, "2.0123456789ab"));
    EXPECT_EQ(text::results_page(all.subspan(2), ""), results_page_dom(results, 2, rows.size(), ""));
    EXPECT_EQ(text::results_page(all.subspan(rows.size()), ""), "{\"results\":[]}");
  }
  // No group: no rows, an empty results page, {} as the body.
  EXPECT_EQ(text::results_body({}), dump(json::object()));
}

}  // namespace
