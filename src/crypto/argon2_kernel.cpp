#include "crypto/argon2_kernel.h"

#include <argon2.h>
#include <sys/mman.h>

#include <cstdlib>
#include <stdexcept>
#include <vector>

namespace tessera::crypto {
namespace {

// Imported hashes may ask for more; such memory is not kept past the hash.
constexpr std::size_t kMaxKeptBytes = 64u << 20;
constexpr std::size_t kHugePage = 2u << 20;

// One per thread: 2 MiB-aligned so the kernel can back it with huge pages, excluded from core
// dumps (it holds password-derived blocks while a hash runs).
struct KeptMemory {
  std::uint8_t* data = nullptr;
  std::size_t size = 0;
  bool lent = false;  // a hash is using it (argon2 may not re-enter, but be safe)

  ~KeptMemory() { release(); }
  void release() {
    std::free(data);
    data = nullptr;
    size = 0;
  }
};
thread_local KeptMemory kept;

std::uint8_t* allocate_aligned(std::size_t bytes, std::size_t& rounded) {
  rounded = (bytes + kHugePage - 1) / kHugePage * kHugePage;
  auto* memory = static_cast<std::uint8_t*>(std::aligned_alloc(kHugePage, rounded));
  if (memory != nullptr) {
    madvise(memory, rounded, MADV_HUGEPAGE);
    madvise(memory, rounded, MADV_DONTDUMP);
  }
  return memory;
}

int lend(std::uint8_t** memory, std::size_t bytes) {
  if (bytes > kMaxKeptBytes || kept.lent) {
    std::size_t rounded = 0;
    *memory = allocate_aligned(bytes, rounded);
    return *memory ? ARGON2_OK : ARGON2_MEMORY_ALLOCATION_ERROR;
  }
  if (kept.size < bytes) {
    kept.release();
    kept.data = allocate_aligned(bytes, kept.size);
    if (kept.data == nullptr) {
      kept.size = 0;
      return ARGON2_MEMORY_ALLOCATION_ERROR;
    }
  }
  kept.lent = true;
  *memory = kept.data;
  return ARGON2_OK;
}

// The reference wipes the blocks before calling this (FLAG_clear_internal_memory).
void give_back(std::uint8_t* memory, std::size_t) {
  if (memory == kept.data)
    kept.lent = false;
  else
    std::free(memory);
}

}  // namespace

std::string argon2_raw(Argon2Variant variant, std::string_view password, std::string_view salt,
                       const Argon2Cost& cost, std::size_t output_bytes) {
  // The reference takes non-const buffers (it can wipe them); hand it copies.
  std::vector<std::uint8_t> pwd(password.begin(), password.end());
  std::vector<std::uint8_t> salt_bytes(salt.begin(), salt.end());
  std::string out(output_bytes, '\0');
  argon2_context ctx{};
  ctx.out = reinterpret_cast<std::uint8_t*>(out.data());
  ctx.outlen = static_cast<std::uint32_t>(output_bytes);
  ctx.pwd = pwd.data();
  ctx.pwdlen = static_cast<std::uint32_t>(pwd.size());
  ctx.salt = salt_bytes.data();
  ctx.saltlen = static_cast<std::uint32_t>(salt_bytes.size());
  ctx.t_cost = cost.iterations;
  ctx.m_cost = cost.memory_kib;
  ctx.lanes = cost.lanes;
  ctx.threads = 1;
  ctx.version = ARGON2_VERSION_13;
  ctx.allocate_cbk = lend;
  ctx.free_cbk = give_back;
  ctx.flags = ARGON2_FLAG_CLEAR_PASSWORD;
  const int rc = argon2_ctx(&ctx, variant == Argon2Variant::id ? Argon2_id : Argon2_i);
  if (rc != ARGON2_OK) throw std::runtime_error(std::string("argon2: ") + argon2_error_message(rc));
  return out;
}

void release_argon2_memory() {
  if (!kept.lent) kept.release();
}

std::size_t kept_argon2_memory() { return kept.size; }

}  // namespace tessera::crypto
