#include "store/open_store.h"

#include <filesystem>
#include <stdexcept>
#include <string_view>

#include "store/postgres/postgres_store.h"
#include "store/postgres/store_url.h"
#include "store/sqlite/sqlite_store.h"

namespace tessera::store {
namespace {

std::unique_ptr<auth::Store> open_sqlite_file(const std::string& path) {
  if (path.empty()) throw std::invalid_argument("store: the sqlite URL names no file");
  const auto parent = std::filesystem::path(path).parent_path();
  if (!parent.empty()) std::filesystem::create_directories(parent);
  return std::make_unique<sqlite::SqliteStore>(path);
}

}  // namespace

bool is_networked_store(const std::string& url) {
  const std::string_view u = url;
  return u.starts_with("postgres://") || u.starts_with("postgresql://");
}

std::unique_ptr<auth::Store> open_store(const std::string& url) {
  const std::string_view u = url;
  if (u == "sqlite::memory:") return std::make_unique<sqlite::SqliteStore>(":memory:");
  if (u.starts_with("sqlite://"))
    return open_sqlite_file(url.substr(std::string_view("sqlite://").size()));
  if (is_networked_store(url)) {
    const auto parsed = postgres::parse_store_url(url, postgres::PostgresStore::kDefaultPoolSize,
                                                  postgres::PostgresStore::kDefaultClientCache);
    return std::make_unique<postgres::PostgresStore>(parsed.conninfo, parsed.pool_size,
                                                     parsed.client_cache);
  }
  // Not a URL at all: a plain file path. Any other scheme (or "sqlite:" without "//") is a
  // typo we refuse rather than silently create a file named after it.
  if (u.empty() || u.find("://") != std::string_view::npos || u.starts_with("sqlite:"))
    throw std::invalid_argument(
        "store: unsupported database URL (expected sqlite://PATH, "
        "sqlite::memory:, a file path, or postgres://…)");
  return open_sqlite_file(url);
}

}  // namespace tessera::store
