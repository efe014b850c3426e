#pragma once
// Plain HTTP messages: what the server core consumes and produces, and what client transports carry.
// Value types with no I/O, so the same request can go over a socket or straight into the core.
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

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

  const std::vector<Header>& fields() const { return fields_; }
  auto begin() const { return fields_.begin(); }
  auto end() const { return fields_.end(); }
  std::size_t size() const { return fields_.size(); }
  bool operator==(const Headers&) const = default;

 private:
  std::vector<Header> fields_;
};

bool iequals(std::string_view a, std::string_view b);

struct HttpRequest {
  std::string method;   // "GET", "POST", …
  std::string target;   // origin-form: path plus optional "?query", still percent-encoded
  Headers headers;
  std::string body;
};

struct HttpResponse {
  int status = 200;
  Headers headers;
  std::string body;

  bool ok() const { return status >= 200 && status < 300; }
};

std::string_view reason_phrase(int status);

}  // namespace mockgc::api
