#include "mockgc/core/router.hpp"

#include <algorithm>

namespace mockgc::core {

void Router::add(std::string_view method, std::string_view pattern, int route_id) {
  Route r{std::string(method), {}, route_id};
  while (!pattern.empty()) {
    auto slash = pattern.find('/');
    auto seg = pattern.substr(0, slash);
    if (!seg.empty()) {
      const bool param = seg.size() >= 2 && seg.front() == '{' && seg.back() == '}';
      r.segments.push_back(Segment{param ? std::string() : std::string(seg), param});
    }
    if (slash == std::string_view::npos) break;
    pattern = pattern.substr(slash + 1);
  }
  if (by_length_.size() <= r.segments.size()) by_length_.resize(r.segments.size() + 1);
  by_length_[r.segments.size()].push_back(std::move(r));
}

RouteMatch Router::match(std::string_view method, const std::vector<std::string>& segments) const {
  RouteMatch best;
  if (segments.size() >= by_length_.size()) return best;
  const Route* chosen = nullptr;
  int best_literals = -1;
  for (const auto& r : by_length_[segments.size()]) {
    // Last segment first: routes of one length mostly share their leading "api/v2/…" and differ at the end.
    int literals = 0;
    bool ok = true;
    for (std::size_t i = segments.size(); i-- > 0 && ok;) {
      if (r.segments[i].param) {
        ok = !segments[i].empty();
      } else {
        ok = r.segments[i].literal == segments[i];
        ++literals;
      }
    }
    if (!ok) continue;
    if (std::find(best.allowed.begin(), best.allowed.end(), r.method) == best.allowed.end())
      best.allowed.push_back(r.method);
    if (r.method != method || literals <= best_literals) continue;
    best_literals = literals;
    chosen = &r;
  }
  if (chosen == nullptr) return best;
  best.route_id = chosen->id;
  for (std::size_t i = 0; i < segments.size(); ++i)
    if (chosen->segments[i].param) best.params.push_back(segments[i]);
  return best;
}

}  // namespace mockgc::core
