#pragma once
// The session metrics of a rendered AnalyticsConversation (the details query, GET …/{conversationId}/details),
// each with the dimension values of its participant, as the conversation aggregates group and filter them:
// originatingDirection of the conversation; requestedRoutingSkillId / requestedLanguageId of the acd segment;
// mediaType, direction of the session; queueId of its segments; userId of the participant; wrapUpCode of its
// wrapup segment. Endpoint suites and properties count the details with it.
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "mockgc/core/clock.hpp"

namespace mockgc::testing {

struct EmittedMetric {
  std::string metric;
  std::uint64_t value = 0;
  core::Instant at{};
  std::map<std::string, std::string> dims;  // absent: the participant has no value
};

std::vector<EmittedMetric> emitted_metrics(const nlohmann::json& conversation);

}  // namespace mockgc::testing
