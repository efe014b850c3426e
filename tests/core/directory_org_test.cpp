// The directory beyond users and queues: organizations/me, /users/me with client credentials, user search,
// routing skills and languages, an agent's skills, queue members, teams (cursor paging), divisions; and the
// crawl that follows every selfUri the served lists emit.
#include <cctype>
#include <deque>
#include <functional>
#include <set>

#include "endpoint_fixture.hpp"

namespace mockgc::testing {
namespace {

using json = nlohmann::json;

class DirectoryOrg : public EndpointTest {
 protected:
  core::ServiceOptions options() override {
    core::ServiceOptions o;
    o.scenario_text = unthrottled_default_scenario();  // the crawl sends far more than 300 requests a minute
    return o;
  }
  json first_entity(const std::string& region, const std::string& target) {
    auto j = get_json(region, target);
    if (!j.contains("entities") || j["entities"].empty()) return json::object();
    return j["entities"][0];
  }
};

TEST_P(DirectoryOrg, OrganizationMeIsTheTokensOrganization) {
  auto org = get_json(kEmea, "/api/v2/organizations/me");
  auto me = get_json(kEmea, "/api/v2/tokens/me");
  EXPECT_EQ(org["id"], me["organization"]["id"]);
  EXPECT_EQ(org["name"], "EMEA");
  EXPECT_EQ(org["state"], "active");
  EXPECT_TRUE(org["version"].is_number_integer());
  EXPECT_EQ(org["selfUri"], "/api/v2/organizations/me");
  EXPECT_NE(get_json(kApac, "/api/v2/organizations/me")["id"], org["id"]);
}

TEST_P(DirectoryOrg, UsersMeNeedsAUserContext) {
  auto res = get(kEmea, "/api/v2/users/me");
  ASSERT_ERROR_BODY(res, 400, "bad.request");
  EXPECT_EQ(body_json(res)["message"],
            "This request requires a user context. Client credentials cannot be used for requests to this resource.");
}

TEST_P(DirectoryOrg, UserSearchFiltersSortsAndPages) {
  auto all = get_json(kEmea, "/api/v2/users?pageSize=500&state=any")["entities"];
  ASSERT_GT(all.size(), 10u);
  const std::string email = all[5]["email"];
  auto exact = body_json(send_json(kEmea, "POST", "/api/v2/users/search",
                                   {{"query", {{{"type", "EXACT"}, {"fields", {"email"}}, {"value", email}}}}}));
  ASSERT_EQ(exact["total"], 1) << exact.dump();
  EXPECT_EQ(exact["results"][0]["id"], all[5]["id"]);
  EXPECT_EQ(exact["types"], json::array({"users"}));

  const std::string first = all[0]["name"].get<std::string>().substr(0, 2);
  auto prefix = body_json(send_json(kEmea, "POST", "/api/v2/users/search",
                                    {{"pageSize", 100},
                                     {"query", {{{"type", "STARTS_WITH"}, {"fields", {"name"}}, {"value", first}}}}}));
  std::size_t want = 0;
  for (const auto& u : all) want += u["name"].get<std::string>().rfind(first, 0) == 0;
  EXPECT_EQ(prefix["total"], want);
  for (const auto& u : prefix["results"]) EXPECT_EQ(u["name"].get<std::string>().rfind(first, 0), 0u);

  auto page2 = body_json(send_json(kEmea, "POST", "/api/v2/users/search",
                                   {{"pageSize", 10}, {"pageNumber", 2}, {"query", {{{"type", "MATCH_ALL"}}}}}));
  EXPECT_EQ(page2["total"], all.size());
  EXPECT_EQ(page2["pageCount"], (all.size() + 9) / 10);
  ASSERT_EQ(page2["results"].size(), 10u);
  EXPECT_EQ(page2["results"][0]["id"], all[10]["id"]) << "sorted by name like /users";

  auto inactive = body_json(send_json(kEmea, "POST", "/api/v2/users/search",
                                      {{"pageSize", 100},
                                       {"query", {{{"type", "MATCH_ALL"}},
                                                  {{"type", "EXACT"}, {"operator", "NOT"}, {"fields", {"state"}},
                                                   {"value", "active"}}}}}));
  for (const auto& u : inactive["results"]) EXPECT_EQ(u["state"], "inactive");
}

TEST_P(DirectoryOrg, UserSearchNamesTheBadField) {
  auto expect_field = [&](const json& body, std::string_view code, std::string_view field) {
    auto res = send_json(kEmea, "POST", "/api/v2/users/search", body);
    EXPECT_ERROR_BODY(res, 400, code) << body.dump();
    EXPECT_NE(body_json(res)["message"].get<std::string>().find(field), std::string::npos) << res.body;
  };
  expect_field({{"pageSize", 0}}, "bad.request", "pageSize");
  expect_field({{"pageSize", 101}}, "bad.request", "pageSize");
  expect_field({{"pageNumber", "two"}}, "bad.request", "pageNumber");
  expect_field({{"query", {{{"fields", {"name"}}, {"value", "x"}}}}}, "bad.request", "query[0].type");
  expect_field({{"query", {{{"type", "FUZZY"}}}}}, "invalid.value", "query[0].type");
  expect_field({{"query", {{{"type", "EXACT"}, {"fields", {"shoeSize"}}, {"value", "x"}}}}}, "invalid.value",
               "query[0].fields");
  expect_field({{"query", {{{"type", "EXACT"}, {"fields", {"name"}}}}}}, "bad.request", "query[0].value");
  expect_field({{"query", "everyone"}}, "bad.request", "query");
  expect_field({{"sortOrder", "SIDEWAYS"}}, "invalid.value", "sortOrder");
  expect_field(json::array(), "bad.request", "body");
}

TEST_P(DirectoryOrg, SkillsAndLanguagesAreOrgDictionaries) {
  auto skills = get_json(kEmea, "/api/v2/routing/skills?pageSize=100");
  ASSERT_GE(skills["total"].get<int>(), 5);
  for (std::size_t i = 1; i < skills["entities"].size(); ++i)
    EXPECT_LT(skills["entities"][i - 1]["name"], skills["entities"][i]["name"]);
  const auto& s = skills["entities"][0];
  EXPECT_EQ(get_json(kEmea, s["selfUri"].get<std::string>()), s);
  const std::string name = s["name"];
  std::string prefix = name.substr(0, 2);
  for (auto& c : prefix) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  auto by_name = get_json(kEmea, "/api/v2/routing/skills?name=" + api::percent_encode(prefix));
  EXPECT_GE(by_name["total"].get<int>(), 1);
  for (const auto& e : by_name["entities"]) EXPECT_EQ(e["name"].get<std::string>().substr(0, 2), name.substr(0, 2));
  EXPECT_EQ(get_json(kEmea, "/api/v2/routing/skills?id=" + s["id"].get<std::string>())["total"], 1);
  EXPECT_ERROR_BODY(get(kApac, s["selfUri"].get<std::string>()), 404, "not.found");

  auto languages = get_json(kEmea, "/api/v2/routing/languages");
  EXPECT_EQ(languages["total"], 4);
  std::set<std::string> names;
  for (const auto& l : languages["entities"]) names.insert(l["name"]);
  EXPECT_TRUE(names.count("English"));
  auto desc = get_json(kEmea, "/api/v2/routing/languages?sortOrder=desc");
  EXPECT_EQ(desc["entities"][0]["id"], languages["entities"][3]["id"]);
  EXPECT_ERROR_BODY(get(kEmea, "/api/v2/routing/languages/nope"), 404, "not.found");
}

TEST_P(DirectoryOrg, AgentSkillsReferToOrgSkills) {
  auto skills = get_json(kEmea, "/api/v2/routing/skills?pageSize=100")["entities"];
  std::set<std::string> ids;
  for (const auto& s : skills) ids.insert(s["id"]);
  auto users = get_json(kEmea, "/api/v2/users?pageSize=20")["entities"];
  for (const auto& u : users) {
    auto held = get_json(kEmea, "/api/v2/users/" + u["id"].get<std::string>() + "/routingskills");
    ASSERT_GE(held["total"].get<int>(), 1);
    ASSERT_LE(held["total"].get<int>(), 3);
    for (const auto& h : held["entities"]) {
      EXPECT_TRUE(ids.count(h["id"])) << h.dump();
      EXPECT_GE(h["proficiency"].get<double>(), 1.0);
      EXPECT_LE(h["proficiency"].get<double>(), 5.0);
      EXPECT_EQ(h["skillUri"], "/api/v2/routing/skills/" + h["id"].get<std::string>());
    }
  }
  EXPECT_ERROR_BODY(get(kEmea, "/api/v2/users/nope/routingskills"), 404, "not.found");
}

TEST_P(DirectoryOrg, QueueMembersAgreeWithMemberCounts) {
  auto queues = get_json(kEmea, "/api/v2/routing/queues?pageSize=100")["entities"];
  int checked = 0;
  for (const auto& q : queues) {
    const int count = q["memberCount"], joined = q["joinedMemberCount"];
    const std::string base = "/api/v2/routing/queues/" + q["id"].get<std::string>() + "/members";
    auto page = get_json(kEmea, base + "?pageSize=100");
    EXPECT_EQ(page["entities"].size(), static_cast<std::size_t>(count)) << q["name"];
    EXPECT_FALSE(page.contains("total")) << "QueueMemberEntityListing has no totals";
    int seen_joined = 0;
    for (const auto& m : page["entities"]) {
      seen_joined += m["joined"].get<bool>();
      EXPECT_EQ(m["user"]["id"], m["id"]);
      EXPECT_EQ(m["memberBy"], "user");
    }
    EXPECT_EQ(seen_joined, joined) << q["name"];
    EXPECT_EQ(get_json(kEmea, base + "?pageSize=100&joined=true")["entities"].size(), static_cast<std::size_t>(joined));
    if (count > 2) {
      auto p1 = get_json(kEmea, base + "?pageSize=2");
      EXPECT_EQ(p1["nextUri"], base + "?pageSize=2&pageNumber=2");
      ++checked;
    }
  }
  EXPECT_GT(checked, 0);
  const std::string base = "/api/v2/routing/queues/" + queues[0]["id"].get<std::string>() + "/members";
  EXPECT_ERROR_BODY(get(kEmea, base + "?pageSize=101"), 400, "bad.request");
  EXPECT_ERROR_BODY(get(kEmea, base + "?joined=maybe"), 400, "bad.request");
  EXPECT_ERROR_BODY(get(kEmea, base + "?memberBy=robot"), 400, "invalid.value");
  EXPECT_ERROR_BODY(get(kEmea, base + "?routingStatus=IDLE"), 400, "bad.request");
  EXPECT_ERROR_BODY(get(kEmea, "/api/v2/routing/queues/nope/members"), 404, "not.found");
}

TEST_P(DirectoryOrg, TeamsPageByCursorAndListMembers) {
  auto all = get_json(kEmea, "/api/v2/teams?pageSize=100");
  const auto teams = all["entities"];
  ASSERT_GE(teams.size(), 2u);
  EXPECT_FALSE(all.contains("nextUri"));
  std::vector<std::string> walked;
  std::string target = "/api/v2/teams?pageSize=1";
  for (int guard = 0; guard < 100; ++guard) {
    auto j = get_json(kEmea, target);
    for (const auto& t : j["entities"]) walked.push_back(t["id"]);
    if (!j.contains("nextUri")) break;
    target = j["nextUri"].get<std::string>();
  }
  ASSERT_EQ(walked.size(), teams.size());
  for (std::size_t i = 0; i < teams.size(); ++i) EXPECT_EQ(walked[i], teams[i]["id"]);
  auto back = get_json(kEmea, target);
  ASSERT_TRUE(back.contains("previousUri"));
  EXPECT_EQ(get_json(kEmea, back["previousUri"].get<std::string>())["entities"][0]["id"], teams[teams.size() - 2]["id"]);

  int members = 0;
  for (const auto& t : teams) {
    auto m = get_json(kEmea, "/api/v2/teams/" + t["id"].get<std::string>() + "/members?pageSize=100");
    EXPECT_EQ(m["entities"].size(), t["memberCount"].get<std::size_t>());
    for (const auto& u : m["entities"]) EXPECT_EQ(get_json(kEmea, u["selfUri"].get<std::string>())["name"], u["name"]);
    members += static_cast<int>(m["entities"].size());
  }
  EXPECT_EQ(members, 200) << "every EMEA agent is in one team";
  EXPECT_ERROR_BODY(get(kEmea, "/api/v2/teams?after=zzz"), 400, "bad.request");
  EXPECT_ERROR_BODY(get(kEmea, "/api/v2/teams?after=100000"), 400, "bad.request");
  EXPECT_ERROR_BODY(get(kEmea, "/api/v2/teams/nope"), 404, "not.found");
  EXPECT_ERROR_BODY(get(kEmea, "/api/v2/teams/nope/members"), 404, "not.found");
}

TEST_P(DirectoryOrg, DivisionsListTheHomeDivisionFirst) {
  auto list = get_json(kEmea, "/api/v2/authorization/divisions?objectCount=true");
  ASSERT_EQ(list["total"], 3);
  const auto& home = list["entities"][0];
  EXPECT_EQ(home["homeDivision"], true);
  EXPECT_EQ(home["objectCounts"]["user"], 200);
  EXPECT_EQ(list["entities"][1]["objectCounts"]["user"], 0);
  auto user = first_entity(kEmea, "/api/v2/users?pageSize=1");
  EXPECT_EQ(user["division"]["id"], home["id"]);
  auto one = get_json(kEmea, home["selfUri"].get<std::string>());
  EXPECT_EQ(one["id"], home["id"]);
  EXPECT_FALSE(one.contains("objectCounts"));
  EXPECT_EQ(get_json(kEmea, "/api/v2/authorization/divisions?name=back")["total"], 1);
  EXPECT_ERROR_BODY(get(kEmea, "/api/v2/authorization/divisions?objectCount=perhaps"), 400, "bad.request");
  EXPECT_ERROR_BODY(get(kEmea, "/api/v2/authorization/divisions/nope"), 404, "not.found");
}

// Every relative URI the served listings emit (selfUri, skillUri, paging links) answers 200 in its region.
TEST_P(DirectoryOrg, EverySelfUriResolves) {
  for (const std::string region : {kEmea, kApac}) {
    std::deque<std::pair<std::string, std::string>> todo;  // target, where it was found
    std::set<std::string> seen;
    auto push = [&](const std::string& target, const std::string& from) {
      if (target.rfind("/api/v2/", 0) == 0 && seen.insert(target).second) todo.emplace_back(target, from);
    };
    std::function<void(const json&, const std::string&)> collect = [&](const json& j, const std::string& from) {
      if (j.is_object()) {
        for (const auto& [key, value] : j.items()) {
          if (value.is_string() && key.size() > 3 && key.ends_with("Uri")) push(value.get<std::string>(), from);
          else collect(value, from);
        }
      } else if (j.is_array()) {
        for (const auto& v : j) collect(v, from);
      }
    };
    const std::string wfm = "/api/v2/workforcemanagement";
    for (const char* t : {"/api/v2/users?pageSize=500&state=any", "/api/v2/routing/queues?pageSize=100",
                          "/api/v2/routing/skills?pageSize=100", "/api/v2/routing/languages", "/api/v2/teams?pageSize=2",
                          "/api/v2/authorization/divisions", "/api/v2/organizations/me", "/api/v2/tokens/me",
                          "/api/v2/workforcemanagement/businessunits", "/api/v2/workforcemanagement/managementunits",
                          "/api/v2/workforcemanagement/historicaldata/importstatus"})
      push(t, "seed");
    const auto bus = get_json(region, wfm + "/businessunits")["entities"];
    for (const auto& bu : bus) {
      const std::string b = wfm + "/businessunits/" + bu["id"].get<std::string>();
      for (const std::string& t : {b + "?expand=settings", b + "/managementunits", b + "/activitycodes",
                                  b + "/planninggroups", b + "/weeks/recent/schedules", b + "/weeks/recent/shorttermforecasts"})
        push(t, "seed");
    }
    // Client-credentials writes leave the OAuth client as createdBy/modifiedBy/reviewedBy: those resolve too.
    const std::string first_bu = wfm + "/businessunits/" + bus[0]["id"].get<std::string>();
    const auto code = send_json(region, "POST", first_bu + "/activitycodes", {{"name", "Crawl"}, {"category", "Meeting"}});
    ASSERT_EQ(code.status, 200) << code.body;
    push(first_bu + "/activitycodes/" + body_json(code)["id"].get<std::string>(), "a created activity code");
    const auto mus = get_json(region, wfm + "/managementunits")["entities"];
    {
      const std::string m = wfm + "/managementunits/" + mus[0]["id"].get<std::string>();
      const auto pending = body_json(send_json(region, "POST", m + "/timeoffrequests/query", {{"statuses", {"PENDING"}}}));
      ASSERT_FALSE(pending["entities"].empty());
      const auto& r = pending["entities"][0];
      const std::string path = m + "/users/" + r["user"]["id"].get<std::string>() + "/timeoffrequests/" +
                               r["id"].get<std::string>();
      const auto patched = send_json(region, "PATCH", path,
                                     {{"status", "APPROVED"}, {"metadata", {{"version", r["metadata"]["version"]}}}});
      ASSERT_EQ(patched.status, 200) << patched.body;
      push(path, "an approved time-off request");
    }
    for (const auto& mu : mus) {
      const std::string m = wfm + "/managementunits/" + mu["id"].get<std::string>();
      for (const std::string& t : {m + "/users", m + "/activitycodes", m + "/adherence"}) push(t, "seed");
      collect(body_json(send_json(region, "POST", m + "/timeoffrequests/query", {{"statuses", {"PENDING"}}})), m);
    }
    const auto queues = get_json(region, "/api/v2/routing/queues?pageSize=3")["entities"];
    for (const auto& q : queues) push("/api/v2/routing/queues/" + q["id"].get<std::string>() + "/members?pageSize=5", "seed");
    const auto users = get_json(region, "/api/v2/users?pageSize=3")["entities"];
    for (const auto& u : users) {
      push("/api/v2/users/" + u["id"].get<std::string>() + "/routingskills", "seed");
      push(wfm + "/adherence?userId=" + u["id"].get<std::string>(), "seed");
    }
    std::size_t fetched = 0;
    while (!todo.empty() && fetched < 5000) {
      auto [target, from] = todo.front();
      todo.pop_front();
      ++fetched;
      auto res = get(region, target);
      ASSERT_EQ(res.status, 200) << region << " " << target << " (found in " << from << "): " << res.body;
      collect(body_json(res), target);
    }
    EXPECT_TRUE(todo.empty()) << "crawl budget exhausted";
    EXPECT_GT(fetched, 300u) << region;
    EXPECT_TRUE(seen.count("/api/v2/oauth/clients/" + get_json(region, "/api/v2/tokens/me")["OAuthClient"]["id"].get<std::string>()))
        << region << ": the writes' OAuth client was never referenced";
    for (const std::string must : {"/api/v2/authorization/divisions/", "/api/v2/teams/", "/api/v2/routing/skills/",
                                   "/api/v2/routing/languages/", "/api/v2/oauth/clients/", "/planninggroups/",
                                   "/timeoffrequests/", "/schedules/", "/shorttermforecasts/"}) {
      bool found = false;
      for (const auto& s : seen) found = found || s.find(must) != std::string::npos;
      EXPECT_TRUE(found) << region << ": the crawl never met a " << must << " URI";
    }
  }
}

MOCKGC_INSTANTIATE_FOR_HARNESSES(DirectoryOrg);

}  // namespace
}  // namespace mockgc::testing
