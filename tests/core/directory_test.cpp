// GET /api/v2/users[/{id}] and GET /api/v2/routing/queues: classic paging, filters, list encodings.
#include <set>

#include "endpoint_fixture.hpp"

namespace mockgc::testing {
namespace {

class Directory : public EndpointTest {
 protected:
  // Follows nextUri from `first` to the end; returns every entity id in order.
  std::vector<std::string> walk(const std::string& region, std::string first, int& pages) {
    std::vector<std::string> ids;
    pages = 0;
    std::string target = std::move(first);
    while (true) {
      auto j = get_json(region, target);
      ++pages;
      for (const auto& e : j["entities"]) ids.push_back(e["id"].get<std::string>());
      if (!j.contains("nextUri")) break;
      target = j["nextUri"].get<std::string>();
      if (pages > 1000) break;
    }
    return ids;
  }
};

TEST_P(Directory, UsersListHasClassicPagingFields) {
  auto j = get_json(kEmea, "/api/v2/users");
  EXPECT_EQ(j["pageSize"], 25);
  EXPECT_EQ(j["pageNumber"], 1);
  EXPECT_EQ(j["entities"].size(), 25u);
  const int total = j["total"];
  EXPECT_GT(total, 150);
  EXPECT_LE(total, 200);
  EXPECT_EQ(j["pageCount"], (total + 24) / 25);
  EXPECT_EQ(j["firstUri"], "/api/v2/users?pageSize=25&pageNumber=1");
  EXPECT_EQ(j["selfUri"], "/api/v2/users?pageSize=25&pageNumber=1");
  EXPECT_EQ(j["nextUri"], "/api/v2/users?pageSize=25&pageNumber=2");
  EXPECT_FALSE(j.contains("previousUri"));
  EXPECT_EQ(j["lastUri"], "/api/v2/users?pageSize=25&pageNumber=" + std::to_string(j["pageCount"].get<int>()));
  const auto& u = j["entities"][0];
  for (const char* key : {"id", "name", "email", "state", "division", "username", "version", "selfUri"})
    EXPECT_TRUE(u.contains(key)) << key;
  EXPECT_EQ(u["state"], "active");
}

TEST_P(Directory, UsersPagingWalkVisitsEachUserOnce) {
  const int total = get_json(kEmea, "/api/v2/users?state=any&pageSize=1")["total"];
  EXPECT_EQ(total, 200);
  int pages = 0;
  auto ids = walk(kEmea, "/api/v2/users?pageSize=17&state=any", pages);
  EXPECT_EQ(ids.size(), 200u);
  EXPECT_EQ(std::set<std::string>(ids.begin(), ids.end()).size(), 200u);
  EXPECT_EQ(pages, (200 + 16) / 17);
}

TEST_P(Directory, LastPageHasPreviousButNoNext) {
  auto j = get_json(kEmea, "/api/v2/users?pageSize=100&pageNumber=2&state=any");
  EXPECT_EQ(j["entities"].size(), 100u);
  EXPECT_FALSE(j.contains("nextUri"));
  EXPECT_EQ(j["previousUri"], "/api/v2/users?pageSize=100&pageNumber=1&state=any");
}

TEST_P(Directory, PageBeyondTheEndIsEmptyWithTotals) {
  auto j = get_json(kEmea, "/api/v2/users?pageSize=100&pageNumber=9&state=any");
  EXPECT_TRUE(j["entities"].empty());
  EXPECT_EQ(j["total"], 200);
  EXPECT_EQ(j["pageCount"], 2);
  EXPECT_FALSE(j.contains("nextUri"));
}

TEST_P(Directory, BadPagingParametersAreBadRequest) {
  for (const char* q : {"pageSize=0", "pageSize=abc", "pageSize=501", "pageNumber=0", "pageNumber=-1", "pageSize=1.5"})
    EXPECT_ERROR_BODY(get(kEmea, std::string("/api/v2/users?") + q), 400, "bad.request") << q;
  EXPECT_EQ(get(kEmea, "/api/v2/users?pageSize=500").status, 200);
}

TEST_P(Directory, UserIdListAcceptsCommaEncodedCommaAndRepeatedKeys) {
  auto page = get_json(kEmea, "/api/v2/users?pageSize=3");
  const std::string a = page["entities"][0]["id"], b = page["entities"][1]["id"], c = page["entities"][2]["id"];
  const std::set<std::string> want{a, b, c};
  for (const std::string& q : {"id=" + a + "," + b + "," + c, "id=" + a + "%2C" + b + "%2C" + c,
                              "id=" + a + "&id=" + b + "&id=" + c, "id=" + a + "," + b + "&id=" + c}) {
    auto j = get_json(kEmea, "/api/v2/users?" + q);
    std::set<std::string> got;
    for (const auto& e : j["entities"]) got.insert(e["id"]);
    EXPECT_EQ(got, want) << q;
    EXPECT_EQ(j["total"], 3) << q;
  }
}

TEST_P(Directory, UserStateFilter) {
  auto active = get_json(kEmea, "/api/v2/users?pageSize=1")["total"].get<int>();
  auto inactive = get_json(kEmea, "/api/v2/users?pageSize=500&state=inactive");
  for (const auto& u : inactive["entities"]) EXPECT_EQ(u["state"], "inactive");
  EXPECT_EQ(active + inactive["total"].get<int>(), 200);
  auto res = get(kEmea, "/api/v2/users?state=sleeping");
  ASSERT_ERROR_BODY(res, 400, "invalid.value");
  EXPECT_NE(body_json(res)["message"].get<std::string>().find("Value [sleeping] is not valid for field type"),
            std::string::npos);
}

TEST_P(Directory, UserGetAndNotFound) {
  auto first = get_json(kEmea, "/api/v2/users?pageSize=1")["entities"][0];
  auto u = get_json(kEmea, "/api/v2/users/" + first["id"].get<std::string>());
  EXPECT_EQ(u, first);
  EXPECT_ERROR_BODY(get(kEmea, "/api/v2/users/00000000-0000-4000-8000-000000000000"), 404, "not.found");
  // Users of another region do not exist here.
  auto apac = get_json(kApac, "/api/v2/users?pageSize=1")["entities"][0]["id"].get<std::string>();
  EXPECT_ERROR_BODY(get(kEmea, "/api/v2/users/" + apac), 404, "not.found");
}

TEST_P(Directory, BiRegionalAgentsShareEmailAcrossOrgs) {
  std::map<std::string, std::string> emea, apac;  // email -> id
  // (Keep each listing in a variable: a range-for over a member of a temporary would dangle.)
  const auto emea_users = get_json(kEmea, "/api/v2/users?pageSize=500&state=any");
  const auto apac_users = get_json(kApac, "/api/v2/users?pageSize=500&state=any");
  for (const auto& u : emea_users["entities"]) emea[u["email"]] = u["id"];
  for (const auto& u : apac_users["entities"]) apac[u["email"]] = u["id"];
  int shared = 0;
  for (const auto& [email, id] : emea) {
    auto it = apac.find(email);
    if (it == apac.end()) continue;
    ++shared;
    EXPECT_NE(it->second, id) << "one user per org, distinct ids";
  }
  EXPECT_EQ(shared, 5);
}

TEST_P(Directory, QueuesAreSortedByNameAndPaged) {
  int pages = 0;
  auto ids = walk(kEmea, "/api/v2/routing/queues?pageSize=7", pages);
  EXPECT_EQ(ids.size(), 30u);
  EXPECT_EQ(pages, 5);
  auto all = get_json(kEmea, "/api/v2/routing/queues?pageSize=100")["entities"];
  for (std::size_t i = 1; i < all.size(); ++i) EXPECT_LT(all[i - 1]["name"], all[i]["name"]);
  const auto& q = all[0];
  for (const char* key : {"id", "name", "division", "mediaSettings", "acwSettings", "memberCount", "selfUri"})
    EXPECT_TRUE(q.contains(key)) << key;
  auto desc = get_json(kEmea, "/api/v2/routing/queues?pageSize=100&sortOrder=desc")["entities"];
  EXPECT_EQ(desc[0]["id"], all[all.size() - 1]["id"]);
  EXPECT_ERROR_BODY(get(kEmea, "/api/v2/routing/queues?sortOrder=sideways"), 400, "invalid.value");
}

TEST_P(Directory, QueueNameFilterWithAsterisks) {
  auto all = get_json(kEmea, "/api/v2/routing/queues?pageSize=100")["entities"];
  const std::string name = all[3]["name"];  // e.g. "EMEA Billing - Voice"
  auto exact = get_json(kEmea, "/api/v2/routing/queues?name=" + api::percent_encode(name));
  ASSERT_EQ(exact["total"], 1);
  EXPECT_EQ(exact["entities"][0]["name"], name);
  auto prefix = get_json(kEmea, "/api/v2/routing/queues?pageSize=100&name=emea%20*");
  EXPECT_EQ(prefix["total"], 30) << "prefix match ignores case";
  auto suffix = get_json(kEmea, "/api/v2/routing/queues?pageSize=100&name=*-%20Voice");
  for (const auto& q : suffix["entities"]) EXPECT_TRUE(q["name"].get<std::string>().ends_with("- Voice"));
  auto contains = get_json(kEmea, "/api/v2/routing/queues?pageSize=100&name=*billing*");
  for (const auto& q : contains["entities"]) EXPECT_NE(q["name"].get<std::string>().find("Billing"), std::string::npos);
  EXPECT_EQ(get_json(kEmea, "/api/v2/routing/queues?name=nomatch*")["total"], 0);
}

TEST_P(Directory, QueueIdFilterInAllListForms) {
  auto all = get_json(kEmea, "/api/v2/routing/queues?pageSize=2")["entities"];
  const std::string a = all[0]["id"], b = all[1]["id"];
  for (const std::string& q : {"id=" + a + "," + b, "id=" + a + "%2C" + b, "id=" + a + "&id=" + b})
    EXPECT_EQ(get_json(kEmea, "/api/v2/routing/queues?" + q)["total"], 2) << q;
  EXPECT_EQ(get_json(kEmea, "/api/v2/routing/queues/" + a)["id"], a);
  EXPECT_ERROR_BODY(get(kEmea, "/api/v2/routing/queues/nope"), 404, "not.found");
}

MOCKGC_INSTANTIATE_FOR_HARNESSES(Directory);

}  // namespace
}  // namespace mockgc::testing
