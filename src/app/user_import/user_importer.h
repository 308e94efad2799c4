#pragma once
#include <cstddef>
#include <cstdint>
#include <istream>
#include <string>

#include "auth/random.h"
#include "auth/store.h"

namespace tessera::app {

struct ImportCounts {
  std::int64_t lines = 0;  // non-blank lines read
  std::int64_t imported = 0;
  std::int64_t skipped = 0;
};

// What the import tells its caller as it goes.
class ImportListener {
 public:
  virtual ~ImportListener() = default;
  // A line that was not imported (1-based line number in the file) and why.
  virtual void skipped(std::int64_t line_number, const std::string& reason) = 0;
  // Called after every line; cheap to ignore.
  virtual void progress(const ImportCounts& counts) = 0;
};

struct ImportTarget {
  auth::Store& store;
  auth::Random& random;            // ids
  std::int64_t now_ms = 0;         // created_at of every imported user
  std::size_t batch_size = 10000;  // users per transaction
};

// Reads the JSON-lines file (import_line.h) and creates each user with a verified primary email
// (and verified phones), the given password digest stored as its password hash. Users are
// written in transactions of batch_size; a line that does not parse, or whose email address is
// already taken (in the database or earlier in the file), is reported and skipped. Blank lines
// are ignored. Errors other than a taken address (e.g. the database failing) propagate; the
// batches committed before stay.
ImportCounts import_user_lines(std::istream& in, const ImportTarget& target,
                               ImportListener& listener);

}  // namespace tessera::app
