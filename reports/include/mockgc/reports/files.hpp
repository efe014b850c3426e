#pragma once
// Where every report lands: one writer for report.json, junit.xml, report.html, journal.jsonl and the other
// files the run/check/verify commands write.
#include <filesystem>
#include <string_view>

namespace mockgc::reports {

// Writes `text` to `path` (binary, truncating). Throws std::runtime_error naming the path when it fails.
void write_text_file(const std::filesystem::path& path, std::string_view text);

}  // namespace mockgc::reports
