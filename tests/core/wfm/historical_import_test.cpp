// WFM historical-data import: upload URL -> PUT CSV -> validate (202) -> importstatus moving Initiated ->
// InProgress -> Failed, or -> Pending until the nightly window (default 03:00 in the org's first business
// unit's zone, scenario wfm.historical_import_window) -> InProgress -> Success by the clock, the same steps
// on v2.workforcemanagement.historicaldata.status; and the 400s of each step.
#include "history_fixture.hpp"
#include "mockgc/core/scenario.hpp"
#include "core/notifications/channel_fixture.hpp"

namespace mockgc::testing {
namespace {

using nlohmann::json;

constexpr const char* kUploadUrl = "/api/v2/uploads/workforcemanagement/historicaldata/csv";
constexpr const char* kValidate = "/api/v2/workforcemanagement/historicaldata/validate";
constexpr const char* kStatus = "/api/v2/workforcemanagement/historicaldata/importstatus";

class HistoricalImport : public WithChannels<HistoryEndpointTest> {
 protected:
  // Reserves an upload URL, PUTs `csv` there (no auth, like a pre-signed URL) and returns the key.
  std::string upload(const std::string& region, const std::string& csv, bool put = true) {
    auto res = send_json(region, "POST", kUploadUrl, {{"fileName", "history.csv"}, {"contentMd5", "abc=="}});
    EXPECT_EQ(res.status, 200) << res.body;
    auto j = body_json(res);
    EXPECT_EQ(j["headers"]["Content-Type"], "text/csv");
    EXPECT_EQ(j["headers"]["Content-MD5"], "abc==");
    if (put) {
      api::HttpRequest req;
      req.method = "PUT";
      req.target = path_of_url(j["url"].get<std::string>());
      req.headers.set("Content-Type", "text/csv");
      req.body = csv;
      EXPECT_EQ(h().send(region, req).status, 200);
    }
    return j["uploadKey"];
  }
  std::string queue_name(const std::string& region) {
    return get_json(region, "/api/v2/routing/queues?pageSize=1")["entities"][0]["name"];
  }
  std::string validate(const std::string& key, const char* ended = "2026-02-02T00:00:00Z") {
    auto res = send_json(kEmea, "POST", kValidate, {{"dateImportEnded", ended}, {"uploadKey", key}});
    EXPECT_EQ(res.status, 202) << res.body;
    return body_json(res).value("id", "");
  }
  json status_of(const std::string& id) { return get_json(kEmea, std::string(kStatus) + "/" + id); }
  std::string csv_for(const std::string& region) {
    return "Interval Start UTC Date,Queue,Media Type,Offered,Interactions Handled,Total Handle Time (Seconds)\n"
           "2026-02-01T08:00:00Z," + queue_name(region) + ",Voice,12,11,3300\n"
           "2026-02-01T08:15:00Z," + queue_name(region) + ",Voice,9,9,2500\n";
  }
};

TEST_P(HistoricalImport, SuccessfulImportMovesThroughItsStatuses) {
  const std::string key = upload(kEmea, csv_for(kEmea));
  auto res = send_json(kEmea, "POST", kValidate, {{"dateImportEnded", "2026-02-02T00:00:00Z"}, {"uploadKey", key}});
  ASSERT_EQ(res.status, 202) << res.body;
  auto accepted = body_json(res);
  const std::string id = accepted["id"];
  EXPECT_EQ(accepted["selfUri"], std::string(kStatus) + "/" + id);
  auto s = get_json(kEmea, std::string(kStatus) + "/" + id);
  EXPECT_EQ(s["status"], "Initiated");
  EXPECT_EQ(s["requestId"], id);
  EXPECT_EQ(s["type"], "Csv");
  EXPECT_EQ(s["fileName"], "history.csv");
  EXPECT_EQ(s["fileSize"], csv_for(kEmea).size());
  EXPECT_EQ(s["active"], true);
  EXPECT_EQ(s["dateImportEnded"], "2026-02-02T00:00:00.000Z");
  EXPECT_EQ(s["dateImportStarted"], "2026-02-01T08:00:00.000Z");
  clock_->advance(std::chrono::seconds(10));
  EXPECT_EQ(status_of(id)["status"], "InProgress");
  clock_->advance(std::chrono::seconds(50));
  s = status_of(id);
  EXPECT_EQ(s["status"], "Pending") << "valid: waits for the nightly window";
  EXPECT_EQ(s["dateModified"], "2026-03-02T09:01:00.000Z");
  // The window: 03:00 Europe/London (GMT in early March) the next morning.
  clock_->set(at("2026-03-03T02:59:59Z"));
  EXPECT_EQ(status_of(id)["status"], "Pending");
  clock_->set(at("2026-03-03T03:00:00Z"));
  s = status_of(id);
  EXPECT_EQ(s["status"], "InProgress");
  EXPECT_EQ(s["dateModified"], "2026-03-03T03:00:00.000Z");
  clock_->advance(std::chrono::seconds(60));
  s = status_of(id);
  EXPECT_EQ(s["status"], "Success");
  EXPECT_EQ(s["dateModified"], "2026-03-03T03:01:00.000Z");
  EXPECT_FALSE(s.contains("error"));
  // It never feeds volumes back: the aggregates of that day are the generated ones either way.
  auto listing = get_json(kEmea, kStatus);
  ASSERT_EQ(listing["entities"].size(), 1u);
  // A new upload replaces the previous one (one file per org).
  const std::string key2 = upload(kEmea, csv_for(kEmea));
  ASSERT_EQ(send_json(kEmea, "POST", kValidate, {{"dateImportEnded", "2026-02-02T00:00:00Z"}, {"uploadKey", key2}}).status, 202);
  listing = get_json(kEmea, kStatus);
  ASSERT_EQ(listing["entities"].size(), 2u);
  EXPECT_EQ(listing["entities"][0]["active"], false);
  EXPECT_EQ(listing["entities"][1]["active"], true);
  EXPECT_TRUE(get_json(kApac, kStatus)["entities"].empty()) << "per org";
}

TEST_P(HistoricalImport, InvalidCsvFailsWithTheReason) {
  const std::string csv = "Interval Start UTC Date,Queue,Media Type,Offered,Interactions Handled,Total Handle Time (Seconds)\n"
                          "2026-02-01T08:10:00Z," + queue_name(kEmea) + ",Fax,12,11,3300\n";
  const std::string key = upload(kEmea, csv);
  auto res = send_json(kEmea, "POST", kValidate, {{"dateImportEnded", "2026-02-02T00:00:00Z"}, {"uploadKey", key}});
  ASSERT_EQ(res.status, 202);
  const std::string id = body_json(res)["id"];
  clock_->advance(std::chrono::minutes(2));
  auto s = get_json(kEmea, std::string(kStatus) + "/" + id);
  EXPECT_EQ(s["status"], "Failed");
  const std::string error = s["error"];
  EXPECT_NE(error.find("not a UTC interval start"), std::string::npos) << error;
  EXPECT_NE(error.find("unknown media type 'Fax'"), std::string::npos) << error;
  // An end date in the future fails too.
  const std::string key2 = upload(kEmea, csv_for(kEmea));
  auto future = send_json(kEmea, "POST", kValidate, {{"dateImportEnded", "2027-01-01T00:00:00Z"}, {"uploadKey", key2}});
  ASSERT_EQ(future.status, 202);
  clock_->advance(std::chrono::minutes(2));
  auto f = get_json(kEmea, std::string(kStatus) + "/" + body_json(future)["id"].get<std::string>());
  EXPECT_EQ(f["status"], "Failed");
  EXPECT_NE(f["error"].get<std::string>().find("future"), std::string::npos);
}

TEST_P(HistoricalImport, RequestErrors) {
  EXPECT_ERROR_BODY(send_json(kEmea, "POST", kValidate, {{"dateImportEnded", "2026-02-02T00:00:00Z"}}), 400, "bad.request");
  EXPECT_ERROR_BODY(send_json(kEmea, "POST", kValidate, {{"dateImportEnded", "2026-02-02T00:00:00Z"}, {"uploadKey", "nope"}}),
                    400, "bad.request");
  const std::string unfilled = upload(kEmea, "", false);
  auto res = send_json(kEmea, "POST", kValidate, {{"dateImportEnded", "2026-02-02T00:00:00Z"}, {"uploadKey", unfilled}});
  EXPECT_ERROR_BODY(res, 400, "bad.request");
  const std::string key = upload(kEmea, csv_for(kEmea));
  EXPECT_ERROR_BODY(send_json(kEmea, "POST", kValidate, {{"dateImportEnded", "last tuesday"}, {"uploadKey", key}}), 400,
                    "invalid.date");
  EXPECT_ERROR_BODY(send_json(kApac, "POST", kValidate, {{"dateImportEnded", "2026-02-02T00:00:00Z"}, {"uploadKey", key}}),
                    400, "bad.request")
      << "another org's upload key";
  EXPECT_ERROR_BODY(send_json(kEmea, "POST", kUploadUrl, {{"signedUrlTimeoutSeconds", 0}}), 400, "bad.request");
  EXPECT_ERROR_BODY(send_json(kEmea, "POST", kUploadUrl, {{"signedUrlTimeoutSeconds", 604801}}), 400, "bad.request");
  EXPECT_EQ(send_json(kEmea, "POST", kUploadUrl, {{"signedUrlTimeoutSeconds", 604800}}).status, 200);
  EXPECT_ERROR_BODY(send_json(kEmea, "POST", kUploadUrl, {{"serverSideEncryption", "ROT13"}}), 400, "invalid.value");
  EXPECT_ERROR_BODY(get(kEmea, std::string(kStatus) + "/no-such-job"), 404, "not.found");
}

TEST_P(HistoricalImport, EveryStepGoesOutOnTheStatusTopic) {
  auto channel = create();
  subscribe(channel["id"], {"v2.workforcemanagement.historicaldata.status"});
  auto stream = connect(channel);
  const std::string id = validate(upload(kEmea, csv_for(kEmea)));
  auto statuses = [&](const std::string& job) {
    std::vector<std::string> out;
    const auto got = events(*stream);
    for (const auto& e : got) {
      EXPECT_EQ(e["topicName"], "v2.workforcemanagement.historicaldata.status");
      EXPECT_EQ(e["eventBody"]["requestId"], job);
      out.push_back(e["eventBody"]["status"]);
    }
    if (!got.empty()) {
      EXPECT_EQ(got.back()["eventBody"], status_of(job)) << "the topic carries what importstatus answers";
    }
    return out;
  };
  EXPECT_EQ(statuses(id), std::vector<std::string>{"Initiated"});
  clock_->advance(std::chrono::seconds(10));
  EXPECT_EQ(statuses(id), std::vector<std::string>{"InProgress"});
  clock_->advance(std::chrono::seconds(50));
  EXPECT_EQ(statuses(id), std::vector<std::string>{"Pending"});
  clock_->set(at("2026-03-03T03:00:00Z"));
  // Heartbeats were due all night; the events come in order.
  EXPECT_EQ(statuses(id), std::vector<std::string>{"InProgress"});
  clock_->advance(std::chrono::seconds(60));
  EXPECT_EQ(statuses(id), std::vector<std::string>{"Success"});
  // An invalid file never waits for the window.
  const std::string bad = validate(upload(kEmea, "no,header\n"));
  clock_->advance(std::chrono::seconds(60));
  EXPECT_EQ(status_of(bad)["status"], "Failed");
  EXPECT_EQ(statuses(bad), (std::vector<std::string>{"Initiated", "InProgress", "Failed"}));
}

MOCKGC_INSTANTIATE_FOR_HARNESSES(HistoricalImport);

// The window is the scenario's choice (wfm.historical_import_window, local time).
class HistoricalImportWindow : public HistoricalImport {
 protected:
  core::ServiceOptions options() override {
    auto scenario = json::parse(core::default_scenario_text());
    scenario["wfm"] = {{"historical_import_window", "10:30"}};
    core::ServiceOptions o;
    o.scenario_text = scenario.dump();
    return o;
  }
};

TEST_P(HistoricalImportWindow, PendingEndsAtTheConfiguredLocalTime) {
  const std::string id = validate(upload(kEmea, csv_for(kEmea)));
  clock_->set(at("2026-03-02T10:29:59Z"));
  EXPECT_EQ(status_of(id)["status"], "Pending");
  clock_->set(at("2026-03-02T10:30:00Z"));
  EXPECT_EQ(status_of(id)["status"], "InProgress");
  clock_->set(at("2026-03-02T10:31:00Z"));
  EXPECT_EQ(status_of(id)["status"], "Success");
}

MOCKGC_INSTANTIATE_FOR_HARNESSES(HistoricalImportWindow);

}  // namespace
}  // namespace mockgc::testing
