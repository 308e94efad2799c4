#include "crypto/argon2_kernel.h"

#include <gtest/gtest.h>

#include <stdexcept>
#include <thread>
#include <vector>

#include "crypto/encoding.h"

namespace tessera::crypto {
namespace {

std::string hex(const std::string& bytes) { return hex_encode(bytes); }

// RFC 9106's vectors need a secret and associated data, which this API does not take; the
// reference implementation's own test.c vectors (password "password", salt "somesalt") do not.
TEST(Argon2Kernel, MatchesReferenceVectors) {
  EXPECT_EQ(hex(argon2_raw(Argon2Variant::i, "password", "somesalt", {65536, 2, 1}, 32)),
            "c1628832147d9720c5bd1cfd61367078729f6dfb6f8fea9ff98158e0d7816ed0");
  EXPECT_EQ(hex(argon2_raw(Argon2Variant::id, "password", "somesalt", {65536, 2, 1}, 32)),
            "09316115d5cf24ed5a15a31a3ba326e5cf32edc24702987c02b6566f61913cf7");
}

TEST(Argon2Kernel, KeepsItsMemoryUntilReleased) {
  release_argon2_memory();
  EXPECT_EQ(kept_argon2_memory(), 0u);
  const auto first = argon2_raw(Argon2Variant::id, "pw", "saltsalt", {1024, 1, 1}, 32);
  EXPECT_GE(kept_argon2_memory(), 1024u * 1024);
  // The kept memory was wiped and is reused: the same input gives the same output.
  EXPECT_EQ(argon2_raw(Argon2Variant::id, "pw", "saltsalt", {1024, 1, 1}, 32), first);
  EXPECT_NE(argon2_raw(Argon2Variant::id, "px", "saltsalt", {1024, 1, 1}, 32), first);
  release_argon2_memory();
  EXPECT_EQ(kept_argon2_memory(), 0u);
  EXPECT_EQ(argon2_raw(Argon2Variant::id, "pw", "saltsalt", {1024, 1, 1}, 32), first);
}

// The blocks follow the hashes, not the threads: threads that hash one after another share one
// block, and a block is never lent to two hashes at once.
TEST(Argon2Kernel, ThreadsTakingTurnsShareOneBlock) {
  release_argon2_memory();
  const auto expected = argon2_raw(Argon2Variant::id, "pw", "saltsalt", {1024, 1, 1}, 32);
  const auto one_block = kept_argon2_memory();
  for (int i = 0; i < 4; ++i)
    std::thread([&] {
      EXPECT_EQ(argon2_raw(Argon2Variant::id, "pw", "saltsalt", {1024, 1, 1}, 32), expected);
    }).join();
  EXPECT_EQ(kept_argon2_memory(), one_block);

  std::vector<std::thread> together;
  for (int i = 0; i < 4; ++i)
    together.emplace_back([&] {
      for (int k = 0; k < 20; ++k)
        EXPECT_EQ(argon2_raw(Argon2Variant::id, "pw", "saltsalt", {1024, 1, 1}, 32), expected);
    });
  for (auto& thread : together) thread.join();
  EXPECT_GE(kept_argon2_memory(), one_block);
  EXPECT_LE(kept_argon2_memory(), 4 * one_block);
  release_argon2_memory();
}

TEST(Argon2Kernel, LargeCostsAreNotKept) {
  release_argon2_memory();
  argon2_raw(Argon2Variant::id, "pw", "saltsalt", {128 * 1024, 1, 1}, 32);
  EXPECT_EQ(kept_argon2_memory(), 0u);
}

TEST(Argon2Kernel, RejectsWhatArgon2Rejects) {
  EXPECT_THROW(argon2_raw(Argon2Variant::id, "pw", "short", {1024, 1, 1}, 32),
               std::runtime_error);  // salt under 8 bytes
  EXPECT_THROW(argon2_raw(Argon2Variant::id, "pw", "saltsalt", {1024, 0, 1}, 32),
               std::runtime_error);
}

}  // namespace
}  // namespace tessera::crypto
