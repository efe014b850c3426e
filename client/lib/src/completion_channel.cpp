#include "mockgc/client/completion_channel.hpp"

#include <fmt/format.h>

namespace mockgc::client {
namespace {

using nlohmann::json;

long long seconds(Millis m) { return std::chrono::duration_cast<std::chrono::seconds>(m).count(); }

}  // namespace

std::string processing_operation(const json& answer) {
  if (!answer.is_object() || answer.value("status", json()) != "Processing") return {};
  auto op = answer.find("operationId");
  return op != answer.end() && op->is_string() ? op->get<std::string>() : std::string();
}

std::string requester_schedule_topic(const OrgClient& org, std::string_view kind) {
  return fmt::format("v2.workforcemanagement.users.{}.schedules.{}", org.org().client_id, kind);
}

CompletionChannel::CompletionChannel(OrgClient& org, WebSocketConnector* connector, std::vector<std::string> topics,
                                     CompletionOptions options)
    : org_(org), connector_(connector), options_(std::move(options)) {
  for (const auto& t : topics) topics_text_ += (topics_text_.empty() ? "" : ", ") + t;
  if (connector_) channel_.emplace(org_, *connector_, std::move(topics), options_.channel);
  else unavailable_ = "no notification connector";
}

Completion CompletionChannel::run_without_channel(const Start& start) {
  Completion out;
  out.answer = start(out.why);
  if (!out.answer) return out;
  out.operation_id = processing_operation(*out.answer);
  if (out.processing())
    out.why = fmt::format("answered Processing (operation {}), and its completion cannot arrive: {}", out.operation_id,
                          unavailable_);
  return out;
}

Completion CompletionChannel::run(const Start& start) {
  if (!channel_ || !unavailable_.empty()) return run_without_channel(start);
  auto& clock = org_.clock();
  Completion out;
  bool started = false, done = false;
  Instant deadline{};
  auto begin = [&] {
    started = true;
    out.answer = start(out.why);
    if (out.answer) out.operation_id = processing_operation(*out.answer);
    done = !out.processing();
    deadline = clock.now() + options_.wait;
  };
  ChannelHandlers h;
  h.on_signal = [&](ChannelSignal s, std::string_view) {
    if (s == ChannelSignal::connected && !started) begin();
  };
  h.on_event = [&](const NotificationFrame& f) {
    if (!done && out.processing() && f.body.is_object() && f.body.value("operationId", json()) == out.operation_id) {
      out.event = f.body;
      done = true;
    }
  };
  const auto stop = [&] {
    if (done) return true;
    if (!started || clock.now() < deadline) return false;
    out.why = fmt::format("answered Processing (operation {}), and no completion event arrived on {} within {} s",
                          out.operation_id, topics_text_, seconds(options_.wait));
    return true;
  };
  const Status status = channel_->run(stop, h);
  if (status) return out;
  unavailable_ = fmt::format("the notification channel failed ({})", status.error().message());
  if (!started) return run_without_channel(start);
  if (!done && out.why.empty())
    out.why = fmt::format("answered Processing (operation {}), and {} before its completion arrived", out.operation_id,
                          unavailable_);
  return out;
}

}  // namespace mockgc::client
