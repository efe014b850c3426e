#pragma once
// The one strict reader of mock-gc's own JSON (scenario files and their sections, the admin API's fault
// injection): unknown keys are errors (FoundationDB-style: a typo must not silently disable a fault), and
// every error names its place as a JSON pointer (RFC 6901) into the document, "/faults/2/for: …".
// Errors are StrictJsonError (a std::invalid_argument); parse_scenario adds the file and line.
#include <cstdint>
#include <initializer_list>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "mockgc/api/time.hpp"

namespace mockgc::core::detail {

// `pointer` + "/" + `token`, escaped as RFC 6901 asks ('~' -> "~0", '/' -> "~1").
inline std::string pointer_child(std::string_view pointer, std::string_view token) {
  std::string out(pointer);
  out += '/';
  for (char c : token) out += c == '~' ? std::string_view("~0") : c == '/' ? std::string_view("~1") : std::string_view(&c, 1);
  return out;
}
inline std::string pointer_child(std::string_view pointer, std::size_t index) {
  return fmt::format("{}/{}", pointer, index);
}

// what() is "<pointer>: <reason>" ("/" names the document itself).
class StrictJsonError : public std::invalid_argument {
 public:
  StrictJsonError(std::string pointer, std::string reason)
      : std::invalid_argument(fmt::format("{}: {}", pointer.empty() ? "/" : pointer, reason)),
        pointer_(std::move(pointer)),
        reason_(std::move(reason)) {}
  const std::string& pointer() const { return pointer_; }
  const std::string& reason() const { return reason_; }
  // The same error for a document nested at `prefix` (a section read on its own, then placed in a file).
  StrictJsonError under(std::string_view prefix) const { return {std::string(prefix) + pointer_, reason_}; }

 private:
  std::string pointer_;
  std::string reason_;
};

// Reads one JSON object found at `pointer`.
class JsonReader {
 public:
  JsonReader(const nlohmann::json& j, std::string pointer) : j_(j), pointer_(std::move(pointer)) {
    if (!j_.is_object()) fail_here("expected a JSON object");
  }

  // An unknown key fails at its own place: "/world/extra: unknown key 'extra' (allowed here: orgs, …)".
  void allow_keys(std::initializer_list<std::string_view> keys) const {
    for (const auto& item : j_.items()) {
      bool known = false;
      for (auto k : keys) known = known || item.key() == k;
      if (known) continue;
      std::string list;
      for (auto k : keys) list += fmt::format("{}{}", list.empty() ? "" : ", ", k);
      fail(item.key(), fmt::format("unknown key '{}' (allowed here: {})", item.key(), list));
    }
  }

  [[noreturn]] void fail_here(std::string_view why) const { throw StrictJsonError(pointer_, std::string(why)); }
  [[noreturn]] void fail(std::string_view key, std::string_view why) const {
    throw StrictJsonError(child(key), std::string(why));
  }

  bool has(std::string_view key) const { return j_.contains(key); }
  const nlohmann::json* find(std::string_view key) const {
    const auto it = j_.find(key);
    return it == j_.end() ? nullptr : &*it;
  }
  const nlohmann::json& at(std::string_view key) const { return j_.at(std::string(key)); }
  const std::string& pointer() const { return pointer_; }
  std::string child(std::string_view key) const { return pointer_child(pointer_, key); }

  std::optional<std::string> optional_string(std::string_view key) const {
    const auto* v = find(key);
    if (!v) return std::nullopt;
    if (!v->is_string()) fail(key, fmt::format("'{}' must be a string", key));
    return v->get<std::string>();
  }
  std::string required_string(std::string_view key) const {
    auto v = optional_string(key);
    if (!v) fail(key, fmt::format("missing required key '{}'", key));
    return *v;
  }
  std::optional<double> optional_number(std::string_view key) const {
    const auto* v = find(key);
    if (!v) return std::nullopt;
    if (!v->is_number()) fail(key, fmt::format("'{}' must be a number", key));
    return v->get<double>();
  }
  std::optional<std::int64_t> optional_int(std::string_view key) const {
    const auto* v = find(key);
    if (!v) return std::nullopt;
    if (!v->is_number_integer()) fail(key, fmt::format("'{}' must be an integer", key));
    return v->get<std::int64_t>();
  }
  // `fallback` when absent; an integer outside min … max fails.
  int integer(std::string_view key, int fallback, int min, int max) const {
    const auto n = optional_int(key);
    if (!n) return fallback;
    if (*n < min || *n > max) fail(key, fmt::format("'{}' must be between {} and {} (got {})", key, min, max, *n));
    return static_cast<int>(*n);
  }
  std::optional<bool> optional_bool(std::string_view key) const {
    const auto* v = find(key);
    if (!v) return std::nullopt;
    if (!v->is_boolean()) fail(key, fmt::format("'{}' must be true or false", key));
    return v->get<bool>();
  }
  // An empty array when absent and not required.
  const nlohmann::json& array(std::string_view key, bool required) const {
    static const nlohmann::json empty = nlohmann::json::array();
    const auto* v = find(key);
    if (!v) {
      if (required) fail(key, fmt::format("missing required key '{}'", key));
      return empty;
    }
    if (!v->is_array()) fail(key, fmt::format("'{}' must be an array", key));
    return *v;
  }
  std::optional<api::Instant> optional_instant(std::string_view key) const {
    auto s = optional_string(key);
    if (!s) return std::nullopt;
    auto t = api::parse_instant(*s);
    if (!t) fail(key, fmt::format("'{}': '{}' is not an ISO-8601 instant (e.g. 2026-03-29T01:00:00Z)", key, *s));
    return t;
  }
  std::optional<std::chrono::milliseconds> optional_duration(std::string_view key) const {
    auto s = optional_string(key);
    if (!s) return std::nullopt;
    auto d = api::parse_duration(*s);
    if (!d) fail(key, fmt::format("'{}': '{}' is not an ISO-8601 duration (e.g. PT5M, -PT1H, PT0.5S)", key, *s));
    return d;
  }

 private:
  const nlohmann::json& j_;
  std::string pointer_;
};

}  // namespace mockgc::core::detail
