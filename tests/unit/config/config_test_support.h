#pragma once
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <string>
#include <vector>

#include "config/config.h"

namespace tessera::config::testing {

// The repository root, where the committed tessera.*.toml files live.
inline std::filesystem::path source_dir() {
#ifdef TESSERA_SOURCE_DIR
  return TESSERA_SOURCE_DIR;
#else
  return std::filesystem::path(__FILE__).parent_path().parent_path().parent_path().parent_path();
#endif
}

// A TOML file in the temp directory, removed at the end of the test.
class TempToml {
 public:
  explicit TempToml(const std::string& text) {
    static int counter = 0;
    path_ = (std::filesystem::temp_directory_path() /
             ("tessera-config-test-" + std::to_string(::getpid()) + "-" +
              std::to_string(counter++) + ".toml"))
                .string();
    std::ofstream(path_) << text;
  }
  ~TempToml() { std::filesystem::remove(path_); }
  TempToml(const TempToml&) = delete;
  TempToml& operator=(const TempToml&) = delete;

  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

inline Config load(const std::string& path = "", const std::vector<std::string>& overrides = {},
                   const std::map<std::string, std::string>& environment = {}) {
  return load_config(path, overrides, environment);
}

// The ConfigError message of a load expected to fail ("" if it did not fail).
inline std::string error_of(const std::string& path, const std::vector<std::string>& overrides = {},
                            const std::map<std::string, std::string>& environment = {}) {
  try {
    load_config(path, overrides, environment);
  } catch (const ConfigError& e) {
    return e.what();
  }
  return "";
}

}  // namespace tessera::config::testing
