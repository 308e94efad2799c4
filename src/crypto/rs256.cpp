// RS256 (RSASSA-PKCS1-v1_5 with SHA-256) compact JWS signing and verification.
#include <openssl/err.h>

#include <stdexcept>

#include "crypto/encoding.h"
#include "crypto/jwt_header.h"
#include "crypto/openssl_ptr.h"
#include "crypto/rsa.h"

namespace tessera::crypto {
namespace {

const unsigned char* bytes_of(std::string_view s) {
  return reinterpret_cast<const unsigned char*>(s.data());
}

}  // namespace

struct Rs256Signer::Impl {
  ossl::Pkey key;  // read-only after construction, so threads may share it
};

Rs256Signer::Rs256Signer(std::string_view private_pem) : impl_(std::make_unique<Impl>()) {
  impl_->key = ossl::read_rsa_private_pem(private_pem);
  if (!impl_->key) throw std::invalid_argument("not an RSA private key PEM");
}

Rs256Signer::~Rs256Signer() = default;

std::string Rs256Signer::sign(std::string_view header_json, std::string_view payload_json) const {
  std::string jws = base64url_encode(header_json) + '.' + base64url_encode(payload_json);
  // A context per call: EVP_MD_CTX is not shareable between threads, the key is.
  ossl::MdCtx ctx(EVP_MD_CTX_new());
  std::size_t signature_size = 0;
  if (!ctx ||
      EVP_DigestSignInit(ctx.get(), nullptr, EVP_sha256(), nullptr, impl_->key.get()) != 1 ||
      EVP_DigestSign(ctx.get(), nullptr, &signature_size, bytes_of(jws), jws.size()) != 1) {
    ERR_clear_error();
    throw std::runtime_error("RS256 signing failed");
  }
  std::string signature(signature_size, '\0');
  if (EVP_DigestSign(ctx.get(), reinterpret_cast<unsigned char*>(signature.data()), &signature_size,
                     bytes_of(jws), jws.size()) != 1) {
    ERR_clear_error();
    throw std::runtime_error("RS256 signing failed");
  }
  signature.resize(signature_size);
  jws += '.';
  jws += base64url_encode(signature);
  return jws;
}

std::optional<std::string> rs256_verify(std::string_view jwt, std::string_view public_pem) {
  try {
    // JWS uses unpadded base64url (RFC 7515 §2); padding would give one token two spellings.
    if (jwt.find('=') != std::string_view::npos) return std::nullopt;
    const std::size_t first_dot = jwt.find('.');
    const std::size_t second_dot =
        first_dot == std::string_view::npos ? first_dot : jwt.find('.', first_dot + 1);
    if (second_dot == std::string_view::npos ||
        jwt.find('.', second_dot + 1) != std::string_view::npos) {
      return std::nullopt;
    }
    const std::string_view signing_input = jwt.substr(0, second_dot);
    const std::optional<std::string> header = base64url_decode(jwt.substr(0, first_dot));
    const std::optional<std::string> payload =
        base64url_decode(jwt.substr(first_dot + 1, second_dot - first_dot - 1));
    const std::optional<std::string> signature = base64url_decode(jwt.substr(second_dot + 1));
    if (!header || !payload || !signature) return std::nullopt;
    // Refuse "none", HS256 and the like even though only an RSA signature could pass below.
    if (json_top_level_string(*header, "alg") != "RS256") return std::nullopt;

    const ossl::Pkey key = ossl::read_rsa_public_pem(public_pem);
    if (!key) return std::nullopt;
    ossl::MdCtx ctx(EVP_MD_CTX_new());
    const bool valid =
        ctx && EVP_DigestVerifyInit(ctx.get(), nullptr, EVP_sha256(), nullptr, key.get()) == 1 &&
        EVP_DigestVerify(ctx.get(), bytes_of(*signature), signature->size(),
                         bytes_of(signing_input), signing_input.size()) == 1;
    ERR_clear_error();
    if (!valid) return std::nullopt;
    return payload;
  } catch (const std::exception&) {
    return std::nullopt;  // e.g. bad_alloc on absurd input: still "not valid", never a throw
  }
}

}  // namespace tessera::crypto
