#pragma once
// The options of the plain-executable benchmarks: `--name value` pairs with positive integer values. Google
// Benchmark's own flags (`--benchmark…`, which `make bench` passes to every bench) are skipped. Throws
// std::invalid_argument naming the option for an odd count or a value that is not a positive number.
#include <cstdlib>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace mockgc::bench {

inline std::vector<std::pair<std::string, long>> positive_options(int argc, char** argv) {
  std::vector<std::string> args;
  for (int i = 1; i < argc; ++i)
    if (std::string(argv[i]).rfind("--benchmark", 0) != 0) args.emplace_back(argv[i]);
  if (args.size() % 2 != 0) throw std::invalid_argument("options come in pairs: --name value");
  std::vector<std::pair<std::string, long>> out;
  for (std::size_t i = 0; i + 1 < args.size(); i += 2) {
    const long value = std::strtol(args[i + 1].c_str(), nullptr, 10);
    if (value <= 0) throw std::invalid_argument(args[i] + " needs a positive number");
    out.emplace_back(args[i], value);
  }
  return out;
}

}  // namespace mockgc::bench
