#pragma once
#include "auth/log.h"

namespace tessera::env {

// The domain's log lines on stderr, next to the server's own ("tessera: …"). Thread-safe.
class StderrLog final : public auth::Log {
 public:
  void warn(std::string_view line) override;
};

}  // namespace tessera::env
