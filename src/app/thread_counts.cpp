#include "app/thread_counts.h"

#include <algorithm>

namespace tessera::app {

int hashing_thread_count(int configured, unsigned cores) {
  if (configured > 0) return configured;
  return static_cast<int>(std::max(2u, cores));
}

int hashing_request_thread_count(int hashing_threads, bool hashes_run_apart) {
  return hashes_run_apart ? 2 * hashing_threads : hashing_threads;
}

int fast_thread_count(int hashing_threads, bool requests_wait_on_network) {
  return requests_wait_on_network ? std::max(4, 2 * hashing_threads) : hashing_threads + 1;
}

int io_thread_count(int configured, unsigned cores) {
  if (configured > 0) return configured;
  return static_cast<int>(std::max(1u, cores / 4));
}

}  // namespace tessera::app
