#pragma once
// The WFM upload-then-import flow from a client's side (forecast and schedule imports): upload URL, PUT of
// the bytes with the returned headers, the import call, and the completion parked for an operation id.
#include <memory>
#include <string>

#include "mockgc/api/gzip.hpp"
#include "notifications/channel_fixture.hpp"

namespace mockgc::testing {

class ImportTest : public ChannelTest {
 protected:
  // The stream of a new channel subscribed to the import's completion topic.
  std::unique_ptr<core::notifications::Stream> listen(const std::string& topic) {
    auto channel = create();
    subscribe(channel["id"], {topic});
    return connect(channel);
  }
  // upload URL + PUT under `base` (…/shorttermforecasts, …/schedules); returns the upload key.
  std::string upload(const std::string& base, const std::string& bytes, const std::string& region = kEmea) {
    auto res = send_json(region, "POST", base + "/import/uploadurl", {{"contentLengthBytes", bytes.size()}});
    EXPECT_EQ(res.status, 200) << res.body;
    auto j = body_json(res);
    EXPECT_TRUE(j.contains("uploadBodySchema") && j["uploadBodySchema"].is_null());
    api::HttpRequest put;
    put.method = "PUT";
    put.target = path_of_url(j["url"].get<std::string>());
    for (auto it = j["headers"].begin(); it != j["headers"].end(); ++it) put.headers.set(it.key(), it.value().get<std::string>());
    put.body = bytes;
    EXPECT_EQ(h().send(region, put).status, 200);
    return j["uploadKey"];
  }
  api::HttpResponse import(const std::string& base, const std::string& key, const std::string& region = kEmea) {
    return send_json(region, "POST", base + "/import", {{"uploadKey", key}});
  }
  // Imports `bytes`; expects 202 Processing and returns the operationId.
  std::string accepted(const std::string& base, const std::string& bytes) {
    auto res = import(base, upload(base, bytes));
    EXPECT_EQ(res.status, 202) << res.body;
    auto j = body_json(res);
    EXPECT_EQ(j["status"], "Processing");
    return j.value("operationId", "");
  }
  // The completion parked for `op` (404 before the import completes).
  api::HttpResponse completion(const std::string& op) { return h().send(kEmea, get_request("/mockgc/downloads/" + op, "")); }
};

}  // namespace mockgc::testing
