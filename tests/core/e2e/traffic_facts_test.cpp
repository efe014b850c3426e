// The journal's traffic facts (journal::TrafficFacts, CHECK-DESIGN.md "Field semantics") as the pipeline
// fills them, observed over every harness kind; the conformance rules of `mock-gc check` rely on each one.
#include <gtest/gtest.h>

#include <chrono>
#include <future>
#include <sstream>
#include <thread>

#include <nlohmann/json.hpp>

#include "admin_support.hpp"
#include "mockgc/core/journal/request_journal.hpp"

namespace mockgc::testing {
namespace {

using nlohmann::json;
using namespace std::chrono_literals;
using core::journal::JournalEntry;

class TrafficFacts : public AdminFixture {
 protected:
  JournalEntry last() {
    const auto entries = h().service().journal()->snapshot();
    if (entries.empty()) {
      ADD_FAILURE() << "empty journal";
      return {};
    }
    return entries.back();
  }
  api::HttpResponse send_raw(const std::string& region, std::string target, const std::string& authorization) {
    api::HttpRequest r;
    r.method = "GET";
    r.target = std::move(target);
    if (!authorization.empty()) r.headers.set("Authorization", authorization);
    return h().send(region, r);
  }
  // A custom activity code created in the region's first BU (its id is minted at run time by that org).
  std::string custom_code(const std::string& region) {
    const auto res = send_json(region, "POST", codes_path(region),
                               {{"name", "Custom " + std::to_string(++created_)}, {"category", "Training"}});
    if (res.status != 200) {
      ADD_FAILURE() << "create in " << region << ": " << res.body;
      return "none";
    }
    return json::parse(res.body)["id"].get<std::string>();
  }
  int created_ = 0;
};

TEST_P(TrafficFacts, LoginEntryHasTheClientIdAndTheWorldLifetime) {
  const auto res = login_response(h(), kEmea);
  ASSERT_EQ(res.status, 200) << res.body;
  const auto e = last();
  EXPECT_EQ(e.route, "/oauth/token");
  EXPECT_EQ(e.client_id, region_info(h(), kEmea).client_id);
  EXPECT_EQ(e.expires_in_s, 86399);
  EXPECT_EQ(json::parse(res.body)["expires_in"], 86399) << "speed 1 advertises world seconds";
  EXPECT_EQ(e.auth, "") << "login routes have no bearer authentication";
  EXPECT_EQ(e.token, "");
}

TEST_P(TrafficFacts, FailedLoginStillNamesTheClient) {
  api::HttpRequest req;
  req.method = "POST";
  req.target = "/oauth/token";
  req.headers.set("Authorization", basic_auth(region_info(h(), kEmea).client_id, "wrong"));
  req.headers.set("Content-Type", "application/x-www-form-urlencoded");
  req.body = "grant_type=client_credentials";
  ASSERT_EQ(h().send(kEmea, req).status, 401);
  const auto e = last();
  EXPECT_EQ(e.client_id, region_info(h(), kEmea).client_id);
  EXPECT_EQ(e.expires_in_s, -1);
  EXPECT_EQ(e.error_code, "invalid_client");
}

TEST_P(TrafficFacts, AuthenticatedRequestCarriesFingerprintRegionAndOk) {
  ASSERT_EQ(get(kEmea, "/api/v2/users?pageSize=1").status, 200);
  const auto e = last();
  EXPECT_EQ(e.auth, "ok");
  EXPECT_EQ(e.token_region, kEmea);
  ASSERT_EQ(e.token.size(), 12u);
  EXPECT_EQ(e.token.find_first_not_of("0123456789abcdef"), std::string::npos) << e.token;
  EXPECT_EQ(e.token.find(token(kEmea).substr(0, 6)), std::string::npos) << "a fingerprint, never the token";
  EXPECT_EQ(e.inflight, 1);
  EXPECT_EQ(e.body_hash, 0u);
  EXPECT_EQ(e.route, "/api/v2/users");
  EXPECT_EQ(e.more.rfind("page 1/", 0), 0u) << e.more;
  // The same token gives the same fingerprint; the other region's token another one.
  get(kEmea, "/api/v2/routing/queues");
  EXPECT_EQ(last().token, e.token);
  get(kApac, "/api/v2/routing/queues");
  EXPECT_NE(last().token, e.token);
  EXPECT_EQ(last().token_region, kApac);
}

TEST_P(TrafficFacts, LastPageHasNothingMore) {
  const auto page = get_json(kEmea, "/api/v2/users?pageSize=500");
  ASSERT_LE(page["pageCount"].get<int>(), 1);
  EXPECT_EQ(last().more, "");
}

TEST_P(TrafficFacts, AuthOutcomesAreTold) {
  send_raw(kEmea, "/api/v2/users", "");
  EXPECT_EQ(last().auth, "missing");
  EXPECT_EQ(last().error_code, "authentication.required");
  send_raw(kEmea, "/api/v2/users", "Basic abc");
  EXPECT_EQ(last().auth, "missing");
  send_raw(kEmea, "/api/v2/users", "Bearer not-a-token");
  EXPECT_EQ(last().auth, "invalid");
  EXPECT_EQ(last().token_region, "");
  EXPECT_EQ(last().token.size(), 12u);
  EXPECT_EQ(last().error_code, "bad.credentials");
  // A token of the APAC org sent to EMEA.
  const auto foreign = send_raw(kEmea, "/api/v2/users", "Bearer " + token(kApac));
  EXPECT_EQ(foreign.status, 401);
  EXPECT_EQ(last().auth, "foreign");
  EXPECT_EQ(last().token_region, kApac);
  // Past its lifetime.
  const std::string emea = token(kEmea);
  clock_->advance(24h);
  EXPECT_EQ(send_raw(kEmea, "/api/v2/users", "Bearer " + emea).status, 401);
  EXPECT_EQ(last().auth, "expired");
  EXPECT_EQ(last().token_region, kEmea);
}

class RevokedTrafficFacts : public TrafficFacts {
  json sections() override {
    return {{"faults", json::array({{{"type", "token"}, {"action", "revoke_at"}, {"at", "PT1M"}, {"region", kEmea}}})}};
  }
};

TEST_P(RevokedTrafficFacts, RevokedTokenIsTold) {
  ASSERT_EQ(get(kEmea, "/api/v2/users?pageSize=1").status, 200);
  clock_->advance(1min);
  ASSERT_EQ(get(kEmea, "/api/v2/users?pageSize=1").status, 401);
  EXPECT_EQ(last().auth, "revoked");
  EXPECT_EQ(last().error_code, "bad.credentials");
}
MOCKGC_INSTANTIATE_FOR_HARNESSES(RevokedTrafficFacts);

class RateLimitTrafficFacts : public TrafficFacts {
  json sections() override {
    return {{"rate_limits", {{"per_client_per_minute", 2}}},
            {"faults", json::array({{{"type", "rate_limit"}, {"method", "GET"}, {"path", "/api/v2/routing/queues"},
                                     {"per_minute", 1}}})}};
  }
};

TEST_P(RateLimitTrafficFacts, A429EntryHasItsRetryAfterAndLimitScope) {
  ASSERT_EQ(get(kEmea, "/api/v2/routing/queues").status, 200);
  EXPECT_EQ(last().limit_scope, "route:GET /api/v2/routing/queues") << "counted against the endpoint window";
  EXPECT_EQ(last().retry_after_s, -1);
  clock_->advance(20s);
  const auto refused = get(kEmea, "/api/v2/routing/queues");
  ASSERT_EQ(refused.status, 429);
  auto e = last();
  EXPECT_EQ(e.retry_after_s, 40);
  EXPECT_EQ(refused.headers.get("Retry-After").value_or(""), "40");
  EXPECT_EQ(e.limit_scope, "route:GET /api/v2/routing/queues");
  EXPECT_EQ(e.error_code, "too.many.requests.retry.after");
  EXPECT_EQ(e.error_message, "Rate limit exceeded the maximum. Retry the request in [40] seconds");
  ASSERT_EQ(get(kEmea, "/api/v2/users?pageSize=1").status, 200);
  EXPECT_EQ(last().limit_scope, "client");
  const auto client_refused = get(kEmea, "/api/v2/users?pageSize=1");
  ASSERT_EQ(client_refused.status, 429);
  e = last();
  EXPECT_EQ(e.limit_scope, "client");
  EXPECT_EQ(e.retry_after_s, 40) << "the first counted request (t0) leaves the window at t0 + 60 s";
}
MOCKGC_INSTANTIATE_FOR_HARNESSES(RateLimitTrafficFacts);

TEST_P(TrafficFacts, AnEmeaActivityCodeIdInAnApacPathIsForeign) {
  const std::string emea_code = custom_code(kEmea);
  const std::string apac_codes = codes_path(kApac);
  get(kApac, apac_codes + "/" + emea_code);
  EXPECT_EQ(last().foreign_ids, emea_code + "@" + std::string(kEmea));
  // The region's own id and a default code ("1" exists in every org) are not foreign.
  get(kApac, apac_codes + "/" + custom_code(kApac));
  EXPECT_EQ(last().foreign_ids, "");
  get(kApac, apac_codes + "/1");
  EXPECT_EQ(last().status, 200);
  EXPECT_EQ(last().foreign_ids, "");
  // The whole EMEA BU id in an APAC path is foreign too; ids in query values count.
  const std::string emea_bu = bu_id(kEmea);
  get(kApac, "/api/v2/workforcemanagement/businessunits/" + emea_bu);
  EXPECT_EQ(last().foreign_ids, emea_bu + "@" + std::string(kEmea));
}

TEST_P(TrafficFacts, ABiRegionalPersonsIdIsOwnedByEachOrg) {
  // The default world has people with a user in both orgs (same email, one id per org).
  std::map<std::string, std::string> emea_by_email;
  const json emea = get_json(kEmea, "/api/v2/users?pageSize=500"), apac = get_json(kApac, "/api/v2/users?pageSize=500");
  for (const auto& u : emea["entities"]) emea_by_email[u.value("email", "")] = u["id"].get<std::string>();
  std::string apac_id, emea_id;
  for (const auto& u : apac["entities"]) {
    auto it = emea_by_email.find(u.value("email", ""));
    if (it != emea_by_email.end() && !it->first.empty()) {
      apac_id = u["id"].get<std::string>();
      emea_id = it->second;
      break;
    }
  }
  ASSERT_FALSE(apac_id.empty()) << "no bi-regional person in the default world";
  get(kApac, "/api/v2/users/" + apac_id);
  EXPECT_EQ(last().status, 200);
  EXPECT_EQ(last().foreign_ids, "");
  get(kApac, "/api/v2/users/" + emea_id);
  EXPECT_EQ(last().foreign_ids, emea_id + "@" + std::string(kEmea));
}

TEST_P(TrafficFacts, IdsInQueryValuesAndJsonBodiesAreFound) {
  const std::string emea_code = custom_code(kEmea);
  get(kApac, "/api/v2/users?pageSize=1&id=x," + emea_code);
  EXPECT_EQ(last().foreign_ids, emea_code + "@" + std::string(kEmea));
  const json body = {{"name", "Late shift"}, {"category", "OnQueueWork"}, {"secondaryPresenceIds", {emea_code}}};
  send_json(kApac, "POST", codes_path(kApac), body);
  const auto e = last();
  EXPECT_EQ(e.name, "Late shift");
  EXPECT_NE(e.body_hash, 0u);
  EXPECT_EQ(e.foreign_ids, emea_code + "@" + std::string(kEmea));
}

TEST_P(TrafficFacts, CreatedIdsAreOwnedByTheirOrg) {
  const std::string emea_codes = codes_path(kEmea), apac_codes = codes_path(kApac);
  const auto created = send_json(kEmea, "POST", emea_codes, {{"name", "Mentoring"}, {"category", "Training"}});
  ASSERT_EQ(created.status, 200) << created.body;
  const auto first = last();
  EXPECT_EQ(first.name, "Mentoring");
  const std::string id = json::parse(created.body)["id"].get<std::string>();
  get(kApac, apac_codes + "/" + id);
  EXPECT_EQ(last().foreign_ids, id + "@" + std::string(kEmea));
  // The same body hashes the same; another body differently.
  send_json(kEmea, "POST", emea_codes, {{"name", "Mentoring"}, {"category", "Training"}});
  EXPECT_EQ(last().status, 409) << "the same create again";
  EXPECT_EQ(last().body_hash, first.body_hash);
  send_json(kEmea, "POST", emea_codes, {{"name", "Mentoring 2"}, {"category", "Training"}});
  EXPECT_NE(last().body_hash, first.body_hash);
  EXPECT_EQ(last().name, "Mentoring 2");
}

TEST_P(TrafficFacts, ErrorAnswersCarryTheirCodeAndMessage) {
  get(kEmea, "/api/v2/users?pageSize=0");
  const auto e = last();
  EXPECT_EQ(e.status, 400);
  EXPECT_EQ(e.error_code, "bad.request");
  EXPECT_FALSE(e.error_message.empty());
  get(kEmea, "/api/v2/users?pageSize=1");
  EXPECT_EQ(last().error_code, "");
  EXPECT_EQ(last().error_message, "");
}

TEST_P(TrafficFacts, AccessTokenInTheQueryIsFlaggedAndRedacted) {
  const std::string t = token(kEmea);
  get(kEmea, "/api/v2/users?pageSize=1&access_token=" + t);
  auto e = last();
  EXPECT_EQ(e.leak, "access_token in query");
  EXPECT_EQ(e.query, "pageSize=1&access_token=REDACTED");
  // By value under another name, and in the path.
  get(kEmea, "/api/v2/users?pageSize=1&auth=" + t);
  e = last();
  EXPECT_EQ(e.leak, "access_token in query");
  EXPECT_EQ(e.query, "pageSize=1&auth=REDACTED");
  get(kEmea, "/api/v2/users/" + t);
  e = last();
  EXPECT_EQ(e.leak, "token in path");
  EXPECT_EQ(e.path, "/api/v2/users/REDACTED");
  get(kEmea, "/api/v2/users?pageSize=1&x=" + region_info(h(), kEmea).client_secret);
  EXPECT_EQ(last().leak, "client_secret in query");
  EXPECT_EQ(last().query, "pageSize=1&x=REDACTED");
  std::ostringstream out;
  h().service().journal()->export_jsonl(out);
  EXPECT_EQ(out.str().find(t), std::string::npos) << "the token never reaches the journal";
  get(kEmea, "/api/v2/users?pageSize=1");
  EXPECT_EQ(last().leak, "");
}

TEST_P(TrafficFacts, AdminExportReadsBackIntoEqualEntries) {
  get(kEmea, "/api/v2/users?pageSize=1&access_token=abc");
  send_json(kApac, "POST", codes_path(kApac), {{"name", "Round trip"}, {"category", "Training"}});
  send_raw(kEmea, "/api/v2/users", "Bearer nope");
  const auto res = admin("GET", "/mockgc/admin/journal?format=jsonl");
  ASSERT_EQ(res.status, 200);
  const auto entries = h().service().journal()->snapshot();
  std::istringstream in(res.body);
  std::string line;
  std::size_t n = 0;
  while (std::getline(in, line)) {
    ASSERT_LT(n, entries.size());
    EXPECT_EQ(core::journal::entry_from_json(json::parse(line)), entries[n]) << line;
    ++n;
  }
  EXPECT_GE(n, 5u);
  // The JSON form carries the same keys.
  const auto j = admin_json("GET", "/mockgc/admin/journal");
  EXPECT_EQ(core::journal::entry_from_json(j["entities"][0]), entries[0]);
  EXPECT_TRUE(j["entities"][0].contains("body_hash"));
}
MOCKGC_INSTANTIATE_FOR_HARNESSES(TrafficFacts);

// In flight: the journal sink runs while its request is still in flight, so a second request sent while the
// sink of the first one waits arrives with two requests of the same client in flight.
TEST(TrafficFactsInflight, CountsConcurrentRequestsOfTheSameClient) {
  std::promise<void> first_in_sink;
  std::atomic<int> sunk{0};
  api::ManualClock clock(*api::parse_instant(kAdminStart));
  core::ServiceOptions o;
  o.scenario_text = default_scenario_with({});
  o.clock = &clock;
  std::atomic<bool> hold{false};
  o.journal_sink = [&](const JournalEntry& e) {
    if (hold.load() && e.route == "/api/v2/users" && sunk.fetch_add(1) == 0) {
      first_in_sink.set_value();
      std::this_thread::sleep_for(300ms);  // the second request arrives meanwhile
    }
  };
  auto harness = make_inprocess_harness(o);
  const std::string t = login(*harness, kEmea);
  hold = true;
  std::thread first([&] { harness->send(kEmea, get_request("/api/v2/users?pageSize=1", t)); });
  first_in_sink.get_future().wait();
  harness->send(kEmea, get_request("/api/v2/users?pageSize=2", t));
  first.join();
  const auto entries = harness->service().journal()->snapshot();
  ASSERT_GE(entries.size(), 3u);
  EXPECT_EQ(entries[1].inflight, 1);
  EXPECT_EQ(entries[2].inflight, 2) << "arrived while the first was in flight";
  EXPECT_EQ(entries[2].query, "pageSize=2");
  // Both finished: the count is back to one.
  harness->send(kEmea, get_request("/api/v2/users?pageSize=3", t));
  EXPECT_EQ(harness->service().journal()->snapshot().back().inflight, 1);
}

// Speed: what the server advertises is real seconds for the client; the journal keeps world seconds.
TEST(TrafficFactsSpeed, AdvertisedWaitsAndLifetimesAreRealSecondsAtSpeed60) {
  core::RealClock clock(*api::parse_instant(kAdminStart), 60.0);
  core::ServiceOptions o;
  o.scenario_text = default_scenario_with({{"rate_limits", {{"per_client_per_minute", 1}}}});
  o.clock = &clock;
  auto harness = make_inprocess_harness(o);
  const auto login_res = login_response(*harness, kEmea);
  ASSERT_EQ(login_res.status, 200);
  EXPECT_EQ(json::parse(login_res.body)["expires_in"], 86399 / 60) << "floor(world / 60)";
  EXPECT_EQ(harness->service().journal()->snapshot().back().expires_in_s, 86399);
  const std::string t = json::parse(login_res.body)["access_token"].get<std::string>();
  ASSERT_EQ(harness->send(kEmea, get_request("/api/v2/users?pageSize=1", t)).status, 200);
  const auto refused = harness->send(kEmea, get_request("/api/v2/users?pageSize=1", t));
  ASSERT_EQ(refused.status, 429);
  const auto e = harness->service().journal()->snapshot().back();
  EXPECT_GE(e.retry_after_s, 50);  // world seconds: 60 minus the wall time between the two requests × 60
  EXPECT_LE(e.retry_after_s, 60);
  EXPECT_EQ(refused.headers.get("Retry-After").value_or(""), "1") << "ceil(world / 60)";
  EXPECT_EQ(refused.headers.get("inin-ratelimit-reset").value_or(""), "1");
  EXPECT_EQ(json::parse(refused.body)["message"], "Rate limit exceeded the maximum. Retry the request in [1] seconds");
}

TEST(TrafficFactsSpeed, ConversionRoundsWaitsUpAndLifetimesDown) {
  EXPECT_EQ(core::advertised_wait_seconds(60, 60.0), 1);
  EXPECT_EQ(core::advertised_wait_seconds(61, 60.0), 2);
  EXPECT_EQ(core::advertised_wait_seconds(1, 60.0), 1) << "at least 1";
  EXPECT_EQ(core::advertised_wait_seconds(30, 1.0), 30);
  EXPECT_EQ(core::advertised_wait_seconds(0, 60.0), 0);
  EXPECT_EQ(core::advertised_lifetime_seconds(86399, 60.0), 1439);
  EXPECT_EQ(core::advertised_lifetime_seconds(30, 60.0), 1) << "at least 1";
  EXPECT_EQ(core::advertised_lifetime_seconds(86399, 1.0), 86399);
  EXPECT_EQ(api::ManualClock(core::Instant{}).speed(), 1.0);
  EXPECT_EQ(core::RealClock(core::Instant{}, 60.0).speed(), 60.0);
}

}  // namespace
}  // namespace mockgc::testing
