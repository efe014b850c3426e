// Same seed + scenario ⇒ identical journal: a miniature pipeline (fault plan → rate limiter → journal)
// over a virtual clock is run twice from scratch and must export byte-identical JSON Lines.
#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include <sstream>

#include "fault_generators.hpp"
#include "mockgc/api/time.hpp"
#include "mockgc/core/faults/rate_limiter.hpp"
#include "mockgc/core/journal/request_journal.hpp"

using namespace mockgc::core;
using namespace mockgc::core::faults;
using namespace mockgc::core::journal;

namespace {

struct Req {
  std::int64_t gap_ms;
  std::string region, client, method, path;
};

rc::Gen<std::vector<Req>> requests() {
  auto one = rc::gen::exec([] {
    return Req{*rc::gen::inRange<std::int64_t>(0, 20'000), *rc::gen::element<std::string>("eu_central_1", "us_east_1"),
               *rc::gen::element<std::string>("client-a", "client-b"), *rc::gen::element<std::string>("GET", "PUT"),
               *rc::gen::element<std::string>("/api/v2/users/u1", "/api/v2/analytics/conversations/aggregates/query",
                                              "/api/v2/routing/queues")};
  });
  return rc::gen::container<std::vector<Req>>(one);
}

std::string run(const std::vector<Fault>& faults, std::uint64_t seed, const std::vector<Req>& reqs, std::size_t capacity) {
  const Instant start = *mockgc::api::parse_instant("2026-10-25T00:30:00Z");
  mockgc::api::ManualClock clock(start);
  FaultPlan plan(faults, start, seed);
  RateLimitConfig limits;
  limits.client_per_minute = 5;
  limits.rules = plan.rate_limit_rules();
  RateLimiter limiter(clock, limits);
  RequestJournal journal(JournalConfig{capacity});
  std::uint64_t ordinal = 0;
  for (const auto& r : reqs) {
    clock.advance(Millis(r.gap_ms));
    Instant now = clock.now();
    auto d = plan.evaluate({now, r.region, r.method, r.path, r.client, ++ordinal});
    int status = 200;
    std::string fault = d.applied;
    if (d.early) {
      status = d.early->status;
    } else if (auto rl = limiter.check_at(now, r.region, r.client, r.method, r.path); !rl.allowed) {
      status = 429;
      fault += fault.empty() ? "rate_limit" : ",rate_limit";
    }
    clock.advance(d.latency);  // virtual mode: injected latency advances the virtual clock
    journal.append({now, r.region, r.client, r.method, r.path, "", r.path, status, d.latency.count(), fault, {}});
  }
  std::ostringstream out;
  journal.export_jsonl(out);
  return out.str();
}

}  // namespace

RC_GTEST_PROP(JournalProps, SameSeedAndScenarioGiveIdenticalJournal, ()) {
  auto faults = *mockgc::properties::valid_faults(6);
  auto seed = *rc::gen::arbitrary<std::uint64_t>();
  auto reqs = *requests();
  auto capacity = *rc::gen::inRange<std::size_t>(1, 64);
  auto first = run(faults, seed, reqs, capacity);
  RC_ASSERT(first == run(faults, seed, reqs, capacity));
  auto lines = static_cast<std::size_t>(std::count(first.begin(), first.end(), '\n'));
  RC_ASSERT(lines == std::min(reqs.size(), capacity));
}
