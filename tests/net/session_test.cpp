// The per-connection loop (mock-gc/net/src/session.hpp) over beast::test::stream: no sockets, no timers,
// deterministic. fail_count walks every I/O failure point.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "echo_service.hpp"
#include "mockgc/api/random.hpp"
#include "session_runner.hpp"

namespace mockgc::testing {
namespace {

using namespace mockgc::net::detail;
using Response = http::response<http::string_body>;

using Exchange = SessionRun;

class SessionTest : public ::testing::Test {
 protected:
  Exchange run(std::string_view input, beast_test::fail_count* fail = nullptr) {
    core::RequestContext ctx;
    ctx.region = "eu_central_1";
    ctx.peer = "10.1.2.3:4567";
    ctx.scheme = "http";
    return run_session(config, input, ctx, fail);
  }

  static std::vector<Response> parse(std::string_view bytes) {
    asio::io_context ioc;
    beast_test::stream in(ioc, bytes);
    in.close_remote();
    beast::flat_buffer buffer;
    std::vector<Response> out;
    for (;;) {
      http::response_parser<http::string_body> parser;
      beast::error_code ec;
      http::read(in, buffer, parser, ec);
      if (ec == http::error::end_of_stream) break;
      if (ec) {
        ADD_FAILURE() << "unparseable response bytes: " << ec.message() << "\n" << bytes;
        break;
      }
      out.push_back(parser.release());
    }
    return out;
  }

  static nlohmann::json json_of(const Response& r) { return nlohmann::json::parse(r.body()); }

  static void expect_genesys_error(const Response& r, int status, std::string_view code) {
    EXPECT_EQ(r.result_int(), static_cast<unsigned>(status));
    EXPECT_EQ(r[http::field::content_type], "application/json");
    EXPECT_FALSE(r.keep_alive());
    const auto body = json_of(r);
    EXPECT_EQ(body["status"], status);
    EXPECT_EQ(body["code"], code);
    EXPECT_TRUE(body["message"].is_string());
    EXPECT_EQ(body["details"], nlohmann::json::array());
    EXPECT_EQ(body["errors"], nlohmann::json::array());
    ASSERT_TRUE(body["contextId"].is_string());
    EXPECT_EQ(std::string(r["ININ-Correlation-Id"]), body["contextId"].get<std::string>());
  }

