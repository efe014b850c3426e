#include "mockgc/client/create_if_missing.hpp"

#include "mockgc/client/errc.hpp"

namespace mockgc::client {

Result<CreateResult> create_if_missing(const FindFn& find, const CreateFn& create, int max_creates) {
  CreateResult out{CreateOutcome::already_existed, nullptr, {}, 0};
  bool answer_lost = false;  // the last create may have been applied without us seeing the answer
  for (;;) {
    auto found = find();
    if (!found) return found.error();
    if (*found) {
      out.outcome = answer_lost ? CreateOutcome::created_unconfirmed_answer : CreateOutcome::already_existed;
      out.entity = std::move(**found);
      return out;
    }
    if (out.creates_sent >= max_creates) return errc::outcome_unknown;
    ++out.creates_sent;
    auto created = create();
    if (!created) {
      if (!may_have_reached_server(created.error())) {
        answer_lost = false;  // certainly not applied; the next round may create again
        continue;
      }
      if (created.error() != errc::outcome_unknown && created.error() != errc::timeout &&
          created.error() != errc::connection_reset && created.error() != errc::retry_budget_exhausted)
        return created.error();
      answer_lost = true;
      continue;
    }
    const int status = created->status;
    if (status == 502 || status == 504) {  // a gateway may have forwarded it
      answer_lost = true;
      continue;
    }
    if (status == 409) {  // conflict: most likely it exists now (a concurrent or earlier create)
      answer_lost = false;
      continue;
    }
    out.response = std::move(*created);
    if (!out.response.ok()) {
      out.outcome = CreateOutcome::rejected;
      return out;
    }
    out.outcome = CreateOutcome::created;
    if (!out.response.body.empty()) {
      auto body = nlohmann::json::parse(out.response.body, nullptr, false);
      if (!body.is_discarded()) out.entity = std::move(body);
    }
    return out;
  }
}

}  // namespace mockgc::client
