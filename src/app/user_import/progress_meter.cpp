#include "app/user_import/progress_meter.h"

#include <algorithm>
#include <cstdio>

namespace tessera::app {
namespace {

constexpr auto kTerminalInterval = std::chrono::milliseconds(100);
constexpr auto kPlainInterval = std::chrono::seconds(5);
constexpr const char* kClearLine = "\r\033[K";

}  // namespace

std::string progress_bar(std::int64_t done, std::int64_t total, double per_second, int width) {
  const double fraction =
      total > 0 ? std::clamp(static_cast<double>(done) / static_cast<double>(total), 0.0, 1.0)
                : 1.0;
  const int filled = static_cast<int>(fraction * width);
  std::string bar = "[" + std::string(filled, '#') + std::string(width - filled, '-') + "]";
  char tail[96];
  std::snprintf(tail, sizeof tail, " %3d%% %lld/%lld %.0f users/s",
                static_cast<int>(fraction * 100), static_cast<long long>(done),
                static_cast<long long>(total), per_second);
  return bar + tail;
}

std::string progress_line(std::int64_t done, std::int64_t total, double per_second) {
  const int percent =
      total > 0 ? static_cast<int>(std::clamp(
                      100.0 * static_cast<double>(done) / static_cast<double>(total), 0.0, 100.0))
                : 100;
  char line[96];
  std::snprintf(line, sizeof line, "%lld/%lld (%d%%), %.0f users/s", static_cast<long long>(done),
                static_cast<long long>(total), percent, per_second);
  return line;
}

ProgressMeter::ProgressMeter(std::ostream& out, bool terminal, std::int64_t total, Now now)
    : out_(out), terminal_(terminal), total_(total), now_(std::move(now)) {
  started_ = last_drawn_ = now_();
}

double ProgressMeter::elapsed_seconds() const {
  return std::chrono::duration<double>(now_() - started_).count();
}

double ProgressMeter::per_second(std::int64_t done) const {
  const double seconds = elapsed_seconds();
  return seconds > 0 ? static_cast<double>(done) / seconds : 0.0;
}

void ProgressMeter::update(std::int64_t done) {
  const auto now = now_();
  if (now - last_drawn_ < (terminal_ ? kTerminalInterval : kPlainInterval)) return;
  last_drawn_ = now;
  draw(done);
}

void ProgressMeter::note(const std::string& line) {
  if (terminal_ && bar_visible_) out_ << kClearLine;
  out_ << line << "\n";
  if (terminal_ && last_done_ >= 0) draw(last_done_);
}

void ProgressMeter::finish(std::int64_t done) {
  if (terminal_) {
    draw(done);
    out_ << "\n";
    bar_visible_ = false;
  }
  out_.flush();
}

void ProgressMeter::draw(std::int64_t done) {
  last_done_ = done;
  if (terminal_) {
    out_ << kClearLine << progress_bar(done, total_, per_second(done)) << std::flush;
    bar_visible_ = true;
  } else {
    out_ << "tessera: " << progress_line(done, total_, per_second(done)) << "\n" << std::flush;
  }
}

}  // namespace tessera::app
