#include "fapi/cookie_suffix.h"

#include <gtest/gtest.h>

namespace tessera::fapi {
namespace {

TEST(CookieSuffix, MatchesClerksSuffixForTheSameKeys) {
  // Vectors from @clerk/shared's own tests of getCookieSuffix.
  EXPECT_EQ(cookie_suffix("pk_live_ZmFrZS1jbGVyay10ZXN0LmNsZXJrLmFjY291bnRzLmRldiQ="), "qReyu04C");
  EXPECT_EQ(cookie_suffix("pk_test_Y2xlcmsuY2xlcmsuZGV2JA"), "QvfNY2dr");
  EXPECT_EQ(cookie_suffix("pk_test_ZW5vdWdoLWFscGFjYS04Mi5jbGVyay5hY2NvdW50cy5sY2xjbGVyay5jb20k"),
            "jtYvyt_H");
  EXPECT_EQ(cookie_suffix("pk_test_eHh4eHh4LXhhYWFhYS1hYS5jbGVyay5hY2NvdW50cy5sY2xjbGVyay5jb20k"),
            "tZJdb-5s");
}

}  // namespace
}  // namespace tessera::fapi
