// Historical adherence over every harness kind: the MU and team queries answer 202 Processing, the result
// arrives on v2.users.{client id}.workforcemanagement.historicaladherencequery and the job (downloadUrls) 5
// world seconds later; the result agrees with the live adherence the same service answered at sampled
// instants and agents; malformed queries are 400s naming the field.
#include <random>
#include <set>

#include "core/notifications/channel_fixture.hpp"

namespace mockgc::testing {
namespace {

using nlohmann::json;
constexpr const char* kWfm = "/api/v2/workforcemanagement";

class HistoricalAdherence : public ChannelTest {
 protected:
  std::string mu() { return mu_id(kEmea); }
  std::string query_path() { return std::string(kWfm) + "/managementunits/" + mu() + "/historicaladherencequery"; }
  std::vector<std::string> members() {
    auto listing = get_json(kEmea, std::string(kWfm) + "/managementunits/" + mu() + "/users");
    if (listing.contains("downloadUrl")) listing = download(listing["downloadUrl"]);
    std::vector<std::string> out;
    for (const auto& u : listing["entities"]) out.push_back(u["id"]);
    return out;
  }
  // Posts a query (202 expected), lets it complete and returns the result file.
  json run(const std::string& path, const json& body) {
    auto res = send_json(kEmea, "POST", path, body);
    EXPECT_EQ(res.status, 202) << res.body;
    const std::string id = body_json(res).value("id", "");
    clock_->advance(std::chrono::seconds(5));
    auto job = get_json(kEmea, std::string(kWfm) + "/adherence/historical/jobs/" + id);
    EXPECT_EQ(job["queryState"], "Complete");
    return download(job["downloadUrls"][0]);
  }
  json download(const std::string& url) {
    auto res = h().send(kEmea, get_request(path_of_url(url), ""));
    EXPECT_EQ(res.status, 200) << res.body;
    return body_json(res);
  }
  // A 400 whose message names `field`.
  void expect_400(const std::string& path, const json& body, const std::string& code, const std::string& field) {
    auto res = send_json(kEmea, "POST", path, body);
    EXPECT_ERROR_BODY(res, 400, code) << body;
    EXPECT_NE(body_json(res).value("message", "").find(field), std::string::npos) << res.body;
  }
};

TEST_P(HistoricalAdherence, ResultArrivesByNotificationAndJob) {
  const std::string topic = "v2.users." + client_id(kEmea) + ".workforcemanagement.historicaladherencequery";
  auto channel = create();
  EXPECT_EQ(subscribe(channel["id"], {topic})["entities"][0]["state"], "Permitted");
  auto stream = connect(channel);
  auto res = send_json(kEmea, "POST", query_path(),
                       {{"startDate", "2026-03-01T00:00:00Z"}, {"endDate", "2026-03-02T00:00:00Z"}});
  ASSERT_EQ(res.status, 202) << res.body;
  const auto accepted = body_json(res);
  EXPECT_EQ(accepted["queryState"], "Processing");
  EXPECT_FALSE(accepted.contains("downloadUrls"));
  const std::string job_path = std::string(kWfm) + "/adherence/historical/jobs/" + accepted["id"].get<std::string>();
  EXPECT_EQ(get_json(kEmea, job_path)["queryState"], "Processing");
  EXPECT_TRUE(events(*stream).empty());
  clock_->advance(std::chrono::seconds(5));
  auto got = events(*stream);
  ASSERT_EQ(got.size(), 1u);
  EXPECT_EQ(got[0]["topicName"], topic);
  const auto& notice = got[0]["eventBody"];
  EXPECT_EQ(notice["id"], accepted["id"]);
  EXPECT_EQ(notice["queryState"], "Complete");
  ASSERT_EQ(notice["downloadUrls"].size(), 1u);
  EXPECT_EQ(notice["downloadUrl"], notice["downloadUrls"][0]);
  EXPECT_EQ(get_json(kEmea, job_path), notice) << "the job answers what the topic said";
  const auto result = download(notice["downloadUrls"][0]);
  EXPECT_EQ(result["entityId"], mu());
  const auto users = members();
  ASSERT_EQ(result["data"].size(), users.size());
  for (const auto& d : result["data"]) {
    EXPECT_TRUE(std::find(users.begin(), users.end(), d["userId"]) != users.end());
    EXPECT_EQ(d["managementUnitId"], mu());
    EXPECT_EQ(d["startDate"], "2026-03-01T00:00:00.000Z");
    EXPECT_EQ(d["endDate"], "2026-03-02T00:00:00.000Z");
    ASSERT_EQ(d["dayMetrics"].size(), 1u) << "one Europe/London day";
    EXPECT_FALSE(d.contains("exceptionInfo")) << "only with includeExceptions";
    const double pct = d["adherencePercentage"];
    EXPECT_GE(pct, 0.0);
    EXPECT_LE(pct, 100.0);
  }
  EXPECT_ERROR_BODY(get(kEmea, std::string(kWfm) + "/adherence/historical/jobs/no-such-job"), 404, "not.found");
}

// The consistency the result promises: at sampled instants and agents, live adherence (REST, as the clock
// passes) is OutOfAdherence exactly when the instant lies in one of the agent's exceptions, and its actual
// activity category is the one the actuals list then.
TEST_P(HistoricalAdherence, AgreesWithLiveAdherenceAtSampledInstants) {
  const auto users = members();
  const auto start = clock_->now();
  std::mt19937_64 rng(20261204);
  struct Sample {
    std::int64_t offset;
    std::string user, state, actual;
  };
  std::vector<Sample> samples;
  std::set<std::string> sampled;
  for (int k = 0; k < 40; ++k) {
    clock_->advance(std::chrono::milliseconds(1'000 + rng() % 900'000));  // up to 15 min, ~5 h in all
    std::string ids;
    for (int n = 0; n < 3; ++n) ids += (n ? "," : "") + users[rng() % users.size()];
    for (const auto& a : get_json(kEmea, std::string(kWfm) + "/adherence?userId=" + ids)) {
      const auto offset = std::chrono::duration_cast<std::chrono::milliseconds>(clock_->now() - start).count();
      samples.push_back({offset, a["id"], a["adherenceState"], a["actualActivityCategory"]});
      sampled.insert(a["id"].get<std::string>());
    }
  }
  const auto end = clock_->now();
  const auto result = run(query_path(), {{"startDate", api::format_instant(start)},
                                         {"endDate", api::format_instant(end)},
                                         {"includeExceptions", true},
                                         {"userIds", std::vector<std::string>(sampled.begin(), sampled.end())}});
  ASSERT_EQ(result["data"].size(), sampled.size());
  std::map<std::string, json> by_user;
  for (const auto& d : result["data"]) by_user[d["userId"]] = d;
  std::size_t checked = 0, out_of_adherence = 0;
  for (const auto& s : samples) {
    const auto& d = by_user.at(s.user);
    // Offsets are whole seconds: an instant within a second of an edge is ambiguous, skip it.
    auto near_edge = [&](const json& spans) {
      for (const auto& e : spans)
        for (const char* key : {"startOffsetSeconds", "endOffsetSeconds"})
          if (std::llabs(e[key].get<std::int64_t>() * 1000 - s.offset) < 1000) return true;
      return false;
    };
    if (near_edge(d["exceptionInfo"]) || near_edge(d["actuals"])) continue;
    auto covering = [&](const json& spans) -> const json* {
      for (const auto& e : spans)
        if (e["startOffsetSeconds"].get<std::int64_t>() * 1000 <= s.offset &&
            s.offset < e["endOffsetSeconds"].get<std::int64_t>() * 1000)
          return &e;
      return nullptr;
    };
    const json* exception = covering(d["exceptionInfo"]);
    EXPECT_EQ(exception != nullptr, s.state == "OutOfAdherence") << s.user << " at +" << s.offset << " ms";
    const json* actual = covering(d["actuals"]);
    ASSERT_NE(actual, nullptr) << "actuals cover the range";
    EXPECT_EQ((*actual)["actualActivityCategory"], s.actual) << s.user << " at +" << s.offset << " ms";
    ++checked;
    out_of_adherence += s.state == "OutOfAdherence";
  }
  EXPECT_GE(checked, samples.size() * 9 / 10);
  // The totals are the sums of the parts.
  for (const auto& [id, d] : by_user) {
    std::int64_t exceptions = 0;
    for (const auto& e : d["exceptionInfo"])
      exceptions += e["endOffsetSeconds"].get<std::int64_t>() - e["startOffsetSeconds"].get<std::int64_t>();
    std::int64_t day_exceptions = 0;
    for (const auto& m : d["dayMetrics"]) day_exceptions += m["exceptionDurationSecs"].get<std::int64_t>();
    EXPECT_NEAR(static_cast<double>(exceptions), static_cast<double>(day_exceptions), d["exceptionInfo"].size() + 1.0);
  }
  EXPECT_GT(out_of_adherence, 0u) << "the samples include deviations";
}

TEST_P(HistoricalAdherence, TeamQueryAndFilters) {
  const auto users = members();
  const std::string team_id = get_json(kEmea, std::string(kWfm) + "/adherence?userId=" + users[0])[0]["team"]["id"];
  auto listing = get_json(kEmea, std::string(kWfm) + "/teams/" + team_id + "/adherence");
  if (listing.contains("downloadUrl")) listing = download(listing["downloadUrl"]);
  std::set<std::string> team_members;
  for (const auto& a : listing["entities"]) team_members.insert(a["id"]);
  ASSERT_FALSE(team_members.empty());
  const json range{{"startDate", "2026-03-01T09:00:00Z"}, {"endDate", "2026-03-02T09:00:00Z"}};
  json body = range;
  body["timeZone"] = "Europe/London";
  auto result = run(std::string(kWfm) + "/teams/" + team_id + "/adherence/historical", body);
  EXPECT_EQ(result["entityId"], team_id);
  std::set<std::string> got;
  for (const auto& d : result["data"]) got.insert(d["userId"]);
  EXPECT_EQ(got, team_members);
  EXPECT_EQ(result["data"][0]["dayMetrics"].size(), 2u) << "two London days";
  // userIds narrows the MU query.
  body = range;
  body["userIds"] = {users[0], users[1]};
  result = run(query_path(), body);
  ASSERT_EQ(result["data"].size(), 2u);
  EXPECT_EQ(result["data"][0]["userId"], users[0]);
}

TEST_P(HistoricalAdherence, MalformedQueriesNameTheField) {
  const std::string path = query_path();
  const json ok{{"startDate", "2026-03-01T00:00:00Z"}, {"endDate", "2026-03-02T00:00:00Z"}};
  auto with = [&](const char* key, const json& value) {
    json b = ok;
    b[key] = value;
    return b;
  };
  expect_400(path, json::object(), "bad.request", "startDate");
  expect_400(path, with("startDate", "yesterday"), "invalid.date", "startDate");
  expect_400(path, with("endDate", 42), "invalid.date", "endDate");
  expect_400(path, with("endDate", "2026-02-28T00:00:00Z"), "bad.request", "endDate");
  expect_400(path, with("startDate", "2026-03-03T00:00:00Z"), "bad.request", "startDate");
  expect_400(path, with("startDate", "2026-01-01T00:00:00Z"), "bad.request", "31 days");
  json long_exceptions = with("startDate", "2026-02-20T00:00:00Z");
  long_exceptions["includeExceptions"] = true;
  expect_400(path, long_exceptions, "bad.request", "7 days");
  expect_400(path, with("includeExceptions", "yes"), "bad.request", "includeExceptions");
  expect_400(path, with("userIds", {"nope"}), "bad.request", "userIds: [nope]");
  expect_400(path, with("userIds", "nope"), "bad.request", "userIds");
  expect_400(path, with("teamIds", {"nope"}), "bad.request", "teamIds: [nope]");
  expect_400(path, with("timeZone", "Mars/Olympus_Mons"), "bad.request", "timeZone");
  expect_400(path, json::array(), "bad.request", "WfmHistoricalAdherenceQuery");
  const std::string team = get_json(kEmea, "/api/v2/teams")["entities"][0]["id"];
  expect_400(std::string(kWfm) + "/teams/" + team + "/adherence/historical", ok, "bad.request", "timeZone");
  EXPECT_ERROR_BODY(send_json(kEmea, "POST", std::string(kWfm) + "/managementunits/nope/historicaladherencequery", ok),
                    404, "not.found");
  EXPECT_ERROR_BODY(send_json(kEmea, "POST", std::string(kWfm) + "/teams/nope/adherence/historical", ok), 404,
                    "not.found");
}

MOCKGC_INSTANTIATE_FOR_HARNESSES(HistoricalAdherence);

}  // namespace
}  // namespace mockgc::testing
