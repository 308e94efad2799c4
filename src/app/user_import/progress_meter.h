#pragma once
#include <chrono>
#include <cstdint>
#include <functional>
#include <ostream>
#include <string>

namespace tessera::app {

// "[#####-----]  52% 520000/1000000 12345 users/s" (width = number of cells in the bar).
std::string progress_bar(std::int64_t done, std::int64_t total, double per_second, int width = 30);

// "520000/1000000 (52%), 12345 users/s": the same without the bar, for logs.
std::string progress_line(std::int64_t done, std::int64_t total, double per_second);

// Progress of a long run on stderr: a bar redrawn in place at most every 100 ms on a terminal,
// otherwise a plain line every few seconds (logs, CI). Notes (e.g. skipped lines) are printed
// above the bar.
class ProgressMeter {
 public:
  using Now = std::function<std::chrono::steady_clock::time_point()>;
  ProgressMeter(std::ostream& out, bool terminal, std::int64_t total,
                Now now = &std::chrono::steady_clock::now);

  void update(std::int64_t done);
  void note(const std::string& line);
  // Draws the final state (terminal: the full bar and a newline). Call once at the end.
  void finish(std::int64_t done);
  double per_second(std::int64_t done) const;
  double elapsed_seconds() const;

 private:
  void draw(std::int64_t done);

  std::ostream& out_;
  bool terminal_;
  std::int64_t total_;
  Now now_;
  std::chrono::steady_clock::time_point started_;
  std::chrono::steady_clock::time_point last_drawn_;
  std::int64_t last_done_ = -1;
  bool bar_visible_ = false;
};

}  // namespace tessera::app
