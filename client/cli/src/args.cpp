#include "args.hpp"

#include <charconv>
#include <cmath>

#include <fmt/format.h>

namespace gchub {

std::optional<Args> Args::parse(std::span<const std::string_view> argv, std::span<const FlagSpec> specs,
                                std::string& error) {
  Args a;
  for (std::size_t i = 0; i < argv.size(); ++i) {
    std::string_view arg = argv[i];
    if (arg.size() < 3 || arg.substr(0, 2) != "--") {
      error = fmt::format("unexpected argument '{}'", arg);
      return std::nullopt;
    }
    arg.remove_prefix(2);
    std::optional<std::string_view> inline_value;
    if (auto eq = arg.find('='); eq != std::string_view::npos) {
      inline_value = arg.substr(eq + 1);
      arg = arg.substr(0, eq);
    }
    const FlagSpec* spec = nullptr;
    for (const auto& s : specs) {
      if (s.name == arg) spec = &s;
    }
    if (spec == nullptr) {
      error = fmt::format("unknown flag '--{}'", arg);
      return std::nullopt;
    }
    std::string value;
    if (spec->takes_value) {
      if (inline_value) {
        value = std::string(*inline_value);
      } else if (i + 1 < argv.size()) {
        value = std::string(argv[++i]);
      } else {
        error = fmt::format("flag '--{}' needs a value", arg);
        return std::nullopt;
      }
    } else if (inline_value) {
      error = fmt::format("flag '--{}' takes no value", arg);
      return std::nullopt;
    }
    auto& slot = a.values_[std::string(arg)];
    if (!slot.empty() && !spec->repeatable) {
      error = fmt::format("flag '--{}' given more than once", arg);
      return std::nullopt;
    }
    slot.push_back(std::move(value));
  }
  return a;
}

bool Args::has(std::string_view name) const { return values_.find(name) != values_.end(); }

std::vector<std::string> Args::all(std::string_view name) const {
  auto it = values_.find(name);
  return it == values_.end() ? std::vector<std::string>{} : it->second;
}

std::optional<std::string> Args::text(std::string_view name) const {
  auto it = values_.find(name);
  if (it == values_.end()) return std::nullopt;
  return it->second.front();
}

std::optional<double> Args::number(std::string_view name, std::string& error) const {
  auto t = text(name);
  if (!t) return std::nullopt;
  double v = 0.0;
  const char* b = t->data();
  const char* e = b + t->size();
  auto [p, ec] = std::from_chars(b, e, v);
  if (ec != std::errc{} || p != e || !std::isfinite(v)) {
    error = fmt::format("--{} expects a finite number (got '{}')", name, *t);
    return std::nullopt;
  }
  return v;
}

std::optional<std::int64_t> Args::integer(std::string_view name, std::string& error) const {
  auto t = text(name);
  if (!t) return std::nullopt;
  std::int64_t v = 0;
  const char* b = t->data();
  const char* e = b + t->size();
  auto [p, ec] = std::from_chars(b, e, v);
  if (ec != std::errc{} || p != e) {
    error = fmt::format("--{} expects an integer (got '{}')", name, *t);
    return std::nullopt;
  }
  return v;
}

std::optional<std::uint64_t> Args::unsigned_integer(std::string_view name, std::string& error) const {
  auto t = text(name);
  if (!t) return std::nullopt;
  std::uint64_t v = 0;
  const char* b = t->data();
  const char* e = b + t->size();
  auto [p, ec] = std::from_chars(b, e, v);
  if (ec != std::errc{} || p != e) {
    error = fmt::format("--{} expects a non-negative integer (got '{}')", name, *t);
    return std::nullopt;
  }
  return v;
}

}  // namespace gchub
