#pragma once
// A one-line progress bar on stderr ("\r[#####.....]  5/10 ORG2"), cleared when done. Disabled → silent,
// so piped output and --json stay clean.
#include <cstddef>
#include <ostream>
#include <string_view>

namespace gchub {

class ProgressBar {
 public:
  ProgressBar(std::ostream& err, bool enabled, std::string_view label) : err_(err), enabled_(enabled), label_(label) {}
  ~ProgressBar() { finish(); }
  ProgressBar(const ProgressBar&) = delete;
  ProgressBar& operator=(const ProgressBar&) = delete;
  void update(std::size_t done, std::size_t total, std::string_view what);
  void finish();

 private:
  std::ostream& err_;
  bool enabled_;
  std::string_view label_;
  bool drawn_ = false;
};

}  // namespace gchub
