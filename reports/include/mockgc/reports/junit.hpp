#pragma once
// A generic JUnit XML writer (the common schema GitLab, Jenkins and GitHub test reporters read): suites of
// test cases, each with at most one <failure> (message + body), an optional <skipped> and <system-out>.
// Deterministic bytes: no timestamps, no hostnames; everything is escaped (markup characters and the control
// characters XML 1.0 cannot carry).
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace mockgc::reports {

struct JunitFailure {
  std::string message;  // the attribute: one line (the first problem)
  std::string body;     // the element text: every problem, one per line; empty = a self-closing <failure/>
  bool operator==(const JunitFailure&) const = default;
};

struct JunitCase {
  std::string classname;  // empty = attribute omitted
  std::string name;
  std::optional<JunitFailure> failure;
  std::optional<std::string> skipped;  // reason; a skipped case counts in `skipped`, not `failures`
  std::string system_out;              // empty = no <system-out>
  bool operator==(const JunitCase&) const = default;
};

struct JunitSuite {
  std::string name;
  std::vector<JunitCase> cases;
  bool operator==(const JunitSuite&) const = default;
};

// <?xml …?><testsuites name tests failures skipped><testsuite …><testcase …>…</testsuites>, newline-terminated.
std::string junit_xml(std::string_view name, const std::vector<JunitSuite>& suites);

// Escapes < > & " ' as entities; control characters other than tab, LF and CR (XML 1.0 cannot carry them)
// and bytes that are not valid UTF-8 become U+FFFD, so any input yields a well-formed document.
std::string xml_escape(std::string_view text);

}  // namespace mockgc::reports
