// handle() is thread-safe: readers of the activity-code listing run while a writer creates and deletes
// codes; every answer is well-formed and the listing always parses. (Run under the asan preset too.)
#include <gtest/gtest.h>

#include <atomic>
#include <thread>

#include "support/harness.hpp"
#include "support/session.hpp"

namespace mockgc::testing {
namespace {

TEST(Concurrency, ReadersAndAWriterOnActivityCodes) {
  core::ServiceOptions options;
  options.scenario_text = unthrottled_default_scenario();  // 3 readers far beyond 300/min on purpose
  auto h = make_inprocess_harness(options);
  const std::string region = "eu_central_1";
  const std::string token = login(*h, region);
  auto bus = nlohmann::json::parse(h->send(region, get_request("/api/v2/workforcemanagement/businessunits", token)).body);
  const std::string path =
      "/api/v2/workforcemanagement/businessunits/" + bus["entities"][0]["id"].get<std::string>() + "/activitycodes";

  std::atomic<int> bad{0};
  std::atomic<bool> stop{false};
  std::vector<std::thread> readers;
  for (int r = 0; r < 3; ++r)
    readers.emplace_back([&] {
      while (!stop.load()) {
        auto res = h->send(region, get_request(path, token));
        auto j = nlohmann::json::parse(res.body, nullptr, false);
        if (res.status != 200 || j.is_discarded() || j["entities"].size() < 8) ++bad;
      }
    });
  for (int i = 0; i < 200; ++i) {
    auto created = h->send(region, json_request("POST", path, token, {{"name", "C" + std::to_string(i)}, {"category", "Break"}}));
    if (created.status != 200) ++bad;
    auto id = nlohmann::json::parse(created.body)["id"].get<std::string>();
    auto del = get_request(path + "/" + id, token);
    del.method = "DELETE";
    if (h->send(region, del).status != 204) ++bad;
  }
  stop = true;
  for (auto& t : readers) t.join();
  EXPECT_EQ(bad.load(), 0);
  auto final_listing = nlohmann::json::parse(h->send(region, get_request(path, token)).body);
  EXPECT_EQ(final_listing["entities"].size(), 14u);
}

}  // namespace
}  // namespace mockgc::testing
