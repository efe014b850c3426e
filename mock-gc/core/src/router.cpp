#include "mockgc/core/router.hpp"

#include <algorithm>

namespace mockgc::core {
namespace {

bool is_param(const std::string& s) { return s.size() >= 2 && s.front() == '{' && s.back() == '}'; }

}  // namespace

void Router::add(std::string_view method, std::string_view pattern, int route_id) {
  Route r{std::string(method), {}, route_id};
  while (!pattern.empty()) {
    auto slash = pattern.find('/');
    auto seg = pattern.substr(0, slash);
    if (!seg.empty()) r.segments.emplace_back(seg);
    if (slash == std::string_view::npos) break;
    pattern = pattern.substr(slash + 1);
  }
  routes_.push_back(std::move(r));
}

RouteMatch Router::match(std::string_view method, const std::vector<std::string>& segments) const {
  RouteMatch best;
  int best_literals = -1;
  for (const auto& r : routes_) {
    if (r.segments.size() != segments.size()) continue;
    int literals = 0;
    bool ok = true;
    for (std::size_t i = 0; i < segments.size() && ok; ++i) {
      if (is_param(r.segments[i])) {
        ok = !segments[i].empty();
      } else {
        ok = r.segments[i] == segments[i];
        ++literals;
      }
    }
    if (!ok) continue;
    if (std::find(best.allowed.begin(), best.allowed.end(), r.method) == best.allowed.end())
      best.allowed.push_back(r.method);
    if (r.method != method || literals <= best_literals) continue;
    best_literals = literals;
    best.route_id = r.id;
    best.params.clear();
    for (std::size_t i = 0; i < segments.size(); ++i)
      if (is_param(r.segments[i])) best.params.push_back(segments[i]);
  }
  return best;
}

}  // namespace mockgc::core
