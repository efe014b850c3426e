// Stateful model test (rc::state): random sequences of activity-code create / patch / delete / bulk patch /
// get / list, sent through the Harness, must match an in-memory model of the business unit's codes.
#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>
#include <rapidcheck/state.h>

#include <algorithm>
#include <nlohmann/json.hpp>

#include "mockgc/core/world.hpp"
#include "support/generators.hpp"
#include "support/harness.hpp"
#include "support/session.hpp"

using namespace mockgc;
using nlohmann::json;

namespace {

constexpr const char* kRegion = "eu_central_1";
constexpr const char* kScenario = R"({"seed": 11, "world": {"orgs": [{"region": "eu_central_1", "name": "M",
  "agents": 2, "queues": 0, "businessUnits": [{"name": "BU", "timeZone": "Europe/Berlin", "customActivityCodes": 2}]}]}})";

struct ModelCode {
  int slot;  // index into Sut::ids: the model cannot know server-assigned ids
  std::string name;
  std::string category;
  int length = 0;
  int version = 1;
  bool is_default = false;
};

struct Model {
  std::vector<ModelCode> codes;
  int next_slot = 0;
  const ModelCode* find(int slot) const {
    for (const auto& c : codes)
      if (c.slot == slot) return &c;
    return nullptr;
  }
  // Commands check find() != nullptr in their preconditions; the fallback only keeps this total.
  const ModelCode& at(int slot) const {
    static const ModelCode none{-1, "", "", 0, 0, false};
    const ModelCode* c = find(slot);
    return c ? *c : none;
  }
};

// The mock-gc name rule: trimmed, ASCII case-insensitive, unique per business unit.
std::string name_key(std::string s) {
  while (!s.empty() && s.front() == ' ') s.erase(0, 1);
  while (!s.empty() && s.back() == ' ') s.pop_back();
  for (auto& c : s)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return s;
}
std::string trimmed(std::string s) {
  while (!s.empty() && s.front() == ' ') s.erase(0, 1);
  while (!s.empty() && s.back() == ' ') s.pop_back();
  return s;
}
bool name_taken(const Model& m, const std::string& name, int except_slot) {
  for (const auto& c : m.codes)
    if (c.slot != except_slot && name_key(c.name) == name_key(name)) return true;
  return false;
}

struct Sut {
  std::unique_ptr<mockgc::testing::Harness> harness;
  std::string token;
  std::string path;
  std::vector<std::string> ids;  // slot -> id
  api::HttpResponse send(const std::string& method, const std::string& target, const json* body) {
    api::HttpRequest req = body ? mockgc::testing::json_request(method, target, token, *body) : mockgc::testing::get_request(target, token);
    req.method = method;
    return harness->send(kRegion, req);
  }
};

void check_code(const json& j, const ModelCode& c, const Sut& sut) {
  RC_ASSERT(j["id"] == sut.ids[static_cast<std::size_t>(c.slot)]);
  RC_ASSERT(j["name"] == c.name);
  RC_ASSERT(j["category"] == c.category);
  RC_ASSERT(j["lengthInMinutes"] == c.length);
  RC_ASSERT(j["metadata"]["version"] == c.version);
  RC_ASSERT(j["defaultCode"] == c.is_default);
}

rc::Gen<std::string> code_name(const Model& m) {
  // Reusing (re-cased, padded) existing names provokes the 409 path often.
  std::vector<std::string> existing;
  for (const auto& c : m.codes) existing.push_back(c.name);
  auto fresh = properties::utf8_name(10);
  if (existing.empty()) return fresh;
  return rc::gen::oneOf(fresh, rc::gen::map(rc::gen::elementOf(existing), [](std::string s) {
                          for (auto& ch : s)
                            if (ch >= 'a' && ch <= 'z') ch = static_cast<char>(ch - 'a' + 'A');
                          return " " + s + " ";
                        }));
}

using Command = rc::state::Command<Model, Sut>;

template <class T>
std::optional<T> to_optional(const rc::Maybe<T>& m) {
  return m ? std::optional<T>(*m) : std::nullopt;
}

