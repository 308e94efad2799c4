#pragma once
#include <optional>
#include <string>

// PostgreSQL for tests: the server is named by TESSERA_TEST_POSTGRES_URL (scripts/pg-test-cluster
// starts a throw-away one). Each test gets an empty schema of its own and a URL whose
// search_path points at it, so tests never see each other's tables.
namespace tessera::store::test {

// The server's URL, or nothing when TESSERA_TEST_POSTGRES_URL is unset or empty.
std::optional<std::string> postgres_test_url();

// A fresh, empty schema on the test server, dropped with everything in it when the test program
// ends. Requires postgres_test_url().
class PgTestSchema {
 public:
  PgTestSchema();
  const std::string& name() const { return name_; }
  // The server URL with `options=-csearch_path=<schema>` added.
  const std::string& url() const { return url_; }

 private:
  std::string name_;
  std::string url_;
};

}  // namespace tessera::store::test
