#include "analytics_emissions.hpp"

#include "mockgc/api/time.hpp"

namespace mockgc::testing {

std::vector<EmittedMetric> emitted_metrics(const nlohmann::json& c) {
  std::vector<EmittedMetric> out;
  std::map<std::string, std::string> conversation = {{"originatingDirection", c["originatingDirection"]}};
  for (const auto& p : c["participants"])
    if (p["purpose"] == "acd")
      for (const auto& seg : p["sessions"][0]["segments"]) {
        if (seg.contains("requestedRoutingSkillIds"))
          conversation["requestedRoutingSkillId"] = seg["requestedRoutingSkillIds"][0];
        if (seg.contains("requestedLanguageId")) conversation["requestedLanguageId"] = seg["requestedLanguageId"];
      }
  for (const auto& p : c["participants"])
    for (const auto& session : p["sessions"]) {
      auto dims = conversation;
      dims["mediaType"] = session["mediaType"];
      dims["direction"] = session["direction"];
      if (p.contains("userId")) dims["userId"] = p["userId"];
      for (const auto& seg : session["segments"]) {
        if (seg.contains("queueId")) dims["queueId"] = seg["queueId"];
        if (seg.contains("wrapUpCode")) dims["wrapUpCode"] = seg["wrapUpCode"];
      }
      for (const auto& m : session.value("metrics", nlohmann::json::array()))
        out.push_back({m["name"], m["value"], *api::parse_instant(m["emitDate"].get<std::string>()), dims});
    }
  return out;
}

}  // namespace mockgc::testing
