#pragma once
// The WFM upload-then-import flow from a client's side (forecast and schedule imports): upload URL, PUT of
// the bytes with the returned headers, the import call, and the completion parked for an operation id.
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "mockgc/api/gzip.hpp"
#include "core/notifications/channel_fixture.hpp"

namespace mockgc::testing {

class ImportTest : public ChannelTest {
 protected:
  // The stream of a new channel subscribed to the import's completion topic.
  std::unique_ptr<core::notifications::Stream> listen(const std::string& topic) {
    auto channel = create();
    subscribe(channel["id"], {topic});
    return connect(channel);
  }
  // upload URL + PUT under `base` (…/shorttermforecasts, …/schedules; `step` "import", or "{scheduleId}/update"
  // for a schedule update); returns the upload key.
  std::string upload(const std::string& base, const std::string& bytes, const std::string& region = kEmea,
                     const std::string& step = "import") {
    auto res = send_json(region, "POST", base + "/" + step + "/uploadurl", {{"contentLengthBytes", bytes.size()}});
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
  api::HttpResponse import(const std::string& base, const std::string& key, const std::string& region = kEmea,
                           const std::string& step = "import") {
    return send_json(region, "POST", base + "/" + step, {{"uploadKey", key}});
  }
  // Imports (or, with `step`, updates) `bytes`; expects 202 Processing and returns the operationId.
  std::string accepted(const std::string& base, const std::string& bytes, const std::string& step = "import") {
    auto res = import(base, upload(base, bytes, kEmea, step), kEmea, step);
    EXPECT_EQ(res.status, 202) << res.body;
    auto j = body_json(res);
    EXPECT_EQ(j["status"], "Processing");
    return j.value("operationId", "");
  }
  // Checks that nothing is done yet (the listing at `listing` holds only the generated entity, no completion
  // for `op`, no event), advances the world over the import delay and returns the one event on `topic`.
  nlohmann::json complete(core::notifications::Stream& stream, const std::string& op, const std::string& listing,
                          const std::string& topic) {
    EXPECT_EQ(get_json(kEmea, listing)["entities"].size(), 1u);
    EXPECT_EQ(completion(op).status, 404);
    EXPECT_TRUE(events(stream).empty());
    clock_->advance(std::chrono::seconds(5));
    auto got = events(stream);
    if (got.size() != 1u) {
      ADD_FAILURE() << got.size() << " events";
      return nlohmann::json::object();
    }
    EXPECT_EQ(got[0]["topicName"], topic);
    return got[0]["eventBody"];
  }
  // Upload bytes and the parts the Error message names.
  using ErrorCase = std::pair<std::string, std::vector<std::string>>;
  // Imports each case under `base`, advances over the import delay and checks that each completes with Error
  // (on the stream and parked, in order) naming its parts and without a result; returns the event bodies.
  std::vector<nlohmann::json> expect_errors(core::notifications::Stream& stream, const std::string& base,
                                            const std::vector<ErrorCase>& cases, const std::string& step = "import") {
    std::vector<std::string> ops;
    for (const auto& c : cases) ops.push_back(accepted(base, c.first, step));
    clock_->advance(std::chrono::seconds(5));
    std::vector<nlohmann::json> out;
    for (auto& f : events(stream)) out.push_back(std::move(f["eventBody"]));
    EXPECT_EQ(out.size(), cases.size());
    for (std::size_t i = 0; i < cases.size() && i < out.size(); ++i) {
      const auto& e = out[i];
      EXPECT_EQ(e["status"], "Error") << e;
      EXPECT_EQ(e["operationId"], ops[i]);
      EXPECT_FALSE(e.contains("result")) << "never a partial import: " << e;
      EXPECT_EQ(e["error"]["code"], "bad.request");
      const std::string message = e["error"].value("message", "");
      for (const auto& part : cases[i].second) EXPECT_NE(message.find(part), std::string::npos) << part << " in " << message;
      auto parked = completion(ops[i]);
      EXPECT_EQ(parked.status, 200);
      if (parked.status == 200) {
        EXPECT_EQ(body_json(parked), e);
      }
    }
    return out;
  }
  // The completion parked for `op` (404 before the import completes).
  api::HttpResponse completion(const std::string& op) { return h().send(kEmea, get_request("/mockgc/downloads/" + op, "")); }
};

}  // namespace mockgc::testing
