// gzip shared by the core (upload bodies) and the client (forecast fallback files).
#include <gtest/gtest.h>

#include "mockgc/api/gzip.hpp"

namespace mockgc::api {
namespace {

TEST(Gzip, RoundTripsAndIsDeterministic) {
  std::string text;
  for (int i = 0; i < 5000; ++i) text += "{\"offered\":" + std::to_string(i % 97) + "},";
  const auto packed = gzip(text);
  ASSERT_GE(packed.size(), 18u);
  EXPECT_EQ(static_cast<unsigned char>(packed[0]), 0x1f);
  EXPECT_EQ(static_cast<unsigned char>(packed[1]), 0x8b);
  EXPECT_LT(packed.size(), text.size() / 4);
  EXPECT_EQ(gzip(text), packed) << "same input, same bytes";
  EXPECT_EQ(gunzip(packed), text);
  EXPECT_EQ(gunzip(gzip("")), "");
}

TEST(Gzip, RefusesWhatIsNotOneCompleteStreamOrInflatesTooFar) {
  const std::string text(1 << 20, 'a');  // 1 MiB that packs into about a kilobyte
  const auto packed = gzip(text);
  EXPECT_FALSE(gunzip("plain JSON, not gzip"));
  EXPECT_FALSE(gunzip(std::string_view(packed).substr(0, packed.size() - 4))) << "truncated";
  EXPECT_FALSE(gunzip(packed, text.size() - 1)) << "bomb guard";
  EXPECT_EQ(gunzip(packed, text.size()), text);
}

}  // namespace
}  // namespace mockgc::api
