// POST /api/v2/analytics/conversations/aggregates/query over every harness: ground truth, DST days in
// Europe/London and Australia/Sydney, filters, groupBy, omission of empty data, "now", and the errors.
#include <set>

#include "history_fixture.hpp"

namespace mockgc::testing {
namespace {

using nlohmann::json;
using core::wfm::kInterval;

class Aggregates : public HistoryEndpointTest {
 protected:
  void SetUp() override {
    HistoryEndpointTest::SetUp();
    start_at("2026-04-20T12:00:00Z");
  }
};

TEST_P(Aggregates, EqualsTheGroundTruthPerQueueAndInterval) {
  const Instant from = at("2026-03-10T00:00:00Z"), to = at("2026-03-11T00:00:00Z");
  auto t = truth(kEmea, from, to);
  auto j = query(kEmea, {{"interval", "2026-03-10T00:00:00.000Z/2026-03-11T00:00:00.000Z"},
                         {"granularity", "PT15M"},
                         {"groupBy", {"queueId"}},
                         {"metrics", {"nOffered", "tHandle", "tAnswered", "tTalk", "tAcw", "nTransferred", "tAbandon"}}});
  ASSERT_TRUE(j.contains("results"));
  std::set<std::string> seen;
  for (const auto& g : j["results"]) {
    const std::string qid = g["group"]["queueId"];
    const auto qi = t.demand->find(qid);
    ASSERT_LT(qi, t.demand->queues().size()) << qid;
    EXPECT_EQ(g["group"]["mediaType"], std::string(core::wfm::to_string(t.demand->queues()[qi].media)));
    seen.insert(qid);
    for (const auto& d : g["data"]) {
      const std::string iv = d["interval"];
      const auto start = at(iv.substr(0, iv.find('/')).c_str());
      EXPECT_EQ(at(iv.substr(iv.find('/') + 1).c_str()) - start, kInterval);
      const auto* cell = t.store->cell(qi, start);
      ASSERT_NE(cell, nullptr);
      for (const auto& m : d["metrics"]) {
        const auto& s = m["stats"];
        if (m["metric"] == "nOffered") {
          EXPECT_EQ(s.size(), 1u) << "nOffered has stats.count only";
          EXPECT_EQ(s["count"], cell->offered);
        } else if (m["metric"] == "tHandle") {
          EXPECT_EQ(s["count"], cell->handle.count);
          EXPECT_EQ(s["sum"], cell->handle.sum_ms);
          EXPECT_EQ(s["min"], cell->handle.min_ms);
          EXPECT_EQ(s["max"], cell->handle.max_ms);
        } else if (m["metric"] == "tAnswered") {
          EXPECT_EQ(s["sum"], cell->answered.sum_ms);
        } else if (m["metric"] == "nTransferred") {
          EXPECT_EQ(s["count"], cell->transferred);
        }
      }
    }
  }
  std::uint64_t offered = 0, handled = 0;
  for (std::size_t q = 0; q < t.demand->queues().size(); ++q) {
    const auto tot = t.store->totals(q, from, to);
    offered += tot.offered;
    handled += tot.handle.count;
    if (tot.offered || tot.handle.count) {
      EXPECT_TRUE(seen.count(t.demand->queues()[q].queue_id));
    }
  }
  EXPECT_EQ(total_count(j, "nOffered"), offered);
  EXPECT_EQ(total_count(j, "tHandle"), handled);
  EXPECT_GT(offered, 1000u);
}

TEST_P(Aggregates, HandleAndOfferedCountsDifferPerInterval) {
  auto j = query(kEmea, {{"interval", "2026-03-10T06:00:00Z/2026-03-10T18:00:00Z"},
                         {"granularity", "PT30M"},
                         {"metrics", {"nOffered", "tHandle"}}});
  std::size_t differ = 0, buckets = 0;
  for (const auto& g : j["results"])
    for (const auto& d : g["data"]) {
      std::uint64_t o = 0, h = 0;
      for (const auto& m : d["metrics"]) (m["metric"] == "nOffered" ? o : h) = m["stats"]["count"];
      differ += o != h;
      ++buckets;
    }
  EXPECT_GT(buckets, 20u);
  EXPECT_GT(differ, buckets / 2);
}

TEST_P(Aggregates, GroupsAlwaysCarryMediaTypeAndCoarserBucketsSumUp) {
  const json base = {{"interval", "2026-03-10T00:00:00+05:30/2026-03-12T00:00:00+05:30"}, {"metrics", {"nOffered", "tHandle"}}};
  json fine = base, hourly = base, whole = base;
  fine["granularity"] = "PT15M";
  hourly["granularity"] = "PT1H";
  auto f = query(kEmea, fine), hr = query(kEmea, hourly), w = query(kEmea, whole);
  for (const auto* r : {&f, &hr, &w})
    for (const auto& g : (*r)["results"]) {
      EXPECT_EQ(g["group"].size(), 1u);
      EXPECT_TRUE(g["group"].contains("mediaType"));
    }
  EXPECT_EQ(total_count(f, "nOffered"), total_count(hr, "nOffered"));
  EXPECT_EQ(total_count(f, "nOffered"), total_count(w, "nOffered"));
  EXPECT_EQ(total_count(f, "tHandle"), total_count(w, "tHandle"));
  // The interval offset is used: buckets are UTC strings aligned to the interval start (18:30Z).
  EXPECT_EQ(w["results"][0]["data"][0]["interval"], "2026-03-09T18:30:00.000Z/2026-03-11T18:30:00.000Z");
  std::size_t hours = 0;
  for (const auto& g : hr["results"])
    for (const auto& d : g["data"]) {
      const std::string iv = d["interval"];
      EXPECT_EQ(iv.substr(13, 11), ":30:00.000Z") << iv;
      EXPECT_EQ(at(iv.substr(iv.find('/') + 1).c_str()) - at(iv.substr(0, iv.find('/')).c_str()), std::chrono::hours(1));
      ++hours;
    }
  EXPECT_GT(hours, 40u);
}

struct DstDay {
  const char* region;
  const char* zone;
  const char* clock;
  const char* interval;       // the local day with offsets
  const char* bucket;         // the P1D bucket in UTC
  std::size_t intervals;      // 15-minute intervals in that local day
};

TEST_P(Aggregates, DstDaysHave92Or100Intervals) {
  const DstDay days[] = {
      {kEmea, "Europe/London", "2026-04-20T12:00:00Z", "2026-03-29T00:00:00+00:00/2026-03-30T00:00:00+01:00",
       "2026-03-29T00:00:00.000Z/2026-03-29T23:00:00.000Z", 92},
      {kEmea, "Europe/London", "2026-11-20T12:00:00Z", "2026-10-25T00:00:00+01:00/2026-10-26T00:00:00+00:00",
       "2026-10-24T23:00:00.000Z/2026-10-26T00:00:00.000Z", 100},
      {kApac, "Australia/Sydney", "2026-04-20T12:00:00Z", "2026-04-05T00:00:00+11:00/2026-04-06T00:00:00+10:00",
       "2026-04-04T13:00:00.000Z/2026-04-05T14:00:00.000Z", 100},
      {kApac, "Australia/Sydney", "2026-11-20T12:00:00Z", "2026-10-04T00:00:00+10:00/2026-10-05T00:00:00+11:00",
       "2026-10-03T14:00:00.000Z/2026-10-04T13:00:00.000Z", 92},
  };
  for (const auto& day : days) {
    SCOPED_TRACE(std::string(day.zone) + " " + day.interval);
    start_at(day.clock);
    auto fine = query(day.region, {{"interval", day.interval}, {"granularity", "PT15M"}, {"timeZone", day.zone},
                                   {"metrics", {"nOffered"}}});
    std::set<std::string> buckets;
    for (const auto& g : fine["results"])
      for (const auto& d : g["data"]) buckets.insert(d["interval"].get<std::string>());
    const std::string iv = day.interval;
    const Instant from = at(iv.substr(0, iv.find('/')).c_str()), to = at(iv.substr(iv.find('/') + 1).c_str());
    EXPECT_EQ(static_cast<std::size_t>((to - from) / kInterval), day.intervals);
    // Exactly the intervals of the local day in which some queue was offered something.
    auto t = truth(day.region, from, to);
    std::set<std::string> expected;
    for (Instant s = from; s < to; s += kInterval)
      for (std::size_t q = 0; q < t.demand->queues().size(); ++q)
        if (t.store->cell(q, s)->offered) expected.insert(api::format_instant(s) + "/" + api::format_instant(s + kInterval));
    EXPECT_EQ(buckets, expected);
    EXPECT_GT(buckets.size(), day.intervals / 2);
    auto daily = query(day.region, {{"interval", day.interval}, {"granularity", "P1D"}, {"timeZone", day.zone},
                                    {"metrics", {"nOffered"}}});
    ASSERT_TRUE(daily.contains("results"));
    for (const auto& g : daily["results"]) {
      ASSERT_EQ(g["data"].size(), 1u);
      EXPECT_EQ(g["data"][0]["interval"], day.bucket);
    }
    EXPECT_EQ(total_count(daily, "nOffered"), total_count(fine, "nOffered"));
  }
}

TEST_P(Aggregates, DailyBucketsFollowLocalMidnightsAcrossTheChange) {
  auto j = query(kEmea, {{"interval", "2026-03-28T00:00:00Z/2026-03-30T23:00:00Z"}, {"granularity", "P1D"},
                         {"timeZone", "Europe/London"}, {"metrics", {"nOffered"}}});
  std::vector<std::string> got;
  for (const auto& d : j["results"][0]["data"]) got.push_back(d["interval"]);
  EXPECT_EQ(got, (std::vector<std::string>{"2026-03-28T00:00:00.000Z/2026-03-29T00:00:00.000Z",
                                           "2026-03-29T00:00:00.000Z/2026-03-29T23:00:00.000Z",
                                           "2026-03-29T23:00:00.000Z/2026-03-30T23:00:00.000Z"}));
  // A week that starts on Sunday: P7D buckets count local days from the interval's first local day.
  auto week = query(kEmea, {{"interval", "2026-03-22T00:00:00Z/2026-04-05T00:00:00+01:00"}, {"granularity", "P7D"},
                            {"timeZone", "Europe/London"}, {"metrics", {"nOffered"}}});
  std::vector<std::string> weeks;
  for (const auto& d : week["results"][0]["data"]) weeks.push_back(d["interval"]);
  EXPECT_EQ(weeks, (std::vector<std::string>{"2026-03-22T00:00:00.000Z/2026-03-29T00:00:00.000Z",
                                             "2026-03-29T00:00:00.000Z/2026-04-04T23:00:00.000Z"}));
}

TEST_P(Aggregates, FiltersAndGroupBy) {
  auto all = query(kEmea, {{"interval", "2026-03-10T00:00:00Z/2026-03-11T00:00:00Z"}, {"groupBy", {"queueId"}},
                           {"metrics", {"nOffered"}}});
  ASSERT_GE(all["results"].size(), 3u);
  const std::string q0 = all["results"][0]["group"]["queueId"], q1 = all["results"][1]["group"]["queueId"];
  auto one = query(kEmea, {{"interval", "2026-03-10T00:00:00Z/2026-03-11T00:00:00Z"}, {"groupBy", {"queueId"}},
                           {"filter", {{"type", "and"}, {"predicates", {{{"dimension", "queueId"}, {"value", q0}}}}}},
                           {"metrics", {"nOffered"}}});
  ASSERT_EQ(one["results"].size(), 1u);
  EXPECT_EQ(one["results"][0], all["results"][0]);
  auto two = query(kEmea, {{"interval", "2026-03-10T00:00:00Z/2026-03-11T00:00:00Z"}, {"groupBy", {"queueId"}},
                           {"filter", {{"type", "or"}, {"predicates", {{{"dimension", "queueId"}, {"value", q0}},
                                                                        {{"dimension", "queueId"}, {"value", q1}}}}}},
                           {"metrics", {"nOffered"}}});
  EXPECT_EQ(two["results"].size(), 2u);
  // Nested clauses: (mediaType = email) and (queue q0 or q1 or any email queue)
  auto email = query(kEmea, {{"interval", "2026-03-10T00:00:00Z/2026-03-11T00:00:00Z"}, {"groupBy", {"queueId"}},
                             {"filter", {{"type", "and"},
                                         {"predicates", {{{"type", "dimension"}, {"dimension", "mediaType"}, {"value", "email"}}}},
                                         {"clauses", {{{"type", "or"}, {"predicates", {{{"dimension", "mediaType"}, {"operator", "exists"}}}}}}}}},
                             {"metrics", {"nOffered"}}});
  ASSERT_TRUE(email.contains("results"));
  for (const auto& g : email["results"]) EXPECT_EQ(g["group"]["mediaType"], "email");
  auto none = query(kEmea, {{"interval", "2026-03-10T00:00:00Z/2026-03-11T00:00:00Z"},
                            {"filter", {{"type", "and"}, {"predicates", {{{"dimension", "queueId"}, {"value", "no-such-queue"}}}}}},
                            {"metrics", {"nOffered"}}});
  EXPECT_EQ(none, json::object()) << "no data: no results at all";
}

TEST_P(Aggregates, EmptyBucketsAndMetricsAreOmittedAndNowMoves) {
  // Night-time hours: only some buckets carry data, none is filled with zeros.
  auto j = query(kEmea, {{"interval", "2026-03-10T00:00:00Z/2026-03-10T06:00:00Z"}, {"granularity", "PT15M"},
                         {"groupBy", {"queueId"}}, {"metrics", {"nOffered", "tUserResponseTime"}}});
  for (const auto& g : j["results"])
    for (const auto& d : g["data"]) {
      ASSERT_EQ(d["metrics"].size(), 1u) << "unmodelled metric omitted";
      EXPECT_GT(d["metrics"][0]["stats"]["count"].get<int>(), 0);
    }
  // The clock is 2026-04-20T12:00Z: nothing after it yet, then data appears as the clock moves.
  const json later = {{"interval", "2026-04-20T11:00:00Z/2026-04-20T14:00:00Z"}, {"granularity", "PT15M"}, {"metrics", {"nOffered"}}};
  auto before = query(kEmea, later);
  for (const auto& g : before["results"])
    for (const auto& d : g["data"]) EXPECT_LE(d["interval"].get<std::string>().substr(25), "2026-04-20T12:00:00.000Z");
  clock_->advance(std::chrono::hours(2));
  auto after = query(kEmea, later);
  EXPECT_GT(total_count(after, "nOffered"), total_count(before, "nOffered"));
  auto future = query(kEmea, {{"interval", "2026-06-01T00:00:00Z/2026-06-02T00:00:00Z"}, {"metrics", {"nOffered"}}});
  EXPECT_EQ(future, json::object());
}

TEST_P(Aggregates, RejectsInvalidQueries) {
  auto post = [&](json body) { return send_json(kEmea, "POST", kAggregates, body); };
  const json ok = {{"interval", "2026-03-10T00:00:00Z/2026-03-11T00:00:00Z"}, {"metrics", {"nOffered"}}};
  for (const char* bad : {"2026-03-10/2026-03-11", "2026-03-10T00:00:00Z", "yesterday/today", "2026-02-30T00:00:00Z/2026-03-11T00:00:00Z"}) {
    json b = ok;
    b["interval"] = bad;
    auto res = post(b);
    EXPECT_ERROR_BODY(res, 400, "invalid.date");
    EXPECT_EQ(body_json(res)["message"], std::string(api::kInvalidDateMessage)) << bad;
  }
  json reversed = ok;
  reversed["interval"] = "2026-03-11T00:00:00Z/2026-03-10T00:00:00Z";
  EXPECT_ERROR_BODY(post(reversed), 400, "bad.request");
  json too_long = ok;
  too_long["interval"] = "2026-01-01T00:00:00Z/2026-02-02T00:00:00Z";
  auto tl = post(too_long);
  EXPECT_ERROR_BODY(tl, 400, "bad.request");
  EXPECT_NE(body_json(tl)["message"].get<std::string>().find("31 days"), std::string::npos);
  json unaligned = ok;
  unaligned["interval"] = "2026-03-10T00:05:00Z/2026-03-11T00:00:00Z";
  EXPECT_ERROR_BODY(post(unaligned), 400, "bad.request");
  for (const char* g : {"PT10M", "P1M", "PT0M", "PT7H", "15M", "PT24H"}) {
    json b = ok;
    b["granularity"] = g;
    EXPECT_ERROR_BODY(post(b), 400, "invalid.value") << g;
  }
  for (const char* g : {"PT15M", "PT30M", "PT45M", "PT1H", "PT2H", "PT1H30M", "PT12H", "P1D", "P7D"}) {
    json b = ok;
    b["granularity"] = g;
    EXPECT_EQ(post(b).status, 200) << g;
  }
  json metric = ok;
  metric["metrics"] = {"nOffered", "nBananas"};
  auto m = post(metric);
  EXPECT_ERROR_BODY(m, 400, "invalid.value");
  EXPECT_NE(body_json(m)["message"].get<std::string>().find(
                "Value [nBananas] is not valid for field type [ConversationAggregateMetric]. Allowable values are: "),
            std::string::npos);
  json no_metrics = ok;
  no_metrics.erase("metrics");
  EXPECT_ERROR_BODY(post(no_metrics), 400, "bad.request");
  json zone = ok;
  zone["timeZone"] = "Mars/Olympus_Mons";
  EXPECT_ERROR_BODY(post(zone), 400, "bad.request");
  json group = ok;
  group["groupBy"] = {"userId", "flowId"};
  auto g = post(group);
  EXPECT_ERROR_BODY(g, 400, "invalid.value");
  EXPECT_EQ(body_json(g)["details"][0]["fieldName"], "groupBy");
  json filter = ok;
  filter["filter"] = {{"predicates", json::array()}};
  EXPECT_ERROR_BODY(post(filter), 400, "bad.request");
  filter["filter"] = {{"type", "and"}, {"predicates", {{{"dimension", "flowId"}, {"value", "x"}}}}};
  EXPECT_ERROR_BODY(post(filter), 400, "invalid.value");
  // Property predicates need the property; a matching metric predicate needs a range and a per-conversation metric.
  filter["filter"] = {{"type", "and"}, {"predicates", {{{"type", "property"}, {"value", "x"}}}}};
  EXPECT_ERROR_BODY(post(filter), 400, "bad.request");
  filter["filter"] = {{"type", "and"},
                      {"predicates", {{{"type", "property"}, {"property", "tier"}, {"propertyType", "money"}}}}};
  EXPECT_ERROR_BODY(post(filter), 400, "invalid.value");
  filter["filter"] = {{"type", "and"}, {"predicates", {{{"type", "metric"}, {"metric", "tHandle"}}}}};
  auto mf = post(filter);
  EXPECT_ERROR_BODY(mf, 400, "bad.request");
  EXPECT_EQ(body_json(mf)["details"][0]["fieldName"], "filter");
  filter["filter"] = {{"type", "and"},
                      {"predicates", {{{"type", "metric"}, {"metric", "tIvr"}, {"range", {{"gt", 0}}}}}}};
  auto unmodelled = post(filter);
  EXPECT_ERROR_BODY(unmodelled, 400, "invalid.value");
  EXPECT_NE(body_json(unmodelled)["message"].get<std::string>().find("[tIvr]"), std::string::npos);
  filter["filter"] = {{"type", "and"},
                      {"predicates", {{{"type", "metric"}, {"metric", "oServiceLevel"}, {"range", {{"gt", 0}}}}}}};
  EXPECT_ERROR_BODY(post(filter), 400, "invalid.value");
  filter["filter"] = {{"type", "and"},
                      {"predicates", {{{"type", "metric"}, {"metric", "tHandle"}, {"range", {{"gt", "soon"}}}}}}};
  EXPECT_ERROR_BODY(post(filter), 400, "bad.request");
  EXPECT_ERROR_BODY(post(json::array()), 400, "bad.request");
}

TEST_P(Aggregates, ConversationMetricsHaveGenesysStats) {
  const json body = {
      {"interval", "2026-03-10T08:00:00Z/2026-03-10T12:00:00Z"},
      {"groupBy", {"queueId"}},
      {"metrics",
       {"tWait", "tAcd", "tHeld", "tShortAbandon", "nConnected", "nOverSla", "oServiceLevel", "oServiceTarget",
        "tConnected", "tTalkComplete", "tHeldComplete", "tAlert"}}};
  const json j = query(kEmea, body);
  ASSERT_TRUE(j.contains("results"));
  std::set<std::string> seen;
  for (const auto& g : j["results"]) {
    ASSERT_TRUE(g["group"].contains("queueId"));
    for (const auto& d : g["data"])
      for (const auto& m : d["metrics"]) {
        const std::string name = m["metric"];
        const json& st = m["stats"];
        seen.insert(name);
        if (name == "oServiceTarget") {
          // The queue's own target (mediaSettings.<media>.serviceLevel.percentage).
          const auto queue = get_json(kEmea, "/api/v2/routing/queues/" + g["group"]["queueId"].get<std::string>());
          double target = -1;
          for (const auto& [media, settings] : queue["mediaSettings"].items())
            if (g["group"]["mediaType"] == (media == "call" ? "voice" : media))
              target = settings["serviceLevel"]["percentage"].get<double>();
          EXPECT_EQ(st, json({{"current", target}})) << m;
        } else if (name[0] == 't') {
          EXPECT_GE(st["max"].get<std::uint64_t>(), st["min"].get<std::uint64_t>()) << m;
          EXPECT_GE(st["sum"].get<std::uint64_t>(), st["max"].get<std::uint64_t>()) << m;
          EXPECT_GT(st["count"].get<std::uint64_t>(), 0u) << m;
        } else if (name[0] == 'n') {
          EXPECT_EQ(st.size(), 1u) << m;
          EXPECT_GT(st["count"].get<std::uint64_t>(), 0u) << m;
        } else {
          const auto num = st["numerator"].get<std::uint64_t>(), den = st["denominator"].get<std::uint64_t>();
          EXPECT_LE(num, den);
          EXPECT_DOUBLE_EQ(st["ratio"].get<double>(), static_cast<double>(num) / static_cast<double>(den));
          EXPECT_GT(st["target"].get<double>(), 0.0);
          EXPECT_LE(st["target"].get<double>(), 1.0);
        }
      }
  }
  for (const char* name : {"tWait", "tAcd", "tHeld", "tShortAbandon", "nConnected", "nOverSla", "oServiceLevel",
                           "oServiceTarget", "tConnected", "tTalkComplete", "tHeldComplete", "tAlert"})
    EXPECT_TRUE(seen.count(name)) << name;
  // tWait covers answered and abandoned waits; tAcd is the same wait (no flow-out is modelled). Every answer
  // alerted its agent first, for 2–12 s of the wait.
  const json waits = query(kEmea, {{"interval", "2026-03-10T08:00:00Z/2026-03-10T12:00:00Z"},
                                   {"metrics", {"tWait", "tAcd", "tAnswered", "tAbandon", "nConnected", "tAlert"}}});
  EXPECT_EQ(total_count(waits, "tWait"), total_count(waits, "tAnswered") + total_count(waits, "tAbandon"));
  EXPECT_EQ(total_count(waits, "tAcd"), total_count(waits, "tWait"));
  EXPECT_EQ(total_count(waits, "nConnected"), total_count(waits, "tAnswered"));
  EXPECT_EQ(total_count(waits, "tAlert"), total_count(waits, "tAnswered"));
  for (const auto& g : waits["results"])
    for (const auto& d : g["data"])
      for (const auto& m : d["metrics"])
        if (m["metric"] == "tAlert") {
          EXPECT_LE(m["stats"]["max"].get<std::uint64_t>(), 12000u) << m;
          EXPECT_GT(m["stats"]["min"].get<std::uint64_t>(), 0u) << m;
        }
  // A conversation holds at most once, before its wrap-up: every hold is a completed hold.
  const json holds = query(kEmea, {{"interval", "2026-03-10T08:00:00Z/2026-03-10T12:00:00Z"},
                                   {"metrics", {"tHeld", "tHeldComplete"}}});
  EXPECT_EQ(total_count(holds, "tHeld"), total_count(holds, "tHeldComplete"));
}

TEST_P(Aggregates, PropertyPredicatesSeeNoParticipantAttributes) {
  const json base = {{"interval", "2026-03-10T08:00:00Z/2026-03-10T10:00:00Z"}, {"metrics", {"nOffered", "tHandle"}}};
  const json all = query(kEmea, base);
  ASSERT_GT(total_count(all, "nOffered"), 0u);
  auto with = [&](const char* op) {
    json b = base;
    json p = {{"type", "property"}, {"property", "customerTier"}, {"propertyType", "string"}, {"operator", op}};
    if (std::string_view(op) == "matches") p["value"] = "gold";
    b["filter"] = {{"type", "and"}, {"predicates", {p}}};
    return query(kEmea, b);
  };
  EXPECT_EQ(with("matches"), json::object());
  EXPECT_EQ(with("exists"), json::object());
  const json none = with("notExists");
  EXPECT_EQ(total_count(none, "nOffered"), total_count(all, "nOffered"));
  EXPECT_EQ(total_count(none, "tHandle"), total_count(all, "tHandle"));
}

// A metric predicate keeps the conversations whose own value of the metric lies in the range: answered within the
// service-level duration (oServiceLevel 1) or after it (0); every conversation is in one of the two or abandoned.
TEST_P(Aggregates, MetricPredicatesFilterConversationsByTheirValue) {
  const json base = {{"interval", "2026-03-10T06:00:00Z/2026-03-10T18:00:00Z"},
                     {"groupBy", {"queueId"}},
                     {"metrics", {"oServiceLevel", "nOffered", "tAnswered", "tAbandon"}}};
  // The queue with the most abandons that day.
  std::string queue_id;
  std::uint64_t most = 0;
  const json by_queue = query(kEmea, base);
  for (const auto& g : by_queue["results"]) {
    std::uint64_t abandons = 0;
    for (const auto& d : g["data"])
      for (const auto& m : d["metrics"])
        if (m["metric"] == "tAbandon") abandons += m["stats"]["count"].get<std::uint64_t>();
    if (abandons > most) {
      most = abandons;
      queue_id = g["group"]["queueId"];
    }
  }
  ASSERT_GT(most, 0u);
  const auto queue = get_json(kEmea, "/api/v2/routing/queues/" + queue_id);
  auto with = [&](json predicate) {
    json b = base;
    b["filter"] = {{"type", "and"},
                   {"predicates", {{{"dimension", "queueId"}, {"value", queue_id}}, std::move(predicate)}}};
    return query(kEmea, b);
  };
  json all = base;
  all["filter"] = {{"type", "and"}, {"predicates", {{{"dimension", "queueId"}, {"value", queue_id}}}}};
  const json everything = query(kEmea, all);
  ASSERT_GT(total_count(everything, "tAnswered"), 0u);
  // The service-level duration of the queue's media.
  std::string media = everything["results"][0]["group"]["mediaType"];
  if (media == "voice") media = "call";  // the queue's mediaSettings name voice "call"
  const auto sl_ms = queue["mediaSettings"][media]["serviceLevel"]["durationMs"].get<std::int64_t>();
  auto ratios = [](const json& j) {
    std::set<double> r;
    for (const auto& g : j.value("results", json::array()))
      for (const auto& d : g["data"])
        for (const auto& m : d["metrics"])
          if (m["metric"] == "oServiceLevel") r.insert(m["stats"]["ratio"].get<double>());
    return r;
  };
  const json within = with({{"type", "metric"}, {"metric", "tAnswered"}, {"range", {{"lte", sl_ms}}}});
  const json late = with({{"type", "metric"}, {"metric", "tAnswered"}, {"range", {{"gt", sl_ms}}}});
  const json abandoned = with({{"type", "metric"}, {"metric", "tAbandon"}, {"operator", "exists"}});
  EXPECT_EQ(ratios(within), std::set<double>{1.0});
  EXPECT_EQ(ratios(abandoned), std::set<double>{0.0});
  EXPECT_EQ(total_count(within, "tAbandon") + total_count(late, "tAbandon"), 0u);
  EXPECT_EQ(total_count(abandoned, "tAnswered"), 0u);
  EXPECT_EQ(total_count(within, "tAnswered") + total_count(late, "tAnswered"), total_count(everything, "tAnswered"));
  EXPECT_EQ(total_count(within, "nOffered") + total_count(late, "nOffered") + total_count(abandoned, "nOffered"),
            total_count(everything, "nOffered"));
  // notExists is the complement of exists.
  const json answered = with({{"type", "metric"}, {"metric", "tAbandon"}, {"operator", "notExists"}});
  EXPECT_EQ(total_count(answered, "nOffered") + total_count(abandoned, "nOffered"), total_count(everything, "nOffered"));
}

TEST_P(Aggregates, UndocumentedStrictnessIsAScenarioChoiceAndSaysSo) {
  const json ok = {{"interval", "2026-03-10T00:00:00Z/2026-03-11T00:00:00Z"}, {"metrics", {"nOffered"}}};
  auto message = [&](const json& body, const char* path = kAggregates) {
    auto res = send_json(kEmea, "POST", path, body);
    EXPECT_ERROR_BODY(res, 400, "bad.request") << body.dump();
    return body_json(res)["message"].get<std::string>();
  };
  json unaligned = ok;
  unaligned["interval"] = "2026-03-10T00:05:00Z/2026-03-11T00:10:00Z";
  EXPECT_NE(message(unaligned).find("mock-gc choice"), std::string::npos);
  json long_sync = ok;
  long_sync["interval"] = "2026-01-20T00:00:00Z/2026-02-25T00:00:00Z";  // 36 days
  EXPECT_NE(message(long_sync).find("limits.max_sync_interval_days"), std::string::npos);
  json big_page = ok;
  big_page["pageSize"] = 1001;
  EXPECT_NE(message(big_page, kJobs).find("limits.max_job_page_size"), std::string::npos);
  EXPECT_NE(body_json(get(kEmea, "/api/v2/users?pageSize=501"))["message"].get<std::string>().find("limits.max_page_size"),
            std::string::npos);

  // The same world with the strictness relaxed by the scenario.
  auto scenario = json::parse(core::default_scenario_text());
  scenario["limits"] = {{"aligned_intervals", false}, {"max_sync_interval_days", 40}, {"max_job_page_size", 50},
                        {"max_page_size", 1000}};
  harness_.reset();
  tokens_.clear();
  core::ServiceOptions o;
  o.clock = clock_.get();
  o.scenario_text = scenario.dump();
  harness_ = GetParam().make(o);
  // An unaligned interval covers the 15-minute intervals that start inside it.
  auto relaxed = body_json(send_json(kEmea, "POST", kAggregates, unaligned));
  json snapped = ok;
  snapped["interval"] = "2026-03-10T00:15:00Z/2026-03-11T00:15:00Z";
  auto exact = body_json(send_json(kEmea, "POST", kAggregates, snapped));
  EXPECT_GT(total_count(exact, "nOffered"), 0u);
  EXPECT_EQ(total_count(relaxed, "nOffered"), total_count(exact, "nOffered"));
  EXPECT_EQ(send_json(kEmea, "POST", kAggregates, long_sync).status, 200);
  json page_51 = ok;
  page_51["pageSize"] = 51;
  EXPECT_NE(message(page_51, kJobs).find("1 to 50"), std::string::npos);
  EXPECT_EQ(get_json(kEmea, "/api/v2/users?pageSize=600&state=any")["entities"].size(), 200u);
}

MOCKGC_INSTANTIATE_FOR_HARNESSES(Aggregates);

}  // namespace
}  // namespace mockgc::testing
