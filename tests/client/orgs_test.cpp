#include "mockgc/client/orgs.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace mockgc::client {
namespace {

using ::testing::HasSubstr;

std::string error_of(std::string_view text) {
  try {
    parse_orgs(text);
  } catch (const OrgsFileError& e) {
    return e.what();
  }
  return "(no error)";
}

TEST(OrgsFile, ParsesMockAndRealGenesysOrgs) {
  const auto orgs = parse_orgs(R"({"orgs":[
    {"name":"EMEA","region":"eu_central_1","base_url":"http://127.0.0.1:18080","client_id":"a","client_secret":"b"},
    {"name":"APAC","region":"ap_southeast_2","base_url":"https://api.mypurecloud.com.au","client_id":"c",
     "client_secret":"d","ca_file":"/tmp/ca.pem","requests_per_minute":180},
    {"name":"GW","region":"us_east_1","base_url":"https://gw.example/api","login_url":"https://gw.example/login",
     "client_id":"e","client_secret":"f"}]})");
  ASSERT_EQ(orgs.size(), 3u);
  EXPECT_EQ(orgs[0].api.port, 18080);
  EXPECT_EQ(orgs[0].login, orgs[0].api);  // a single-port mock serves /oauth/token itself
  EXPECT_FALSE(orgs[0].requests_per_minute);
  EXPECT_EQ(orgs[1].login.host, "login.mypurecloud.com.au");
  EXPECT_EQ(orgs[1].api.ca_file, "/tmp/ca.pem");
  EXPECT_EQ(orgs[1].login.ca_file, "/tmp/ca.pem");
  EXPECT_EQ(orgs[1].requests_per_minute, 180);
  EXPECT_EQ(orgs[2].login.base_path, "/login");
  EXPECT_EQ(orgs[2].api.base_path, "/api");
}

TEST(OrgsFile, ErrorsNameTheOrgAndTheKey) {
  EXPECT_THAT(error_of(R"({"orgs":[{"name":"EMEA","region":"eu_central_1","base_url":"http://h",
              "client_id":"a","client_secret":"b","secret":"x"}]})"),
              HasSubstr("orgs[0] (\"EMEA\"): unknown key \"secret\""));
  EXPECT_THAT(error_of(R"({"orgs":[],"version":2})"), HasSubstr("unknown key \"version\""));
  EXPECT_THAT(error_of(R"({"orgs":[{"name":"X","region":"eu_central_1","base_url":"http://h","client_id":"a"}]})"),
              HasSubstr("missing required key \"client_secret\""));
  EXPECT_THAT(error_of(R"({"orgs":[{"name":"X","region":"mars_1","base_url":"http://h","client_id":"a",
              "client_secret":"b"}]})"),
              HasSubstr("unknown region \"mars_1\""));
  EXPECT_THAT(error_of(R"({"orgs":[{"name":"X","region":"eu_central_1","base_url":"h:80","client_id":"a",
              "client_secret":"b"}]})"),
              HasSubstr("\"base_url\" is not an http(s) URL"));
  EXPECT_THAT(error_of("{"), HasSubstr("not valid JSON"));
  EXPECT_THAT(error_of(R"({"orgs":[{"name":"X","region":"eu_central_1","base_url":"https://api.mypurecloud.com",
              "client_id":"a","client_secret":"b"}]})"),
              HasSubstr("belongs to region \"us_east_1\", not \"eu_central_1\""));
  EXPECT_THAT(error_of(R"({"orgs":[{"name":"X","region":"eu_central_1","base_url":"http://h","client_id":"a",
              "client_secret":"b"},{"name":"X","region":"eu_central_1","base_url":"http://h","client_id":"a",
              "client_secret":"b"}]})"),
              HasSubstr("duplicate org name"));
}

TEST(OrgsFile, MissingFileIsAStartUpError) {
  EXPECT_THROW(load_orgs("/nonexistent/ORGS.json"), OrgsFileError);
}

}  // namespace
}  // namespace mockgc::client
