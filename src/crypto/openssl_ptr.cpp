#include "crypto/openssl_ptr.h"

#include <openssl/err.h>
#include <openssl/pem.h>

#include <climits>

namespace tessera::crypto::ossl {
namespace {

Bio memory_bio(std::string_view pem) {
  if (pem.size() > INT_MAX) return nullptr;
  return Bio(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())));
}

Pkey only_rsa(Pkey key) {
  // Errors from a failed parse would otherwise linger on this thread's queue and confuse
  // whoever reads it next.
  ERR_clear_error();
  if (!key || !EVP_PKEY_is_a(key.get(), "RSA")) return nullptr;
  return key;
}

}  // namespace

Pkey read_rsa_private_pem(std::string_view pem) {
  Bio bio = memory_bio(pem);
  if (!bio) return nullptr;
  return only_rsa(Pkey(PEM_read_bio_PrivateKey(bio.get(), nullptr, nullptr, nullptr)));
}

Pkey read_rsa_public_pem(std::string_view pem) {
  Bio bio = memory_bio(pem);
  if (!bio) return nullptr;
  return only_rsa(Pkey(PEM_read_bio_PUBKEY(bio.get(), nullptr, nullptr, nullptr)));
}

}  // namespace tessera::crypto::ossl
