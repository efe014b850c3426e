#include "mockgc/reports/files.hpp"

#include <fmt/format.h>

#include <fstream>
#include <stdexcept>

namespace mockgc::reports {

void write_text_file(const std::filesystem::path& path, std::string_view text) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(text.data(), static_cast<std::streamsize>(text.size()));
  if (!out.flush()) throw std::runtime_error(fmt::format("cannot write {}", path.string()));
}

}  // namespace mockgc::reports
