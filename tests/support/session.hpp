#pragma once
// Helpers for endpoint suites: log in to a region, build JSON requests, parse bodies, and check that an
// error response is Genesys-shaped (EXPECT_ERROR_BODY).
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "harness.hpp"

namespace mockgc::testing {

std::string base64_encode(std::string_view in);
std::string basic_auth(std::string_view client_id, std::string_view client_secret);
const core::RegionEndpointInfo& region_info(Harness& h, std::string_view region);

// POST /oauth/token with the region's own credentials (Basic auth + form body).
api::HttpResponse login_response(Harness& h, std::string_view region);
// The access token, or "" after recording a test failure.
std::string login(Harness& h, std::string_view region);

api::HttpRequest get_request(std::string target, std::string_view token);
// A request with a JSON body and Content-Type: application/json.
api::HttpRequest json_request(std::string method, std::string target, std::string_view token, const nlohmann::json& body);
// Parses a response body (a null json plus a test failure when it is not JSON).
nlohmann::json body_json(const api::HttpResponse& res);

// status, Content-Type: application/json, ErrorBody fields (message, code, status, contextId, details:[],
// errors:[]) and contextId == ININ-Correlation-Id.
::testing::AssertionResult is_error_body(const api::HttpResponse& res, int status, std::string_view code);

// The path + query of an absolute URL ("http://host/x?y" -> "/x?y").
std::string path_of_url(std::string_view url);

}  // namespace mockgc::testing

#define EXPECT_ERROR_BODY(res, status, code) EXPECT_TRUE(::mockgc::testing::is_error_body((res), (status), (code)))
#define ASSERT_ERROR_BODY(res, status, code) ASSERT_TRUE(::mockgc::testing::is_error_body((res), (status), (code)))
