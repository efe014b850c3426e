#include "workflow/progress_bar.hpp"

#include <fmt/format.h>

#include <string>

namespace gchub {

void ProgressBar::update(std::size_t done, std::size_t total, std::string_view what) {
  if (!enabled_ || total == 0) return;
  constexpr std::size_t kWidth = 30;
  const std::size_t filled = done >= total ? kWidth : done * kWidth / total;
  err_ << fmt::format("\r{} [{}{}] {}/{} {:<24.24}", label_, std::string(filled, '#'), std::string(kWidth - filled, '.'),
                      done, total, what)
       << std::flush;
  drawn_ = true;
}

void ProgressBar::finish() {
  if (!drawn_) return;
  err_ << "\r" << std::string(80, ' ') << "\r" << std::flush;
  drawn_ = false;
}

}  // namespace gchub
