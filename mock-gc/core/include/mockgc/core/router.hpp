#pragma once
// Method + path-pattern routing over decoded path segments. Patterns look like
// "/api/v2/users/{userId}"; a literal segment beats a parameter ("activitycodes/bulk" beats
// "activitycodes/{id}"). A path that matches only under another method reports its allowed methods.
#include <string>
#include <string_view>
#include <vector>

namespace mockgc::core {

struct RouteMatch {
  int route_id = -1;                      // -1: no route for this method
  std::vector<std::string> params;        // values of the {…} segments, in order
  std::vector<std::string> allowed;       // methods that would match this path (for 405 + Allow)
  bool found() const { return route_id >= 0; }
  bool path_known() const { return !allowed.empty(); }
};

class Router {
 public:
  void add(std::string_view method, std::string_view pattern, int route_id);
  RouteMatch match(std::string_view method, const std::vector<std::string>& segments) const;

 private:
  struct Segment {
    std::string literal;  // empty for a parameter
    bool param = false;   // "{x}" in the pattern
  };
  struct Route {
    std::string method;
    std::vector<Segment> segments;
    int id;
  };
  // Routes by their number of segments (only those can match a path), each list in the order added.
  std::vector<std::vector<Route>> by_length_;
};

}  // namespace mockgc::core
