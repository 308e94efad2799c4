#include "app/import_users.h"

#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <iostream>

#include "app/user_import/buffered_random.h"
#include "app/user_import/progress_meter.h"
#include "app/user_import/user_importer.h"
#include "env/system_clock.h"
#include "env/system_random.h"
#include "store/open_store.h"

namespace tessera::app {
namespace {

// Beyond this many, skipped lines are only counted (the summary still has the total).
constexpr std::int64_t kMaxListedSkips = 100;

std::int64_t count_non_blank_lines(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::int64_t count = 0;
  std::string line;
  while (std::getline(in, line))
    if (line.find_first_not_of(" \t\r\n") != std::string::npos) ++count;
  return count;
}

class MeterListener final : public ImportListener {
 public:
  explicit MeterListener(ProgressMeter& meter) : meter_(meter) {}

  void skipped(std::int64_t line_number, const std::string& reason) override {
    ++listed_;
    if (listed_ <= kMaxListedSkips) {
      meter_.note("tessera: line " + std::to_string(line_number) + ": " + reason + " (skipped)");
    } else if (listed_ == kMaxListedSkips + 1) {
      meter_.note("tessera: further skipped lines are not listed");
    }
  }
  void progress(const ImportCounts& counts) override {
    last_ = counts;
    meter_.update(counts.lines);
  }
  const ImportCounts& last() const { return last_; }

 private:
  ProgressMeter& meter_;
  ImportCounts last_;
  std::int64_t listed_ = 0;
};

void print_summary(const ImportCounts& counts, const ProgressMeter& meter) {
  char rate[64];
  std::snprintf(rate, sizeof rate, "%.1f s, %.0f users/s", meter.elapsed_seconds(),
                meter.per_second(counts.imported));
  std::cout << "tessera: imported " << counts.imported << " users, skipped " << counts.skipped
            << " (" << rate << ")\n";
}

}  // namespace

int import_users(const config::Config& config, const std::string& path, std::size_t batch_size) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    std::cerr << "tessera: cannot read " << path << "\n";
    return 1;
  }
  const std::int64_t total = count_non_blank_lines(path);
  auto store = store::open_store(config.database.url);
  env::SystemRandom system_random;
  BufferedRandom random(system_random);
  ProgressMeter meter(std::cerr, ::isatty(STDERR_FILENO) == 1, total);
  MeterListener listener(meter);
  const ImportTarget target{*store, random, env::SystemClock().now_ms(), batch_size};
  ImportCounts counts;
  try {
    counts = import_user_lines(in, target, listener);
  } catch (...) {
    // Batches committed before the failure stay; say how far it got, then fail as usual.
    meter.finish(listener.last().lines);
    print_summary(listener.last(), meter);
    throw;
  }
  meter.finish(counts.lines);
  print_summary(counts, meter);
  return counts.skipped == 0 ? 0 : 1;
}

}  // namespace tessera::app
