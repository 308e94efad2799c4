#include "app/serve.h"

#include <csignal>
#include <iostream>
#include <optional>
#include <thread>

#include "app/auth_settings.h"
#include "app/instance_key.h"
#include "app/publishable_key.h"
#include "app/thread_counts.h"
#include "crypto/argon2_kernel.h"
#include "crypto/hash.h"
#include "delivery/dev_outbox.h"
#include "delivery/make_delivery.h"
#include "env/adjustable_clock.h"
#include "env/argon2id_password_hasher.h"
#include "env/pooled_password_hasher.h"
#include "env/stderr_log.h"
#include "env/system_random.h"
#include "fapi/cookie_suffix.h"
#include "fapi/fapi_app.h"
#include "http/server.h"
#include "store/open_store.h"
#include "tokens/key_refresher.h"

namespace tessera::app {
namespace {

// Linux nice steps: +10 gives a hashing thread about a tenth of a contended core's time.
constexpr int kHashingNiceIncrement = 10;

// Blocks until SIGINT or SIGTERM.
void wait_for_termination() {
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  int received = 0;
  sigwait(&signals, &received);
}

}  // namespace

int serve(const config::Config& config) {
  // Block termination signals before any thread starts, so only wait_for_termination sees them.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);

  auto store = store::open_store(config.database.url);
  const auto key = instance_key(config, *store);
  const crypto::SecretBox secrets(key);
  const auto settings =
      auth_settings_from(config, crypto::hmac_sha256(key, "one-time-code-pepper"));
  env::AdjustableClock clock;
  env::SystemRandom random;
  // argon2id runs on one thread per core, at a lower priority so that, with every core
  // hashing, the I/O threads still answer (429s, token refreshes) without waiting for a slice.
  // With PostgreSQL the requests that hash wait on round trips, so each hash runs apart on a
  // hashing thread (PooledPasswordHasher) and a wait never leaves a core idle. With SQLite there
  // is nothing to wait for and the hand-off would only cost (~50 µs a sign-in, ~1.5 ms more p99
  // at saturation): the request threads are the hashing threads.
  const int hashing_threads =
      hashing_thread_count(config.server.worker_threads, std::thread::hardware_concurrency());
  const bool hashes_run_apart = store::is_networked_store(config.database.url);
  // The argon2 work memory is kept while sign-ins keep coming and given back after a second
  // without work, so an idle server stays small.
  const http::ThreadPoolOptions hashing_options{.threads = hashing_threads,
                                                .max_queue = 0,
                                                .nice_increment = kHashingNiceIncrement,
                                                .on_idle = crypto::release_argon2_memory,
                                                .idle_after = std::chrono::seconds(1)};
  const env::Argon2idPasswordHasher argon2id;
  std::optional<http::ThreadPool> hash_runner;
  std::optional<env::PooledPasswordHasher> pooled;
  if (hashes_run_apart) {
    hash_runner.emplace(hashing_options);
    pooled.emplace(
        argon2id, [&hash_runner](std::function<void()> job) { hash_runner->post(std::move(job)); });
  }
  const auth::PasswordHasher& hasher =
      pooled ? static_cast<const auth::PasswordHasher&>(*pooled) : argon2id;
  delivery::DevOutbox outbox;
  const auto delivery = delivery::make_delivery(config, outbox);
  env::StderrLog log;
  const auth::AuthContext context{*store,        clock,    random,  hasher, *delivery.mailer,
                                  *delivery.sms, settings, secrets, log};

  // Keys rotated by another node or `tessera keys rotate` are picked up every refresh interval.
  const std::chrono::seconds key_refresh(config.security.signing_key_refresh_seconds);
  tokens::KeyRing keys(*store, secrets,
                       std::chrono::duration_cast<std::chrono::milliseconds>(key_refresh).count());
  keys.load_or_create(clock.now_ms());
  const tokens::KeyRefresher key_refresher(keys, clock, key_refresh);

  // Cheap work (database, tokens) gets a roomy queue (fast_thread_count threads). Requests that
  // hash get their own threads (hashing_request_thread_count) and room for two more requests per
  // hashing thread (a thread that finishes finds the next sign-in waiting): past that the excess
  // is refused at once, so latency stays a few hashes. They run at the hashing priority too: they
  // are what saturates the CPU, and cheap requests go first.
  http::ThreadPool workers(fast_thread_count(hashing_threads, hashes_run_apart), 4096);
  auto request_options = hashing_options;
  request_options.threads = hashing_request_thread_count(hashing_threads, hashes_run_apart);
  request_options.max_queue = static_cast<std::size_t>(2 * hashing_threads);
  if (hashes_run_apart) request_options.on_idle = nullptr;  // they keep no argon2 memory
  http::ThreadPool hashing(request_options);
  tokens::TokenCache token_cache;
  const auto publishable_key = publishable_key_or_default(config.server.publishable_key);
  const fapi::Services services{config,
                                context,
                                keys,
                                workers,
                                hashing,
                                config.dev.outbox ? &outbox : nullptr,
                                publishable_key,
                                fapi::cookie_suffix(publishable_key),
                                is_production_key(publishable_key),
                                config.dev.clock_control ? &clock : nullptr,
                                &token_cache};
  fapi::FapiApp app(services);

  http::ServerOptions options;
  options.address = config.server.host;
  options.port = static_cast<unsigned short>(config.server.port);
  options.io_threads =
      io_thread_count(config.server.io_threads, std::thread::hardware_concurrency());
  options.max_body_bytes = config.server.max_body_bytes;
  http::Server server(options, app.handler());
  server.start();

  if (config.dev.test_mode)
    std::cerr
        << "tessera: *** TEST MODE IS ON: +clerk_test emails and +1 XXX 555 01xx phones accept "
           "the code 424242 and get nothing sent. Never use this in production. ***\n";
  if (!config.limits.rate_limits)
    std::cerr << "tessera: WARNING: per-IP rate limits are off (limits.rate_limits = false).\n";
  std::cerr << "tessera: listening on http://" << config.server.host << ":" << server.port()
            << " (public URL " << config.server.public_url << ", database "
            << (config.database.url.rfind("postgres", 0) == 0 ? "postgres" : config.database.url)
            << ")\n";

  wait_for_termination();
  std::cerr << "tessera: shutting down\n";
  server.stop();
  server.wait();
  return 0;
}

}  // namespace tessera::app
