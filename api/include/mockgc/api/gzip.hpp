#pragma once
// gzip as both sides of the forecast import speak it (Content-Encoding: gzip upload bodies; the client's
// fallback files). One implementation over zlib for the server core, the client and the tests.
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace mockgc::api {

// Deterministic bytes: zlib's gzip wrapper with a fixed header (mtime 0, no name), best compression.
std::string gzip(std::string_view data);

// nullopt when `data` is not one complete gzip stream, or would inflate to more than `max_output` bytes
// (a server must bound what a small upload can make it allocate).
std::optional<std::string> gunzip(std::string_view data, std::size_t max_output = std::size_t{256} << 20);

}  // namespace mockgc::api
