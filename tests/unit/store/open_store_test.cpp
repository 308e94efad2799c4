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

TEST(OpenStore, PostgresIsNotBuiltYet) {
  EXPECT_THROW(open_store("postgres://u:p@localhost/tessera"), std::runtime_error);
  EXPECT_THROW(open_store("postgresql://localhost/tessera"), std::runtime_error);
}

TEST(OpenStore, RefusesUnknownSchemes) {
  EXPECT_THROW(open_store("mysql://localhost/db"), std::invalid_argument);
  EXPECT_THROW(open_store(""), std::invalid_argument);
  EXPECT_THROW(open_store("sqlite://"), std::invalid_argument);
  EXPECT_THROW(open_store("sqlite:relative.db"), std::invalid_argument);
}

}  // namespace
}  // namespace tessera::store::test
