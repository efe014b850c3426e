#include "mockgc/workflows/person_keys.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "mockgc/api/text.hpp"
#include "mockgc/client/json_calls.hpp"

namespace mockgc::workflows {

namespace {
constexpr std::size_t kUserBatch = 100;  // GET /api/v2/users accepts at most 100 id values

std::string text_of(const nlohmann::json& j, const char* key) {
  auto it = j.find(key);
  return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}
}  // namespace

std::string read_emails(client::OrgClient& c, const std::vector<std::string>& ids,
                        std::map<std::string, std::string>& emails) {
  std::string error;
  for (std::size_t i = 0; i < ids.size(); i += kUserBatch) {
    std::string joined;
    for (std::size_t k = i; k < std::min(ids.size(), i + kUserBatch); ++k) {
      if (!joined.empty()) joined += ',';
      joined += ids[k];
    }
    auto users = client::get_all_entities(c, "/api/v2/users", {{"id", joined}, {"pageSize", "100"}, {"state", "any"}});
    if (!users) {
      if (error.empty()) error = fmt::format("GET /api/v2/users: {}", users.error().message());
      continue;
    }
    for (const auto& u : *users) {
      const auto email = text_of(u, "email");
      if (!email.empty()) emails[text_of(u, "id")] = api::lower(email);
    }
  }
  return error;
}

std::string person_key(const std::map<std::string, std::string>& emails, const std::string& org,
                       const std::string& user_id) {
  auto it = emails.find(user_id);
  return it != emails.end() ? it->second : org + "/" + user_id;
}

}  // namespace mockgc::workflows
