#pragma once
// Who a user is across orgs: bi-regional people share name and e-mail, so the person key is the lower-cased
// e-mail; a user whose e-mail cannot be read is keyed "<org>/<userId>" and never merged with anyone.
#include <map>
#include <string>
#include <vector>

#include "mockgc/client/org_client.hpp"

namespace mockgc::workflows {

// user id → lower-cased e-mail through GET /api/v2/users?id=…&state=any, at most 100 ids per call. Returns
// the first failure ("" when every batch was read); ids of failed batches are absent from `emails`.
std::string read_emails(client::OrgClient& c, const std::vector<std::string>& ids,
                        std::map<std::string, std::string>& emails);

// The person key of `user_id`: its e-mail in `emails`, else "<org>/<userId>".
std::string person_key(const std::map<std::string, std::string>& emails, const std::string& org,
                       const std::string& user_id);

}  // namespace mockgc::workflows
