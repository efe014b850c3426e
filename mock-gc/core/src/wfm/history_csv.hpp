#pragma once
// Validation of a WFM historical-data import CSV (RC-CSV, genesys-api.md §6a): the header names, UTC
// interval starts on :00/:15/:30/:45 with :00 seconds, known queue names, the five media types,
// non-negative counts and handle times, nothing after dateImportEnded. Never reads volumes into the world.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "mockgc/core/clock.hpp"

namespace mockgc::core::wfm {

struct CsvCheck {
  std::string error;  // empty when the file is valid; otherwise the first problems, "; "-joined
  std::size_t rows = 0;
  std::optional<Instant> earliest, latest;  // interval starts found
};

CsvCheck check_history_csv(std::string_view csv, const std::vector<std::string>& queue_names, Instant import_ended);

}  // namespace mockgc::core::wfm
