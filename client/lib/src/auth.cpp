#include "mockgc/client/auth.hpp"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "mockgc/client/errc.hpp"

namespace mockgc::client {

std::string base64_encode(std::string_view in) {
  static constexpr char table[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  out.reserve((in.size() + 2) / 3 * 4);
  std::size_t i = 0;
  for (; i + 2 < in.size(); i += 3) {
    const unsigned n = (static_cast<unsigned char>(in[i]) << 16) | (static_cast<unsigned char>(in[i + 1]) << 8) |
                       static_cast<unsigned char>(in[i + 2]);
    out += table[(n >> 18) & 63];
    out += table[(n >> 12) & 63];
    out += table[(n >> 6) & 63];
    out += table[n & 63];
  }
  if (const auto rest = in.size() - i; rest > 0) {
    unsigned n = static_cast<unsigned char>(in[i]) << 16;
    if (rest == 2) n |= static_cast<unsigned char>(in[i + 1]) << 8;
    out += table[(n >> 18) & 63];
    out += table[(n >> 12) & 63];
    out += rest == 2 ? table[(n >> 6) & 63] : '=';
    out += '=';
  }
  return out;
}

api::HttpRequest make_token_request(const Credentials& credentials) {
  api::HttpRequest req;
  req.method = "POST";
  req.target = "/oauth/token";
  req.headers.set("Authorization", "Basic " + base64_encode(credentials.client_id + ":" + credentials.client_secret));
  req.headers.set("Content-Type", "application/x-www-form-urlencoded");
  req.headers.set("Accept", "application/json");
  req.body = "grant_type=client_credentials";
  return req;
}

Result<AccessToken> parse_token_response(const api::HttpResponse& response, Instant now) {
  if (!response.ok()) return errc::auth_failed;
  const auto body = nlohmann::json::parse(response.body, nullptr, /*allow_exceptions=*/false);
  if (body.is_discarded() || !body.is_object()) return errc::auth_failed;
  const auto token = body.find("access_token");
  const auto expires = body.find("expires_in");
  if (token == body.end() || !token->is_string() || token->get_ref<const std::string&>().empty())
    return errc::auth_failed;
  if (expires == body.end() || !expires->is_number() || expires->get<double>() <= 0) return errc::auth_failed;
  const auto lifetime = Millis(static_cast<std::int64_t>(expires->get<double>() * 1000));
  return AccessToken{token->get<std::string>(), now, now + lifetime};
}

std::optional<std::string> TokenCache::usable(Instant now) const {
  if (!token_) return std::nullopt;
  const Millis margin = std::min(margin_, (token_->expires_at - token_->received_at) / 2);
  if (now + margin >= token_->expires_at) return std::nullopt;
  return token_->value;
}

void TokenCache::invalidate(const std::string& rejected) {
  if (token_ && token_->value == rejected) token_.reset();
}

}  // namespace mockgc::client
