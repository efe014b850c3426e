#pragma once
// A small strict flag parser: --name value or --name=value, boolean switches, repeatable flags.
// Unknown flags, missing values and malformed numbers are errors with a message naming the flag.
#include <cstdint>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace gchub {

struct FlagSpec {
  std::string_view name;  ///< without the leading "--"
  bool takes_value = true;
  bool repeatable = false;
};

class Args {
 public:
  /// Returns nullopt and sets `error` on a parse error.
  static std::optional<Args> parse(std::span<const std::string_view> argv, std::span<const FlagSpec> specs,
                                   std::string& error);

  [[nodiscard]] bool has(std::string_view name) const;
  [[nodiscard]] std::vector<std::string> all(std::string_view name) const;
  /// Strict numeric accessors: nullopt when absent; `error` set when present but malformed.
  std::optional<double> number(std::string_view name, std::string& error) const;
  std::optional<std::int64_t> integer(std::string_view name, std::string& error) const;
  std::optional<std::uint64_t> unsigned_integer(std::string_view name, std::string& error) const;
  std::optional<std::string> text(std::string_view name) const;

 private:
  std::map<std::string, std::vector<std::string>, std::less<>> values_;
};

}  // namespace gchub
