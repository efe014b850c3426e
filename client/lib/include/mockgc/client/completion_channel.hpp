#pragma once
// Asynchronous Genesys operations finished through the Notifications API (genesys-notifications.md §2c):
// a request that answers {status: Processing, operationId} is completed by an event carrying the same
// operationId on a topic the client subscribed to BEFORE the request (an event published before the
// subscription is never delivered).
//
// One CompletionChannel per org and run: it keeps one notification channel (NotificationChannel, reused by
// every operation, so a run never piles up channels against the 20-per-client quota) subscribed to
// `topics`, and for each operation:
//   1. opens the socket (the channel is made and subscribed on first use), then calls `start` (the request);
//   2. an answer that is not Processing is the result at once (no event is awaited);
//   3. a Processing answer waits, on the client's clock, at most `wait` for an event whose
//      eventBody.operationId is the answer's; events of other operations are ignored.
// Failures say what happened in `why`: the request failed (start's reason), no event within `wait` (a lost
// notification), or no notification channel (no connector, the subscription rejected, the channel
// unreachable — remembered, so later operations of the run do not wait for it again). The caller decides
// what a missing completion means (fail the region, or poll another way).
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "mockgc/client/notification_channel.hpp"
#include "mockgc/client/org_client.hpp"
#include "mockgc/client/websocket.hpp"

namespace mockgc::client {

struct CompletionOptions {
  Millis wait{60'000};  // how long a Processing answer waits for its event (client clock)
  NotificationChannelOptions channel;
};

struct Completion {
  std::optional<nlohmann::json> answer;  // what the request answered (empty when it failed)
  std::optional<nlohmann::json> event;   // the completion event's body (a Processing answer that completed)
  std::string operation_id;              // of a Processing answer
  std::string why;                       // empty = success
  bool ok() const { return why.empty(); }
  bool processing() const { return !operation_id.empty(); }
};

// The operationId of a {status: Processing, operationId} answer; empty for any other answer.
std::string processing_operation(const nlohmann::json& answer);

// The OAuth client id is the id a client-credentials integration subscribes user-scoped WFM result topics
// with (mock-gc's documented choice; Genesys leaves it UNCERTAIN): v2.workforcemanagement.users.{id}.…
std::string requester_schedule_topic(const OrgClient& org, std::string_view kind);  // kind: query | search

class CompletionChannel {
 public:
  // `connector` null: no notifications (a Processing answer then fails with a reason).
  CompletionChannel(OrgClient& org, WebSocketConnector* connector, std::vector<std::string> topics,
                    CompletionOptions options = {});

  // `start` sends the request: its JSON answer, or nullopt with `why` set.
  using Start = std::function<std::optional<nlohmann::json>(std::string& why)>;
  Completion run(const Start& start);

  // Why notifications are not available for this run ("" while they are).
  const std::string& unavailable() const { return unavailable_; }
  // The channel (null without a connector): its stats and id.
  const NotificationChannel* channel() const { return channel_ ? &*channel_ : nullptr; }

 private:
  Completion run_without_channel(const Start& start);

  OrgClient& org_;
  WebSocketConnector* connector_;
  CompletionOptions options_;
  std::optional<NotificationChannel> channel_;
  std::string topics_text_;
  std::string unavailable_;
};

}  // namespace mockgc::client
