// The agent topics' event sequence is a function of the seed: the default world (seed 1), one EMEA channel
// subscribed to every management unit's adherence topic and to the activity, presence, routing-status and
// adherence topics of 20 users, the virtual clock moved in 1 s steps for 15 world minutes and then by a 2 h
// jump (the catch-up window), every frame pulled after each move. The whole sequence (instant of delivery,
// topic, body) is pinned by its count and FNV-1a digest, recorded from the publisher that re-derives every
// followed agent at every step: a faster publisher must deliver exactly the same sequence.
#include <fmt/format.h>

#include "channel_fixture.hpp"
#include "mockgc/api/random.hpp"
#include "mockgc/api/time.hpp"

namespace mockgc::testing {
namespace {

using nlohmann::json;

// Recorded from the publisher that re-derives every followed agent at every step; the routing statuses follow
// the conversation history, so a change of the history's draws re-records them.
constexpr std::size_t kEvents = 1216;
constexpr std::string_view kDigest = "30812eceef9310c4";

class EventSequence : public ChannelTest {
 protected:
  // "instant topic body" per event, in delivery order (heartbeats left out).
  std::vector<std::string> run() {
    std::vector<std::string> topics;
    const auto mus = get_json(kEmea, "/api/v2/workforcemanagement/businessunits/" + bu_id(kEmea) + "/managementunits");
    for (const auto& m : mus["entities"])
      topics.push_back("v2.workforcemanagement.managementunits." + m["id"].get<std::string>() + ".adherence");
    const auto users = get_json(kEmea, "/api/v2/users?pageSize=20")["entities"];
    for (const auto& u : users)
      for (const char* kind : {"activity", "presence", "routingStatus", "workforcemanagement.adherence"})
        topics.push_back("v2.users." + u["id"].get<std::string>() + "." + kind);
    auto channel = create();
    subscribe(channel["id"], topics);
    auto stream = connect(channel);
    std::vector<std::string> seen;
    auto drain = [&] {
      for (const auto& e : events(*stream))
        seen.push_back(api::format_instant(clock_->now()) + " " + e["topicName"].get<std::string>() + " " +
                       e["eventBody"].dump());
    };
    drain();
    for (int s = 0; s < 15 * 60; ++s) {
      clock_->advance(std::chrono::seconds(1));
      drain();
    }
    clock_->advance(std::chrono::hours(2));
    drain();
    return seen;
  }
};

TEST_P(EventSequence, IsPinnedBySeed) {
  const auto seen = run();
  std::string all;
  for (const auto& s : seen) all += s + "\n";
  EXPECT_EQ(seen.size(), kEvents);
  EXPECT_EQ(fmt::format("{:016x}", api::fnv1a(all)), kDigest) << (seen.empty() ? "" : seen.front());
}

}  // namespace
MOCKGC_INSTANTIATE_FOR_HARNESSES(EventSequence);
}  // namespace mockgc::testing
