#pragma once
#include <sys/types.h>

#include <chrono>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

// Test support for the delivery clients' live tests: helper servers from tests/support run as
// child processes on loopback.
namespace tessera::delivery::live {

// A child process whose stdout is a pipe to us; terminated (SIGTERM, then SIGKILL) on destruction.
class ChildProcess {
 public:
  // nullptr if the program cannot be started.
  static std::unique_ptr<ChildProcess> start(const std::vector<std::string>& argv);
  ~ChildProcess();
  ChildProcess(const ChildProcess&) = delete;
  ChildProcess& operator=(const ChildProcess&) = delete;

  // Waits for the line "ready <port>" on the child's stdout; nullopt on timeout or exit.
  std::optional<int> wait_ready(std::chrono::milliseconds timeout);

 private:
  ChildProcess(pid_t pid, int stdout_fd) : pid_(pid), stdout_fd_(stdout_fd) {}
  pid_t pid_;
  int stdout_fd_;
  std::string buffered_;
};

// Runs a command to completion with its output discarded; true when it exits with status 0.
bool command_succeeds(const std::vector<std::string>& argv);

// A Python 3 interpreter that can `import <module>`: $TESSERA_PYTHON, then python3 on PATH, then
// /usr/bin/python3 (where Debian's python3-* packages live). nullopt when there is none.
std::optional<std::string> python_with_module(std::string_view module);

// The repository root (from $TESSERA_SOURCE_DIR or this file's path).
std::filesystem::path source_dir();

// A fresh directory under the system temp dir, removed on destruction.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

// The files in `dir` whose names end in `suffix`, sorted, once there are at least `count` of them
// (polls until `timeout`; returns what there is then).
std::vector<std::filesystem::path> wait_for_files(const std::filesystem::path& dir,
                                                  std::string_view suffix, std::size_t count,
                                                  std::chrono::milliseconds timeout);

std::string read_file(const std::filesystem::path& path);

}  // namespace tessera::delivery::live
