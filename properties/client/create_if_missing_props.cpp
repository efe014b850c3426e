// create_if_missing over a server whose creates randomly succeed, fail before applying, or apply and lose
// the answer (reset, timeout, 504): the entity never exists twice, and a POST is never sent again without
// a read in between — unless the previous one provably was not applied (connect refused before sending,
// 503/429 "not processed"), which OrgClient retries like any request.
#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include "mockgc/client/create_if_missing.hpp"
#include "mockgc/client/errc.hpp"
#include "mockgc/client/json_calls.hpp"
#include "support/scripted_transport.hpp"

namespace mockgc::client {
namespace {

enum Fate { answered, lost_reset, lost_timeout, lost_504, refused_before, unavailable_503, fate_count };

RC_GTEST_PROP(ClientCreateIfMissing, NeverDuplicatesAndAlwaysReadsBetweenPosts, ()) {
  const auto fates = *rc::gen::container<std::vector<int>>(rc::gen::inRange(0, static_cast<int>(fate_count)));
  const bool exists_already = *rc::gen::inRange(0, 5) == 0;
  const int max_creates = *rc::gen::inRange(1, 5);

  api::ManualClock clock;
  testing::ScriptedTransport transport(clock);
  int copies = exists_already ? 1 : 0;
  std::size_t next_fate = 0;
  std::vector<std::pair<std::string, int>> server_log;  // method, fate (-1 for reads)
  transport.set_handler([&](const testing::SentRequest& s) -> std::optional<testing::Reply> {
    if (s.request.method == "GET") {
      server_log.emplace_back("GET", -1);
      return testing::http_json(200, copies > 0 ? R"({"entities":[{"id":"x","name":"Break"}]})" : R"({"entities":[]})");
    }
    const int fate = next_fate < fates.size() ? fates[next_fate++] : answered;
    server_log.emplace_back("POST", fate);
    switch (fate) {
      case refused_before: return std::error_code(errc::connect_failed);
      case unavailable_503: return testing::http_status(503);
      default: break;
    }
    ++copies;  // applied
    if (fate == lost_reset) return std::error_code(errc::connection_reset);
    if (fate == lost_timeout) return std::error_code(errc::timeout);
    if (fate == lost_504) return testing::http_status(504);
    return testing::http_json(200, R"({"id":"x","name":"Break"})");
  });
  OrgClientOptions options;
  options.retry.max_retries = 2;
  OrgClient client(testing::test_org(), transport, clock, options);
  const std::string path = "/api/v2/workforcemanagement/businessunits/bu1/activitycodes";

  const auto result = create_if_missing(
      [&]() -> Result<std::optional<nlohmann::json>> {
        auto listing = get_wfm_listing(client, path);
        if (!listing) return listing.error();
        for (auto& e : (*listing)["entities"])
          if (e["name"] == "Break") return std::optional<nlohmann::json>(e);
        return std::optional<nlohmann::json>();
      },
      [&] { return client.call("POST", path, {}, R"({"name":"Break"})"); }, max_creates);

  RC_ASSERT(copies <= 1);
  if (result) {
    // "rejected" = a definitive non-2xx answer (here: a 503 once retries ran out): nothing was created.
    RC_ASSERT(copies == (result->outcome == CreateOutcome::rejected ? 0 : 1));
    if (result->outcome == CreateOutcome::rejected) RC_ASSERT(result->response.status == 503);
  } else {
    RC_ASSERT(result.error() == errc::outcome_unknown || result.error() == errc::retry_budget_exhausted);
  }
  bool may_send_post = true;
  for (const auto& [method, fate] : server_log) {
    if (method == "POST") {
      RC_ASSERT(may_send_post);
      may_send_post = fate == refused_before || fate == unavailable_503;  // provably not applied
    } else {
      may_send_post = true;
    }
  }
}

}  // namespace
}  // namespace mockgc::client
