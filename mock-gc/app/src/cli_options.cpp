#include "cli_options.hpp"

#include <charconv>
#include <cmath>

#include <CLI/CLI.hpp>

#include "mockgc/api/time.hpp"

namespace mockgc::app {

CLI::Option* add_duration(CLI::App& app, const std::string& flag, core::Millis& target, const std::string& help) {
  return app
      .add_option_function<std::string>(
          flag,
          [&target, flag](const std::string& text) {
            const auto d = api::parse_duration(text);
            if (!d || d->count() <= 0)
              throw CLI::ValidationError(flag + " expects a positive ISO-8601 duration such as PT10M, got '" + text +
                                         "'");
            target = *d;
          },
          help)
      ->type_name("DURATION");
}

const CLI::Validator& positive_finite() {
  static const CLI::Validator validator(
      [](std::string& text) -> std::string {
        double v = 0;
        const auto* end = text.data() + text.size();
        const auto [ptr, ec] = std::from_chars(text.data(), end, v);
        if (text.empty() || ec != std::errc{} || ptr != end || !std::isfinite(v) || v <= 0)
          return "expects a positive number, got '" + text + "'";
        return {};
      },
      "X>0");
  return validator;
}

}  // namespace mockgc::app
