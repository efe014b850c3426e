// The live console's event stream over real sockets on 127.0.0.1, port 0, with the real core: the SSE
// framing, an injected outage seen in the stream and answered 503 by the region, recovery after clearing it,
// the bound on concurrent streams, and the admin guard in front of the stream.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <memory>
#include <thread>

#include "mockgc/api/url.hpp"
#include "mockgc/core/service.hpp"
#include "mockgc/net/server.hpp"
#include "raw_client.hpp"
#include "running_server.hpp"

namespace mockgc::testing {
namespace {

using namespace std::chrono_literals;
using nlohmann::json;

constexpr std::string_view kEvents = "GET /mockgc/admin/console/events HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";

// Reads an event stream: the response head once, then one `event: state` document at a time.
class EventReader {
 public:
  explicit EventReader(std::uint16_t port, std::string_view request = kEvents) : client_(port, 10s) {
    EXPECT_TRUE(client_.send(request));
  }
  // The status line and fields (up to the blank line), or "" when the connection ended first.
  std::string head() {
    while (buffer_.find("\r\n\r\n") == std::string::npos)
      if (client_.read_some(buffer_)) return "";
    const auto end = buffer_.find("\r\n\r\n") + 4;
    std::string out = buffer_.substr(0, end);
    buffer_.erase(0, end);
    return out;
  }
  // The next state document; null when the stream ended or the guard ran out.
  json next_state() {
    for (;;) {
      const auto event = buffer_.find("event: state\ndata: ");
      const auto end = event == std::string::npos ? event : buffer_.find('\n', event + 19);
      if (end != std::string::npos) {
        json doc = json::parse(buffer_.substr(event + 19, end - event - 19), nullptr, false);
        buffer_.erase(0, end + 1);
        return doc;
      }
      if (client_.read_some(buffer_)) return nullptr;
    }
  }
  // Reads states until `condition(state)` holds; false when 200 states went by (or the stream ended) first.
  template <class F>
  bool until(F condition) {
    for (int i = 0; i < 200; ++i) {
      const json state = next_state();
      if (state.is_null()) return false;
      if (condition(state)) return true;
    }
    return false;
  }
  std::string& buffer() { return buffer_; }
  RawClient& client() { return client_; }

