#include "unit/store/pg_test_schema.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <mutex>
#include <stdexcept>
#include <vector>

#include "store/postgres/connection.h"

namespace tessera::store::test {
namespace {

// Drops the schemas this program created once all tests have run.
class DropSchemas : public ::testing::Environment {
 public:
  void add(const std::string& name) {
    std::lock_guard lock(mutex_);
    names_.push_back(name);
  }
  void TearDown() override {
    std::lock_guard lock(mutex_);
    if (names_.empty()) return;
    try {
      postgres::Connection admin(*postgres_test_url());
      for (const auto& name : names_) admin.exec("DROP SCHEMA IF EXISTS " + name + " CASCADE");
    } catch (const std::exception& e) {
      std::fprintf(stderr, "note: could not drop test schemas: %s\n", e.what());
    }
    names_.clear();
  }

 private:
  std::mutex mutex_;
  std::vector<std::string> names_;
};

// Registered before main() runs; gtest owns and deletes it.
DropSchemas* const drop_schemas =
    static_cast<DropSchemas*>(::testing::AddGlobalTestEnvironment(new DropSchemas));

std::string with_search_path(const std::string& url, const std::string& schema) {
  const char separator = url.find('?') == std::string::npos ? '?' : '&';
  return url + separator + "options=-csearch_path%3D" + schema;
}

}  // namespace

std::optional<std::string> postgres_test_url() {
  const char* url = std::getenv("TESSERA_TEST_POSTGRES_URL");
  if (url == nullptr || *url == '\0') return std::nullopt;
  return std::string(url);
}

PgTestSchema::PgTestSchema() {
  static std::atomic<int> counter{0};
  const auto server = postgres_test_url();
  if (!server) throw std::logic_error("PgTestSchema needs TESSERA_TEST_POSTGRES_URL");
  name_ = "tessera_t" + std::to_string(::getpid()) + "_" + std::to_string(++counter);
  postgres::Connection admin(*server);
  admin.exec("CREATE SCHEMA " + name_);
  drop_schemas->add(name_);
  url_ = with_search_path(*server, name_);
}

}  // namespace tessera::store::test
