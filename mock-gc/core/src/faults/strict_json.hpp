#pragma once
// Strict reading of scenario JSON objects: every error names the path and key ("faults[2].for: ..."),
// unknown keys are errors (FoundationDB-style: a typo must not silently disable a fault).
#include <initializer_list>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "mockgc/core/clock_text.hpp"

namespace mockgc::core::detail {

class JsonReader {
 public:
  JsonReader(const nlohmann::json& j, std::string context) : j_(j), context_(std::move(context)) {
    if (!j_.is_object()) throw std::invalid_argument(fmt::format("{}: must be a JSON object", context_));
  }

  void allow_keys(std::initializer_list<std::string_view> keys) const {
    for (const auto& item : j_.items()) {
      bool known = false;
      for (auto k : keys) known = known || item.key() == k;
      if (!known) throw std::invalid_argument(fmt::format("{}: unknown key \"{}\"", context_, item.key()));
    }
  }

  [[noreturn]] void fail(std::string_view key, std::string_view why) const {
    throw std::invalid_argument(fmt::format("{}.{}: {}", context_, key, why));
  }

  bool has(std::string_view key) const { return j_.contains(key); }
  const nlohmann::json& at(std::string_view key) const { return j_.at(std::string(key)); }
  const std::string& context() const { return context_; }
  std::string child(std::string_view key) const { return fmt::format("{}.{}", context_, key); }

  std::optional<std::string> optional_string(std::string_view key) const {
    if (!has(key)) return std::nullopt;
    const auto& v = at(key);
    if (!v.is_string()) fail(key, "must be a string");
    return v.get<std::string>();
  }
  std::string required_string(std::string_view key) const {
    auto v = optional_string(key);
    if (!v) fail(key, "is required");
    return *v;
  }
  std::optional<double> optional_number(std::string_view key) const {
    if (!has(key)) return std::nullopt;
    const auto& v = at(key);
    if (!v.is_number()) fail(key, "must be a number");
    return v.get<double>();
  }
  std::optional<std::int64_t> optional_int(std::string_view key) const {
    if (!has(key)) return std::nullopt;
    const auto& v = at(key);
    if (!v.is_number_integer()) fail(key, "must be an integer");
    return v.get<std::int64_t>();
  }
  std::optional<bool> optional_bool(std::string_view key) const {
    if (!has(key)) return std::nullopt;
    const auto& v = at(key);
    if (!v.is_boolean()) fail(key, "must be true or false");
    return v.get<bool>();
  }
  std::optional<Instant> optional_instant(std::string_view key) const {
    auto s = optional_string(key);
    if (!s) return std::nullopt;
    auto t = parse_instant(*s);
    if (!t) fail(key, fmt::format("\"{}\" is not an ISO-8601 instant (e.g. 2026-03-29T01:00:00Z)", *s));
    return t;
  }
  std::optional<Millis> optional_duration(std::string_view key) const {
    auto s = optional_string(key);
    if (!s) return std::nullopt;
    auto d = parse_duration(*s);
    if (!d) fail(key, fmt::format("\"{}\" is not an ISO-8601 duration (e.g. PT5M, -PT1H, PT0.5S)", *s));
    return d;
  }

 private:
  const nlohmann::json& j_;
  std::string context_;
};

}  // namespace mockgc::core::detail
