// Business-unit activity codes: list, downloadUrl, get, create, PATCH, DELETE, bulk PATCH.
#include "endpoint_fixture.hpp"
#include "mockgc/api/random.hpp"

namespace mockgc::testing {
namespace {

using nlohmann::json;

class ActivityCodes : public EndpointTest {
 protected:
  json list(const std::string& region = kEmea) { return get_json(region, codes_path(region))["entities"]; }
  json create(const json& body) {
    auto res = send_json(kEmea, "POST", codes_path(kEmea), body);
    EXPECT_EQ(res.status, 200) << res.body;
    return body_json(res);
  }
  api::HttpResponse patch(const std::string& id, const json& body) {
    return send_json(kEmea, "PATCH", codes_path(kEmea) + "/" + id, body);
  }
  api::HttpResponse del(const std::string& id) {
    auto req = get_request(codes_path(kEmea) + "/" + id, token(kEmea));
    req.method = "DELETE";
    return h().send(kEmea, req);
  }
};

TEST_P(ActivityCodes, ListStartsWithTheEightDefaultsInCategoryOrder) {
  auto codes = list();
  ASSERT_GE(codes.size(), 8u);
  const char* categories[] = {"OnQueueWork", "Break", "Meal", "Meeting", "OffQueueWork", "TimeOff", "Training", "Unavailable"};
  const char* names[] = {"On Queue Work", "Break", "Meal", "Meeting", "Off Queue Work", "Time Off", "Training", "Unavailable"};
  for (int i = 0; i < 8; ++i) {
    EXPECT_EQ(codes[i]["id"], std::to_string(i));
    EXPECT_EQ(codes[i]["category"], categories[i]);
    EXPECT_EQ(codes[i]["name"], names[i]);
    EXPECT_EQ(codes[i]["defaultCode"], true);
    EXPECT_EQ(codes[i]["active"], true);
    EXPECT_EQ(codes[i]["metadata"]["version"], 1);
  }
  EXPECT_EQ(codes.size(), 14u) << "8 defaults + 6 custom codes in the default world";
  for (std::size_t i = 8; i < codes.size(); ++i) {
    EXPECT_TRUE(mockgc::api::is_uuid_v4(codes[i]["id"].get<std::string>()));
    EXPECT_EQ(codes[i]["defaultCode"], false);
    EXPECT_TRUE(codes[i]["metadata"]["dateCreated"].get<std::string>().ends_with(".000Z"));
  }
  // Generated codes were created by a user of this org.
  const std::string creator = codes[0]["metadata"]["createdBy"]["id"];
  EXPECT_EQ(get(kEmea, "/api/v2/users/" + creator).status, 200);
}

TEST_P(ActivityCodes, ForcedDownloadServesTheSameSchemaWithoutAuth) {
  auto inline_listing = get_json(kEmea, codes_path(kEmea));
  auto forced = get_json(kEmea, codes_path(kEmea) + "?forceDownloadService=true");
  ASSERT_TRUE(forced.contains("downloadUrl"));
  EXPECT_FALSE(forced.contains("entities"));
  const std::string url = forced["downloadUrl"];
  EXPECT_TRUE(url.starts_with("http://") || url.starts_with("https://")) << url;
  auto res = h().send(kEmea, get_request(path_of_url(url), ""));  // no Authorization header
  ASSERT_EQ(res.status, 200) << res.body;
  auto downloaded = body_json(res);
  EXPECT_EQ(downloaded, inline_listing);
  EXPECT_FALSE(downloaded.contains("downloadUrl"));
  // An Authorization header is tolerated too.
  EXPECT_EQ(h().send(kEmea, get_request(path_of_url(url), token(kEmea))).status, 200);
  EXPECT_EQ(get_json(kEmea, codes_path(kEmea) + "?forceDownloadService=false"), inline_listing);
  EXPECT_ERROR_BODY(get(kEmea, codes_path(kEmea) + "?forceDownloadService=maybe"), 400, "bad.request");
  EXPECT_ERROR_BODY(h().send(kEmea, get_request("/mockgc/downloads/unknown", "")), 404, "not.found");
}

TEST_P(ActivityCodes, DownloadsExpireByTheClock) {
  auto forced = get_json(kEmea, codes_path(kEmea) + "?forceDownloadService=true");
  const auto path = path_of_url(forced["downloadUrl"].get<std::string>());
  clock_->advance(std::chrono::hours(1));
  EXPECT_ERROR_BODY(h().send(kEmea, get_request(path, "")), 404, "not.found");
}

TEST_P(ActivityCodes, CreateReturnsTheCodeAndListsIt) {
  auto c = create({{"name", "Side Project"}, {"category", "OffQueueWork"}, {"lengthInMinutes", 45},
                   {"countsAsPaidTime", true}, {"style", {{"backgroundColor", "#A1B2C3"}, {"textColorTheme", "Light"}}}});
  EXPECT_TRUE(mockgc::api::is_uuid_v4(c["id"].get<std::string>()));
  EXPECT_EQ(c["name"], "Side Project");
  EXPECT_EQ(c["category"], "OffQueueWork");
  EXPECT_EQ(c["lengthInMinutes"], 45);
  EXPECT_EQ(c["defaultCode"], false);
  EXPECT_EQ(c["active"], true);
  EXPECT_EQ(c["style"]["backgroundColor"], "#a1b2c3");
  EXPECT_EQ(c["metadata"]["version"], 1);
  EXPECT_EQ(c["metadata"]["dateCreated"], "2026-03-02T09:00:00.000Z");
  EXPECT_EQ(get_json(kEmea, codes_path(kEmea) + "/" + c["id"].get<std::string>()), c);
  auto codes = list();
  EXPECT_EQ(codes.back(), c);
  // Not visible in the other region.
  for (const auto& other : list(kApac)) EXPECT_NE(other["id"], c["id"]);
}

TEST_P(ActivityCodes, CreateValidation) {
  const auto path = codes_path(kEmea);
  EXPECT_ERROR_BODY(send_json(kEmea, "POST", path, {{"category", "Break"}}), 400, "bad.request");
  EXPECT_ERROR_BODY(send_json(kEmea, "POST", path, {{"name", "No category"}}), 400, "bad.request");
  EXPECT_ERROR_BODY(send_json(kEmea, "POST", path, {{"name", "   "}, {"category", "Break"}}), 400, "bad.request");
  EXPECT_ERROR_BODY(send_json(kEmea, "POST", path, {{"name", 5}, {"category", "Break"}}), 400, "bad.request");
  EXPECT_ERROR_BODY(send_json(kEmea, "POST", path, json::array()), 400, "bad.request");
  EXPECT_ERROR_BODY(send_json(kEmea, "POST", path, {{"name", "L"}, {"category", "Break"}, {"lengthInMinutes", "ten"}}),
                    400, "bad.request");
  EXPECT_ERROR_BODY(send_json(kEmea, "POST", path, {{"name", "S"}, {"category", "Break"}, {"style", {{"backgroundColor", "red"}}}}),
                    400, "bad.request");
  auto res = send_json(kEmea, "POST", path, {{"name", "Nap"}, {"category", "Sleeping"}});
  ASSERT_ERROR_BODY(res, 400, "invalid.value");
  EXPECT_EQ(body_json(res)["message"],
            "Value [Sleeping] is not valid for field type [ActivityCodeCategory]. Allowable values are: OnQueueWork, "
            "Break, Meal, Meeting, OffQueueWork, TimeOff, Training, Unavailable");
  EXPECT_ERROR_BODY(send_json(kEmea, "POST", path, {{"name", "T"}, {"category", "Break"}, {"style", {{"textColorTheme", "Pink"}}}}),
                    400, "invalid.value");
  EXPECT_ERROR_BODY(send_json(kEmea, "POST", "/api/v2/workforcemanagement/businessunits/nope/activitycodes",
                              {{"name", "X"}, {"category", "Break"}}),
                    404, "not.found");
  EXPECT_EQ(list().size(), 14u) << "nothing was created";
}

TEST_P(ActivityCodes, DuplicateNamesConflictIgnoringCaseAndSpaces) {
  create({{"name", "Huddle Time"}, {"category", "Meeting"}});
  EXPECT_ERROR_BODY(send_json(kEmea, "POST", codes_path(kEmea), {{"name", "  huddle TIME "}, {"category", "Break"}}), 409,
                    "conflict");
  EXPECT_ERROR_BODY(send_json(kEmea, "POST", codes_path(kEmea), {{"name", "break"}, {"category", "Break"}}), 409,
                    "conflict");
}

TEST_P(ActivityCodes, PatchNeedsTheCurrentVersion) {
  auto c = create({{"name", "Patch Me"}, {"category", "Training"}});
  const std::string id = c["id"];
  auto ok = patch(id, {{"name", "Patched"}, {"lengthInMinutes", 90}, {"metadata", {{"version", 1}}}});
  ASSERT_EQ(ok.status, 200) << ok.body;
  auto j = body_json(ok);
  EXPECT_EQ(j["name"], "Patched");
  EXPECT_EQ(j["lengthInMinutes"], 90);
  EXPECT_EQ(j["category"], "Training");
  EXPECT_EQ(j["metadata"]["version"], 2);
  EXPECT_ERROR_BODY(patch(id, {{"name", "Stale"}, {"metadata", {{"version", 1}}}}), 409, "conflict");
  EXPECT_ERROR_BODY(patch(id, {{"name", "No version"}}), 400, "bad.request");
  EXPECT_ERROR_BODY(patch(id, {{"metadata", {{"version", "2"}}}}), 400, "bad.request");
  EXPECT_ERROR_BODY(patch(id, {{"category", "Nope"}, {"metadata", {{"version", 2}}}}), 400, "invalid.value");
  EXPECT_ERROR_BODY(patch("no-such-code", {{"metadata", {{"version", 1}}}}), 404, "not.found");
  EXPECT_EQ(get_json(kEmea, codes_path(kEmea) + "/" + id)["name"], "Patched");
}

TEST_P(ActivityCodes, PatchUsesWrappedListAndStyleFields) {
  auto c = create({{"name", "Wrapped"}, {"category", "Meeting"}});
  const std::string id = c["id"];
  json body = {{"metadata", {{"version", 1}}},
               {"style", {{"value", {{"backgroundColor", "#000000"}, {"textColorTheme", "Light"}}}}}};
  body["planningGroupIds"]["values"] = json::array({"pg-1", "pg-2"});
  body["secondaryPresences"]["values"] = json::array({json{{"id", "sp-1"}}});
  auto res = patch(id, body);
  ASSERT_EQ(res.status, 200) << res.body;
  auto j = body_json(res);
  EXPECT_EQ(j["style"]["backgroundColor"], "#000000");
  EXPECT_EQ(j["planningGroups"].size(), 2u);
  EXPECT_EQ(j["secondaryPresences"][0]["id"], "sp-1");
  json unwrapped = {{"metadata", {{"version", 2}}}};
  unwrapped["planningGroupIds"] = json::array({"pg-1"});
  EXPECT_ERROR_BODY(patch(id, unwrapped), 400, "bad.request");
}

TEST_P(ActivityCodes, DefaultCodesCanBeRenamedButNotRecategorisedOrDeleted) {
  EXPECT_ERROR_BODY(del("1"), 400, "bad.request");
  EXPECT_ERROR_BODY(patch("1", {{"category", "Meal"}, {"metadata", {{"version", 1}}}}), 400, "bad.request");
  auto res = patch("1", {{"name", "Coffee Break"}, {"metadata", {{"version", 1}}}});
  ASSERT_EQ(res.status, 200) << res.body;
  EXPECT_EQ(list()[1]["name"], "Coffee Break");
}

TEST_P(ActivityCodes, DeleteRemovesCustomCodes) {
  auto c = create({{"name", "Short Lived"}, {"category", "Break"}});
  const std::string id = c["id"];
  auto res = del(id);
  EXPECT_EQ(res.status, 204);
  EXPECT_ERROR_BODY(get(kEmea, codes_path(kEmea) + "/" + id), 404, "not.found");
  for (const auto& code : list()) EXPECT_NE(code["id"], id);
  EXPECT_ERROR_BODY(del(id), 404, "not.found");
  // The name is free again.
  create({{"name", "Short Lived"}, {"category", "Break"}});
}

TEST_P(ActivityCodes, BulkPatchIsAtomic) {
  auto a = create({{"name", "Bulk A"}, {"category", "Meeting"}});
  auto b = create({{"name", "Bulk B"}, {"category", "Meeting"}});
  const auto bulk = codes_path(kEmea) + "/bulk";
  // One stale item: nothing applies.
  auto res = send_json(kEmea, "PATCH", bulk,
                       {{"entities", {{{"id", a["id"]}, {"name", "A2"}, {"metadata", {{"version", 1}}}},
                                      {{"id", b["id"]}, {"name", "B2"}, {"metadata", {{"version", 7}}}}}}});
  EXPECT_ERROR_BODY(res, 409, "conflict");
  EXPECT_EQ(get_json(kEmea, codes_path(kEmea) + "/" + a["id"].get<std::string>())["name"], "Bulk A");
  // Renaming both to the same name inside one bulk is a conflict too.
  res = send_json(kEmea, "PATCH", bulk,
                  {{"entities", {{{"id", a["id"]}, {"name", "Same"}, {"metadata", {{"version", 1}}}},
                                 {{"id", b["id"]}, {"name", "same"}, {"metadata", {{"version", 1}}}}}}});
  EXPECT_ERROR_BODY(res, 409, "conflict");
  res = send_json(kEmea, "PATCH", bulk,
                  {{"entities", {{{"id", a["id"]}, {"name", "A2"}, {"metadata", {{"version", 1}}}},
                                 {{"id", b["id"]}, {"lengthInMinutes", 5}, {"metadata", {{"version", 1}}}}}}});
  ASSERT_EQ(res.status, 200) << res.body;
  auto j = body_json(res);
  ASSERT_EQ(j["entities"].size(), 2u);
  EXPECT_EQ(j["entities"][0]["name"], "A2");
  EXPECT_EQ(j["entities"][1]["lengthInMinutes"], 5);
  EXPECT_EQ(j["entities"][1]["metadata"]["version"], 2);
  const json empty_bulk = {{"entities", json::array()}};
  EXPECT_ERROR_BODY(send_json(kEmea, "PATCH", bulk, empty_bulk), 400, "bad.request");
  json no_id;
  no_id["entities"] = json::array({json{{"name", "no id"}}});
  EXPECT_ERROR_BODY(send_json(kEmea, "PATCH", bulk, no_id), 400, "bad.request");
  json ghost;
  ghost["entities"] = json::array({json{{"id", "ghost"}, {"metadata", {{"version", 1}}}}});
  EXPECT_ERROR_BODY(send_json(kEmea, "PATCH", bulk, ghost), 404, "not.found");
}

MOCKGC_INSTANTIATE_FOR_HARNESSES(ActivityCodes);

}  // namespace
}  // namespace mockgc::testing
