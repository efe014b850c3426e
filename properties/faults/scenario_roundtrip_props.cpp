// The scenario loader round trip: random whole scenario documents — world, clock (instants, real
// clocks with speed, DST/week/new-year/leap-day edge starts), rate_limits, faults, journal, expect — written
// the canonical way or spelled differently (edge objects, absolute fault times, explicit defaults, pretty or
// compact), load through the real loader to the model they describe, and re-serialise to the same canonical
// text. Corrupted documents (an unknown key at any depth, a bad value at any leaf) are refused with a
// ScenarioError naming the key and its JSON pointer.
#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include <fmt/format.h>

#include <nlohmann/json.hpp>
#include <optional>

#include "mockgc/core/scenario.hpp"
#include "scenario_generators.hpp"

using namespace mockgc;
using json = nlohmann::json;
using properties::ScenarioDocument;

namespace {

std::string world_text(const core::WorldSpec& w) {
  std::string out;
  for (const auto& o : w.orgs) {
    out += fmt::format("org {} {} {} {} {} {}\n", o.region, o.name, o.client_id.value_or("-"), o.client_secret.value_or("-"),
                       o.agents, o.queues);
    for (const auto& b : o.business_units)
      out += fmt::format("bu {} {} {} {} {} {}\n", b.name, b.time_zone, b.start_day_of_week, b.management_units,
                         b.teams_per_management_unit, b.custom_activity_codes);
  }
  for (const auto& a : w.shared_agents) out += fmt::format("shared {} {}\n", fmt::join(a.regions, ","), a.count);
  return out;
}

// Every section the loader fills, compared field by field with the model.
void assert_same_scenario(const core::Scenario& got, const core::Scenario& want) {
  RC_ASSERT(got.name == want.name);
  RC_ASSERT(got.description == want.description);
  RC_ASSERT(got.seed == want.seed);
  RC_ASSERT(world_text(got.world) == world_text(want.world));
  RC_ASSERT(got.clock == want.clock);
  RC_ASSERT(got.rate_limit_per_minute == want.rate_limit_per_minute);
  RC_ASSERT(got.rate_limit_max_clients == want.rate_limit_max_clients);
  RC_ASSERT(got.faults == want.faults);
  RC_ASSERT(got.journal.capacity == want.journal.capacity);
  RC_ASSERT(got.expect == want.expect);
  RC_ASSERT(got.limiter_enabled() == want.limiter_enabled());
}

std::optional<std::string> load_error(const std::string& text) {
  try {
    (void)core::parse_scenario(text, "doc.json");
  } catch (const core::ScenarioError& e) {
    return std::string(e.what());
  }
  return std::nullopt;
}

// Free-form places: any key or value is legal there (HTTP header names, status keys, JSON pointers, bodies).
bool free_form(const json::json_pointer& p) {
  std::vector<std::string> tokens;
  for (auto q = p; !q.empty(); q = q.parent_pointer()) tokens.insert(tokens.begin(), q.back());
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    if (tokens[i] == "body_contains" || tokens[i] == "headers" || tokens[i] == "status_counts") return true;
    if (tokens[i] == "body" && i >= 2 && tokens[i - 2] == "probes") return true;
  }
  return false;
}

void collect(const json& j, const json::json_pointer& at, std::vector<json::json_pointer>& objects,
             std::vector<json::json_pointer>& leaves) {
  if (j.is_object()) {
    if (!free_form(at)) objects.push_back(at);
    for (const auto& [k, v] : j.items()) collect(v, at / k, objects, leaves);
  } else if (j.is_array()) {
    for (std::size_t i = 0; i < j.size(); ++i) collect(j[i], at / i, objects, leaves);
  } else if (!free_form(at)) {
    leaves.push_back(at);
  }
}

bool names_place(const std::string& message, const json::json_pointer& place) {
  return message.find(place.to_string() + ":") != std::string::npos ||
         message.find(place.to_string() + "/") != std::string::npos;
}

}  // namespace

RC_GTEST_PROP(ScenarioRoundTrip, EverySpellingLoadsToTheModelAndReserialisesCanonically, ()) {
  const ScenarioDocument doc = *properties::scenario_documents();
  const std::string text = properties::render_text(doc);
  const core::Scenario loaded = core::parse_scenario(text, "doc.json");
  assert_same_scenario(loaded, doc.model);

  const std::string canonical = core::scenario_to_json_text(loaded);
  RC_ASSERT(canonical == core::scenario_to_json_text(doc.model));
  const core::Scenario again = core::parse_scenario(canonical, "canonical.json");
  assert_same_scenario(again, doc.model);
  RC_ASSERT(core::scenario_to_json_text(again) == canonical);
  // The same document compact and pretty: the same scenario.
  const std::string other = doc.pretty ? properties::render(doc).dump() : properties::render(doc).dump(2);
  RC_ASSERT(core::scenario_to_json_text(core::parse_scenario(other, "doc.json")) == canonical);
  RC_CLASSIFY(doc.edge.has_value(), "edge start");
  RC_CLASSIFY(!doc.model.faults.empty(), "faults");
}

RC_GTEST_PROP(ScenarioRoundTrip, AnUnknownKeyAtAnyDepthIsRefusedNamingKeyAndPlace, ()) {
  const ScenarioDocument doc = *properties::scenario_documents();
  json j = properties::render(doc);
  std::vector<json::json_pointer> objects, leaves;
  collect(j, json::json_pointer(), objects, leaves);
  const auto place = *rc::gen::elementOf(objects);
  const std::string key = "zzUnknown" + std::to_string(*rc::gen::inRange(0, 100));
  j[place][key] = *rc::gen::element<json>(1, "x", json::array(), json::object());
  const std::string text = doc.pretty ? j.dump(2) : j.dump();

  const auto error = load_error(text);
  RC_ASSERT(error.has_value());
  RC_ASSERT(error->rfind("doc.json", 0) == 0);
  RC_ASSERT(error->find(key) != std::string::npos);
  RC_ASSERT(names_place(*error, place / key) || names_place(*error, place));
  RC_CLASSIFY(place.empty(), "top level");
}

RC_GTEST_PROP(ScenarioRoundTrip, ABadValueAtAnyLeafIsRefusedNamingThePlace, ()) {
  const ScenarioDocument doc = *properties::scenario_documents();
  json j = properties::render(doc);
  std::vector<json::json_pointer> objects, leaves;
  collect(j, json::json_pointer(), objects, leaves);
  const auto place = *rc::gen::elementOf(leaves);
  // A value no scalar field accepts.
  j[place] = json::array({nullptr, json::object({{"bad", true}})});
  const std::string text = doc.pretty ? j.dump(2) : j.dump();

  const auto error = load_error(text);
  RC_ASSERT(error.has_value());
  RC_ASSERT(error->rfind("doc.json", 0) == 0);
  // The message names the leaf itself, or (for array items and nested objects) the member that holds it.
  RC_ASSERT(names_place(*error, place) || names_place(*error, place.parent_pointer()));
}
