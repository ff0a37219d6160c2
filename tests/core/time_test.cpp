#include <gtest/gtest.h>

#include "core/time.hpp"

namespace sp {
namespace {

TEST(Rfc3339, FormatsWholeSecondsWithoutFraction) {
  EXPECT_EQ(format_rfc3339(from_unix_seconds(0)), "1970-01-01T00:00:00Z");
  EXPECT_EQ(format_rfc3339(from_unix_ms(1'795'000'000'123)), "2026-11-18T11:06:40.123Z");
}

TEST(Rfc3339, ParsesOffsetsToUtc) {
  auto t = parse_rfc3339("2026-03-29T03:30:00+02:00");
  ASSERT_TRUE(t.ok());
  EXPECT_EQ(format_rfc3339(*t), "2026-03-29T01:30:00Z");
  auto k = parse_rfc3339("2026-01-01T00:00:00-05:45");
  ASSERT_TRUE(k.ok());
  EXPECT_EQ(format_rfc3339(*k), "2026-01-01T05:45:00Z");
}

TEST(Rfc3339, RoundTripsMilliseconds) {
  auto t = parse_rfc3339("2026-11-23T10:15:00.5Z");
  ASSERT_TRUE(t.ok());
  EXPECT_EQ(to_unix_ms(*t) % 1000, 500);
  EXPECT_EQ(*parse_rfc3339(format_rfc3339(*t)), *t);
}

TEST(Rfc3339, RejectsMalformedText) {
  for (const char* text : {"", "2026-02-30T00:00:00Z", "2026-11-23T25:00:00Z", "2026-11-23T10:00:00",
                           "2026-11-23T10:00:00Zjunk", "2026/11/23T10:00:00Z", "2026-11-23T10:00:00+2"}) {
    EXPECT_FALSE(parse_rfc3339(text).ok()) << text;
  }
}

}  // namespace
}  // namespace sp
