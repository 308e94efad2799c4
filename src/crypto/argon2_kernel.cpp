#include "crypto/argon2_kernel.h"

#include <argon2.h>
#include <sys/mman.h>

#include <cstdlib>
#include <mutex>
#include <stdexcept>
#include <vector>

namespace tessera::crypto {
namespace {

// Imported hashes may ask for more; such memory is not kept past the hash.
constexpr std::size_t kMaxKeptBytes = 64u << 20;
constexpr std::size_t kHugePage = 2u << 20;

struct Block {
  std::uint8_t* data = nullptr;
  std::size_t size = 0;
};

// Work memory shared by all threads: a hash borrows the smallest free block that fits and
// returns it after, so the blocks kept number the most hashes that ever ran at once (in the
// server, its hashing threads), however many threads have hashed.
struct KeptBlocks {
  std::mutex mutex;
  std::vector<Block> free;
  std::vector<Block> lent;

  ~KeptBlocks() {
    for (const auto& block : free) std::free(block.data);
  }
};

KeptBlocks& kept() {
  static KeptBlocks blocks;
  return blocks;
}

// 2 MiB-aligned so the kernel can back it with huge pages, excluded from core dumps (it holds
// password-derived blocks while a hash runs).
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
  std::size_t rounded = 0;
  if (bytes > kMaxKeptBytes) {
    *memory = allocate_aligned(bytes, rounded);
    return *memory ? ARGON2_OK : ARGON2_MEMORY_ALLOCATION_ERROR;
  }
  auto& blocks = kept();
  std::lock_guard lock(blocks.mutex);
  auto best = blocks.free.end();
  for (auto it = blocks.free.begin(); it != blocks.free.end(); ++it)
    if (it->size >= bytes && (best == blocks.free.end() || it->size < best->size)) best = it;
  Block block;
  if (best != blocks.free.end()) {
    block = *best;
    blocks.free.erase(best);
  } else {
    block.data = allocate_aligned(bytes, rounded);
    if (block.data == nullptr) return ARGON2_MEMORY_ALLOCATION_ERROR;
    block.size = rounded;
  }
  blocks.lent.push_back(block);
  *memory = block.data;
  return ARGON2_OK;
}

// The reference wipes the blocks before calling this (FLAG_clear_internal_memory).
void give_back(std::uint8_t* memory, std::size_t) {
  auto& blocks = kept();
  std::lock_guard lock(blocks.mutex);
  for (auto it = blocks.lent.begin(); it != blocks.lent.end(); ++it) {
    if (it->data != memory) continue;
    blocks.free.push_back(*it);
    blocks.lent.erase(it);
    return;
  }
  std::free(memory);  // too large to keep
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
  std::vector<Block> unused;
  {
    auto& blocks = kept();
    std::lock_guard lock(blocks.mutex);
    unused.swap(blocks.free);
  }
  for (const auto& block : unused) std::free(block.data);
}

std::size_t kept_argon2_memory() {
  auto& blocks = kept();
  std::lock_guard lock(blocks.mutex);
  std::size_t bytes = 0;
  for (const auto& block : blocks.free) bytes += block.size;
  return bytes;
}

}  // namespace tessera::crypto
