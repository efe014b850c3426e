#pragma once
// The one place tests include Beast's _experimental test stream (in-memory, fail_count-driven I/O).
#include <boost/beast/_experimental/test/fail_count.hpp>
#include <boost/beast/_experimental/test/stream.hpp>

namespace mockgc::testing {
namespace beast_test = boost::beast::test;
}  // namespace mockgc::testing
