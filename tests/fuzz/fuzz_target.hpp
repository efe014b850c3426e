#pragma once
// libFuzzer's entry point. Each fuzz_*.cpp defines it; under clang with -fsanitize=fuzzer it is a real
// fuzzer, under g++ replay_main.cpp drives it over the checked-in corpus plus seeded mutations (CTest `fuzz`).
// A target signals a broken invariant with `fuzz_fail`, which aborts so both drivers report it.
#include <cstddef>
#include <cstdint>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size);

[[noreturn]] void fuzz_fail(std::string_view what, std::string_view input);
