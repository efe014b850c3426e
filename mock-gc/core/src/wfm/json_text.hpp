#pragma once
// The pieces that write analytics answers straight to JSON text, byte for byte what nlohmann's
// dump(-1, ' ', false, error_handler_t::replace) gives for the same DOM (objects with sorted keys): the
// conversation and user aggregates, the details pages and the jobs' results pages. Internal to mock-gc/core.
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "aggregates.hpp"

namespace mockgc::core::wfm::text {

// A JSON string as nlohmann dumps it (invalid UTF-8 replaced).
void append_string(std::string& out, std::string_view s);
void append_uint(std::string& out, std::uint64_t v);
// A double as nlohmann dumps it (the shortest round-trip form).
void append_double(std::string& out, double v);
// metric_stats(m, c).dump(), for a cell with stats (has_stats(m, c)).
void append_stats(std::string& out, Metric m, const MetricCell& c);

// The groups of an aggregates response, each one's text ({"data":[…],"group":{…}}) on its own: what an
// aggregates job keeps to page through. Byte for byte the elements of AggregateJson's "results".
class AggregateRows final : public AggregateSink {
 public:
  explicit AggregateRows(const AggregateQuery& q) : text_(q, buffer_) {}
  void group(const AggregateGroup& g) override;
  std::vector<std::string> finish() { return std::move(rows_); }

 private:
  std::string buffer_;
  AggregateText text_;
  std::vector<std::string> rows_;
};

// {"results":[rows…]} (or {} when there are none): a synchronous aggregates answer from its groups' texts.
std::string results_body(std::span<const std::string> rows);
// A job's results page: {"cursor":…,"results":[rows…]}, without "cursor" when it is empty (the last page).
std::string results_page(std::span<const std::string> rows, std::string_view cursor);

}  // namespace mockgc::core::wfm::text
