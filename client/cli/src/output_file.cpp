#include <fmt/format.h>

#include <fstream>
#include <ostream>

#include "command.hpp"

namespace gchub {

int write_output_file(std::string_view command, const std::string& path, std::string_view text, std::ostream& err) {
  std::ofstream f(path, std::ios::binary | std::ios::trunc);
  f.write(text.data(), static_cast<std::streamsize>(text.size()));
  f.close();
  if (!f) {
    err << fmt::format("gc-hub {}: cannot write {}\n", command, path);
    return kExitFailure;
  }
  return kExitOk;
}

}  // namespace gchub