 private:
  RawClient client_;
  std::string buffer_;
};

const json* region_of(const json& state, std::string_view key) {
  for (const auto& r : state["regions"])
    if (r["region"] == key) return &r;
  return nullptr;
}

std::optional<RawResponse> admin_call(std::uint16_t port, std::string_view method, std::string_view target,
                                      std::string_view body = {}) {
  RawClient c(port);
  std::string request = std::string(method) + " " + std::string(target) + " HTTP/1.1\r\nHost: 127.0.0.1\r\n";
  if (!body.empty()) request += "Content-Type: application/json\r\n";
  request += "Content-Length: " + std::to_string(body.size()) + "\r\nConnection: close\r\n\r\n" + std::string(body);
  if (!c.send(request)) return std::nullopt;
  return c.read_response();
}

class ConsoleStreamTest : public ::testing::Test {
 protected:
  explicit ConsoleStreamTest(core::ServiceOptions service_options = {})
      : service(core::make_service(service_options)) {}
  net::ServerOptions options(std::size_t max_streams = 4) {
    net::ServerOptions o;
    o.console_interval = 50ms;
    o.max_console_streams = max_streams;
    return o;
  }
  std::unique_ptr<core::Service> service;
};

TEST_F(ConsoleStreamTest, StreamsStatesShowsAnInjectedOutageAndItsRecovery) {
  RunningServer s(*service, options());
  const auto shared = s.server.port();
  const auto apac = s.server.port("ap_southeast_2");
  EventReader events(shared);
  const std::string head = events.head();
  EXPECT_EQ(head.rfind("HTTP/1.1 200 OK\r\n", 0), 0u) << head;
  EXPECT_NE(head.find("Content-Type: text/event-stream\r\n"), std::string::npos) << head;
  EXPECT_NE(head.find("Transfer-Encoding: chunked\r\n"), std::string::npos) << head;
  EXPECT_EQ(head.find("Content-Length"), std::string::npos) << head;

  const json first = events.next_state();
  ASSERT_TRUE(first.is_object());
  EXPECT_TRUE(first["first"].get<bool>());
  ASSERT_NE(region_of(first, "ap_southeast_2"), nullptr);
  EXPECT_TRUE((*region_of(first, "ap_southeast_2"))["active_faults"].empty());

  const auto injected = admin_call(shared, "POST", "/mockgc/admin/faults", R"({"type":"outage","region":"ap_southeast_2"})");
  ASSERT_TRUE(injected.has_value());
  ASSERT_EQ(injected->result_int(), 201U) << injected->body();
  const std::string id = json::parse(injected->body())["id"];

  const auto down = get_once(apac, "/api/v2/users");
  ASSERT_TRUE(down.has_value());
  EXPECT_EQ(down->result_int(), 503U) << down->body();
  EXPECT_EQ(json::parse(down->body())["code"], "service.unavailable");

  std::uint64_t server_errors = 0;
  bool saw_line = false;
  EXPECT_TRUE(events.until([&](const json& state) {
    const json& apac_state = *region_of(state, "ap_southeast_2");
    server_errors += apac_state["outcomes"]["server"].get<std::uint64_t>();
    bool active = false;
    for (const auto& f : apac_state["active_faults"]) active = active || f["id"] == id;
    for (const auto& l : apac_state["recent"]) saw_line = saw_line || (l["status"] == 503 && l["path"] == "/api/v2/users");
    return active && saw_line;
  })) << "the outage and its 503 reach the stream";
  EXPECT_GE(server_errors, 1u);
  // EMEA is untouched by an APAC outage.
  const json emea_view = events.next_state();
  ASSERT_TRUE(emea_view.is_object());
  EXPECT_TRUE((*region_of(emea_view, "eu_central_1"))["active_faults"].empty());

  const auto cleared = admin_call(shared, "DELETE", "/mockgc/admin/faults/" + api::percent_encode(id));
  ASSERT_TRUE(cleared.has_value());
  EXPECT_EQ(cleared->result_int(), 204U);
  const auto up = get_once(apac, "/api/v2/users");
  ASSERT_TRUE(up.has_value());
  EXPECT_EQ(up->result_int(), 401U) << "past the outage: authentication is asked for again";
  EXPECT_TRUE(events.until([&](const json& state) {
    const json& apac_state = *region_of(state, "ap_southeast_2");
    return apac_state["active_faults"].empty() && apac_state["outcomes"]["client"].get<int>() >= 1;
  })) << "the stream shows the recovery";
}

TEST_F(ConsoleStreamTest, AtMostMaxStreamsAndALeavingReaderFreesItsSlot) {
  RunningServer s(*service, options(1));
  const auto port = s.server.port();
  auto first = std::make_unique<EventReader>(port);
  ASSERT_EQ(first->head().rfind("HTTP/1.1 200", 0), 0u);
  ASSERT_TRUE(first->next_state().is_object());

  RawClient second(port);
  ASSERT_TRUE(second.send(kEvents));
  const auto busy = second.read_response();
  ASSERT_TRUE(busy.has_value());
  EXPECT_EQ(busy->result_int(), 503U);
  const auto body = json::parse(busy->body());
  EXPECT_EQ(body["code"], "service.unavailable");
  EXPECT_EQ(body["contextId"], std::string((*busy)["ININ-Correlation-Id"]));

  first->client().reset();
  first.reset();
  bool reopened = false;
  for (int attempt = 0; attempt < 100 && !reopened; ++attempt) {  // the shell notices the peer left at its next tick
    EventReader again(port);
    reopened = again.head().rfind("HTTP/1.1 200", 0) == 0;
    if (!reopened) std::this_thread::sleep_for(20ms);
  }
  EXPECT_TRUE(reopened);
}

TEST_F(ConsoleStreamTest, AnHttp10ReaderGetsACloseDelimitedStream) {
  RunningServer s(*service, options());
  EventReader events(s.server.port(), "GET /mockgc/admin/console/events HTTP/1.0\r\n\r\n");
  const std::string head = events.head();
  EXPECT_EQ(head.rfind("HTTP/1.0 200 OK\r\n", 0), 0u) << head;
  EXPECT_EQ(head.find("chunked"), std::string::npos) << head;
  const std::string first_fields = "retry: 2000\nid: ";
  while (events.buffer().size() < first_fields.size())  // the body may come in a later packet than the head
    if (events.client().read_some(events.buffer())) break;
  EXPECT_EQ(events.buffer().rfind(first_fields, 0), 0u) << events.buffer();
  EXPECT_TRUE(events.next_state().is_object());
}

class ConsoleStreamTokenTest : public ConsoleStreamTest {
 protected:
  static core::ServiceOptions with_token() {
    core::ServiceOptions o;
    o.admin_token = "s3cret";
    return o;
  }
  ConsoleStreamTokenTest() : ConsoleStreamTest(with_token()) {}
};

TEST_F(ConsoleStreamTokenTest, TheStreamAndThePageNeedTheAdminToken) {
  RunningServer s(*service, options());
  const auto port = s.server.port();
  const auto refused = get_once(port, "/mockgc/admin/console/events");
  ASSERT_TRUE(refused.has_value());
  EXPECT_EQ(refused->result_int(), 403U);
  EXPECT_EQ(json::parse(refused->body())["code"], "forbidden");
  const auto page = get_once(port, "/mockgc/console");
  ASSERT_TRUE(page.has_value());
  EXPECT_EQ(page->result_int(), 401U);
  EXPECT_EQ(std::string((*page)["WWW-Authenticate"]), "Basic realm=\"mock-gc console\"");
  // The browser's Basic credentials after the challenge: any user, the token as password ("trainer:s3cret").
  EventReader events(port, "GET /mockgc/admin/console/events HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                           "Authorization: Basic dHJhaW5lcjpzM2NyZXQ=\r\n\r\n");
  EXPECT_EQ(events.head().rfind("HTTP/1.1 200", 0), 0u);
  EXPECT_TRUE(events.next_state().is_object());
}

}  // namespace
}  // namespace mockgc::testing
