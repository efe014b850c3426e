#include <gtest/gtest.h>

#include "mockgc/core/paging.hpp"
#include "mockgc/core/router.hpp"

using namespace mockgc;
using namespace mockgc::core;

TEST(Paging, DefaultsAndBounds) {
  PageRequest p;
  EXPECT_FALSE(parse_page_request(api::QueryParams::parse(""), p));
  EXPECT_EQ(p.page_size, 25);
  EXPECT_EQ(p.page_number, 1);
  EXPECT_FALSE(parse_page_request(api::QueryParams::parse("pageSize=500&pageNumber=3"), p));
  EXPECT_EQ(p.page_size, 500);
  EXPECT_EQ(p.page_number, 3);
  for (const char* bad : {"pageSize=0", "pageSize=501", "pageSize=x", "pageNumber=0", "pageSize=", "pageSize=9999999999999"}) {
    auto e = parse_page_request(api::QueryParams::parse(bad), p);
    ASSERT_TRUE(e) << bad;
    EXPECT_EQ(e->status, 400);
    EXPECT_EQ(e->code, "bad.request");
  }
}

TEST(Paging, LinksKeepOtherParametersAndOmitAbsentOnes) {
  auto q = api::QueryParams::parse("name=Sup*&pageNumber=2&pageSize=10&id=a,b");
  auto page = make_page("/api/v2/routing/queues", q, {10, 2}, 35);
  EXPECT_EQ(page.page_count, 4);
  EXPECT_EQ(page.begin, 10u);
  EXPECT_EQ(page.end, 20u);
  EXPECT_EQ(page.self_uri, "/api/v2/routing/queues?pageSize=10&pageNumber=2&name=Sup*&id=a,b");
  EXPECT_EQ(page.first_uri, "/api/v2/routing/queues?pageSize=10&pageNumber=1&name=Sup*&id=a,b");
  EXPECT_EQ(page.last_uri, "/api/v2/routing/queues?pageSize=10&pageNumber=4&name=Sup*&id=a,b");
  ASSERT_TRUE(page.next_uri);
  ASSERT_TRUE(page.previous_uri);
  auto last = make_page("/x", {}, {10, 4}, 35);
  EXPECT_FALSE(last.next_uri);
  EXPECT_EQ(last.end - last.begin, 5u);
  auto first = make_page("/x", {}, {10, 1}, 35);
  EXPECT_FALSE(first.previous_uri);
  auto empty = make_page("/x", {}, {25, 1}, 0);
  EXPECT_EQ(empty.page_count, 0);
  EXPECT_EQ(empty.begin, empty.end);
  EXPECT_FALSE(empty.next_uri);
  EXPECT_EQ(empty.last_uri, "/x?pageSize=25&pageNumber=1");
  auto beyond = make_page("/x", {}, {10, 9}, 35);
  EXPECT_EQ(beyond.begin, beyond.end);
  EXPECT_FALSE(beyond.next_uri);
}

TEST(Router, MatchesParametersAndPrefersLiterals) {
  Router r;
  r.add("GET", "/api/v2/users", 0);
  r.add("GET", "/api/v2/users/{userId}", 1);
  r.add("PATCH", "/bu/{bu}/codes/{id}", 2);
  r.add("PATCH", "/bu/{bu}/codes/bulk", 3);
  auto m = r.match("GET", {"api", "v2", "users", "abc"});
  ASSERT_TRUE(m.found());
  EXPECT_EQ(m.route_id, 1);
  EXPECT_EQ(m.params, std::vector<std::string>{"abc"});
  EXPECT_EQ(r.match("PATCH", {"bu", "b1", "codes", "bulk"}).route_id, 3);
  auto p = r.match("PATCH", {"bu", "b1", "codes", "c9"});
  EXPECT_EQ(p.route_id, 2);
  EXPECT_EQ(p.params, (std::vector<std::string>{"b1", "c9"}));
  auto wrong = r.match("DELETE", {"api", "v2", "users"});
  EXPECT_FALSE(wrong.found());
  EXPECT_TRUE(wrong.path_known());
  EXPECT_EQ(wrong.allowed, std::vector<std::string>{"GET"});
  auto unknown = r.match("GET", {"api", "v2", "nothing"});
  EXPECT_FALSE(unknown.found());
  EXPECT_FALSE(unknown.path_known());
}
