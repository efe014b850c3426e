#pragma once
// gc-hub schedules push --html: per target the outcome, what was done and why.
#include <cstdint>
#include <string>

#include "mockgc/workflows/schedule_push.hpp"

namespace gchub {

std::string schedule_push_page(const mockgc::workflows::SchedulePushReport& report, std::uint64_t seed);

}  // namespace gchub