struct Create : Command {
  std::string name = *code_name(Model{});
  std::string category = *rc::gen::elementOf(std::vector<std::string>(core::activity_category_names().begin(),
                                                                      core::activity_category_names().end()));
  int length = *rc::gen::inRange(0, 200);
  explicit Create(const Model& m) : name(*code_name(m)) {}
  void apply(Model& m) const override {
    if (name_taken(m, name, -1)) return;
    m.codes.push_back({m.next_slot++, trimmed(name), category, length, 1, false});
  }
  void run(const Model& m, Sut& sut) const override {
    json body{{"name", name}, {"category", category}, {"lengthInMinutes", length}};
    auto res = sut.send("POST", sut.path, &body);
    if (name_taken(m, name, -1)) {
      RC_ASSERT(res.status == 409);
      return;
    }
    RC_ASSERT(res.status == 200);
    auto j = json::parse(res.body);
    sut.ids.push_back(j["id"]);
    Model after = m;
    apply(after);
    check_code(j, after.codes.back(), sut);
  }
  void show(std::ostream& os) const override { os << "Create(" << name << ", " << category << ", " << length << ")"; }
};

struct Patch : Command {
  int slot;
  std::optional<std::string> name;
  std::optional<int> length;
  int version_skew = *rc::gen::weightedElement<int>({{4, 0}, {1, -1}, {1, 1}});
  explicit Patch(const Model& m)
      : slot(m.codes.empty() ? -1 : (*rc::gen::elementOf(m.codes)).slot),
        name(to_optional(*rc::gen::maybe(code_name(m)))),
        length(to_optional(*rc::gen::maybe(rc::gen::inRange(0, 300)))) {}
  void checkPreconditions(const Model& m) const override { RC_PRE(m.find(slot) != nullptr); }
  bool accepted(const Model& m) const { return version_skew == 0 && !(name && name_taken(m, *name, slot)); }
  void apply(Model& m) const override {
    if (!accepted(m)) return;
    for (auto& c : m.codes)
      if (c.slot == slot) {
        if (name) c.name = trimmed(*name);
        if (length) c.length = *length;
        ++c.version;
      }
  }
  void run(const Model& m, Sut& sut) const override {
    const ModelCode& before = m.at(slot);
    json body{{"metadata", {{"version", before.version + version_skew}}}};
    if (name) body["name"] = *name;
    if (length) body["lengthInMinutes"] = *length;
    auto res = sut.send("PATCH", sut.path + "/" + sut.ids[static_cast<std::size_t>(slot)], &body);
    if (!accepted(m)) {
      RC_ASSERT(res.status == 409);
      return;
    }
    RC_ASSERT(res.status == 200);
    Model after = m;
    apply(after);
    check_code(json::parse(res.body), after.at(slot), sut);
  }
  void show(std::ostream& os) const override {
    os << "Patch(slot " << slot << ", name " << name.value_or("-") << ", skew " << version_skew << ")";
  }
};

struct Delete : Command {
  int slot;
  explicit Delete(const Model& m) : slot(m.codes.empty() ? -1 : (*rc::gen::elementOf(m.codes)).slot) {}
  void checkPreconditions(const Model& m) const override { RC_PRE(m.find(slot) != nullptr); }
  void apply(Model& m) const override {
    if (m.at(slot).is_default) return;
    std::erase_if(m.codes, [&](const ModelCode& c) { return c.slot == slot; });
  }
  void run(const Model& m, Sut& sut) const override {
    auto res = sut.send("DELETE", sut.path + "/" + sut.ids[static_cast<std::size_t>(slot)], nullptr);
    RC_ASSERT(res.status == (m.at(slot).is_default ? 400 : 204));
  }
  void show(std::ostream& os) const override { os << "Delete(slot " << slot << ")"; }
};

