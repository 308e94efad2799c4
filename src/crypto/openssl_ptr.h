#pragma once
// Owning pointers for OpenSSL objects, and PEM parsing into them (private to crypto/).
#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/evp.h>

#include <memory>
#include <string_view>

namespace tessera::crypto::ossl {

struct Free {
  void operator()(EVP_PKEY* p) const { EVP_PKEY_free(p); }
  void operator()(EVP_PKEY_CTX* p) const { EVP_PKEY_CTX_free(p); }
  void operator()(EVP_MD_CTX* p) const { EVP_MD_CTX_free(p); }
  void operator()(BIO* p) const { BIO_free(p); }
  void operator()(BIGNUM* p) const { BN_free(p); }
};
using Pkey = std::unique_ptr<EVP_PKEY, Free>;
using PkeyCtx = std::unique_ptr<EVP_PKEY_CTX, Free>;
using MdCtx = std::unique_ptr<EVP_MD_CTX, Free>;
using Bio = std::unique_ptr<BIO, Free>;
using Bignum = std::unique_ptr<BIGNUM, Free>;

// Null when the PEM is malformed or not an RSA key. Leaves no errors on OpenSSL's error queue.
Pkey read_rsa_private_pem(std::string_view pem);
Pkey read_rsa_public_pem(std::string_view pem);

}  // namespace tessera::crypto::ossl
