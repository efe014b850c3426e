#include <algorithm>

#include "mockgc/api/random.hpp"

#include "mockgc/reports/run_report.hpp"

namespace mockgc::reports {

Outcome classify(int status, bool transport_fault) {
  if (transport_fault || status <= 0) return Outcome::transport;
  if (status == 429) return Outcome::throttled;
  if (status >= 500) return Outcome::server_error;
  if (status >= 400) return Outcome::client_error;
  return Outcome::ok;
}

const char* to_string(Outcome o) {
  switch (o) {
    case Outcome::ok: return "ok";
    case Outcome::client_error: return "client";
    case Outcome::throttled: return "throttled";
    case Outcome::server_error: return "server";
    case Outcome::transport: return "transport";
  }
  return "ok";
}

namespace {

// In-memory buckets per region before the width steps up (the page merges further, to kMaxBars).
constexpr std::size_t kMaxHeldBuckets = 2 * kMaxBars;

bool applies(const FaultSpan& f, const std::string& region) { return f.region.empty() || f.region == region; }

// stride is a power of two: a row kept at stride 2s is kept at stride s too.
bool sampled(std::uint64_t index, std::uint64_t stride) { return (api::mix64(index) & (stride - 1)) == 0; }

}  // namespace

bool fires_on_requests(std::string_view type) {
  return type == "outage" || type == "maintenance" || type == "latency" || type == "transport";
}

bool names_fault(std::string_view fault, std::string_view id) {
  if (id.empty()) return false;
  for (std::size_t at = fault.find(id); at != std::string_view::npos; at = fault.find(id, at + 1)) {
    const std::size_t end = at + id.size();
    if ((at == 0 || fault[at - 1] == ',') && (end == fault.size() || fault[end] == ',')) return true;
  }
  return false;
}

JournalDigest::JournalDigest(std::vector<FaultSpan> faults, std::size_t table_rows)
    : faults_(std::move(faults)), stats_(faults_.size()), table_rows_(std::max<std::size_t>(table_rows, 1)) {}

api::Millis next_bucket_width(api::Millis w) {
  static constexpr std::array<std::int64_t, 9> kLadder = {1, 5, 10, 30, 60, 120, 360, 720, 1440};
  const std::int64_t minutes = w.count() / 60'000;
  for (const auto m : kLadder)
    if (m > minutes) return api::Millis{m * 60'000};
  return w * 2;
}

void JournalDigest::coarsen() {
  const auto from = bucket_;
  bucket_ = next_bucket_width(bucket_);
  const std::int64_t factor = bucket_ / from;
  for (auto& [region, buckets] : buckets_) {
    std::map<std::int64_t, Bucket> merged;
    for (const auto& [index, b] : buckets) {
      // floor division: indices before the epoch are negative
      const std::int64_t k = index >= 0 ? index / factor : -((-index + factor - 1) / factor);
      auto& m = merged[k];
      for (std::size_t i = 0; i < kOutcomeCount; ++i) m.outcomes[i] += b.outcomes[i];
      m.logins += b.logins;
      m.unauthorized += b.unauthorized;
    }
    buckets = std::move(merged);
  }
}

void JournalDigest::add(const JournalRow& input) {
  const std::uint64_t index = entries_++;
  JournalRow row = input;
  if (!row.fault.empty() && !row.transport_fault)
    for (const auto& f : faults_)
      if (f.type == "transport" && names_fault(row.fault, f.id)) row.transport_fault = true;
  if (!first_ || row.at < *first_) first_ = row.at;
  if (!last_ || row.at > *last_) last_ = row.at;
  const Outcome outcome = classify(row.status, row.transport_fault);

  const std::int64_t ms = row.at.time_since_epoch().count();
  const std::int64_t w = bucket_.count();
  auto& region = buckets_[row.region];
  auto& b = region[ms >= 0 ? ms / w : -((-ms + w - 1) / w)];
  ++b.outcomes[static_cast<std::size_t>(outcome)];
  if (row.login) ++b.logins;
  if (row.status == 401) ++b.unauthorized;
  if (region.size() > kMaxHeldBuckets) coarsen();

  for (std::size_t i = 0; i < faults_.size(); ++i) {
    const auto& f = faults_[i];
    if (!applies(f, row.region)) continue;
    auto& s = stats_[i];
    s.last_request = row.at;
    const bool inside = row.at >= f.start && (!f.end || row.at < *f.end);
    if (inside) ++s.in_window;
    if (fires_on_requests(f.type) ? names_fault(row.fault, f.id) : inside) {
      ++s.requests;
      ++s.statuses[row.status];
      // What counts as the fault biting: a rate limit's 429s, a token fault's 401s, any failure otherwise.
      const bool bitten = f.type == "rate_limit" ? row.status == 429
                          : f.type == "token"    ? row.status == 401
                                                 : outcome != Outcome::ok;
      if (bitten) {
        ++s.failed;
        if (s.last_failure) {
          const auto gap = row.at - *s.last_failure;
          if (s.gaps == 0) s.first_gap = gap;
          s.last_gap = gap;
          s.max_gap = std::max(s.max_gap, gap);
          ++s.gaps;
        } else {
          s.first_failure = row.at;
        }
        s.last_failure = row.at;
      }
    }
    if (f.end && row.at >= *f.end && !s.resumed && outcome == Outcome::ok) s.resumed = row.at;
  }

  // Sampling: keep the entries whose hashed position is a multiple of the stride (periodic traffic, such as
  // regions taking turns, cannot alias with it); when the sample is full, double the stride and thin it.
  if (sampled(index, stride_)) {
    rows_.push_back(std::move(row));
    sample_index_.push_back(index);
    if (rows_.size() > table_rows_) {
      stride_ *= 2;
      std::size_t keep = 0;
      for (std::size_t i = 0; i < rows_.size(); ++i) {
        if (!sampled(sample_index_[i], stride_)) continue;
        if (keep != i) {
          rows_[keep] = std::move(rows_[i]);
          sample_index_[keep] = sample_index_[i];
        }
        ++keep;
      }
      rows_.resize(keep);
      sample_index_.resize(keep);
    }
  }
}

}  // namespace mockgc::reports