struct BulkPatch : Command {
  std::vector<int> slots;
  std::vector<int> lengths;
  bool one_stale = *rc::gen::weightedElement<bool>({{3, false}, {1, true}});
  explicit BulkPatch(const Model& m) {
    if (m.codes.empty()) return;
    std::vector<int> all;
    for (const auto& c : m.codes) all.push_back(c.slot);
    slots = *rc::gen::unique<std::vector<int>>(rc::gen::elementOf(all));
    slots.resize(std::min<std::size_t>(slots.size(), 5));
    for (std::size_t i = 0; i < slots.size(); ++i) lengths.push_back(*rc::gen::inRange(0, 300));
  }
  void checkPreconditions(const Model& m) const override {
    RC_PRE(!slots.empty());
    for (int s : slots) RC_PRE(m.find(s) != nullptr);
  }
  void apply(Model& m) const override {
    if (one_stale) return;  // atomic: nothing applies
    for (std::size_t i = 0; i < slots.size(); ++i)
      for (auto& c : m.codes)
        if (c.slot == slots[i]) {
          c.length = lengths[i];
          ++c.version;
        }
  }
  void run(const Model& m, Sut& sut) const override {
    json entities = json::array();
    for (std::size_t i = 0; i < slots.size(); ++i) {
      const int version = m.at(slots[i]).version + (one_stale && i + 1 == slots.size() ? 5 : 0);
      entities.push_back({{"id", sut.ids[static_cast<std::size_t>(slots[i])]},
                          {"lengthInMinutes", lengths[i]},
                          {"metadata", {{"version", version}}}});
    }
    json body{{"entities", entities}};
    auto res = sut.send("PATCH", sut.path + "/bulk", &body);
    RC_ASSERT(res.status == (one_stale ? 409 : 200));
  }
  void show(std::ostream& os) const override { os << "BulkPatch(" << slots.size() << " codes, stale " << one_stale << ")"; }
};

struct ListMatches : Command {
  explicit ListMatches(const Model&) {}
  void run(const Model& m, Sut& sut) const override {
    auto res = sut.send("GET", sut.path, nullptr);
    RC_ASSERT(res.status == 200);
    auto j = json::parse(res.body);
    RC_ASSERT(j["entities"].size() == m.codes.size());
    for (std::size_t i = 0; i < m.codes.size(); ++i) check_code(j["entities"][i], m.codes[i], sut);
  }
  void show(std::ostream& os) const override { os << "ListMatches"; }
};

struct GetOne : Command {
  int slot;
  explicit GetOne(const Model& m) : slot(*rc::gen::inRange(0, std::max(1, m.next_slot))) {}
  void run(const Model& m, Sut& sut) const override {
    if (static_cast<std::size_t>(slot) >= sut.ids.size()) return;
    auto res = sut.send("GET", sut.path + "/" + sut.ids[static_cast<std::size_t>(slot)], nullptr);
    if (const ModelCode* c = m.find(slot)) {
      RC_ASSERT(res.status == 200);
      check_code(json::parse(res.body), *c, sut);
    } else {
      RC_ASSERT(res.status == 404);  // deleted codes are gone
    }
  }
  void show(std::ostream& os) const override { os << "GetOne(slot " << slot << ")"; }
};

}  // namespace

RC_GTEST_PROP(ActivityCodeModel, RandomOperationSequencesMatchTheModel, ()) {
  core::ServiceOptions options;
  options.scenario_text = kScenario;
  Sut sut;
  sut.harness = mockgc::testing::make_inprocess_harness(options);
  sut.token = mockgc::testing::login(*sut.harness, kRegion);
  auto bus = json::parse(sut.harness->send(kRegion, mockgc::testing::get_request("/api/v2/workforcemanagement/businessunits", sut.token)).body);
  sut.path = "/api/v2/workforcemanagement/businessunits/" + bus["entities"][0]["id"].get<std::string>() + "/activitycodes";

  // Seed the model from the starting listing (8 defaults + 2 generated custom codes).
  Model model;
  auto start = json::parse(sut.harness->send(kRegion, mockgc::testing::get_request(sut.path, sut.token)).body);
  for (const auto& c : start["entities"]) {
    sut.ids.push_back(c["id"]);
    model.codes.push_back({model.next_slot++, c["name"], c["category"], c["lengthInMinutes"], c["metadata"]["version"],
                           c["defaultCode"]});
  }
  rc::state::check(model, sut,
                   rc::state::gen::execOneOfWithArgs<Create, Patch, Delete, BulkPatch, ListMatches, GetOne>());
}
