// Short-term forecast import over every harness kind: upload URL -> PUT gzip JSON -> import (202
// Processing) -> after the validation delay the forecast (creationMethod Import) is listed with its data and
// the import topic says Complete; an invalid upload completes with Error (the reason naming the field or id)
// on the topic and at /mockgc/downloads/{operationId}, and nothing is listed. Malformed requests are 400s.
#include "import_fixture.hpp"

namespace mockgc::testing {
namespace {

using nlohmann::json;
constexpr const char* kWfm = "/api/v2/workforcemanagement";

std::string gzip(const std::string& in) { return api::gzip(in); }

class ForecastImport : public ImportTest {
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
  std::string upload(const std::string& bytes) { return ImportTest::upload(week_path(), bytes); }
  api::HttpResponse import(const std::string& key) { return ImportTest::import(week_path(), key); }
  std::string accepted(const std::string& bytes) { return ImportTest::accepted(week_path(), bytes); }
  std::string topic() { return "v2.workforcemanagement.businessunits." + bu_id(kEmea) + ".shorttermforecasts.import"; }
};

TEST_P(ForecastImport, ImportedForecastIsListedWithItsDataOnceComplete) {
  auto stream = listen(topic());
  const auto body = valid_body();
  const std::string op = accepted(gzip(body.dump()));
  // Processing: not listed, no completion yet; then one Complete event.
  json e = complete(*stream, op, week_path(), topic());
  EXPECT_EQ(e["status"], "Complete");
  EXPECT_EQ(e["operationId"], op);
  EXPECT_FALSE(e.contains("error"));
  auto list = get_json(kEmea, week_path())["entities"];
  ASSERT_EQ(list.size(), 2u);
  EXPECT_EQ(list[1]["creationMethod"], "Import");
  EXPECT_EQ(list[1]["description"], "Imported plan");
  EXPECT_EQ(e["result"]["id"], list[1]["id"]);
  auto parked = completion(op);
  ASSERT_EQ(parked.status, 200);
  EXPECT_EQ(body_json(parked), e);
  const std::string path = week_path() + "/" + list[1]["id"].get<std::string>();
  EXPECT_EQ(get_json(kEmea, path)["creationMethod"], "Import");
  auto data = get_json(kEmea, path + "/data")["result"];
  ASSERT_EQ(data["planningGroups"].size(), 2u);
  EXPECT_EQ(data["planningGroups"][0]["offeredPerInterval"], body["planningGroups"][0]["offeredPerInterval"]);
  EXPECT_EQ(data["planningGroups"][1]["averageHandleTimeSecondsPerInterval"][5], 301.0);
}

TEST_P(ForecastImport, InvalidContentCompletesWithErrorNamingTheProblem) {
  auto stream = listen(topic());
  auto short_body = valid_body();
  short_body["planningGroups"][0]["offeredPerInterval"].erase(0);
  auto negative = valid_body();
  negative["planningGroups"][1]["averageHandleTimeSecondsPerInterval"][3] = -1;
  auto unknown = valid_body();
  unknown["planningGroups"][0]["planningGroupId"] = "nope";
  auto no_description = valid_body();
  no_description.erase("description");
  auto weeks = valid_body();
  weeks["weekCount"] = 7;
  const std::string pg0 = valid_body()["planningGroups"][0]["planningGroupId"];
  const std::string pg1 = valid_body()["planningGroups"][1]["planningGroupId"];
  const std::vector<ErrorCase> cases = {
      {valid_body().dump(), {"gzip"}},
      {gzip("{not json"), {"JSON"}},
      {gzip(short_body.dump()), {"offeredPerInterval", pg0, "672"}},
      {gzip(negative.dump()), {"averageHandleTimeSecondsPerInterval[3]", pg1}},
      {gzip(unknown.dump()), {"planningGroupId", "nope"}},
      {gzip(no_description.dump()), {"description"}},
      {gzip(weeks.dump()), {"weekCount"}},
  };
  expect_errors(*stream, week_path(), cases);
  EXPECT_EQ(get_json(kEmea, week_path())["entities"].size(), 1u) << "nothing imported";
}

TEST_P(ForecastImport, MalformedRequestsAreRefusedAtOnce) {
  EXPECT_ERROR_BODY(send_json(kEmea, "POST", week_path() + "/import", json::object()), 400, "bad.request");
  EXPECT_ERROR_BODY(send_json(kEmea, "POST", week_path() + "/import", {{"uploadKey", 7}}), 400, "bad.request");
  auto bad_json = json_request("POST", week_path() + "/import", token(kEmea), json::object());
  bad_json.body = "{\"uploadKey\": ";
  EXPECT_ERROR_BODY(h().send(kEmea, bad_json), 400, "bad.request");
  EXPECT_ERROR_BODY(import("not-a-key"), 400, "bad.request");
  // An upload URL with nothing PUT to it yet.
  auto url = send_json(kEmea, "POST", week_path() + "/import/uploadurl", {{"contentLengthBytes", 10}});
  EXPECT_ERROR_BODY(import(body_json(url)["uploadKey"]), 400, "bad.request");
  EXPECT_ERROR_BODY(send_json(kEmea, "POST", week_path() + "/import/uploadurl", json::object()), 400, "bad.request");
  clock_->advance(std::chrono::seconds(5));
  EXPECT_EQ(get_json(kEmea, week_path())["entities"].size(), 1u);  // nothing imported
}

MOCKGC_INSTANTIATE_FOR_HARNESSES(ForecastImport);

}  // namespace
}  // namespace mockgc::testing
