// RSA key generation, PEM export and the public key as a JWK (RFC 7517/7518) and its
// thumbprint (RFC 7638).
#include <openssl/core_names.h>
#include <openssl/pem.h>
#include <openssl/rsa.h>

#include <stdexcept>

#include "crypto/encoding.h"
#include "crypto/hash.h"
#include "crypto/openssl_ptr.h"
#include "crypto/rsa.h"

namespace tessera::crypto {
namespace {

constexpr int kMinRsaBits = 2048;

std::string bio_contents(BIO* bio) {
  char* data = nullptr;
  const long length = BIO_get_mem_data(bio, &data);
  return std::string(data, static_cast<std::size_t>(length));
}

// Big-endian without leading zero bytes, as JWK requires.
std::string bignum_param(const EVP_PKEY* key, const char* name) {
  BIGNUM* raw = nullptr;
  if (EVP_PKEY_get_bn_param(key, name, &raw) != 1) throw std::runtime_error("RSA: missing param");
  ossl::Bignum value(raw);
  std::string out(static_cast<std::size_t>(BN_num_bytes(value.get())), '\0');
  BN_bn2bin(value.get(), reinterpret_cast<unsigned char*>(out.data()));
  return out;
}

}  // namespace

RsaKeyPair generate_rsa_key(int bits) {
  if (bits < kMinRsaBits) throw std::invalid_argument("RSA keys must have at least 2048 bits");
  ossl::PkeyCtx ctx(EVP_PKEY_CTX_new_from_name(nullptr, "RSA", nullptr));
  EVP_PKEY* raw = nullptr;
  if (!ctx || EVP_PKEY_keygen_init(ctx.get()) != 1 ||
      EVP_PKEY_CTX_set_rsa_keygen_bits(ctx.get(), bits) != 1 ||
      EVP_PKEY_generate(ctx.get(), &raw) != 1) {
    throw std::runtime_error("RSA key generation failed");
  }
  ossl::Pkey key(raw);

  ossl::Bio private_bio(BIO_new(BIO_s_mem()));
  ossl::Bio public_bio(BIO_new(BIO_s_mem()));
  // PEM_write_bio_PrivateKey writes PKCS#8 ("BEGIN PRIVATE KEY") with OpenSSL 3.
  if (!private_bio || !public_bio ||
      PEM_write_bio_PrivateKey(private_bio.get(), key.get(), nullptr, nullptr, 0, nullptr,
                               nullptr) != 1 ||
      PEM_write_bio_PUBKEY(public_bio.get(), key.get()) != 1) {
    throw std::runtime_error("RSA key export failed");
  }
  return {bio_contents(private_bio.get()), bio_contents(public_bio.get())};
}

RsaJwk rsa_public_jwk(std::string_view public_pem) {
  ossl::Pkey key = ossl::read_rsa_public_pem(public_pem);
  if (!key) throw std::invalid_argument("not an RSA public key PEM");
  return {base64url_encode(bignum_param(key.get(), OSSL_PKEY_PARAM_RSA_N)),
          base64url_encode(bignum_param(key.get(), OSSL_PKEY_PARAM_RSA_E))};
}

std::string rsa_thumbprint(std::string_view public_pem) {
  const RsaJwk jwk = rsa_public_jwk(public_pem);
  // RFC 7638 §3.2: required members only, sorted, no whitespace.
  const std::string canonical = R"({"e":")" + jwk.e + R"(","kty":"RSA","n":")" + jwk.n + R"("})";
  return base64url_encode(sha256(canonical));
}

}  // namespace tessera::crypto
