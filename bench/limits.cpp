// bench_limits: the physical limits Tessera's endpoints are compared against.
//
//   argon2id at Tessera's parameters (m=19 MiB, t=2, p=1), one core and all cores, for every
//   implementation found at build time:
//     tessera      crypto::Argon2id (what the server runs: the Argon2 reference implementation's
//                  SIMD fill, its memory kept between hashes and wiped after each hash)
//     libsodium    crypto_pwhash, a fresh mmap(MAP_POPULATE) per hash
//     libgcrypt    gcry_kdf ARGON2ID (malloc per hash, which glibc reuses)
//   RSA-2048 RS256 signatures with crypto::Rs256Signer, one core and all cores.
//
// Output: one "name value" line per figure (hashes or signatures per second, and ms per hash),
// read by bench/run. Usage: bench_limits [--seconds S] [--threads N]
// [--only argon2|argon2-allcores|rsa]
// [--impl tessera|libsodium|libgcrypt] (argon2id of that implementation only)
#include <sodium.h>
#include <sys/mman.h>

#include <atomic>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <functional>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "crypto/argon2id.h"
#include "crypto/rsa.h"

#ifdef TESSERA_BENCH_LIBGCRYPT
#include <gcrypt.h>
#endif

namespace {

using Clock = std::chrono::steady_clock;
constexpr std::uint32_t kMemoryKib = 19 * 1024;
constexpr std::uint32_t kIterations = 2;
constexpr char kPassword[] = "correct horse battery staple";
constexpr unsigned char kSalt[16] = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16};

// Runs `op` on `threads` threads for `seconds`; returns operations per second.
double rate(int threads, double seconds, const std::function<void()>& op) {
  op();  // warm up (first-touch allocations, key parsing)
  std::atomic<bool> stop{false};
  std::atomic<std::uint64_t> done{0};
  std::vector<std::thread> pool;
  const auto start = Clock::now();
  for (int i = 0; i < threads; ++i) {
    pool.emplace_back([&] {
      std::uint64_t mine = 0;
      while (!stop.load(std::memory_order_relaxed)) {
        op();
        ++mine;
      }
      done += mine;
    });
  }
  std::this_thread::sleep_for(std::chrono::duration<double>(seconds));
  stop = true;
  for (auto& t : pool) t.join();
  const double elapsed = std::chrono::duration<double>(Clock::now() - start).count();
  return static_cast<double>(done.load()) / elapsed;
}

void libsodium_hash() {
  unsigned char out[32];
  if (crypto_pwhash(out, sizeof out, kPassword, sizeof kPassword - 1, kSalt, kIterations,
                    std::size_t{kMemoryKib} * 1024, crypto_pwhash_ALG_ARGON2ID13) != 0)
    std::abort();
}

#ifdef TESSERA_BENCH_LIBGCRYPT
void libgcrypt_hash() {
  const unsigned long params[4] = {32, kIterations, kMemoryKib, 1};
  gcry_kdf_hd_t hd;
  if (gcry_kdf_open(&hd, GCRY_KDF_ARGON2, GCRY_KDF_ARGON2ID, params, 4, kPassword,
                    sizeof kPassword - 1, kSalt, sizeof kSalt, nullptr, 0, nullptr, 0) != 0)
    std::abort();
  unsigned char out[32];
  if (gcry_kdf_compute(hd, nullptr) != 0 || gcry_kdf_final(hd, sizeof out, out) != 0) std::abort();
  gcry_kdf_close(hd);
}
#endif

void report(const char* name, double value) { std::printf("%s %.2f\n", name, value); }

void argon2_limits(int threads, double seconds, const std::string& only_impl,
                   bool all_cores_only) {
  const tessera::crypto::Argon2id tessera_argon;
  std::vector<std::pair<std::string, std::function<void()>>> impls = {
      {"tessera", [&] { (void)tessera_argon.hash(kPassword); }},
      {"libsodium", libsodium_hash},
  };
#ifdef TESSERA_BENCH_LIBGCRYPT
  impls.emplace_back("libgcrypt", libgcrypt_hash);
#endif
  double best = 0;
  for (const auto& [name, op] : impls) {
    if (!only_impl.empty() && name != only_impl) continue;
    if (!all_cores_only) {
      const double one = rate(1, seconds, op);
      report(("argon2id_ms_" + name).c_str(), 1000.0 / one);
      report(("argon2id_1core_" + name).c_str(), one);
    }
    const double all = rate(threads, seconds, op);
    report(("argon2id_allcores_" + name).c_str(), all);
    std::fflush(stdout);
    if (all > best) best = all;
  }
  report("limit_argon2id", best);
}

void rsa_limits(int threads, double seconds) {
  const auto key = tessera::crypto::generate_rsa_key(2048);
  const tessera::crypto::Rs256Signer signer(key.private_pem);
  const std::string header = R"({"alg":"RS256","kid":"ins_bench","typ":"JWT"})";
  const std::string payload =
      R"({"azp":"http://localhost:3000","exp":1900000000,"iat":1800000000,"iss":"http://localhost","nbf":1799999990,"sid":"sess_2abcdefghijklmnopqrstuvwxyz","sub":"user_2abcdefghijklmnopqrstuvwxyz","v":2})";
  const auto sign = [&] { (void)signer.sign(header, payload); };
  const double one = rate(1, seconds, sign);
  const double all = rate(threads, seconds, sign);
  report("rsa2048_sign_ms", 1000.0 / one);
  report("rsa2048_sign_1core", one);
  report("limit_rsa2048_sign", all);
}

}  // namespace

int main(int argc, char** argv) {
  double seconds = 3;
  int threads = static_cast<int>(std::thread::hardware_concurrency());
  std::string only;
  std::string impl;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string_view flag = argv[i];
    if (flag == "--seconds") seconds = std::stod(argv[i + 1]);
    if (flag == "--threads") threads = std::stoi(argv[i + 1]);
    if (flag == "--only") only = argv[i + 1];
    if (flag == "--impl") impl = argv[i + 1];
  }
  if (sodium_init() < 0) return 1;
#ifdef TESSERA_BENCH_LIBGCRYPT
  gcry_check_version(nullptr);
  gcry_control(GCRYCTL_INITIALIZATION_FINISHED, 0);
#endif
  report("threads", threads);
  if (only.empty() || only == "argon2" || only == "argon2-allcores")
    argon2_limits(threads, seconds, impl, only == "argon2-allcores");
  if (only.empty() || only == "rsa") rsa_limits(threads, seconds);
  return 0;
}
