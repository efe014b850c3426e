#include "mockgc/reports/junit.hpp"

#include <fmt/format.h>

#include <cstddef>

namespace mockgc::reports {
namespace {

constexpr std::string_view kReplacement = "\xEF\xBF\xBD";  // U+FFFD

// Length of the valid UTF-8 sequence starting at s[i], 0 when it is not one.
std::size_t utf8_length(std::string_view s, std::size_t i) {
  const auto b = static_cast<unsigned char>(s[i]);
  std::size_t n = 0;
  unsigned min = 0;
  unsigned cp = 0;
  if (b >= 0xC2 && b <= 0xDF) {
    n = 2, min = 0x80, cp = b & 0x1FU;
  } else if (b >= 0xE0 && b <= 0xEF) {
    n = 3, min = 0x800, cp = b & 0x0FU;
  } else if (b >= 0xF0 && b <= 0xF4) {
    n = 4, min = 0x10000, cp = b & 0x07U;
  } else {
    return 0;
  }
  if (i + n > s.size()) return 0;
  for (std::size_t k = 1; k < n; ++k) {
    const auto c = static_cast<unsigned char>(s[i + k]);
    if ((c & 0xC0U) != 0x80U) return 0;
    cp = (cp << 6U) | (c & 0x3FU);
  }
  if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF) || cp == 0xFFFE || cp == 0xFFFF) return 0;
  return n;
}

}  // namespace

std::string xml_escape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    const char c = text[i];
    const auto b = static_cast<unsigned char>(c);
    if (b < 0x80) {
      switch (c) {
        case '<': out += "&lt;"; break;
        case '>': out += "&gt;"; break;
        case '&': out += "&amp;"; break;
        case '"': out += "&quot;"; break;
        case '\'': out += "&apos;"; break;
        case '\t':
        case '\n':
        case '\r': out += c; break;
        default:
          if (b < 0x20 || b == 0x7F) out += kReplacement;
          else out += c;
      }
      ++i;
      continue;
    }
    const std::size_t n = utf8_length(text, i);
    if (n == 0) {
      out += kReplacement;
      ++i;
    } else {
      out.append(text.substr(i, n));
      i += n;
    }
  }
  return out;
}

std::string junit_xml(std::string_view name, const std::vector<JunitSuite>& suites) {
  std::size_t tests = 0, failures = 0, skipped = 0;
  std::string body;
  for (const auto& suite : suites) {
    std::size_t suite_failures = 0, suite_skipped = 0;
    std::string cases;
    for (const auto& c : suite.cases) {
      cases += "    <testcase";
      if (!c.classname.empty()) cases += fmt::format(" classname=\"{}\"", xml_escape(c.classname));
      cases += fmt::format(" name=\"{}\"", xml_escape(c.name));
      if (!c.failure && !c.skipped && c.system_out.empty()) {
        cases += "/>\n";
        continue;
      }
      cases += ">\n";
      if (c.failure) {
        ++suite_failures;
        if (c.failure->body.empty()) {
          cases += fmt::format("      <failure message=\"{}\"/>\n", xml_escape(c.failure->message));
        } else {
          cases += fmt::format("      <failure message=\"{}\">{}</failure>\n", xml_escape(c.failure->message),
                               xml_escape(c.failure->body));
        }
      }
      if (c.skipped) {
        ++suite_skipped;
        cases += fmt::format("      <skipped message=\"{}\"/>\n", xml_escape(*c.skipped));
      }
      if (!c.system_out.empty()) cases += fmt::format("      <system-out>{}</system-out>\n", xml_escape(c.system_out));
      cases += "    </testcase>\n";
    }
    body += fmt::format("  <testsuite name=\"{}\" tests=\"{}\" failures=\"{}\" errors=\"0\" skipped=\"{}\">\n",
                        xml_escape(suite.name), suite.cases.size(), suite_failures, suite_skipped);
    body += cases;
    body += "  </testsuite>\n";
    tests += suite.cases.size();
    failures += suite_failures;
    skipped += suite_skipped;
  }
  return fmt::format(
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"{}\" tests=\"{}\" failures=\"{}\" errors=\"0\" "
      "skipped=\"{}\">\n{}</testsuites>\n",
      xml_escape(name), tests, failures, skipped, body);
}

}  // namespace mockgc::reports
