// What the shell writes for an answer (mock-gc/net/src/messages.cpp): render_head plus its body must be the very
// bytes Beast's serializer writes for to_beast of the same answer, for every status, version, keep-alive, HEAD,
// field list and body form (owned or shared).
#include <gtest/gtest.h>

#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "messages.hpp"

namespace mockgc::testing {
namespace {

using namespace mockgc::net::detail;

std::string beast_bytes(api::HttpResponse response, unsigned version, bool keep_alive, bool head) {
  std::ostringstream out;
  out << to_beast(std::move(response), version, keep_alive, head);
  return out.str();
}

std::vector<api::Headers> field_lists() {
  return {
      {},
      {{"Content-Type", "application/json"}, {"ININ-Correlation-Id", "c0ffee"}, {"Cache-Control", "no-cache"},
       {"Pragma", "no-cache"}, {"Expires", "0"}, {"Date", "Sat, 05 Dec 2026 17:00:54 GMT"}},
      // duplicates apart from their first (any case), blanks around values, empty values, framing fields
      {{"X-Dup", "1"}, {"Set-Cookie", "a=1"}, {"x-dup", " 2 "}, {"Content-Length", "7"}, {"X-DUP", "\t3"},
       {"Set-Cookie", "b=2"}, {"Transfer-Encoding", "chunked"}, {"connection", "close"}, {"X-Empty", ""},
       {"X-Blank", " \t "}},
      {{"Retry-After", "3"}, {"Allow", "GET, POST"}, {"Connection", "keep-alive"}, {"X-Tail", "tail\t"}},
  };
}

TEST(MessagesTest, RenderedHeadAndBodyAreTheBytesBeastWrites) {
  const std::vector<int> statuses{0, -1, 99, 100, 101, 199, 200, 201, 202, 204, 206, 299, 301, 304, 399, 400, 401,
                                  404, 418, 429, 431, 499, 500, 503, 504, 599, 600, 1000};
  const std::vector<std::string> bodies{"", "x", R"({"entities":[]})", std::string(11'172, 'b')};
  std::string head;  // reused, as the session does
  int compared = 0;
  for (const int status : statuses)
    for (const unsigned version : {10U, 11U})
      for (const bool keep_alive : {false, true})
        for (const bool head_request : {false, true})
          for (const auto& fields : field_lists())
            for (const auto& body : bodies)
              for (const bool shared : {false, true}) {
                api::HttpResponse response;
                response.status = status;
                response.headers = fields;
                if (shared) response.shared_body = std::make_shared<const std::string>(body);
                else response.body = body;
                const auto rendered_body = render_head(response, version, keep_alive, head_request, head);
                ASSERT_TRUE(rendered_body.has_value());
                const std::string expected = beast_bytes(response, version, keep_alive, head_request);
                ASSERT_EQ(head + std::string(*rendered_body), expected)
                    << "status " << status << " version " << version << " keep-alive " << keep_alive << " HEAD "
                    << head_request << " body " << body.size() << " B shared " << shared;
                ++compared;
              }
  EXPECT_EQ(compared, 28 * 2 * 2 * 2 * 4 * 4 * 2);
}

// The framing both share, stated once more with Beast's own setters: a status outside 100-599 goes out as 500,
// 1xx/204/304 carry neither body nor Content-Length, HEAD carries the Content-Length of the body it leaves out,
// and the Connection field is what Beast's keep_alive() writes for the version.
TEST(MessagesTest, TheFramingIsWhatBeastsOwnSettersWrite) {
  const std::string body = R"({"id":1})";
  int compared = 0;
  for (const int status : {0, 99, 100, 101, 200, 204, 304, 404, 599, 600, 1000})
    for (const unsigned version : {10U, 11U})
      for (const bool keep_alive : {false, true})
        for (const bool head_request : {false, true}) {
          const unsigned sent = status < 100 || status > 599 ? 500U : static_cast<unsigned>(status);
          BeastResponse reference;
          reference.version(version);
          reference.result(sent);
          reference.set("X-A", "1");
          if (!(sent < 200 || sent == 204 || sent == 304)) {
            reference.content_length(body.size());
            if (!head_request) reference.body() = body;
          }
          reference.keep_alive(keep_alive);
          std::ostringstream expected;
          expected << reference;
          api::HttpResponse response;
          response.status = status;
          response.headers.add("X-A", "1");
          response.body = body;
          EXPECT_EQ(beast_bytes(response, version, keep_alive, head_request), expected.str())
              << "status " << status << " version " << version << " keep-alive " << keep_alive << " HEAD "
              << head_request;
          ++compared;
        }
  EXPECT_EQ(compared, 11 * 2 * 2 * 2);
}

TEST(MessagesTest, AFieldTooLongForBeastIsLeftToBeast) {
  api::HttpResponse response;
  response.headers.add("X-Huge", std::string(70'000, 'v'));
  std::string head;
  EXPECT_FALSE(render_head(response, 11, true, false, head).has_value());
}

TEST(MessagesTest, ToBeastCarriesASharedBody) {
  api::HttpResponse response;
  response.shared_body = std::make_shared<const std::string>("shared bytes");
  const auto out = to_beast(std::move(response), 11, true, false);
  EXPECT_EQ(out.body(), "shared bytes");
  EXPECT_EQ(out[http::field::content_length], "12");
}

}  // namespace
}  // namespace mockgc::testing
