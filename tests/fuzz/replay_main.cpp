// Standalone driver for g++ builds (the pattern of cpp-httplib's standalone_fuzz_target_runner and fmt's
// FMT_FUZZ_LINKMAIN): replays every corpus file, then a bounded number of seeded mutations of them
// (bit flips, byte edits, truncation, splices), so the CTest `fuzz` label explores beyond the corpus
// deterministically. Usage: fuzz_x [--mutations N] [--seed S] CORPUS_DIR_OR_FILE...
#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "fuzz_target.hpp"
#include "mockgc/api/random.hpp"

namespace {

std::string g_current;

std::string mutate(std::string s, const std::vector<std::string>& corpus, mockgc::api::Rng& rng) {
  const int edits = 1 + static_cast<int>(rng.below(4));
  for (int e = 0; e < edits; ++e) {
    switch (rng.below(7)) {
      case 0:  // flip a bit
        if (!s.empty()) s[rng.below(s.size())] ^= static_cast<char>(1u << rng.below(8));
        break;
      case 1:  // overwrite a byte with an interesting one
        if (!s.empty()) {
          static const char interesting[] = {'\0', '\xff', '"', '{', '}', '[', ']', ',', ':', '%', '\r', '\n', ' ', '?', '&', '=', '/', '\\'};
          s[rng.below(s.size())] = interesting[rng.below(sizeof interesting)];
        }
        break;
      case 2:  // insert random bytes
        s.insert(rng.below(s.size() + 1), std::string(1 + rng.below(8), static_cast<char>(rng.next())));
        break;
      case 3:  // delete a range
        if (!s.empty()) {
          auto at = rng.below(s.size());
          s.erase(at, 1 + rng.below(16));
        }
        break;
      case 4:  // truncate
        s.resize(rng.below(s.size() + 1));
        break;
      case 5:  // duplicate a range (long tokens, deep nesting)
        if (!s.empty()) {
          auto at = rng.below(s.size());
          auto len = 1 + rng.below(std::min<std::size_t>(64, s.size() - at));
          std::string piece = s.substr(at, len);
          for (int i = 0, n = 1 + static_cast<int>(rng.below(20)); i < n; ++i) s.insert(at, piece);
        }
        break;
      default:  // splice with another corpus entry
        if (!corpus.empty()) {
          const auto& other = corpus[rng.below(corpus.size())];
          s = s.substr(0, rng.below(s.size() + 1)) + other.substr(rng.below(other.size() + 1));
        }
    }
  }
  return s;
}

void run(const std::string& input) {
  g_current = input;
  LLVMFuzzerTestOneInput(reinterpret_cast<const std::uint8_t*>(input.data()), input.size());
}

}  // namespace

[[noreturn]] void fuzz_fail(std::string_view what, std::string_view input) {
  std::fprintf(stderr, "fuzz invariant broken: %.*s\ninput (%zu bytes):\n", static_cast<int>(what.size()), what.data(),
               input.size());
  std::fwrite(input.data(), 1, input.size(), stderr);
  std::fputc('\n', stderr);
  std::abort();
}

int main(int argc, char** argv) {
  long mutations = 2000;
  std::uint64_t seed = 1;
  std::vector<std::string> corpus;
  for (int i = 1; i < argc; ++i) {
    if (std::strcmp(argv[i], "--mutations") == 0 && i + 1 < argc) {
      mutations = std::strtol(argv[++i], nullptr, 10);
    } else if (std::strcmp(argv[i], "--seed") == 0 && i + 1 < argc) {
      seed = std::strtoull(argv[++i], nullptr, 10);
    } else {
      std::filesystem::path p(argv[i]);
      std::vector<std::filesystem::path> files;
      if (std::filesystem::is_directory(p)) {
        for (const auto& e : std::filesystem::directory_iterator(p))
          if (e.is_regular_file()) files.push_back(e.path());
      } else {
        files.push_back(p);
      }
      std::sort(files.begin(), files.end());
      for (const auto& f : files) {
        std::ifstream in(f, std::ios::binary | std::ios::ate);
        std::string bytes(static_cast<std::size_t>(in.tellg()), '\0');
        in.seekg(0);
        in.read(bytes.data(), static_cast<std::streamsize>(bytes.size()));
        corpus.push_back(std::move(bytes));
      }
    }
  }
  if (corpus.empty()) {
    std::fprintf(stderr, "usage: %s [--mutations N] [--seed S] CORPUS...\n(no corpus given)\n", argv[0]);
    return 2;
  }
  for (const auto& c : corpus) run(c);
  mockgc::api::Rng rng(seed);
  for (long i = 0; i < mutations; ++i) run(mutate(corpus[rng.below(corpus.size())], corpus, rng));
  std::printf("replayed %zu corpus inputs and %ld mutations (seed %llu): no invariant broken\n", corpus.size(),
              mutations, static_cast<unsigned long long>(seed));
  return 0;
}