  EchoService service;
  CorrelationIds ids{1};
  SessionConfig config{.service = &service, .correlation_ids = &ids, .body_limit = 1024, .header_limit = 2048,
                       .read_timeout = std::chrono::milliseconds(1000), .write_timeout = std::chrono::milliseconds(1000)};
};

TEST_F(SessionTest, PassesRequestAndContextToTheCoreAndEndsCleanlyAtEof) {
  const auto ex = run("POST /api/v2/things?a=1%2C2 HTTP/1.1\r\nHost: api.mypurecloud.de\r\nX-Custom: yes\r\n"
                      "Content-Length: 5\r\n\r\nhello");
  ASSERT_TRUE(ex.finished);
  EXPECT_FALSE(ex.threw);
  EXPECT_EQ(ex.end, SessionEnd::clean);
  const auto responses = parse(ex.output);
  ASSERT_EQ(responses.size(), 1U);
  EXPECT_EQ(responses[0].result_int(), 200U);
  const auto echo = json_of(responses[0]);
  EXPECT_EQ(echo["method"], "POST");
  EXPECT_EQ(echo["target"], "/api/v2/things?a=1%2C2");
  EXPECT_EQ(echo["headers"]["Host"], "api.mypurecloud.de");
  EXPECT_EQ(echo["headers"]["X-Custom"], "yes");
  EXPECT_EQ(echo["body"], "hello");
  EXPECT_EQ(echo["region"], "eu_central_1");
  EXPECT_EQ(echo["peer"], "10.1.2.3:4567");
  EXPECT_EQ(echo["scheme"], "http");
  EXPECT_EQ(responses[0]["ININ-Correlation-Id"], "echo");
}

TEST_F(SessionTest, PipelinedRequestsAreAnsweredInOrderOnOneConnection) {
  const auto ex = run("GET /1 HTTP/1.1\r\nHost: h\r\n\r\nGET /2 HTTP/1.1\r\nHost: h\r\n\r\n"
                      "GET /3 HTTP/1.1\r\nHost: h\r\n\r\n");
  EXPECT_EQ(ex.end, SessionEnd::clean);
  const auto responses = parse(ex.output);
  ASSERT_EQ(responses.size(), 3U);
  for (int i = 0; i < 3; ++i) {
    EXPECT_EQ(json_of(responses[static_cast<std::size_t>(i)])["target"], "/" + std::to_string(i + 1));
    EXPECT_TRUE(responses[static_cast<std::size_t>(i)].keep_alive());
  }
  EXPECT_EQ(service.calls, 3);
}

TEST_F(SessionTest, ConnectionCloseFromTheClientEndsAfterThatResponse) {
  const auto ex = run("GET /1 HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\nGET /2 HTTP/1.1\r\nHost: h\r\n\r\n");
  EXPECT_EQ(ex.end, SessionEnd::clean);
  const auto responses = parse(ex.output);
  ASSERT_EQ(responses.size(), 1U);
  EXPECT_FALSE(responses[0].keep_alive());
  EXPECT_EQ(service.calls, 1);
}

TEST_F(SessionTest, Http10WithoutKeepAliveGetsOneAnswer) {
  const auto ex = run("GET /1 HTTP/1.0\r\n\r\nGET /2 HTTP/1.0\r\n\r\n");
  const auto responses = parse(ex.output);
  ASSERT_EQ(responses.size(), 1U);
  EXPECT_EQ(responses[0].version(), 10U);
  EXPECT_FALSE(responses[0].keep_alive());
}

TEST_F(SessionTest, ConnectionCloseFromTheCoreEndsTheConnection) {
  const auto ex = run("GET /close HTTP/1.1\r\nHost: h\r\n\r\nGET /2 HTTP/1.1\r\nHost: h\r\n\r\n");
  const auto responses = parse(ex.output);
  ASSERT_EQ(responses.size(), 1U);
  EXPECT_FALSE(responses[0].keep_alive());
  EXPECT_EQ(ex.end, SessionEnd::clean);
}

TEST_F(SessionTest, BodyOverTheLimitGets413WithoutReachingTheCore) {
  const auto ex = run("POST /x HTTP/1.1\r\nHost: h\r\nContent-Length: 1025\r\n\r\n" + std::string(1025, 'a'));
  EXPECT_EQ(ex.end, SessionEnd::error_answered);
  const auto responses = parse(ex.output);
  ASSERT_EQ(responses.size(), 1U);
  expect_genesys_error(responses[0], 413, "request.entity.too.large");
  EXPECT_EQ(json_of(responses[0])["message"], "The request is over the size limit. Maximum bytes: 1024");
  EXPECT_EQ(service.calls, 0);
}

TEST_F(SessionTest, ChunkedBodyOverTheLimitGets413) {
  const std::string chunk(600, 'b');
  const auto ex = run("POST /x HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n258\r\n" + chunk +
                      "\r\n258\r\n" + chunk + "\r\n0\r\n\r\n");
  const auto responses = parse(ex.output);
  ASSERT_EQ(responses.size(), 1U);
  expect_genesys_error(responses[0], 413, "request.entity.too.large");
  EXPECT_EQ(service.calls, 0);
}

TEST_F(SessionTest, BodyExactlyAtTheLimitIsServed) {
  const auto ex = run("POST /x HTTP/1.1\r\nHost: h\r\nContent-Length: 1024\r\n\r\n" + std::string(1024, 'a'));
  const auto responses = parse(ex.output);
  ASSERT_EQ(responses.size(), 1U);
  EXPECT_EQ(responses[0].result_int(), 200U);
}

TEST_F(SessionTest, HeaderOverTheLimitGets431) {
  const auto ex = run("GET /x HTTP/1.1\r\nHost: h\r\nX-Big: " + std::string(4000, 'z') + "\r\n\r\n");
  EXPECT_EQ(ex.end, SessionEnd::error_answered);
  const auto responses = parse(ex.output);
  ASSERT_EQ(responses.size(), 1U);
  expect_genesys_error(responses[0], 431, "request.header.too.large");
  EXPECT_EQ(service.calls, 0);
}

TEST_F(SessionTest, RequestLineOverTheLimitGets414) {
  const auto ex = run("GET /x?q=" + std::string(5000, 'a') + " HTTP/1.1\r\nHost: h\r\n\r\n");
  EXPECT_EQ(ex.end, SessionEnd::error_answered);
  const auto responses = parse(ex.output);
  ASSERT_EQ(responses.size(), 1U);
  expect_genesys_error(responses[0], 414, "request.uri.too.long");
  EXPECT_EQ(service.calls, 0);
}

TEST_F(SessionTest, GarbageBytesGet400AndTheConnectionEnds) {
  // A TLS ClientHello sent to a plain-HTTP port, then junk.
  const char garbage[] = "\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03 not http at all\r\n\r\n";
  const auto ex = run(std::string(garbage, sizeof garbage - 1));
  ASSERT_TRUE(ex.finished);
  EXPECT_FALSE(ex.threw);
  EXPECT_EQ(ex.end, SessionEnd::error_answered);
  const auto responses = parse(ex.output);
  ASSERT_EQ(responses.size(), 1U);
  expect_genesys_error(responses[0], 400, "bad.request");
  EXPECT_EQ(service.calls, 0);
}

TEST_F(SessionTest, BadContentLengthGets400) {
  const auto ex = run("POST /x HTTP/1.1\r\nHost: h\r\nContent-Length: 12abc\r\n\r\n");
  const auto responses = parse(ex.output);
  ASSERT_EQ(responses.size(), 1U);
  expect_genesys_error(responses[0], 400, "bad.request");
}

TEST_F(SessionTest, ClientGoneMidBodyEndsWithoutAnswer) {
  const auto ex = run("POST /x HTTP/1.1\r\nHost: h\r\nContent-Length: 100\r\n\r\nonly part");
  ASSERT_TRUE(ex.finished);
  EXPECT_FALSE(ex.threw);
  EXPECT_EQ(ex.end, SessionEnd::aborted);
  EXPECT_TRUE(ex.output.empty());
  EXPECT_EQ(service.calls, 0);
}

TEST_F(SessionTest, HeadAnswerCarriesContentLengthButNoBody) {
  const auto ex = run("HEAD /x HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\n");
  const auto head_end = ex.output.find("\r\n\r\n");
  ASSERT_NE(head_end, std::string::npos);
  EXPECT_EQ(ex.output.size(), head_end + 4) << "HEAD answer must not carry body bytes";
  EXPECT_NE(ex.output.find("Content-Length: "), std::string::npos);
  EXPECT_EQ(ex.output.find("Content-Length: 0\r\n"), std::string::npos);
}

TEST_F(SessionTest, AnswersAreExactlyTheseBytes) {
  const std::string fields = "Content-Type: text/plain\r\nX-Dup: a\r\nx-dup: b\r\nX-Other: padded\r\nX-Empty: \r\n"
                             "Content-Length: 5\r\n";
  for (const std::string shared : {"", "X-Shared-Body: 1\r\n"}) {
    const auto ex = run("GET /fixed HTTP/1.1\r\nHost: h\r\n" + shared + "\r\n" +                          //
                        "HEAD /fixed HTTP/1.1\r\nHost: h\r\n" + shared + "\r\n" +                         //
                        "GET /fixed HTTP/1.0\r\nHost: h\r\nConnection: keep-alive\r\n" + shared + "\r\n" +  //
                        "GET /fixed HTTP/1.1\r\nHost: h\r\nConnection: close\r\n" + shared + "\r\n");
    EXPECT_EQ(ex.end, SessionEnd::clean);
    EXPECT_EQ(ex.output, "HTTP/1.1 200 OK\r\n" + fields + "\r\nhello" +                               //
                             "HTTP/1.1 200 OK\r\n" + fields + "\r\n" +                                  //
                             "HTTP/1.0 200 OK\r\n" + fields + "Connection: keep-alive\r\n\r\nhello" +  //
                             "HTTP/1.1 200 OK\r\n" + fields + "Connection: close\r\n\r\nhello")
        << "shared body: " << !shared.empty();
  }
  const auto old = run("GET /fixed HTTP/1.0\r\nHost: h\r\n\r\nGET /fixed HTTP/1.0\r\nHost: h\r\n\r\n");
  EXPECT_EQ(old.output, "HTTP/1.0 200 OK\r\n" + fields + "\r\nhello") << "HTTP/1.0 without keep-alive: one answer";
}

// Answers below and above 16 KiB leave as the same bytes however the stream takes them: in partial writes, and
// through beast::flat_stream (how beast::ssl_stream writes), which sends a longer sequence's leading buffer alone.
TEST_F(SessionTest, LargeAnswersArriveWholeThroughPartialAndFlattenedWrites) {
  config.body_limit = 300'000;
  std::string input;
  std::vector<std::string> bodies;
  for (const std::size_t size : {std::size_t{0}, std::size_t{100}, std::size_t{16'384}, std::size_t{20'000},
                                 std::size_t{200'000}}) {
    std::string body(size, 'x');
    for (std::size_t i = 0; i < size; ++i) body[i] = static_cast<char>('a' + i % 26);
    for (const std::string shared : {"", "X-Shared-Body: 1\r\n"})
      input += "POST /large HTTP/1.1\r\nHost: h\r\n" + shared + "Content-Length: " + std::to_string(size) +
               "\r\n\r\n" + body;
    bodies.push_back(body);
    bodies.push_back(body);
  }
  core::RequestContext ctx;
  const auto plain = run_session(config, input, ctx);
  EXPECT_EQ(plain.end, SessionEnd::clean);
  const auto responses = parse(plain.output);
  ASSERT_EQ(responses.size(), bodies.size());
  for (std::size_t i = 0; i < bodies.size(); ++i) EXPECT_EQ(json_of(responses[i])["body"], bodies[i]) << i;
  for (const StreamShape shape : {StreamShape{.write_size = 1'000}, StreamShape{.flat = true},
                                  StreamShape{.write_size = 1'000, .flat = true}}) {
    const auto shaped = run_session(config, input, ctx, nullptr, shape);
    EXPECT_EQ(shaped.end, SessionEnd::clean) << shape.write_size << " " << shape.flat;
    EXPECT_TRUE(shaped.output == plain.output)
        << "write size " << shape.write_size << ", flat " << shape.flat << ": " << shaped.output.size() << " of "
        << plain.output.size() << " bytes";
  }
}

TEST_F(SessionTest, NoContentAnswerHasNoBodyAndNoContentLength) {
  const auto ex = run("DELETE /no-content HTTP/1.1\r\nHost: h\r\n\r\nGET /after HTTP/1.1\r\nHost: h\r\n\r\n");
  const auto responses = parse(ex.output);
  ASSERT_EQ(responses.size(), 2U);
  EXPECT_EQ(responses[0].result_int(), 204U);
  EXPECT_TRUE(responses[0].body().empty());
  EXPECT_EQ(responses[0].find(http::field::content_length), responses[0].end());
  EXPECT_EQ(json_of(responses[1])["target"], "/after");
}

TEST_F(SessionTest, ExpectContinueGetsTheInterim100BeforeTheAnswer) {
  const auto ex = run("POST /upload HTTP/1.1\r\nHost: h\r\nExpect: 100-continue\r\nContent-Length: 4\r\n\r\nbody");
  ASSERT_TRUE(ex.output.starts_with("HTTP/1.1 100 Continue\r\n\r\n")) << ex.output;
  const auto responses = parse(ex.output.substr(std::string_view("HTTP/1.1 100 Continue\r\n\r\n").size()));
  ASSERT_EQ(responses.size(), 1U);
  EXPECT_EQ(json_of(responses[0])["body"], "body");
}

TEST_F(SessionTest, ExpectContinueOverTheLimitGets413Instead) {
  const auto ex = run("POST /upload HTTP/1.1\r\nHost: h\r\nExpect: 100-continue\r\nContent-Length: 5000\r\n\r\n");
  EXPECT_EQ(ex.output.find("100 Continue"), std::string::npos);
  const auto responses = parse(ex.output);
  ASSERT_EQ(responses.size(), 1U);
  expect_genesys_error(responses[0], 413, "request.entity.too.large");
}

TEST_F(SessionTest, NoInterimAnswerWithoutExpect) {
  const auto ex = run("POST /upload HTTP/1.1\r\nHost: h\r\nContent-Length: 4\r\n\r\nbody");
  EXPECT_TRUE(ex.output.starts_with("HTTP/1.1 200 OK\r\n")) << ex.output;
}

TEST_F(SessionTest, AbsoluteFormTargetBecomesOriginFormWithItsAuthorityAsHost) {
  const auto ex = run("GET http://api.mypurecloud.de/api/v2/x?a=1 HTTP/1.1\r\nHost: proxy.local\r\n\r\n"
                      "GET http://login.mypurecloud.de HTTP/1.1\r\nHost: proxy.local\r\n\r\n");
  const auto responses = parse(ex.output);
  ASSERT_EQ(responses.size(), 2U);
  const auto first = json_of(responses[0]);
  EXPECT_EQ(first["target"], "/api/v2/x?a=1");
  EXPECT_EQ(first["headers"]["Host"], "api.mypurecloud.de");
  EXPECT_EQ(first["headers"].size(), 1U);
  const auto second = json_of(responses[1]);
  EXPECT_EQ(second["target"], "/");
  EXPECT_EQ(second["headers"]["Host"], "login.mypurecloud.de");
}

TEST_F(SessionTest, AnInvalidStatusFromTheCoreBecomes500) {
  const auto ex = run("GET /status/1000 HTTP/1.1\r\nHost: h\r\n\r\nGET /status/418 HTTP/1.1\r\nHost: h\r\n\r\n");
  EXPECT_FALSE(ex.threw);
  const auto responses = parse(ex.output);
  ASSERT_EQ(responses.size(), 2U);
  EXPECT_EQ(responses[0].result_int(), 500U);
  EXPECT_EQ(responses[1].result_int(), 418U);
}

TEST_F(SessionTest, ShellErrorCorrelationIdsAreDeterministicPerSeed) {
  CorrelationIds a{42};
  CorrelationIds b{42};
  CorrelationIds c{43};
  const auto first = a.next();
  EXPECT_EQ(first, b.next());
  EXPECT_NE(first, c.next());
  EXPECT_NE(first, a.next());
  EXPECT_EQ(first.size(), 36U);
  EXPECT_EQ(first[14], '4');
}

// Seeded byte mutations of a valid pipelined exchange (flips, truncations, insertions of CR/LF/NUL/':'):
// whatever arrives, the session finishes without throwing and everything it wrote is well-formed HTTP.
TEST_F(SessionTest, MutatedRequestsNeverCrashAndAlwaysGetWellFormedAnswers) {
  const std::string valid = "POST /api/v2/x?a=1 HTTP/1.1\r\nHost: api.mypurecloud.de\r\nContent-Type: application/json\r\n"
                            "Content-Length: 7\r\n\r\n{\"a\":1}GET /b HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n"
                            "3\r\nabc\r\n0\r\n\r\n";
  std::uint64_t state = 2026;  // fixed seed: the same 400 inputs every run
  auto next = [&state] { return mockgc::api::splitmix64(state); };
  const char specials[] = {'\r', '\n', '\0', ':', ' ', '\x7f', '\xff', '0', 'f'};
  for (int round = 0; round < 400; ++round) {
    std::string input = valid;
    const int edits = 1 + static_cast<int>(next() % 4);
    for (int e = 0; e < edits && !input.empty(); ++e) {
      const std::size_t at = next() % input.size();
      switch (next() % 4) {
        case 0: input[at] = static_cast<char>(next() & 0xffU); break;
        case 1: input.resize(at); break;
        case 2: input.insert(at, 1, specials[next() % sizeof specials]); break;
        default: input.erase(at, 1 + next() % 8); break;
      }
    }
    const auto ex = run(input);
    ASSERT_TRUE(ex.finished) << "round " << round;
    ASSERT_FALSE(ex.threw) << "round " << round << ": " << ex.exception;
    for (const auto& r : parse(ex.output)) {
      EXPECT_TRUE(r.result_int() == 200U || r.result_int() == 400U || r.result_int() == 413U || r.result_int() == 414U ||
                  r.result_int() == 431U)
          << "round " << round << ": " << r.result_int();
    }
  }
}

// Every read and write of a pipelined exchange fails once, in turn: the session must end quietly (no throw,
// no crash) each time, and with enough budget it completes the whole exchange.
TEST_F(SessionTest, FailingAtEveryIoStepNeverThrows) {
  const std::string input = "GET /1 HTTP/1.1\r\nHost: h\r\n\r\nPOST /2 HTTP/1.1\r\nHost: h\r\nContent-Length: 3\r\n\r\nabc";
  bool completed = false;
  for (std::size_t n = 0; n < 100 && !completed; ++n) {
    beast_test::fail_count fail(n);
    const auto ex = run(input, &fail);
    ASSERT_TRUE(ex.finished) << "at step " << n;
    ASSERT_FALSE(ex.threw) << "at step " << n;
    if (ex.end == SessionEnd::clean) {
      completed = true;
      EXPECT_GE(n, 3U) << "two requests need at least a read and a write each";
      const auto responses = parse(ex.output);
      ASSERT_EQ(responses.size(), 2U);
      EXPECT_EQ(json_of(responses[1])["body"], "abc");
    } else {
      EXPECT_EQ(ex.end, SessionEnd::aborted) << "at step " << n;
    }
  }
  EXPECT_TRUE(completed);
}

}  // namespace
}  // namespace mockgc::testing
