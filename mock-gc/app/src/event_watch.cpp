#include "event_watch.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <nlohmann/json.hpp>
#include <set>

#include "mockgc/api/time.hpp"

namespace mockgc::app {
namespace {

using nlohmann::json;

constexpr core::Millis kStep{1000};  // the resolution of an arrival instant

bool unsubscribed(std::string_view topic) { return topic == "channel.metadata" || topic == "v2.system.socket_closing"; }

// {placeholder} → the REST listing whose first entity names it.
const std::map<std::string, std::string>& placeholder_listings() {
  static const std::map<std::string, std::string> m{
      {"{user}", "/api/v2/users?pageSize=1"},
      {"{managementUnit}", "/api/v2/workforcemanagement/managementunits"},
      {"{businessUnit}", "/api/v2/workforcemanagement/businessunits"}};
  return m;
}

}  // namespace

EventWatch::EventWatch(const std::vector<core::EventExpectation>& expected, api::ManualClock& clock, core::Instant start)
    : expected_(expected), clock_(clock), start_(start), topics_(expected.size()), problems_(expected.size()) {}

void EventWatch::open(const Call& call, const OpenStream& open_stream,
                      const std::map<std::string, std::string>& client_ids) {
  std::map<std::string, std::map<std::string, std::string>> ids;  // region → placeholder → id
  std::map<std::string, std::vector<std::size_t>> by_region;
  for (std::size_t i = 0; i < expected_.size(); ++i) {
    const auto& e = expected_[i];
    by_region[e.region].push_back(i);
    auto client = client_ids.find(e.region);
    if (client == client_ids.end()) {
      problems_[i] = fmt::format("no org serves region {}", e.region);
      continue;
    }
    std::string topic = e.topic;
    for (auto at = topic.find("{client}"); at != std::string::npos; at = topic.find("{client}"))
      topic.replace(at, 8, client->second);
    for (const auto& [name, listing] : placeholder_listings()) {
      const auto at = topic.find(name);
      if (at == std::string::npos) continue;
      auto& id = ids[e.region][name];
      if (id.empty()) {
        const auto res = call(e.region, "GET", listing, "");
        const auto body = json::parse(res.body, nullptr, false);
        if (body.is_object() && body.contains("entities") && body["entities"].is_array() && !body["entities"].empty() &&
            body["entities"][0].value("id", json()).is_string())
          id = body["entities"][0]["id"].get<std::string>();
      }
      if (id.empty()) problems_[i] = fmt::format("{}: GET {} named no entity", name, listing);
      else topic.replace(at, name.size(), id);
    }
    topics_[i] = topic;
  }
  for (const auto& [region, indices] : by_region) {
    if (!client_ids.count(region)) continue;
    const auto made = call(region, "POST", "/api/v2/notifications/channels", "{}");
    const auto channel = json::parse(made.body, nullptr, false);
    const std::string uri = channel.is_object() ? channel.value("connectUri", std::string()) : std::string();
    const auto scheme = uri.find("://"), path = uri.find('/', scheme == std::string::npos ? 0 : scheme + 3);
    if (made.status != 200 || path == std::string::npos) {
      for (auto i : indices)
        if (problems_[i].empty()) problems_[i] = fmt::format("the channel could not be made ({})", made.status);
      continue;
    }
    json subscriptions = json::array();
    std::set<std::string> seen;
    for (auto i : indices)
      if (problems_[i].empty() && !unsubscribed(topics_[i]) && seen.insert(topics_[i]).second)
        subscriptions.push_back({{"id", topics_[i]}});
    if (!subscriptions.empty()) {
      const auto answer = call(region, "PUT",
                               fmt::format("/api/v2/notifications/channels/{}/subscriptions", channel["id"].get<std::string>()),
                               subscriptions.dump());
      const auto states = json::parse(answer.body, nullptr, false);
      if (states.is_object() && states.contains("entities") && states["entities"].is_array())
        for (const auto& t : states["entities"])
          if (t.value("state", json()) == "Rejected")
            for (auto i : indices)
              if (topics_[i] == t.value("id", std::string()))
                problems_[i] = fmt::format("the topic was rejected: {}", t.value("rejectionReason", std::string()));
    }
    regions_[region].stream = open_stream(region, uri.substr(path));
    if (!regions_[region].stream)
      for (auto i : indices)
        if (problems_[i].empty()) problems_[i] = "the channel's stream could not be opened";
  }
  pull();
}

void EventWatch::pull() {
  for (auto& [region, rc] : regions_) {
    if (!rc.stream) continue;
    auto out = rc.stream->pull();
    rc.stream->confirm();
    for (const auto& frame : out.frames) {
      const auto j = json::parse(frame, nullptr, false);
      if (!j.is_object() || !j.contains("topicName") || !j["topicName"].is_string()) continue;
      rc.arrived.push_back({clock_.now(), j["topicName"].get<std::string>(), j.value("eventBody", json::object()).dump()});
    }
    if (out.close != core::notifications::Close::none) rc.stream.reset();
  }
}

void EventWatch::advance_to(core::Instant t) {
  while (clock_.now() < t) {
    clock_.set(std::min(t, clock_.now() + kStep));
    pull();
  }
}

core::Instant EventWatch::horizon() const {
  core::Instant h = start_;
  for (const auto& e : expected_) h = std::max(h, start_ + e.by);
  return h;
}

std::vector<CheckResult> EventWatch::check() const {
  std::vector<CheckResult> out;
  for (std::size_t i = 0; i < expected_.size(); ++i) {
    const auto& e = expected_[i];
    CheckResult c;
    c.name = fmt::format("event {}: {}{} {} {}..{}", i, e.absent ? "no " : "", e.region, e.topic,
                         api::format_duration(e.after), api::format_duration(e.by));
    c.region = e.region;
    if (!problems_[i].empty()) {
      c.diffs.push_back(problems_[i]);
      out.push_back(std::move(c));
      continue;
    }
    const auto rc = regions_.find(e.region);
    int on_topic = 0;
    const Arrival* match = nullptr;
    std::string near_miss;
    if (rc != regions_.end())
      for (const auto& a : rc->second.arrived) {
        if (a.topic != topics_[i] || a.at < start_ + e.after || a.at > start_ + e.by) continue;
        ++on_topic;
        const auto body = json::parse(a.body);
        const bool fits = std::all_of(e.fields.begin(), e.fields.end(), [&](const auto& f) {
          const json::json_pointer ptr(f.first);
          return body.contains(ptr) && body[ptr].dump() == f.second;
        });
        if (fits && !match) match = &a;
        if (!fits && near_miss.empty()) near_miss = a.body.substr(0, 300);
      }
    if (!e.absent && !match)
      c.diffs.push_back(fmt::format("no event on {} with the fields asked for between {} and {} ({} on the topic{}{})",
                                    topics_[i], api::format_duration(e.after), api::format_duration(e.by), on_topic,
                                    near_miss.empty() ? "" : "; first: ", near_miss));
    if (e.absent && match)
      c.diffs.push_back(fmt::format("an event on {} arrived at {}: {:.300}", topics_[i],
                                    api::format_duration(match->at - start_), match->body));
    out.push_back(std::move(c));
  }
  return out;
}

}  // namespace mockgc::app
