#pragma once
// The HTML report of a judged run (`mock-gc check`, `mock-gc verify`, `mock-gc run`): DIR/report.html, one
// self-contained page (html.hpp) with
//   - a verdict table, rule × region, each failure's evidence one click away (a <details> row);
//   - a timeline per region: requests per time bucket stacked by outcome (2xx, 4xx, 429, 5xx, transport
//     fault), the fault windows as shaded bands with their names, logins and 401s as markers, and the moment
//     the integration resumed after each fault;
//   - a narrated incident timeline: plain sentences made from the journal and the fault plan;
//   - the journal table, filterable by region, route and status and paged in the page, that findings link to.
//
// Large runs: the journal is digested as it streams (JournalDigest: counts per region and bucket, per-fault
// statistics, a bounded sample of rows), never held. Buckets are one world minute until a region's timeline
// would need more than kMaxBars bars, then a round multiple of a minute. The table holds at most kTableRows
// sampled rows (one in k, k a power of two that doubles as rows arrive; a row is kept when a stable hash of
// its position is a multiple of k, so periodic traffic does not alias) plus the evidence rows of the
// verdicts. Any journal therefore gives a page under kMaxReportBytes; a 1,000,000-entry run is tested.
//
// Deterministic: the page is a pure function of its inputs (no wall clock, no locale, fixed number text).
#include <array>
#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "mockgc/api/time.hpp"

namespace mockgc::reports {

inline constexpr std::size_t kMaxBars = 720;               // bars per region timeline
inline constexpr std::size_t kTableRows = 4096;            // sampled journal rows in the page
inline constexpr std::size_t kMaxReportBytes = 4u << 20U;  // 4 MiB: the documented ceiling of report.html

// How an exchange ended, in the timeline's stacking order.
enum class Outcome : std::uint8_t { ok, client_error, throttled, server_error, transport };
inline constexpr std::size_t kOutcomeCount = 5;
// status 0 or a transport fault -> transport; 429 -> throttled; other 4xx -> client_error; 5xx ->
// server_error; anything else (1xx-3xx) -> ok.
Outcome classify(int status, bool transport_fault);
const char* to_string(Outcome o);  // "ok", "client", "throttled", "server", "transport" (also the CSS classes)

// One journal line as the report sees it.
struct JournalRow {
  std::uint64_t seq = 0;
  api::Instant at{};
  std::string region, method, path;  // path with "?query" when there was one
  std::string route;                 // route template; empty = unmatched
  int status = 0;                    // 0 = no HTTP answer (transport fault)
  std::string fault;                 // fault ids that fired, comma-separated; empty = none
  bool transport_fault = false;      // the answer was cut, reset or garbled (JournalDigest also sets it when
                                     // `fault` names a fault of type "transport")
  bool login = false;                // POST /oauth/token
  std::int64_t latency_ms = 0;
};

// One window of the scenario's fault plan, in world time.
struct FaultSpan {
  std::string id;
  std::string type;                  // "outage", "maintenance", "rate_limit", …
  std::string region;                // empty = every region
  std::string effect;                // what it does, a clause: "every route answers 503"
  api::Instant start{};
  std::optional<api::Instant> end;   // absent = until the end of the run
};

struct Evidence {
  api::Instant at{};
  std::uint64_t seq = 0;  // 0 = about the run, not one entry
  std::string method, path;
  int status = 0;
  std::string message;
};

struct Verdict {
  std::string rule;
  std::string region;                // empty = about the whole run
  std::string status;                // "pass" | "fail" | "warn" | "not_applicable"
  std::string severity;              // "error" | "warn"
  std::string note;
  std::vector<Evidence> evidence;    // the first few
  std::uint64_t evidence_count = 0;  // all of them
};

struct RegionLabel {
  std::string id;     // "ap_southeast_2"
  std::string label;  // "APAC"; empty = the id
};

struct ReportHeader {
  std::string title;                 // "mock-gc check apac-outage"
  std::string scenario;
  std::uint64_t seed = 0;
  std::string speed;                 // as printed ("240"); empty = not shown
  std::string command;               // the integration's command line; empty = not shown
  std::string verdict;               // "pass" | "fail"
  std::string summary;               // one line under the title (the verdict line)
  api::Instant start{};              // world time the run starts at
  std::vector<RegionLabel> regions;  // timelines in this order (regions seen only in the journal follow)
  std::vector<FaultSpan> faults;
  std::vector<Verdict> verdicts;
  std::vector<std::string> untested_faults;
};

// The journal, digested as it streams. Feed rows in seq order.
class JournalDigest {
 public:
  explicit JournalDigest(std::vector<FaultSpan> faults = {}, std::size_t table_rows = kTableRows);

