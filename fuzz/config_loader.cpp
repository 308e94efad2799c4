// The instance configuration file: the input is written to a temporary file and loaded with
// config::load_config. Bad input must be reported as config::ConfigError (the one exception
// `tessera serve` turns into a readable message); any other exception escapes and is a bug.
#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <string>

#include "config/config.h"
#include "fuzz_check.h"

using namespace tessera;

namespace {

// One file per fuzzing process, removed at exit.
class TempFile {
 public:
  TempFile() {
    const char* tmp = std::getenv("TMPDIR");
    path_ = std::string(tmp != nullptr && *tmp != '\0' ? tmp : "/tmp") + "/tessera-fuzz-XXXXXX";
    const int fd = ::mkstemp(path_.data());
    FUZZ_CHECK(fd >= 0);
    ::close(fd);
  }
  ~TempFile() { ::unlink(path_.c_str()); }
  TempFile(const TempFile&) = delete;
  TempFile& operator=(const TempFile&) = delete;

  const std::string& write(std::string_view content) const {
    std::ofstream out(path_, std::ios::binary | std::ios::trunc);
    out.write(content.data(), static_cast<std::streamsize>(content.size()));
    out.close();
    FUZZ_CHECK(out.good());
    return path_;
  }

 private:
  std::string path_;
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const TempFile file;
  const std::string& path = file.write(fuzz::as_text(data, size));
  try {
    const config::Config config = config::load_config(path, {}, {});
    // Accepted means validated: spot-check what validate() promises.
    FUZZ_CHECK(config.source_path == path);
    FUZZ_CHECK(config.server.port >= 0 && config.server.port <= 65535);
    FUZZ_CHECK(!config.server.host.empty());
    FUZZ_CHECK(config.server.public_url.starts_with("http://") ||
               config.server.public_url.starts_with("https://"));
    FUZZ_CHECK(config.auth.password_min_length <= config.auth.password_max_length);
    FUZZ_CHECK(!config.auth.require_mfa || !config.auth.second_factors.empty());
  } catch (const config::ConfigError&) {
    // rejected with a message: fine
  }
  return 0;
}
