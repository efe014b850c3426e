#pragma once
// Shared input checks: every message names the argument and the offending value.
#include <cmath>
#include <optional>
#include <string>

#include <fmt/format.h>

#include "mockgc/capacity/result.hpp"

namespace mockgc::capacity::detail {

inline std::optional<Error> require_finite(double v, const char* what) {
  if (!std::isfinite(v)) return Error{fmt::format("{} must be a finite number (got {})", what, v)};
  return std::nullopt;
}
inline std::optional<Error> require_non_negative(double v, const char* what) {
  if (auto e = require_finite(v, what)) return e;
  if (v < 0.0) return Error{fmt::format("{} must be ≥ 0 (got {})", what, v)};
  return std::nullopt;
}
inline std::optional<Error> require_positive(double v, const char* what) {
  if (auto e = require_finite(v, what)) return e;
  if (v <= 0.0) return Error{fmt::format("{} must be > 0 (got {})", what, v)};
  return std::nullopt;
}
inline std::optional<Error> require_fraction(double v, const char* what, bool allow_one) {
  if (auto e = require_finite(v, what)) return e;
  if (v < 0.0 || v > 1.0 || (!allow_one && v == 1.0)) {
    return Error{fmt::format("{} must be in [0, 1{} (got {})", what, allow_one ? "]" : ")", v)};
  }
  return std::nullopt;
}

}  // namespace mockgc::capacity::detail
