#pragma once
// Domain-valid RapidCheck generators for faults (valid UTF-8, legal paths, bounded sizes). Kept next to
// the fault properties until a shared properties/support library exists.
#include <rapidcheck.h>

#include <string>
#include <vector>

#include "mockgc/core/faults/fault_plan.hpp"

namespace mockgc::properties {

rc::Gen<std::string> utf8_text();                 // 1…12 characters, ASCII and multi-byte
rc::Gen<core::faults::Fault> valid_fault();      // id left empty: plans assign unique ids
rc::Gen<std::vector<core::faults::Fault>> valid_faults(int max_count = 8);

}  // namespace mockgc::properties
