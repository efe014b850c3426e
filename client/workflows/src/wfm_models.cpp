#include "mockgc/workflows/wfm_models.hpp"

namespace mockgc::workflows {
namespace {

const nlohmann::json* entities_of(const nlohmann::json& listing) {
  if (!listing.is_object()) return nullptr;
  auto it = listing.find("entities");
  if (it == listing.end() || !it->is_array()) return nullptr;
  return &*it;
}

bool is_ascii_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }

}  // namespace

std::vector<BusinessUnit> parse_business_units(const nlohmann::json& listing) {
  std::vector<BusinessUnit> out;
  const auto* entities = entities_of(listing);
  if (!entities) return out;
  for (const auto& e : *entities) {
    if (!e.is_object()) continue;
    auto id = e.find("id");
    auto name = e.find("name");
    if (id == e.end() || !id->is_string() || name == e.end() || !name->is_string()) continue;
    out.push_back({id->get<std::string>(), name->get<std::string>()});
  }
  return out;
}

std::optional<ActivityCode> parse_activity_code(const nlohmann::json& e) {
  if (!e.is_object()) return std::nullopt;
  auto id = e.find("id");
  auto name = e.find("name");
  auto category = e.find("category");
  if (id == e.end() || !id->is_string() || name == e.end() || !name->is_string() || category == e.end() ||
      !category->is_string())
    return std::nullopt;
  ActivityCode c;
  c.id = id->get<std::string>();
  c.name = name->get<std::string>();
  c.category = category->get<std::string>();
  if (auto d = e.find("defaultCode"); d != e.end() && d->is_boolean()) c.default_code = d->get<bool>();
  if (auto m = e.find("metadata"); m != e.end() && m->is_object()) {
    if (auto v = m->find("version"); v != m->end() && v->is_number_integer()) c.version = v->get<long long>();
  }
  for (auto field : kSyncedActivityCodeFields) {
    auto it = e.find(std::string(field));
    if (it != e.end() && !it->is_null()) c.attributes[std::string(field)] = *it;
  }
  return c;
}

std::vector<ActivityCode> parse_activity_codes(const nlohmann::json& listing, int* skipped) {
  std::vector<ActivityCode> out;
  int bad = 0;
  if (const auto* entities = entities_of(listing)) {
    for (const auto& e : *entities) {
      if (auto c = parse_activity_code(e)) {
        out.push_back(std::move(*c));
      } else {
        ++bad;
      }
    }
  }
  if (skipped) *skipped = bad;
  return out;
}

std::string activity_code_name_key(std::string_view name) {
  std::string out;
  out.reserve(name.size());
  bool pending_space = false;
  for (char c : name) {
    if (is_ascii_space(c)) {
      pending_space = !out.empty();
      continue;
    }
    if (pending_space) out.push_back(' ');
    pending_space = false;
    out.push_back((c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c);
  }
  return out;
}

}  // namespace mockgc::workflows
