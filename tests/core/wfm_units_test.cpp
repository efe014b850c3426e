// Business units, management units, MU users, the agent -> MU lookup and the deprecated MU codes map.
#include <set>

#include "endpoint_fixture.hpp"

namespace mockgc::testing {
namespace {

constexpr const char* kWfm = "/api/v2/workforcemanagement";

class WfmUnits : public EndpointTest {
 protected:
  std::string bu_path(const std::string& region) { return std::string(kWfm) + "/businessunits/" + bu_id(region); }
};

TEST_P(WfmUnits, BusinessUnitListing) {
  auto j = get_json(kEmea, std::string(kWfm) + "/businessunits");
  ASSERT_EQ(j.size(), 1u) << "un-paged: only entities";
  ASSERT_EQ(j["entities"].size(), 1u);
  const auto& bu = j["entities"][0];
  EXPECT_EQ(bu["name"], "EMEA Customer Care");
  EXPECT_EQ(bu["authorized"], true);
  EXPECT_EQ(bu["division"]["name"], "Home");
  EXPECT_EQ(bu["selfUri"], std::string(kWfm) + "/businessunits/" + bu["id"].get<std::string>());
  auto other = get_json(kEmea, std::string(kWfm) + "/businessunits?divisionId=not-a-division");
  EXPECT_TRUE(other["entities"].empty());
}

TEST_P(WfmUnits, BusinessUnitSettingsOnlyWithExpand) {
  auto plain = get_json(kEmea, bu_path(kEmea));
  EXPECT_FALSE(plain.contains("settings"));
  auto all = get_json(kEmea, bu_path(kEmea) + "?expand=settings");
  EXPECT_EQ(all["settings"]["timeZone"], "Europe/London");
  EXPECT_EQ(all["settings"]["startDayOfWeek"], "Monday");
  EXPECT_TRUE(all["settings"].contains("shortTermForecasting"));
  EXPECT_TRUE(all["settings"]["metadata"].contains("version"));
  auto apac = get_json(kApac, bu_path(kApac) + "?expand=settings");
  EXPECT_EQ(apac["settings"]["timeZone"], "Australia/Sydney");
}

TEST_P(WfmUnits, PartialExpandInCommaEncodedAndRepeatedForms) {
  for (const char* q : {"expand=settings.timeZone,settings.startDayOfWeek",
                              "expand=settings.timeZone%2Csettings.startDayOfWeek",
                              "expand=settings.timeZone&expand=settings.startDayOfWeek"}) {
    auto j = get_json(kEmea, bu_path(kEmea) + "?" + std::string(q));
    EXPECT_EQ(j["settings"]["timeZone"], "Europe/London") << q;
    EXPECT_EQ(j["settings"]["startDayOfWeek"], "Monday") << q;
    EXPECT_FALSE(j["settings"].contains("shortTermForecasting")) << q;
    EXPECT_FALSE(j["settings"].contains("scheduling")) << q;
  }
  auto tz_only = get_json(kEmea, bu_path(kEmea) + "?expand=settings.timeZone");
  EXPECT_FALSE(tz_only["settings"].contains("startDayOfWeek"));
}

TEST_P(WfmUnits, UnknownExpandIsInvalidValue) {
  auto res = get(kEmea, bu_path(kEmea) + "?expand=settings.everything");
  ASSERT_ERROR_BODY(res, 400, "invalid.value");
  const std::string msg = body_json(res)["message"];
  EXPECT_NE(msg.find("Value [settings.everything] is not valid for field type ["), std::string::npos) << msg;
  EXPECT_NE(msg.find("Allowable values are: settings, settings.timeZone"), std::string::npos) << msg;
}

TEST_P(WfmUnits, UnknownAndMineBusinessUnits) {
  EXPECT_ERROR_BODY(get(kEmea, std::string(kWfm) + "/businessunits/does-not-exist"), 404, "not.found");
  EXPECT_ERROR_BODY(get(kEmea, std::string(kWfm) + "/businessunits/mine"), 400, "bad.request");
  EXPECT_ERROR_BODY(get(kEmea, std::string(kWfm) + "/managementunits/mine"), 400, "bad.request");
  // The APAC BU is invisible from EMEA: region state is isolated.
  EXPECT_ERROR_BODY(get(kEmea, bu_path(kApac)), 404, "not.found");
}

TEST_P(WfmUnits, ManagementUnitsOfABusinessUnitAndOverall) {
  auto of_bu = get_json(kEmea, bu_path(kEmea) + "/managementunits")["entities"];
  auto all = get_json(kEmea, std::string(kWfm) + "/managementunits")["entities"];
  EXPECT_EQ(of_bu.size(), 4u);
  EXPECT_EQ(all, of_bu);
  for (const auto& mu : all) {
    EXPECT_EQ(mu["businessUnit"]["id"], bu_id(kEmea));
    EXPECT_EQ(mu["timeZone"], "Europe/London");
    EXPECT_EQ(mu["startDayOfWeek"], "Monday");
    EXPECT_FALSE(mu.contains("settings"));
  }
  // Deprecated paging parameters are accepted and ignored.
  EXPECT_EQ(get_json(kEmea, std::string(kWfm) + "/managementunits?pageSize=1&pageNumber=3")["entities"].size(), 4u);
}

TEST_P(WfmUnits, ManagementUnitGetWithExpand) {
  const std::string id = get_json(kEmea, std::string(kWfm) + "/managementunits")["entities"][0]["id"];
  auto mu = get_json(kEmea, std::string(kWfm) + "/managementunits/" + id);
  EXPECT_EQ(mu["id"], id);
  EXPECT_FALSE(mu.contains("settings"));
  auto expanded = get_json(kEmea, std::string(kWfm) + "/managementunits/" + id + "?expand=settings.adherence");
  EXPECT_TRUE(expanded["settings"].contains("adherence"));
  EXPECT_FALSE(expanded["settings"].contains("timeOff"));
  EXPECT_ERROR_BODY(get(kEmea, std::string(kWfm) + "/managementunits/" + id + "?expand=bogus"), 400, "invalid.value");
  EXPECT_ERROR_BODY(get(kEmea, std::string(kWfm) + "/managementunits/nope"), 404, "not.found");
}

TEST_P(WfmUnits, EveryUserIsInExactlyOneManagementUnit) {
  std::map<std::string, std::string> mu_of;
  const auto mus = get_json(kEmea, std::string(kWfm) + "/managementunits");
  for (const auto& mu : mus["entities"]) {
    const std::string mu_id = mu["id"];
    auto users = get_json(kEmea, std::string(kWfm) + "/managementunits/" + mu_id + "/users");
    for (const auto& u : users["entities"]) {
      EXPECT_TRUE(u.contains("selfUri"));
      EXPECT_TRUE(mu_of.emplace(u["id"].get<std::string>(), mu_id).second) << "user in two MUs";
    }
  }
  EXPECT_EQ(mu_of.size(), 200u);
  // The reverse lookup agrees.
  int checked = 0;
  for (const auto& [user, mu] : mu_of) {
    if (++checked > 20) break;
    auto j = get_json(kEmea, std::string(kWfm) + "/agents/" + user + "/managementunit");
    EXPECT_EQ(j["managementUnit"]["id"], mu);
    EXPECT_EQ(j["businessUnit"]["id"], bu_id(kEmea));
    EXPECT_EQ(j["user"]["id"], user);
  }
  EXPECT_ERROR_BODY(get(kEmea, std::string(kWfm) + "/agents/unknown-agent/managementunit"), 404, "not.found");
}

TEST_P(WfmUnits, DeprecatedManagementUnitActivityCodesUseTheMapShape) {
  const std::string mu = get_json(kEmea, std::string(kWfm) + "/managementunits")["entities"][0]["id"];
  auto j = get_json(kEmea, std::string(kWfm) + "/managementunits/" + mu + "/activitycodes");
  ASSERT_TRUE(j["activityCodes"].is_object());
  const auto& zero = j["activityCodes"]["0"];
  EXPECT_EQ(zero["id"], "0");
  EXPECT_EQ(zero["isDefault"], true);
  EXPECT_EQ(zero["isActive"], true);
  EXPECT_EQ(zero["category"], "OnQueueWork");
  EXPECT_FALSE(zero.contains("defaultCode"));
  auto listing = get_json(kEmea, codes_path(kEmea));
  EXPECT_EQ(j["activityCodes"].size(), listing["entities"].size());
}

TEST_P(WfmUnits, SubResourcesOfUnknownUnitsAreNotFound) {
  const std::string wfm = kWfm;
  EXPECT_ERROR_BODY(get(kEmea, wfm + "/businessunits/nope/managementunits"), 404, "not.found");
  EXPECT_ERROR_BODY(get(kEmea, wfm + "/businessunits/nope/activitycodes"), 404, "not.found");
  EXPECT_ERROR_BODY(get(kEmea, wfm + "/businessunits/mine/activitycodes"), 400, "bad.request");
  EXPECT_ERROR_BODY(get(kEmea, wfm + "/managementunits/nope/users"), 404, "not.found");
  EXPECT_ERROR_BODY(get(kEmea, wfm + "/managementunits/nope/activitycodes"), 404, "not.found");
  // Without a token every WFM route is 401 before anything else.
  EXPECT_ERROR_BODY(h().send(kEmea, get_request(wfm + "/businessunits", "")), 401, "authentication.required");
}

MOCKGC_INSTANTIATE_FOR_HARNESSES(WfmUnits);

}  // namespace
}  // namespace mockgc::testing
