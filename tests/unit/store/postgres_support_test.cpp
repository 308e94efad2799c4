// The parts of the PostgreSQL store that need no server: URL handling, SQL placeholders, error
// reporting when the server cannot be reached.
#include <gtest/gtest.h>

#include <stdexcept>
#include <string>

#include "store/open_store.h"
#include "store/postgres/change_feed.h"
#include "store/postgres/connection_pool.h"
#include "store/postgres/postgres_store.h"
#include "store/postgres/sql_text.h"
#include "store/postgres/store_url.h"

namespace tessera::store::test {
namespace {

using postgres::parse_store_url;

TEST(PostgresStoreUrl, TakesOutThePoolParameterAndKeepsTheRest) {
  auto parsed = parse_store_url("postgres://u@db/t?sslmode=require&pool=16&connect_timeout=5", 8);
  EXPECT_EQ(parsed.conninfo, "postgres://u@db/t?sslmode=require&connect_timeout=5");
  EXPECT_EQ(parsed.pool_size, 16);

  parsed = parse_store_url("postgresql://u@db/t?pool=2", 8);
  EXPECT_EQ(parsed.conninfo, "postgresql://u@db/t");
  EXPECT_EQ(parsed.pool_size, 2);

  parsed = parse_store_url("postgres://u:p@db:5433/t", 8);
  EXPECT_EQ(parsed.conninfo, "postgres://u:p@db:5433/t");
  EXPECT_EQ(parsed.pool_size, 8);

  parsed = parse_store_url("postgres://db/t?sslmode=disable", 8);
  EXPECT_EQ(parsed.conninfo, "postgres://db/t?sslmode=disable");
  EXPECT_EQ(parsed.pool_size, 8);
}

TEST(PostgresStoreUrl, TakesOutTheClientCacheParameter) {
  auto parsed = parse_store_url("postgres://u@db/t?client_cache=0&sslmode=require", 8, 10000);
  EXPECT_EQ(parsed.conninfo, "postgres://u@db/t?sslmode=require");
  EXPECT_EQ(parsed.client_cache, 0);
  EXPECT_EQ(parsed.pool_size, 8);
  EXPECT_EQ(parse_store_url("postgres://u@db/t?client_cache=500", 8, 10000).client_cache, 500);
  EXPECT_EQ(parse_store_url("postgres://u@db/t", 8, 10000).client_cache, 10000);
}

TEST(PostgresStoreUrl, RefusesABadPoolSizeWithoutQuotingTheUrl) {
  for (const char* bad :
       {"postgres://u:secret@db/t?pool=0",
        "postgres://u:secret@db/t?pool=", "postgres://u:secret@db/t?pool=x",
        "postgres://u:secret@db/t?pool=1001", "postgres://u:secret@db/t?pool=4x",
        "postgres://u:secret@db/t?client_cache=-1", "postgres://u:secret@db/t?client_cache=1000001",
        "postgres://u:secret@db/t?client_cache="}) {
    try {
      parse_store_url(bad, 8);
      ADD_FAILURE() << "accepted " << bad;
    } catch (const std::invalid_argument& e) {
      EXPECT_EQ(std::string(e.what()).find("secret"), std::string::npos);
    }
  }
}

TEST(PostgresChangeFeed, OneChannelPerSchemaWithinPostgresLimits) {
  EXPECT_EQ(postgres::change_channel("public"), "tessera_changes_public");
  EXPECT_NE(postgres::change_channel("a"), postgres::change_channel("b"));
  const std::string long_schema(60, 's');
  const auto shortened = postgres::change_channel(long_schema);
  EXPECT_LE(shortened.size(), 63u);
  EXPECT_NE(shortened, postgres::change_channel(long_schema + "t"));
  EXPECT_EQ(postgres::quoted_channel("we\"ird"), "\"we\"\"ird\"");
}

TEST(PostgresChangeFeed, PayloadsCarryKeysOrEverything) {
  EXPECT_EQ(postgres::change_payload({"c:1", "u:2"}), "c:1 u:2");
  EXPECT_EQ(postgres::change_keys("c:1 u:2"), (std::vector<std::string>{"c:1", "u:2"}));
  EXPECT_TRUE(postgres::change_keys("").empty());
  const std::vector<std::string> many(1000, "u:user_0123456789");
  EXPECT_EQ(postgres::change_payload(many), "*");
}

TEST(PostgresSqlText, NumbersPlaceholdersOutsideLiterals) {
  EXPECT_EQ(postgres::number_placeholders("SELECT a FROM t WHERE b = ? AND c < ?"),
            "SELECT a FROM t WHERE b = $1 AND c < $2");
  EXPECT_EQ(postgres::number_placeholders("SELECT '?', \"w?\" FROM t -- why?\nWHERE x = ?::int"),
            "SELECT '?', \"w?\" FROM t -- why?\nWHERE x = $1::int");
  EXPECT_EQ(postgres::number_placeholders("SELECT 'it''s?' WHERE a = ?"),
            "SELECT 'it''s?' WHERE a = $1");
  EXPECT_EQ(postgres::number_placeholders("COMMIT"), "COMMIT");
}

TEST(PostgresSqlText, DescribesStatementsWithoutValues) {
  EXPECT_EQ(postgres::describe("UPDATE users SET a = ? WHERE id = ?"), "UPDATE users");
  EXPECT_EQ(postgres::describe("INSERT INTO clients (id) VALUES (?)"), "INSERT INTO clients");
  EXPECT_EQ(postgres::describe("SELECT id, x FROM sessions WHERE id = ?"),
            "SELECT … FROM sessions");
  EXPECT_EQ(postgres::describe("DELETE FROM backup_codes WHERE user_id = ?"),
            "DELETE FROM backup_codes");
  EXPECT_EQ(postgres::describe("COMMIT"), "COMMIT");
}

TEST(PostgresStore, AnUnreachableServerIsARuntimeErrorThatHidesThePassword) {
  try {
    postgres::PostgresStore store("postgres://tessera:sekrit-pw@127.0.0.1:1/tessera");
    ADD_FAILURE() << "connected to port 1?";
  } catch (const std::runtime_error& e) {
    const std::string message = e.what();
    EXPECT_NE(message.find("postgres"), std::string::npos) << message;
    EXPECT_EQ(message.find("sekrit-pw"), std::string::npos) << message;
  }
  EXPECT_THROW(open_store("postgresql://tessera:sekrit-pw@127.0.0.1:1/tessera?pool=2"),
               std::runtime_error);
}

TEST(PostgresStore, APoolNeedsAConnection) {
  EXPECT_THROW(postgres::ConnectionPool("postgres://127.0.0.1:1/x", 0), std::invalid_argument);
}

}  // namespace
}  // namespace tessera::store::test
