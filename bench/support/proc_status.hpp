#pragma once
// The benchmarks' memory readings: a field of /proc/self/status ("VmRSS", "VmHWM") in MiB, -1 when the
// field is missing (not Linux).
#include <cstdlib>
#include <fstream>
#include <string>
#include <string_view>

namespace mockgc::bench {

inline double proc_status_mib(std::string_view field) {
  std::ifstream in("/proc/self/status");
  for (std::string line; std::getline(in, line);)
    if (line.size() > field.size() && line.compare(0, field.size(), field) == 0 && line[field.size()] == ':')
      return std::strtod(line.c_str() + field.size() + 1, nullptr) / 1024.0;  // the kernel writes "NNN kB"
  return -1;
}

}  // namespace mockgc::bench
