#pragma once
// The outputs of a check, each a pure function of the CheckReport (byte-deterministic: no wall-clock time,
// floats through fmt): report.json (keys in the documented order below), junit.xml (one <testsuite> per
// region and "run" for region-less rules) and the console lines.
#include <string>

#include "mockgc/check/result.hpp"

namespace mockgc::check {

// report.json: {scenario, seed, speed, command, exit_code, timed_out, verdict, rules: [{id, severity, region,
// status, findings: [{at, seq, method, path, status, message}], finding_count, note}], untested_faults,
// requests}, two-space indented, ending in a newline.
std::string report_json(const CheckReport& report);
// junit.xml through mockgc::reports: classname "mock-gc.check.<rule>", name "<rule> [<region>]", a <failure>
// whose message is the first finding and whose body lists them all; warn and not-applicable reasons in
// <system-out>.
std::string junit_xml(const CheckReport& report);
// "pass  retry-after  eu_central_1  <note>" / "FAIL  retry-after  eu_central_1  <first finding>" / "warn …" /
// "n/a  …  <why>"; region-less rules show "-" as region.
std::string console_line(const RuleResult& result);
// "verdict: pass (0 rules failed, 1 warnings, 3 not applicable; untested faults: none)"
std::string verdict_line(const CheckReport& report);
// Every console line, then the verdict line, each ending in a newline.
std::string console_text(const CheckReport& report);

}  // namespace mockgc::check
