#pragma once

namespace tessera::app {

// How many threads of each kind a server runs, from the configured counts (0 = automatic) and
// the machine's cores (0 when unknown).

// Hashing threads (password hashes running at once): one per core (at least two), since
// argon2id is what saturates the CPU.
int hashing_thread_count(int configured, unsigned cores);

// Threads that run the requests that hash. When hashes run apart (on the hashing threads, for
// a database across a socket) two per hashing thread, so that while one waits on a round trip
// or its hash, another has a hash queued; otherwise the request threads are the hashing threads.
int hashing_request_thread_count(int hashing_threads, bool hashes_run_apart);

// Threads that run the cheap requests (tokens, client reads, codes, TOTP). When they wait on
// a database across a socket, two per hashing thread, so that a round trip never leaves a core
// idle. Otherwise (SQLite) one more than the hashing threads: a request waits on nothing but
// the writer's lock or a delivery, and every further runnable thread takes CPU from the one I/O
// thread (on two cores, 4 instead of 3 cut `GET /v1/client` from ~21k to ~18k requests/s).
int fast_thread_count(int hashing_threads, bool requests_wait_on_network);

// I/O threads only parse requests and write answers (a few microseconds each; endpoints run on
// the worker pools), so one per four cores. On a small machine every further I/O thread costs
// CPU that hashing needs: with two, a readable socket wakes both (the one in epoll hands the
// handler to the idle one), measured at ~35 µs more CPU per sign-in on two cores.
int io_thread_count(int configured, unsigned cores);

}  // namespace tessera::app
