// Any bytes through the shared wire parsers: request targets and query strings, ISO-8601 instants and dates,
// and the client's ErrorBody/JSON body parsing. Round-trip invariants where the parsers define them.
#include <string>

#include "fuzz_target.hpp"
#include "mockgc/api/error_body.hpp"
#include "mockgc/api/time.hpp"
#include "mockgc/api/url.hpp"
#include "mockgc/client/json_calls.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  using namespace mockgc::api;

  auto target = parse_target(text);
  (void)target.query.list("userId");
  if (auto decoded = percent_decode(text)) {
    if (percent_decode(percent_encode(*decoded)) != decoded) fuzz_fail("percent encode/decode round trip", text);
  }
  if (auto t = parse_instant(text)) {
    if (parse_instant(format_instant(*t)) != t) fuzz_fail("instant format/parse round trip", text);
  }
  if (auto d = parse_local_date(text)) {
    if (parse_local_date(format_local_date(*d)) != d) fuzz_fail("date format/parse round trip", text);
  }
  HttpResponse res;
  res.status = 400 + static_cast<int>(size % 200);
  res.headers.set("Content-Type", "application/json");
  res.body = text;
  (void)mockgc::api::error_body_of(res);
  (void)mockgc::client::parse_json_body(res);
  return 0;
}
