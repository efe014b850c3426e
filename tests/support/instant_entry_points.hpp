#pragma once
// The three doors an ISO-8601 instant comes in by, each driven the way a user would: a request body
// (the analytics aggregates `interval`), a scenario file (`clock.start`) and the admin API
// (`POST /mockgc/admin/clock/set`, in-process). They must all speak mockgc/api/time.hpp's one grammar.
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "mockgc/api/time.hpp"
#include "mockgc/core/clock.hpp"
#include "support/harness.hpp"

namespace mockgc::testing {

// How each door answered one text: accepted (parsed, whatever else it then said) or rejected as a date.
struct InstantVerdicts {
  bool request_body = false;  // not 400 invalid.date
  bool scenario = false;      // parse_scenario did not throw
  bool admin = false;         // not 400 bad.request (200, or 409 for an instant before the virtual now)
  std::optional<api::Instant> scenario_start;  // clock.start as the scenario loader read it
  std::optional<api::Instant> admin_now;       // the virtual clock after an accepted set
};

class InstantEntryPoints {
 public:
  InstantEntryPoints();
  InstantVerdicts verdicts(std::string_view text);

 private:
  std::unique_ptr<Harness> api_;  // its own world: the admin door moves the other world's clock
  std::string token_;
  std::unique_ptr<api::ManualClock> clock_;
  std::unique_ptr<Harness> admin_;
};

}  // namespace mockgc::testing
