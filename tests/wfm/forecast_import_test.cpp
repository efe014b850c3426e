// Short-term forecast import over every harness kind: upload URL -> PUT gzip JSON -> import (202) -> the
// forecast (creationMethod Import) is listed with its data; invalid uploads are refused at the import call.
#include "core/endpoint_fixture.hpp"
#include "mockgc/api/gzip.hpp"

namespace mockgc::testing {
namespace {

using nlohmann::json;
constexpr const char* kWfm = "/api/v2/workforcemanagement";

std::string gzip(const std::string& in) { return api::gzip(in); }

class ForecastImport : public EndpointTest {
 protected:
  std::string week_path() { return std::string(kWfm) + "/businessunits/" + bu_id(kEmea) + "/weeks/2026-03-09/shorttermforecasts"; }
  json valid_body(std::size_t groups = 2) {
    auto pgs = get_json(kEmea, std::string(kWfm) + "/businessunits/" + bu_id(kEmea) + "/planninggroups")["entities"];
    json list = json::array();
    for (std::size_t g = 0; g < groups; ++g) {
      json offered = json::array(), aht = json::array();
      for (int i = 0; i < 672; ++i) {
        offered.push_back(static_cast<double>(i % 96) / 4.0);
        aht.push_back(300.0 + g);
      }
      list.push_back({{"planningGroupId", pgs[g]["id"]}, {"offeredPerInterval", offered}, {"averageHandleTimeSecondsPerInterval", aht}});
    }
    return {{"description", "Imported plan"}, {"weekCount", 1}, {"canUseForScheduling", true}, {"planningGroups", list}};
  }
  // upload URL + PUT; returns the upload key.
  std::string upload(const std::string& bytes) {
    auto res = send_json(kEmea, "POST", week_path() + "/import/uploadurl", {{"contentLengthBytes", bytes.size()}});
    EXPECT_EQ(res.status, 200) << res.body;
    auto j = body_json(res);
    EXPECT_TRUE(j.contains("uploadBodySchema") && j["uploadBodySchema"].is_null());
    api::HttpRequest put;
    put.method = "PUT";
    put.target = path_of_url(j["url"].get<std::string>());
    for (auto it = j["headers"].begin(); it != j["headers"].end(); ++it) put.headers.set(it.key(), it.value().get<std::string>());
    put.body = bytes;
    EXPECT_EQ(h().send(kEmea, put).status, 200);
    return j["uploadKey"];
  }
  api::HttpResponse import(const std::string& key) {
    return send_json(kEmea, "POST", week_path() + "/import", {{"uploadKey", key}});
  }
};

TEST_P(ForecastImport, ImportedForecastIsListedWithItsData) {
  const auto body = valid_body();
  auto res = import(upload(gzip(body.dump())));
  ASSERT_EQ(res.status, 202) << res.body;
  auto j = body_json(res);
  EXPECT_EQ(j["status"], "Processing");
  EXPECT_TRUE(j.contains("operationId"));
  auto list = get_json(kEmea, week_path())["entities"];
  ASSERT_EQ(list.size(), 2u);
  EXPECT_EQ(list[1]["creationMethod"], "Import");
  EXPECT_EQ(list[1]["description"], "Imported plan");
  const std::string path = week_path() + "/" + list[1]["id"].get<std::string>();
  EXPECT_EQ(get_json(kEmea, path)["creationMethod"], "Import");
  auto data = get_json(kEmea, path + "/data")["result"];
  ASSERT_EQ(data["planningGroups"].size(), 2u);
  EXPECT_EQ(data["planningGroups"][0]["offeredPerInterval"], body["planningGroups"][0]["offeredPerInterval"]);
  EXPECT_EQ(data["planningGroups"][1]["averageHandleTimeSecondsPerInterval"][5], 301.0);
}

TEST_P(ForecastImport, InvalidUploadsAreRefused) {
  EXPECT_ERROR_BODY(send_json(kEmea, "POST", week_path() + "/import", json::object()), 400, "bad.request");
  EXPECT_ERROR_BODY(import("not-a-key"), 400, "bad.request");
  EXPECT_ERROR_BODY(import(upload(valid_body().dump())), 400, "bad.request");  // not gzip
  auto short_body = valid_body();
  short_body["planningGroups"][0]["offeredPerInterval"].erase(0);
  EXPECT_ERROR_BODY(import(upload(gzip(short_body.dump()))), 400, "bad.request");
  auto negative = valid_body();
  negative["planningGroups"][0]["offeredPerInterval"][3] = -1;
  EXPECT_ERROR_BODY(import(upload(gzip(negative.dump()))), 400, "bad.request");
  auto unknown = valid_body();
  unknown["planningGroups"][0]["planningGroupId"] = "nope";
  EXPECT_ERROR_BODY(import(upload(gzip(unknown.dump()))), 400, "bad.request");
  EXPECT_ERROR_BODY(import(upload(gzip("{not json"))), 400, "bad.request");
  EXPECT_ERROR_BODY(send_json(kEmea, "POST", week_path() + "/import/uploadurl", json::object()), 400, "bad.request");
  EXPECT_EQ(get_json(kEmea, week_path())["entities"].size(), 1u);  // nothing imported
}

MOCKGC_INSTANTIATE_FOR_HARNESSES(ForecastImport);

}  // namespace
}  // namespace mockgc::testing
