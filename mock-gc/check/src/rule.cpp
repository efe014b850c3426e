#include "rule.hpp"

#include <algorithm>

#include "mockgc/api/random.hpp"

namespace mockgc::check::detail {

void Findings::add(std::uint64_t seq, const std::function<Finding()>& make) {
  ++count_;
  if (items_.size() >= kMaxFindings && seq >= items_.back().seq) return;
  Finding f = make();
  const auto pos = std::upper_bound(items_.begin(), items_.end(), f.seq,
                                    [](std::uint64_t v, const Finding& x) { return v < x.seq; });
  items_.insert(pos, std::move(f));
  if (items_.size() > kMaxFindings) items_.pop_back();
}

void Findings::add(Finding f) {
  const auto seq = f.seq;
  add(seq, [&] { return std::move(f); });
}

Finding finding_for(const JournalEntry& e, std::string message) {
  return Finding{e.time, e.seq, e.method, e.query.empty() ? e.path : e.path + "?" + e.query, e.status,
                 std::move(message)};
}

std::uint64_t key(std::uint32_t region, std::uint32_t client, std::uint64_t h) {
  std::uint64_t state = h ^ ((static_cast<std::uint64_t>(region) << 40U) | client);
  return api::splitmix64(state);
}

std::uint64_t hash_text(std::string_view a, std::string_view b, std::string_view c) {
  return api::derive_seed(0, {a, b, c});
}

std::string seconds(std::int64_t ms) {
  if (ms % 1000 == 0) return fmt::format("{}", ms / 1000);
  std::string s = fmt::format("{:.3f}", static_cast<double>(ms) / 1000.0);
  while (s.back() == '0') s.pop_back();
  return s;
}

std::vector<std::unique_ptr<Rule>> make_rules(Shared& shared) {
  std::vector<std::unique_ptr<Rule>> out;
  add_traffic_rules(shared, out);
  add_identity_rules(shared, out);
  add_request_rules(shared, out);
  add_channel_rules(shared, out);
  return out;
}

}  // namespace mockgc::check::detail
