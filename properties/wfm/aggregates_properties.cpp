// Properties of POST /api/v2/analytics/conversations/aggregates/query over the generated history:
//  - summing PT15M buckets gives the PT1H and P1D buckets (per group and per bucket) for any interval and zone;
//  - the aggregates over any split of an interval add up to the aggregates of the whole.
#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include <functional>
#include <map>
#include <tuple>
#include <nlohmann/json.hpp>

#include "mockgc/api/time.hpp"
#include "mockgc/core/clock.hpp"
#include "support/harness.hpp"
#include "support/session.hpp"

using nlohmann::json;
using mockgc::core::Instant;

namespace {

constexpr const char* kRegion = "eu_central_1";
constexpr const char* kPath = "/api/v2/analytics/conversations/aggregates/query";

struct Shared {
  mockgc::api::ManualClock clock{*mockgc::api::parse_instant("2026-04-20T12:00:00Z")};
  std::unique_ptr<mockgc::testing::Harness> harness;
  std::string token;
  Shared() {
    mockgc::core::ServiceOptions o;
    o.clock = &clock;
    harness = mockgc::testing::make_inprocess_harness(o);
    token = mockgc::testing::login(*harness, kRegion);
  }
};

Shared& shared() {
  static Shared s;
  return s;
}

json run(const json& body) {
  auto res = shared().harness->send(kRegion, mockgc::testing::json_request("POST", kPath, shared().token, body));
  RC_ASSERT(res.status == 200);
  return json::parse(res.body);
}

// Per metric: count, sum (0 for nOffered), min, max.
struct Acc {
  std::uint64_t count = 0, sum = 0, min = UINT64_MAX, max = 0;
  void add(const json& stats) {
    count += stats["count"].get<std::uint64_t>();
    if (stats.contains("sum")) {
      sum += stats["sum"].get<std::uint64_t>();
      min = std::min(min, stats["min"].get<std::uint64_t>());
      max = std::max(max, stats["max"].get<std::uint64_t>());
    }
  }
  bool operator==(const Acc&) const = default;
};

// (group, metric) -> accumulated stats, optionally keyed by the bucket that contains each data interval.
using Key = std::tuple<std::string, std::string, std::string>;  // group dump, bucket, metric
std::map<Key, Acc> collect(const json& response, const std::function<std::string(Instant)>& bucket_of) {
  std::map<Key, Acc> out;
  if (!response.contains("results")) return out;
  for (const auto& g : response["results"])
    for (const auto& d : g["data"]) {
      const std::string iv = d["interval"];
      const Instant start = *mockgc::api::parse_instant(iv.substr(0, iv.find('/')));
      for (const auto& m : d["metrics"]) out[{g["group"].dump(), bucket_of(start), m["metric"]}].add(m["stats"]);
    }
  return out;
}

// Buckets of a coarse response: start instant of each data interval -> its interval string.
std::function<std::string(Instant)> containing_bucket(const json& coarse) {
  std::vector<std::pair<Instant, Instant>> spans;
  if (coarse.contains("results"))
    for (const auto& g : coarse["results"])
      for (const auto& d : g["data"]) {
        const std::string iv = d["interval"];
        spans.emplace_back(*mockgc::api::parse_instant(iv.substr(0, iv.find('/'))),
                           *mockgc::api::parse_instant(iv.substr(iv.find('/') + 1)));
      }
  return [spans](Instant t) {
    for (const auto& [a, b] : spans)
      if (a <= t && t < b) return mockgc::api::format_instant(a) + "/" + mockgc::api::format_instant(b);
    return std::string("none");
  };
}

rc::Gen<std::pair<Instant, Instant>> interval(int max_quarters) {
  return rc::gen::exec([max_quarters] {
    const Instant base = *mockgc::api::parse_instant("2026-02-01T00:00:00Z");
    const auto start_q = *rc::gen::inRange(0, 60 * 96);  // within Feb-Mar 2026 (incl. the London DST change)
    const auto len_q = *rc::gen::inRange(1, max_quarters + 1);
    const Instant a = base + std::chrono::minutes(15) * start_q;
    return std::make_pair(a, a + std::chrono::minutes(15) * len_q);
  });
}

std::string iso(std::pair<Instant, Instant> iv) {
  return mockgc::api::format_instant(iv.first) + "/" + mockgc::api::format_instant(iv.second);
}

const json kMetrics = {"nOffered", "tHandle", "tAnswered", "nTransferred"};

}  // namespace

RC_GTEST_PROP(AggregatesProperties, Pt15mBucketsSumToPt1hAndP1dBuckets, ()) {
  const auto iv = *interval(4 * 96);
  const std::string zone =
      *rc::gen::element<std::string>("UTC", "Europe/London", "Australia/Sydney", "America/New_York", "Asia/Kolkata",
                                     "America/St_Johns", "Asia/Kathmandu");
  const bool by_queue = *rc::gen::arbitrary<bool>();
  json body = {{"interval", iso(iv)}, {"timeZone", zone}, {"metrics", kMetrics}};
  if (by_queue) body["groupBy"] = {"queueId"};
  json fine = body, hourly = body, daily = body;
  fine["granularity"] = "PT15M";
  hourly["granularity"] = "PT1H";
  daily["granularity"] = "P1D";
  const json f = run(fine), h = run(hourly), d = run(daily);
  for (const json* coarse : {&h, &d}) {
    auto fine_in_coarse = collect(f, containing_bucket(*coarse));
    auto coarse_self = collect(*coarse, containing_bucket(*coarse));
    for (const auto& [k, v] : fine_in_coarse) RC_ASSERT(std::get<1>(k) != "none");
    RC_ASSERT(fine_in_coarse == coarse_self);
  }
}

RC_GTEST_PROP(AggregatesProperties, AnySplitOfAnIntervalAddsUpToTheWhole, ()) {
  const auto iv = *interval(3 * 96);
  const auto quarters = static_cast<int>((iv.second - iv.first) / std::chrono::minutes(15));
  RC_PRE(quarters >= 2);
  const auto cut = iv.first + std::chrono::minutes(15) * *rc::gen::inRange(1, quarters);
  const std::string granularity = *rc::gen::element<std::string>("", "PT15M", "PT1H");
  auto body = [&](std::pair<Instant, Instant> part) {
    json b = {{"interval", iso(part)}, {"groupBy", {"queueId"}}, {"metrics", kMetrics}};
    if (!granularity.empty()) b["granularity"] = granularity;
    return b;
  };
  auto whole_bucket = [](Instant) { return std::string("all"); };
  auto whole = collect(run(body(iv)), whole_bucket);
  auto left = collect(run(body({iv.first, cut})), whole_bucket);
  auto right = collect(run(body({cut, iv.second})), whole_bucket);
  for (const auto& [k, v] : right) {
    auto& acc = left[k];
    acc.count += v.count;
    acc.sum += v.sum;
    acc.min = std::min(acc.min, v.min);
    acc.max = std::max(acc.max, v.max);
  }
  RC_ASSERT(left == whole);
}
