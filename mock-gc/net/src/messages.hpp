#pragma once
// Beast messages <-> the core's plain api::HttpRequest / api::HttpResponse values.
#include <optional>
#include <string>
#include <string_view>

#include "asio.hpp"
#include "mockgc/api/http.hpp"

namespace mockgc::net::detail {

using BeastRequest = http::request<http::string_body>;
using BeastResponse = http::response<http::string_body>;

api::HttpRequest to_api(BeastRequest&& request);

// Framing is the shell's job: Content-Length, Transfer-Encoding and Connection from the core are
// replaced. `keep_alive` false adds Connection: close (HTTP/1.1) or leaves keep-alive out (HTTP/1.0).
// HEAD answers carry the Content-Length of the body they leave out; 1xx/204/304 carry neither.
BeastResponse to_beast(api::HttpResponse&& response, unsigned version, bool keep_alive, bool head_request);

// What Beast writes for to_beast(response, version, keep_alive, head_request), without building the Beast
// message: its status line and fields rendered into `head` (replaced), and the body bytes that follow them
// (empty for HEAD and 1xx/204/304; they live in `response`). nullopt for an answer Beast itself must frame
// (a field too long for it).
std::optional<std::string_view> render_head(const api::HttpResponse& response, unsigned version, bool keep_alive,
                                            bool head_request, std::string& head);

// The core asked for the connection to end (Connection: close on its response).
bool asks_to_close(const api::HttpResponse& response);

}  // namespace mockgc::net::detail
