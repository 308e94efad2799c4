#include "app/user_import/progress_meter.h"

#include <gtest/gtest.h>

#include <sstream>

namespace tessera::app {
namespace {

using std::chrono::milliseconds;

TEST(ProgressMeter, BarAndLineFormats) {
  EXPECT_EQ(progress_bar(520000, 1000000, 12345.4, 10),
            "[#####-----]  52% 520000/1000000 12345 users/s");
  EXPECT_EQ(progress_bar(0, 0, 0, 4), "[####] 100% 0/0 0 users/s");
  EXPECT_EQ(progress_line(50, 200, 99.6), "50/200 (25%), 100 users/s");
}

struct FakeTime {
  std::chrono::steady_clock::time_point t{};
  ProgressMeter::Now now() {
    return [this] { return t; };
  }
};

TEST(ProgressMeter, TerminalRedrawsInPlaceAtMostEvery100ms) {
  FakeTime time;
  std::ostringstream out;
  ProgressMeter meter(out, true, 100, time.now());
  meter.update(1);
  EXPECT_EQ(out.str(), "");  // nothing within the first 100 ms
  time.t += milliseconds(100);
  meter.update(10);
  EXPECT_EQ(out.str(), "\r\033[K" + progress_bar(10, 100, 100));
  time.t += milliseconds(50);
  meter.update(20);
  EXPECT_EQ(out.str(), "\r\033[K" + progress_bar(10, 100, 100));
  out.str("");
  meter.note("tessera: line 7: invalid JSON (skipped)");
  EXPECT_EQ(out.str(), "\r\033[Ktessera: line 7: invalid JSON (skipped)\n\r\033[K" +
                           progress_bar(10, 100, 10 / 0.15));
}

TEST(ProgressMeter, PlainOutputIsOccasionalLines) {
  FakeTime time;
  std::ostringstream out;
  ProgressMeter meter(out, false, 100, time.now());
  time.t += milliseconds(1000);
  meter.update(10);
  EXPECT_EQ(out.str(), "");
  time.t += milliseconds(4000);
  meter.update(50);
  EXPECT_EQ(out.str(), "tessera: 50/100 (50%), 10 users/s\n");
  meter.note("tessera: line 3: invalid JSON (skipped)");
  meter.finish(100);
  EXPECT_EQ(out.str(),
            "tessera: 50/100 (50%), 10 users/s\ntessera: line 3: invalid JSON (skipped)\n");
}

}  // namespace
}  // namespace tessera::app
