#include "harness.hpp"

namespace mockgc::testing {

std::vector<HarnessKind> harness_kinds() {
  std::vector<HarnessKind> kinds{{"inprocess", &make_inprocess_harness}};
#ifdef MOCKGC_TEST_HAVE_LOOPBACK
  kinds.push_back({"loopback", &make_loopback_harness});
#endif
  return kinds;
}

}  // namespace mockgc::testing
