#pragma once
// The answer of POST /api/v2/analytics/conversations/aggregates/query grouped by queueId with the metrics
// nOffered and tHandle, read by nlohmann's SAX parser into what the volume workflow adds up: each group's
// queueId and, per data interval, its start and the nOffered/tHandle counts and tHandle sum. A month of
// every queue's buckets is megabytes of text, so no DOM is built.
//
// The shape read: {"results": [{"group": {"queueId": s}, "data": [{"interval": "<start>/<end>",
// "metrics": [{"metric": s, "stats": {"count": n, "sum": n}}]}]}]}.
// - errc::malformed_response: not JSON (empty, cut short, garbled, trailing text), not an object, or a value
//   the workflow reads has another type than above (results/data/metrics not arrays, a group, entry or
//   metric not an object, queueId/interval/metric not strings, count/sum not non-negative numbers), or an
//   interval whose start is not an instant. A fractional count or sum is truncated.
// - Missing pieces are no data: no "results" → no groups; a group without group.queueId and an entry
//   without an interval are left out; a group without data has none; an entry without metrics and a metric
//   without stats, count or sum count zero. Other keys and metrics are skipped, whatever their value.
// - A key given twice counts with its last value (as nlohmann's DOM keeps it); two nOffered or tHandle
//   metrics of one entry add up.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "mockgc/api/time.hpp"
#include "mockgc/client/result.hpp"

namespace mockgc::workflows {

struct AggregateInterval {
  api::Instant start{};         // the interval's start (the text before '/')
  std::uint64_t offered = 0;    // nOffered stats.count
  std::uint64_t handled = 0;    // tHandle stats.count
  std::uint64_t handle_ms = 0;  // tHandle stats.sum
  bool operator==(const AggregateInterval&) const = default;
};

struct AggregateQueueGroup {
  std::string queue_id;
  std::vector<AggregateInterval> data;  // in body order
  bool operator==(const AggregateQueueGroup&) const = default;
};

// The groups in body order, or errc::malformed_response. `is_json` (when given) tells whether the body is
// JSON at all, of any shape: a body that is not was cut short or garbled on the way (OrgClient retries it).
client::Result<std::vector<AggregateQueueGroup>> read_queue_aggregates(std::string_view body,
                                                                       bool* is_json = nullptr);

}  // namespace mockgc::workflows
