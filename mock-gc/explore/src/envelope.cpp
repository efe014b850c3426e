#include "mockgc/explore/envelope.hpp"

#include <algorithm>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "mockgc/api/time.hpp"
#include "mockgc/core/faults/api_families.hpp"

namespace mockgc::explore {
namespace {

using core::Millis;
using core::faults::FaultType;
using nlohmann::json;

// Faults per case are bounded: each one costs shrink runs.
constexpr int kMaxFaults = 10;

const char* const kKeys[] = {"kinds", "regions", "families", "min_faults", "max_faults",
                             "from",  "until",   "step",     "longest"};

class Reader {
 public:
  explicit Reader(std::string source) : source_(std::move(source)) {}

  [[noreturn]] void fail(const std::string& pointer, const std::string& message) const {
    throw EnvelopeError(fmt::format("{}: /explore{}: {}", source_, pointer, message));
  }

  // A list of distinct strings, each one of `known`; returned in `known`'s order.
  std::vector<std::string> subset(const json& v, const std::string& key, const std::vector<std::string>& known,
                                  const char* what) const {
    if (!v.is_array()) fail("/" + key, "must be an array of strings");
    std::vector<std::string> chosen;
    for (std::size_t i = 0; i < v.size(); ++i) {
      const std::string at = fmt::format("/{}/{}", key, i);
      if (!v[i].is_string()) fail(at, "must be a string");
      const auto name = v[i].get<std::string>();
      if (std::find(known.begin(), known.end(), name) == known.end())
        fail(at, fmt::format("unknown {} '{}' (known: {})", what, name, fmt::join(known, ", ")));
      if (std::find(chosen.begin(), chosen.end(), name) != chosen.end())
        fail(at, fmt::format("'{}' is listed twice", name));
      chosen.push_back(name);
    }
    std::vector<std::string> ordered;
    for (const auto& k : known)
      if (std::find(chosen.begin(), chosen.end(), k) != chosen.end()) ordered.push_back(k);
    return ordered;
  }

  Millis duration(const json& v, const std::string& key) const {
    if (!v.is_string()) fail("/" + key, "must be an ISO-8601 duration string such as PT10M");
    const auto d = api::parse_duration(v.get<std::string>());
    if (!d) fail("/" + key, fmt::format("'{}' is not an ISO-8601 duration (e.g. PT10M, PT30S)", v.get<std::string>()));
    if (d->count() < 0) fail("/" + key, "must not be negative");
    return *d;
  }

  int count(const json& v, const std::string& key) const {
    if (!v.is_number_integer()) fail("/" + key, "must be a whole number");
    const auto n = v.get<std::int64_t>();
    if (n < 1 || n > kMaxFaults) fail("/" + key, fmt::format("must be between 1 and {}", kMaxFaults));
    return static_cast<int>(n);
  }

 private:
  std::string source_;
};

std::vector<std::string> kind_names() {
  std::vector<std::string> out;
  for (auto k : drawable_kinds()) out.emplace_back(core::faults::fault_type_name(k));
  return out;
}

std::vector<std::string> family_names() {
  std::vector<std::string> out;
  for (const auto& f : core::faults::api_families()) out.emplace_back(f.name);
  return out;
}

}  // namespace

const std::vector<FaultType>& drawable_kinds() {
  static const std::vector<FaultType> kinds = {FaultType::rate_limit, FaultType::outage,     FaultType::maintenance,
                                               FaultType::latency,    FaultType::transport,  FaultType::token,
                                               FaultType::clock_skew, FaultType::notification};
  return kinds;
}

Envelope parse_envelope(std::string_view explore_json, const EnvelopeDefaults& defaults, const std::string& source) {
  const Reader r(source);
  const json section = explore_json.empty() ? json::object() : json::parse(explore_json, nullptr, false);
  if (!section.is_object()) r.fail("", "must be an object");
  for (const auto& [key, value] : section.items())
    if (std::find(std::begin(kKeys), std::end(kKeys), key) == std::end(kKeys))
      r.fail("/" + key, fmt::format("unknown key '{}' (allowed here: {})", key, fmt::join(kKeys, ", ")));

  Envelope e;
  const auto kinds =
      section.contains("kinds") ? r.subset(section["kinds"], "kinds", kind_names(), "fault kind") : kind_names();
  for (auto k : drawable_kinds())
    if (std::find(kinds.begin(), kinds.end(), core::faults::fault_type_name(k)) != kinds.end()) e.kinds.push_back(k);
  e.regions = section.contains("regions") ? r.subset(section["regions"], "regions", defaults.regions, "region")
                                          : defaults.regions;
  e.every_region = e.regions.size() == defaults.regions.size();
  e.families = section.contains("families") ? r.subset(section["families"], "families", family_names(), "API family")
                                            : family_names();
  if (section.contains("min_faults")) e.min_faults = r.count(section["min_faults"], "min_faults");
  if (section.contains("max_faults")) e.max_faults = r.count(section["max_faults"], "max_faults");
  if (e.min_faults > e.max_faults)
    r.fail("/min_faults", fmt::format("{} is more than max_faults ({})", e.min_faults, e.max_faults));
  e.from = section.contains("from") ? r.duration(section["from"], "from") : Millis(0);
  e.until = section.contains("until") ? r.duration(section["until"], "until") : defaults.until;
  const Millis width = e.until - e.from;
  // Default step: a twelfth of the window in whole seconds, at least one second.
  e.step = section.contains("step")
               ? r.duration(section["step"], "step")
               : std::max(Millis(1000), Millis(std::chrono::floor<std::chrono::seconds>(width / 12)));
  e.longest = section.contains("longest") ? r.duration(section["longest"], "longest") : width;

  // An envelope that allows nothing is bad input, not an exploration that finds nothing.
  const auto nothing = [&](const std::string& pointer, const std::string& why) {
    r.fail(pointer, "the envelope allows no fault: " + why);
  };
  if (e.kinds.empty()) nothing("/kinds", "no fault kind is listed");
  if (e.regions.empty()) nothing("/regions", "no region is listed");
  if (e.until <= e.from)
    nothing("/until",
            fmt::format("the window {}-{} is empty", api::format_duration(e.from), api::format_duration(e.until)));
  if (e.step <= Millis(0)) nothing("/step", "the step must be positive");
  if (e.step > width)
    nothing("/step", fmt::format("the step {} is longer than the window {}", api::format_duration(e.step),
                                 api::format_duration(width)));
  if (e.longest < e.step)
    nothing("/longest", fmt::format("the longest window {} is shorter than the step {}",
                                    api::format_duration(e.longest), api::format_duration(e.step)));
  if (e.families.empty()) {
    std::erase(e.kinds, FaultType::maintenance);
    if (e.kinds.empty()) nothing("/families", "maintenance is the only kind and no API family is listed");
  }
  return e;
}

std::string describe(const Envelope& e) {
  std::vector<std::string> kinds;
  for (auto k : e.kinds) kinds.emplace_back(core::faults::fault_type_name(k));
  return fmt::format("kinds {}; regions {}; {}-{} faults; window {}-{} in steps of {}, each at most {}",
                     fmt::join(kinds, ", "), fmt::join(e.regions, ", "), e.min_faults, e.max_faults,
                     api::format_duration(e.from), api::format_duration(e.until), api::format_duration(e.step),
                     api::format_duration(e.longest));
}

}  // namespace mockgc::explore
