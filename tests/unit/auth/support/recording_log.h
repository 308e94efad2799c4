#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "auth/log.h"

namespace tessera::auth::test {

// Keeps the domain's log lines for a test to read.
class RecordingLog final : public Log {
 public:
  void warn(std::string_view line) override { lines.emplace_back(line); }

  std::vector<std::string> lines;
};

}  // namespace tessera::auth::test
