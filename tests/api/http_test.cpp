#include <gtest/gtest.h>

#include "mockgc/api/http.hpp"

using namespace mockgc::api;

TEST(Headers, LookupIsCaseInsensitiveAndSetReplaces) {
  Headers h;
  h.add("Content-Type", "text/plain");
  h.add("X-A", "1");
  EXPECT_EQ(h.get("content-type").value(), "text/plain");
  h.set("CONTENT-TYPE", "application/json");
  EXPECT_EQ(h.size(), 2u);
  EXPECT_EQ(h.get("Content-Type").value(), "application/json");
  h.remove("x-a");
  EXPECT_FALSE(h.has("X-A"));
  EXPECT_EQ(reason_phrase(429), "Too Many Requests");
}
