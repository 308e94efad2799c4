#include "crypto/secret_box.h"

#include <openssl/evp.h>

#include <memory>
#include <stdexcept>

#include "crypto/encoding.h"
#include "crypto/random_bytes.h"

namespace tessera::crypto {
namespace {

constexpr std::size_t kKeyBytes = 32;
constexpr std::size_t kNonceBytes = 12;
constexpr std::size_t kTagBytes = 16;
constexpr std::string_view kPrefix = "v1.";

struct CipherCtxFree {
  void operator()(EVP_CIPHER_CTX* ctx) const { EVP_CIPHER_CTX_free(ctx); }
};
using CipherCtx = std::unique_ptr<EVP_CIPHER_CTX, CipherCtxFree>;

const unsigned char* bytes_of(std::string_view s) {
  return reinterpret_cast<const unsigned char*>(s.data());
}
unsigned char* bytes_of(std::string& s) { return reinterpret_cast<unsigned char*>(s.data()); }

CipherCtx new_ctx() {
  CipherCtx ctx(EVP_CIPHER_CTX_new());
  if (!ctx) throw std::bad_alloc();
  return ctx;
}

}  // namespace

SecretBox::SecretBox(std::string key32) : key_(std::move(key32)) {
  if (key_.size() != kKeyBytes) throw std::invalid_argument("SecretBox key must be 32 bytes");
}

std::string SecretBox::seal(std::string_view plaintext, std::string_view associated) const {
  const std::string nonce = random_bytes(kNonceBytes);
  // nonce || ciphertext || tag, built in place.
  std::string out(kNonceBytes + plaintext.size() + kTagBytes, '\0');
  out.replace(0, kNonceBytes, nonce);
  unsigned char* ciphertext = bytes_of(out) + kNonceBytes;

  CipherCtx ctx = new_ctx();
  int length = 0;
  bool ok = EVP_EncryptInit_ex(ctx.get(), EVP_aes_256_gcm(), nullptr, bytes_of(key_),
                               bytes_of(nonce)) == 1;
  ok = ok &&
       (associated.empty() || EVP_EncryptUpdate(ctx.get(), nullptr, &length, bytes_of(associated),
                                                static_cast<int>(associated.size())) == 1);
  ok = ok &&
       (plaintext.empty() || EVP_EncryptUpdate(ctx.get(), ciphertext, &length, bytes_of(plaintext),
                                               static_cast<int>(plaintext.size())) == 1);
  ok = ok && EVP_EncryptFinal_ex(ctx.get(), ciphertext + plaintext.size(), &length) == 1;
  ok = ok && EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_GET_TAG, static_cast<int>(kTagBytes),
                                 ciphertext + plaintext.size()) == 1;
  if (!ok) throw std::runtime_error("SecretBox: encryption failed");
  return std::string(kPrefix) + base64url_encode(out);
}

std::optional<std::string> SecretBox::open(std::string_view sealed,
                                           std::string_view associated) const {
  if (!sealed.starts_with(kPrefix)) return std::nullopt;
  std::optional<std::string> raw = base64url_decode(sealed.substr(kPrefix.size()));
  if (!raw || raw->size() < kNonceBytes + kTagBytes) return std::nullopt;

  const std::string_view body(*raw);
  const std::string_view nonce = body.substr(0, kNonceBytes);
  const std::string_view ciphertext =
      body.substr(kNonceBytes, body.size() - kNonceBytes - kTagBytes);
  std::string tag(body.substr(body.size() - kTagBytes));
  std::string plaintext(ciphertext.size(), '\0');

  CipherCtx ctx = new_ctx();
  int length = 0;
  bool ok = EVP_DecryptInit_ex(ctx.get(), EVP_aes_256_gcm(), nullptr, bytes_of(key_),
                               bytes_of(nonce)) == 1;
  ok = ok &&
       (associated.empty() || EVP_DecryptUpdate(ctx.get(), nullptr, &length, bytes_of(associated),
                                                static_cast<int>(associated.size())) == 1);
  ok = ok && (ciphertext.empty() ||
              EVP_DecryptUpdate(ctx.get(), bytes_of(plaintext), &length, bytes_of(ciphertext),
                                static_cast<int>(ciphertext.size())) == 1);
  ok = ok && EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_SET_TAG, static_cast<int>(kTagBytes),
                                 bytes_of(tag)) == 1;
  // Final checks the tag: any change to nonce, ciphertext, tag, key or AAD fails here.
  ok = ok && EVP_DecryptFinal_ex(ctx.get(), bytes_of(plaintext) + ciphertext.size(), &length) == 1;
  if (!ok) return std::nullopt;
  return plaintext;
}

}  // namespace tessera::crypto
