#include "unit/store/temp_dir.h"

#include <unistd.h>

#include <atomic>
#include <string>

namespace tessera::store::test {

TempDir::TempDir() {
  static std::atomic<int> counter{0};
  path_ = std::filesystem::temp_directory_path() /
          ("tessera-store-test-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
  std::filesystem::create_directories(path_);
}

TempDir::~TempDir() {
  std::error_code ignored;
  std::filesystem::remove_all(path_, ignored);
}

std::filesystem::path TempDir::unique_file(const std::string& suffix) {
  return path_ / ("db" + std::to_string(files_++) + suffix);
}

}  // namespace tessera::store::test
