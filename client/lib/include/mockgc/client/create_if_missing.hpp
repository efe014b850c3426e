#pragma once
// Creating without duplicates when a create's answer can be lost. A POST is never blindly retried
// (OrgClient reports errc::outcome_unknown, or a 502/504 the request may have passed through), so:
// look first; create only if missing; after an unknown outcome look again and create only if still missing.
// Caveat: this relies on the server making a successful create visible to the next read (mock-gc does;
// real Genesys WFM resources are read-your-writes for the same org as far as the sources say).
#include <functional>
#include <nlohmann/json.hpp>
#include <optional>

#include "mockgc/api/http.hpp"
#include "mockgc/client/result.hpp"

namespace mockgc::client {

enum class CreateOutcome {
  already_existed,     // found before any create was sent (or a create answered 409 and the re-read found it)
  created,             // the create answered 2xx
  created_unconfirmed_answer,  // a create's answer was lost; the re-read found the entity
  rejected,            // the create answered a definitive non-2xx (400, 403 …): see `response`
};

struct CreateResult {
  CreateOutcome outcome;
  nlohmann::json entity;         // the found or created entity (null when rejected or the body was empty)
  api::HttpResponse response;    // the create's answer when there was one
  int creates_sent = 0;
};

using FindFn = std::function<Result<std::optional<nlohmann::json>>()>;
using CreateFn = std::function<Result<api::HttpResponse>()>;

// At most `max_creates` creates are sent; still unknown after that → errc::outcome_unknown.
Result<CreateResult> create_if_missing(const FindFn& find, const CreateFn& create, int max_creates = 3);

}  // namespace mockgc::client
