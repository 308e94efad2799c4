#include "env/stderr_log.h"

#include <iostream>
#include <mutex>
#include <string>

namespace tessera::env {

void StderrLog::warn(std::string_view line) {
  static std::mutex mutex;  // whole lines, even from many workers at once
  const std::string text = "tessera: " + std::string(line) + "\n";
  std::lock_guard lock(mutex);
  std::cerr << text << std::flush;
}

}  // namespace tessera::env
