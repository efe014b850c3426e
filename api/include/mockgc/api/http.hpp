#pragma once
// Plain HTTP messages: what the server core consumes and produces, and what client transports carry.
// Value types with no I/O, so the same request can go over a socket or straight into the core.
#include <optional>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "mockgc/api/text.hpp"

namespace mockgc::api {

struct Header {
  std::string name;
  std::string value;
  bool operator==(const Header&) const = default;
};

// Ordered, case-insensitive on lookup (HTTP field names are case-insensitive).
class Headers {
 public:
  Headers() = default;
  Headers(std::initializer_list<Header> init) : fields_(init) {}

  // First value of `name`, or nullopt.
  std::optional<std::string_view> get(std::string_view name) const;
  bool has(std::string_view name) const { return get(name).has_value(); }
  // Replaces every field called `name` by one field.
  void set(std::string name, std::string value);
  void add(std::string name, std::string value) { fields_.push_back({std::move(name), std::move(value)}); }
  void remove(std::string_view name);
  void reserve(std::size_t fields) { fields_.reserve(fields); }

  const std::vector<Header>& fields() const { return fields_; }
  auto begin() const { return fields_.begin(); }
  auto end() const { return fields_.end(); }
  std::size_t size() const { return fields_.size(); }
  bool operator==(const Headers&) const = default;

 private:
  std::vector<Header> fields_;
};

struct HttpRequest {
  std::string method;   // "GET", "POST", …
  std::string target;   // origin-form: path plus optional "?query", still percent-encoded
  Headers headers;
  std::string body;
};

// How the network shell delivers a response: instructions from the server core (fault injection), not
// part of the HTTP message. Clients never see this struct filled; the in-process harness reports reset and
// close_mid_body as transport errors. Default: send the response normally, at once.
struct Delivery {
  // event_stream: send the header, then the service's console updates as Server-Sent Events until the peer
  // leaves (the live console's /mockgc/admin/console/events).
  enum class Action { normal, reset, close_mid_body, slow_body, event_stream };
  Action action = Action::normal;
  std::int64_t delay_ms = 0;           // real-mode latency: wait (a timer, not a blocked thread) before sending
  int bytes_per_chunk = 0;             // slow_body: body written this many bytes at a time …
  std::int64_t chunk_interval_ms = 0;  // … every this many ms
};

struct HttpResponse {
  int status = 200;
  Headers headers;
  std::string body;
  Delivery delivery;  // shell directive (see Delivery); ignored by clients
  // An immutable body its producer keeps rendered (a cached listing), shared instead of copied per answer.
  // When set, it is the message body and `body` is empty. The server core sets it only for a caller that
  // asks for it (core::RequestContext::shared_body, the network shell); everyone else reads `body`.
  std::shared_ptr<const std::string> shared_body;

  bool ok() const { return status >= 200 && status < 300; }
  // The message body, wherever it is held.
  std::string_view body_text() const { return shared_body ? std::string_view(*shared_body) : std::string_view(body); }
};

std::string_view reason_phrase(int status);
// "application/json", any case, parameters ("; charset=UTF-8") and surrounding blanks ignored.
bool is_json_media_type(std::string_view content_type);

}  // namespace mockgc::api
