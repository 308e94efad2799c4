#include "store/open_store.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <stdexcept>

#include "unit/store/temp_dir.h"

namespace tessera::store::test {
namespace {

void expect_usable(auth::Store& store) {
  EXPECT_EQ(store.put_setting_if_absent("probe", "ok"), "ok");
  EXPECT_EQ(store.get_setting("probe"), "ok");
}

TEST(OpenStore, OpensAnInMemorySqliteDatabase) {
  auto store = open_store("sqlite::memory:");
  ASSERT_NE(store, nullptr);
  expect_usable(*store);
}

TEST(OpenStore, OpensASqliteUrlAndCreatesParentDirectories) {
  TempDir dir;
  const auto file = dir.path() / "nested" / "deeper" / "tessera.db";
  auto store = open_store("sqlite://" + file.string());  // absolute: sqlite:///tmp/…
  expect_usable(*store);
  EXPECT_TRUE(std::filesystem::exists(file));
}

TEST(OpenStore, OpensABarePath) {
  TempDir dir;
  const auto file = dir.path() / "sub" / "bare.db";
  {
    auto store = open_store(file.string());
    expect_usable(*store);
  }
  EXPECT_TRUE(std::filesystem::exists(file));
  auto reopened = open_store(file.string());
  EXPECT_EQ(reopened->get_setting("probe"), "ok");
}

// With a server, postgres_store_test.cpp opens real ones; port 1 never has one.
TEST(OpenStore, PostgresUrlsOpenPostgresAndFailWithoutAServer) {
  EXPECT_THROW(open_store("postgres://u:p@127.0.0.1:1/tessera"), std::runtime_error);
  EXPECT_THROW(open_store("postgresql://127.0.0.1:1/tessera"), std::runtime_error);
  EXPECT_THROW(open_store("postgres://127.0.0.1:1/tessera?pool=0"), std::invalid_argument);
}

TEST(OpenStore, RefusesUnknownSchemes) {
  EXPECT_THROW(open_store("mysql://localhost/db"), std::invalid_argument);
  EXPECT_THROW(open_store(""), std::invalid_argument);
  EXPECT_THROW(open_store("sqlite://"), std::invalid_argument);
  EXPECT_THROW(open_store("sqlite:relative.db"), std::invalid_argument);
}

TEST(OpenStore, OnlyPostgresIsAcrossASocket) {
  EXPECT_TRUE(is_networked_store("postgres://tessera@db:5432/tessera?pool=4"));
  EXPECT_TRUE(is_networked_store("postgresql://db/tessera"));
  EXPECT_FALSE(is_networked_store("sqlite://data/tessera.db"));
  EXPECT_FALSE(is_networked_store("sqlite::memory:"));
  EXPECT_FALSE(is_networked_store("data/postgres://x.db"));
}

}  // namespace
}  // namespace tessera::store::test
