#pragma once
#include <filesystem>
#include <string>

namespace tessera::store::test {

// A fresh directory under the system temp directory, removed with everything in it when this
// object is destroyed.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const std::filesystem::path& path() const { return path_; }
  // A path inside the directory, unique for each call.
  std::filesystem::path unique_file(const std::string& suffix);

 private:
  std::filesystem::path path_;
  int files_ = 0;
};

}  // namespace tessera::store::test
