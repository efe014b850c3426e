#include "mockgc/capacity/staffing.hpp"

#include <cmath>

#include "validate.hpp"

namespace mockgc::capacity {

using namespace detail;

Status validate(const StaffingTarget& t) {
  if (t.service_level) {
    if (auto e = require_fraction(*t.service_level, "service-level target", false)) return *e;
  }
  if (auto e = require_non_negative(t.sl_seconds, "service-level threshold (seconds)")) return *e;
  if (t.max_occupancy) {
    if (auto e = require_positive(*t.max_occupancy, "max occupancy")) return *e;
    if (*t.max_occupancy > 1.0) {
      return Error{fmt::format("max occupancy must be in (0, 1] (got {})", *t.max_occupancy)};
    }
  }
  if (t.max_asa_seconds) {
    if (auto e = require_positive(*t.max_asa_seconds, "max ASA (seconds)")) return *e;
  }
  if (t.max_p_wait) {
    if (auto e = require_positive(*t.max_p_wait, "max P(wait)")) return *e;
    if (*t.max_p_wait > 1.0) return Error{fmt::format("max P(wait) must be ≤ 1 (got {})", *t.max_p_wait)};
  }
  if (t.max_abandon) {
    if (auto e = require_positive(*t.max_abandon, "max P(abandon)")) return *e;
    if (*t.max_abandon > 1.0) {
      return Error{fmt::format("max P(abandon) must be ≤ 1 (got {})", *t.max_abandon)};
    }
  }
  return ok_status();
}

int erlang_c_search_start(double erlangs) noexcept {
  return static_cast<int>(std::floor(erlangs)) + 1;
}

namespace {
constexpr double kMaxErlangs = 5.0e6;

bool meets_erlang_c(const ErlangCMetrics& m, const StaffingTarget& t) {
  if (t.service_level && m.service_level < *t.service_level) return false;
  if (t.max_asa_seconds && m.asa_seconds > *t.max_asa_seconds) return false;
  if (t.max_p_wait && m.p_wait > *t.max_p_wait) return false;
  if (t.max_occupancy && m.occupancy > *t.max_occupancy) return false;
  return true;
}

bool meets_erlang_a(const ErlangAMetrics& m, const StaffingTarget& t) {
  if (t.service_level && m.service_level(t.sl_definition) < *t.service_level) return false;
  if (t.max_asa_seconds && m.asa_seconds > *t.max_asa_seconds) return false;
  if (t.max_p_wait && m.p_wait > *t.max_p_wait) return false;
  if (t.max_abandon && m.p_abandon > *t.max_abandon) return false;
  if (t.max_occupancy && m.occupancy > *t.max_occupancy) return false;
  return true;
}
}  // namespace

Result<ErlangCMetrics> required_agents_erlang_c(double erlangs, double aht_seconds,
                                                const StaffingTarget& target) {
  if (auto e = require_non_negative(erlangs, "offered load (Erlangs)")) return *e;
  if (erlangs > kMaxErlangs) return Error{fmt::format("offered load {} E exceeds {} E", erlangs, kMaxErlangs)};
  if (auto e = require_positive(aht_seconds, "AHT (seconds)")) return *e;
  if (auto s = validate(target); !s) return s.error();
  if (erlangs == 0.0) return erlang_c_from_b(0, 0.0, 1.0, aht_seconds, target.sl_seconds);

  const int start = erlang_c_search_start(erlangs);
  double b = 1.0;
  for (int n = 1; n < start; ++n) b = erlangs * b / (n + erlangs * b);
  // Far beyond any sensible answer: SL → 1, ASA → 0 geometrically once N > A + O(√A).
  const long limit = static_cast<long>(start) + 1000L + 50L * static_cast<long>(std::sqrt(erlangs) + 1.0);
  for (int n = start; n <= limit; ++n) {
    b = erlangs * b / (n + erlangs * b);  // carry B(n, A) along: one step per candidate
    ErlangCMetrics m = erlang_c_from_b(n, erlangs, b, aht_seconds, target.sl_seconds);
    if (meets_erlang_c(m, target)) return m;
  }
  return Error{fmt::format("no staffing up to {} agents meets the target for A = {} E", limit, erlangs)};
}

Result<ErlangAMetrics> required_agents_erlang_a(double erlangs, double aht_seconds,
                                                double patience_seconds,
                                                const StaffingTarget& target) {
  if (auto e = require_non_negative(erlangs, "offered load (Erlangs)")) return *e;
  if (erlangs > kMaxErlangs) return Error{fmt::format("offered load {} E exceeds {} E", erlangs, kMaxErlangs)};
  if (auto s = validate(target); !s) return s.error();
  auto eval = [&](int n) {
    return evaluate_erlang_a(n, erlangs, aht_seconds, patience_seconds, target.sl_seconds);
  };
  if (erlangs == 0.0) {
    auto m = eval(1);
    if (!m) return m.error();
    ErlangAMetrics zero = *m;
    zero.agents = 0;
    return zero;
  }
  int lo = 1;
  auto first = eval(lo);
  if (!first) return first.error();
  if (meets_erlang_a(*first, target)) return first;
  // Invariant: lo fails. Bracket by doubling, then bisect.
  long hi = std::max(2L, static_cast<long>(std::ceil(erlangs)));
  Result<ErlangAMetrics> at_hi = eval(static_cast<int>(hi));
  for (;;) {
    if (!at_hi) return at_hi.error();
    if (meets_erlang_a(*at_hi, target)) break;
    lo = static_cast<int>(hi);
    hi *= 2;
    if (hi > 4 * static_cast<long>(kMaxErlangs)) {
      return Error{fmt::format("no staffing meets the Erlang A target for A = {} E", erlangs)};
    }
    at_hi = eval(static_cast<int>(hi));
  }
  Result<ErlangAMetrics> best = std::move(at_hi);
  long h = hi;
  while (h - lo > 1) {
    const long mid = lo + (h - lo) / 2;
    auto m = eval(static_cast<int>(mid));
    if (!m) return m.error();
    if (meets_erlang_a(*m, target)) {
      h = mid;
      best = std::move(m);
    } else {
      lo = static_cast<int>(mid);
    }
  }
  return best;
}

}  // namespace mockgc::capacity
