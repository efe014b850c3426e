// mockgc-synthetic-report FILE [ENTRIES]: writes the report page of a synthetic run (synthetic.hpp) with
// ENTRIES journal rows (default 1,000,000), for the browser test that opens a huge report.
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>

#include "synthetic.hpp"

int main(int argc, char** argv) {
  if (argc < 2 || argc > 3) {
    std::fputs("usage: mockgc-synthetic-report FILE [ENTRIES]\n", stderr);
    return 2;
  }
  const std::uint64_t entries = argc == 3 ? std::strtoull(argv[2], nullptr, 10) : 1'000'000;
  const auto run = mockgc::reports::testing::synthetic_run(entries);
  std::ofstream out(argv[1], std::ios::binary | std::ios::trunc);
  out << mockgc::reports::run_report_html(run.header, run.digest);
  return out.flush() ? 0 : 1;
}
