#include "harness.hpp"

namespace mockgc::testing {

std::vector<HarnessKind> harness_kinds() {
  return {{"inprocess", &make_inprocess_harness}, {"loopback", &make_loopback_harness}};
}

}  // namespace mockgc::testing
