#include "messages.hpp"

#include <iterator>
#include <optional>
#include <string>
#include <utility>

namespace mockgc::net::detail {

namespace {

// "http://api.mypurecloud.de/api/v2/x?y" -> {"api.mypurecloud.de", "/api/v2/x?y"}; nullopt for origin-form.
std::optional<std::pair<std::string_view, std::string_view>> split_absolute_form(std::string_view target) {
  std::string_view rest;
  if (target.starts_with("http://")) rest = target.substr(7);
  else if (target.starts_with("https://")) rest = target.substr(8);
  else return std::nullopt;
  const auto slash = rest.find_first_of("/?");
  if (slash == std::string_view::npos) return std::pair{rest, std::string_view("/")};
  return std::pair{rest.substr(0, slash), rest.substr(slash)};
}

}  // namespace

api::HttpRequest to_api(BeastRequest&& request) {
  api::HttpRequest out;
  out.method = std::string(request.method_string());
  out.target = std::string(request.target());
  out.headers.reserve(static_cast<std::size_t>(std::distance(request.begin(), request.end())) + 1);  // + Host
  for (const auto& field : request) out.headers.add(std::string(field.name_string()), std::string(field.value()));
  // A client using mock-gc as its HTTP proxy sends the absolute form; RFC 9112 §3.2.2: its authority
  // replaces Host. The core always sees origin-form plus Host, so the Host header picks the region.
  if (const auto absolute = split_absolute_form(out.target)) {
    out.headers.set("Host", std::string(absolute->first));
    std::string path = absolute->second.starts_with('?') ? "/" + std::string(absolute->second)
                                                         : std::string(absolute->second);
    out.target = std::move(path);
  }
  out.body = std::move(request.body());
  return out;
}

namespace {

// Framing fields the shell writes itself (to_beast leaves the core's out).
bool is_framing_field(std::string_view name) {
  return api::iequals(name, "Content-Length") || api::iequals(name, "Transfer-Encoding") ||
         api::iequals(name, "Connection");
}

// Beast stores a field value without its leading and trailing blanks (spaces and tabs).
std::string_view trim_blanks(std::string_view value) {
  const auto first = value.find_first_not_of(" \t");
  if (first == std::string_view::npos) return {};
  return value.substr(first, value.find_last_not_of(" \t") - first + 1);
}

void append_field(std::string& head, std::string_view name, std::string_view value) {
  head.append(name);
  head.append(": ");
  head.append(trim_blanks(value));
  head.append("\r\n");
}

// Beast refuses (throws) a field name or value this long; such an answer takes the Beast path.
constexpr std::size_t kBeastFieldLimit = 65'533;

// How the shell frames an answer, the one decision to_beast and render_head both follow.
struct Framing {
  unsigned status = 500;        // the core's status; 500 for one outside 100-599 (Beast throws above 999)
  bool content_length = false;  // Content-Length goes out: not for 1xx/204/304, which have no body (RFC 9110 §8.6)
  bool body = false;            // the body bytes follow the head: not for HEAD, nor for 1xx/204/304
  std::string_view connection;  // the Connection field, empty for none: HTTP/1.1 says so only when closing,
                                // HTTP/1.0 only when keeping (what Beast's keep_alive() writes)
};

Framing framing_of(int status, unsigned version, bool keep_alive, bool head_request) {
  Framing framing;
  framing.status = status < 100 || status > 599 ? 500U : static_cast<unsigned>(status);
  const bool bodiless_status = framing.status < 200 || framing.status == 204 || framing.status == 304;
  framing.content_length = !bodiless_status;
  framing.body = !bodiless_status && !head_request;
  if (version >= 11 && !keep_alive) framing.connection = "close";
  if (version < 11 && keep_alive) framing.connection = "keep-alive";
  return framing;
}

}  // namespace

std::optional<std::string_view> render_head(const api::HttpResponse& response, unsigned version, bool keep_alive,
                                            bool head_request, std::string& head) {
  const auto& fields = response.headers.fields();
  for (const auto& field : fields)
    if (field.name.size() > kBeastFieldLimit || field.value.size() > kBeastFieldLimit) return std::nullopt;
  const Framing framing = framing_of(response.status, version, keep_alive, head_request);
  const unsigned code = framing.status;
  head.clear();
  // "HTTP/X.Y ### <reason>\r\n", as basic_fields::writer renders it.
  const char line[] = {'H', 'T', 'T', 'P', '/', static_cast<char>('0' + version / 10), '.',
                       static_cast<char>('0' + version % 10), ' ', static_cast<char>('0' + code / 100),
                       static_cast<char>('0' + code / 10 % 10), static_cast<char>('0' + code % 10), ' '};
  head.append(line, sizeof line);
  const auto reason = http::obsolete_reason(static_cast<http::status>(code));
  head.append(reason.data(), reason.size());
  head.append("\r\n");
  // Beast keeps fields of one name together, at the place of the first: a later duplicate follows it.
  for (std::size_t i = 0; i < fields.size(); ++i) {
    const std::string_view name = fields[i].name;
    if (is_framing_field(name)) continue;
    bool seen = false;
    for (std::size_t j = 0; j < i && !seen; ++j)
      seen = fields[j].name.size() == name.size() && api::iequals(fields[j].name, name);
    if (seen) continue;
    append_field(head, name, fields[i].value);
    for (std::size_t k = i + 1; k < fields.size(); ++k)
      if (fields[k].name.size() == name.size() && api::iequals(fields[k].name, name))
        append_field(head, fields[k].name, fields[k].value);
  }
  const std::string_view body = response.body_text();
  if (framing.content_length) {
    head.append("Content-Length: ");
    head.append(std::to_string(body.size()));
    head.append("\r\n");
  }
  if (!framing.connection.empty()) append_field(head, "Connection", framing.connection);
  head.append("\r\n");
  if (!framing.body) return std::string_view{};
  return body;
}

bool asks_to_close(const api::HttpResponse& response) {
  const auto connection = response.headers.get("Connection");
  return connection && api::iequals(*connection, "close");
}

BeastResponse to_beast(api::HttpResponse&& response, unsigned version, bool keep_alive, bool head_request) {
  const Framing framing = framing_of(response.status, version, keep_alive, head_request);
  BeastResponse out;
  out.version(version);
  out.result(framing.status);
  for (auto& field : response.headers) {
    if (is_framing_field(field.name)) continue;
    out.insert(field.name, field.value);
  }
  if (framing.content_length) out.content_length(response.body_text().size());
  if (framing.body) {
    if (response.shared_body) out.body() = *response.shared_body;
    else out.body() = std::move(response.body);
  }
  if (!framing.connection.empty()) out.set(http::field::connection, framing.connection);
  return out;
}

}  // namespace mockgc::net::detail
