// JsonRows: rows PostgreSQL aggregated into JSON read like a Result, so rows.h maps them.
#include "store/postgres/json_rows.h"

#include <gtest/gtest.h>

#include <stdexcept>

#include "store/rows.h"

namespace tessera::store::test {
namespace {

using postgres::JsonRows;

TEST(JsonRows, ReadsRowsColumnByColumn) {
  JsonRows rows(R"([["a", 1700000000123, true, 3], ["b", 0, false, -1]])");
  ASSERT_TRUE(rows.next());
  EXPECT_EQ(rows.next_text(), "a");
  EXPECT_EQ(rows.next_int64(), 1700000000123);
  EXPECT_TRUE(rows.next_bool());
  EXPECT_EQ(rows.next_int(), 3);
  ASSERT_TRUE(rows.next());
  EXPECT_EQ(rows.next_text(), "b");
  EXPECT_EQ(rows.next_int64(), 0);
  EXPECT_FALSE(rows.next_bool());
  EXPECT_EQ(rows.next_int(), -1);
  EXPECT_FALSE(rows.next());
}

TEST(JsonRows, NullReadsAsEmptyZeroFalse) {
  JsonRows rows("[[null, null, null]]");
  ASSERT_TRUE(rows.next());
  EXPECT_EQ(rows.next_text(), "");
  EXPECT_EQ(rows.next_int64(), 0);
  EXPECT_FALSE(rows.next_bool());
}

TEST(JsonRows, NoRows) {
  JsonRows rows("[]");
  EXPECT_FALSE(rows.next());
}

TEST(JsonRows, RefusesWhatIsNotAnArrayOfArraysAndReadingPastARow) {
  EXPECT_THROW(JsonRows("{}"), std::runtime_error);
  EXPECT_THROW(JsonRows("[1]"), std::runtime_error);
  EXPECT_THROW(JsonRows("not json"), std::runtime_error);
  JsonRows rows(R"([["only"]])");
  ASSERT_TRUE(rows.next());
  rows.next_text();
  EXPECT_THROW(rows.next_text(), std::out_of_range);
}

TEST(JsonRows, FeedsTheSharedRowMapping) {
  // id, then email_columns(): user_id, email, verified, verification_strategy, created_at,
  // updated_at
  JsonRows rows(R"([["idn_1", "user_1", "zoe@example.com", true, "email_code", 5, 6]])");
  ASSERT_TRUE(rows.next());
  const auto email = read_email(rows);
  EXPECT_EQ(email.id, "idn_1");
  EXPECT_EQ(email.user_id, "user_1");
  EXPECT_EQ(email.email, "zoe@example.com");
  EXPECT_TRUE(email.verified);
  EXPECT_EQ(email.verification_strategy, "email_code");
  EXPECT_EQ(email.created_at, 5);
  EXPECT_EQ(email.updated_at, 6);
}

}  // namespace
}  // namespace tessera::store::test