  void add(const JournalRow& row);

  struct Bucket {
    std::array<std::uint64_t, kOutcomeCount> outcomes{};
    std::uint64_t logins = 0, unauthorized = 0;
  };
  // What the narration says about one fault window. Faults that act on single requests (outage,
  // maintenance, latency, transport: the journal's `fault` names them) count the requests they fired on;
  // the others count every request inside the window in their region(s).
  struct FaultStats {
    std::uint64_t in_window = 0;             // requests inside the window, in the fault's region(s)
    std::uint64_t requests = 0;              // the requests counted (see above)
    std::uint64_t failed = 0;                // of those, the ones the fault bit: 429 for a rate limit, 401 for
                                             // a token fault, any answer but 1xx-3xx otherwise
    std::optional<api::Instant> first_failure, last_failure;
    api::Millis first_gap{-1}, last_gap{-1}, max_gap{-1};  // between consecutive failed requests
    std::uint64_t gaps = 0;
    std::map<int, std::uint64_t> statuses;  // statuses answered inside the window
    std::optional<api::Instant> resumed;    // first 1xx-3xx at or after the window's end, in its region(s)
    std::optional<api::Instant> last_request;  // in the window's region(s), anywhere in the run
  };

  std::uint64_t entries() const { return entries_; }
  api::Millis bucket_width() const { return bucket_; }
  std::optional<api::Instant> first() const { return first_; }
  std::optional<api::Instant> last() const { return last_; }
  // region -> bucket index (time / bucket_width) -> counts
  const std::map<std::string, std::map<std::int64_t, Bucket>>& buckets() const { return buckets_; }
  const std::vector<FaultSpan>& faults() const { return faults_; }
  const std::vector<FaultStats>& fault_stats() const { return stats_; }
  // The sampled rows, in seq order, and the sampling stride (1 = every row is kept).
  const std::vector<JournalRow>& rows() const { return rows_; }
  std::uint64_t stride() const { return stride_; }

 private:
  void coarsen();

  std::vector<FaultSpan> faults_;
  std::vector<FaultStats> stats_;
  std::size_t table_rows_;
  std::uint64_t entries_ = 0;
  api::Millis bucket_{60'000};
  std::optional<api::Instant> first_, last_;
  std::map<std::string, std::map<std::int64_t, Bucket>> buckets_;
  std::vector<JournalRow> rows_;
  std::vector<std::uint64_t> sample_index_;  // position of each sampled row in the journal (0-based)
  std::uint64_t stride_ = 1;
};

// Faults whose id the journal's `fault` names on every request they act on.
bool fires_on_requests(std::string_view type);
// Whether the comma-separated id list `fault` names `id`.
bool names_fault(std::string_view fault, std::string_view id);

// The next bucket width up the ladder 1, 5, 10, 30 min, 1, 2, 6, 12 h, 1 d, then doubling (each divides
// the next, so merged buckets never straddle).
api::Millis next_bucket_width(api::Millis width);

// The narrated incident timeline: one paragraph per fault window (in start order), sentences like
// "09:10 APAC outage begins: every route answers 503. 14 of the integration's 14 requests during it failed …
// The integration kept trying for 2 minutes: 14 failed requests, about 7 a minute (the longest gap 9 s). 09:40
// APAC recovers; the first successful request came 12 s later." It tells what happened; the rules judge it.
std::vector<std::string> narrate(const ReportHeader& header, const JournalDigest& digest);

// The page. Its size stays under kMaxReportBytes for any digest (verdict evidence is bounded by the caller).
std::string run_report_html(const ReportHeader& header, const JournalDigest& digest);

}  // namespace mockgc::reports
