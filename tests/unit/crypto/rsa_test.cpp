#include "crypto/rsa.h"

#include <gtest/gtest.h>
#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/param_build.h>
#include <openssl/pem.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "crypto/encoding.h"

namespace tessera::crypto {
namespace {

constexpr std::string_view kHeader = R"({"alg":"RS256","kid":"ins_1","typ":"JWT"})";
constexpr std::string_view kPayload = R"({"sub":"user_1","exp":1700000000})";

// Key generation costs tens of milliseconds, so the suite shares two keys.
class RsaTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    key_ = new RsaKeyPair(generate_rsa_key());
    other_key_ = new RsaKeyPair(generate_rsa_key());
  }
  static void TearDownTestSuite() {
    delete key_;
    delete other_key_;
  }
  static RsaKeyPair* key_;
  static RsaKeyPair* other_key_;
};
RsaKeyPair* RsaTest::key_ = nullptr;
RsaKeyPair* RsaTest::other_key_ = nullptr;

// Splits a compact JWS into its three parts.
std::vector<std::string> parts(const std::string& jwt) {
  std::vector<std::string> out;
  std::size_t start = 0;
  for (std::size_t dot; (dot = jwt.find('.', start)) != std::string::npos; start = dot + 1) {
    out.push_back(jwt.substr(start, dot - start));
  }
  out.push_back(jwt.substr(start));
  return out;
}

std::string join(const std::vector<std::string>& p) { return p[0] + "." + p[1] + "." + p[2]; }

TEST_F(RsaTest, GeneratesPkcs8AndSpkiPem) {
  EXPECT_TRUE(key_->private_pem.starts_with("-----BEGIN PRIVATE KEY-----\n"));
  EXPECT_TRUE(key_->public_pem.starts_with("-----BEGIN PUBLIC KEY-----\n"));
  EXPECT_NE(key_->public_pem, other_key_->public_pem);
}

TEST_F(RsaTest, RejectsWeakKeySizes) {
  EXPECT_THROW(generate_rsa_key(1024), std::invalid_argument);
}

TEST_F(RsaTest, SignedTokenVerifiesAndYieldsThePayload) {
  const Rs256Signer signer(key_->private_pem);
  const std::string jwt = signer.sign(kHeader, kPayload);
  const std::vector<std::string> p = parts(jwt);
  ASSERT_EQ(p.size(), 3u);
  EXPECT_EQ(base64url_decode(p[0]), kHeader);
  EXPECT_EQ(base64url_decode(p[1]), kPayload);
  EXPECT_EQ(base64url_decode(p[2])->size(), 256u);
  EXPECT_EQ(rs256_verify(jwt, key_->public_pem), kPayload);
}

TEST_F(RsaTest, ModifiedTokenFailsToVerify) {
  const std::string jwt = Rs256Signer(key_->private_pem).sign(kHeader, kPayload);
  std::vector<std::string> p = parts(jwt);

  std::vector<std::string> payload_changed = p;
  payload_changed[1] = base64url_encode(R"({"sub":"user_2","exp":1700000000})");
  EXPECT_FALSE(rs256_verify(join(payload_changed), key_->public_pem));

  std::vector<std::string> signature_changed = p;
  std::string signature = *base64url_decode(p[2]);
  signature[100] = static_cast<char>(signature[100] ^ 0x40);
  signature_changed[2] = base64url_encode(signature);
  EXPECT_FALSE(rs256_verify(join(signature_changed), key_->public_pem));

  std::vector<std::string> header_changed = p;
  header_changed[0] = base64url_encode(R"({"alg":"RS256","kid":"ins_2","typ":"JWT"})");
  EXPECT_FALSE(rs256_verify(join(header_changed), key_->public_pem));
}

TEST_F(RsaTest, OtherKeyFailsToVerify) {
  const std::string jwt = Rs256Signer(key_->private_pem).sign(kHeader, kPayload);
  EXPECT_FALSE(rs256_verify(jwt, other_key_->public_pem));
}

TEST_F(RsaTest, OnlyRs256HeadersVerify) {
  const Rs256Signer signer(key_->private_pem);
  EXPECT_FALSE(rs256_verify(signer.sign(R"({"alg":"none"})", kPayload), key_->public_pem));
  EXPECT_FALSE(rs256_verify(signer.sign(R"({"alg":"HS256"})", kPayload), key_->public_pem));
  EXPECT_FALSE(rs256_verify(signer.sign(R"({"typ":"JWT"})", kPayload), key_->public_pem));
  EXPECT_FALSE(
      rs256_verify(signer.sign(R"({"alg":"RS256","alg":"none"})", kPayload), key_->public_pem));
  EXPECT_FALSE(
      rs256_verify(signer.sign(R"({"kid":"\"alg\":\"RS256\""})", kPayload), key_->public_pem));
  EXPECT_EQ(rs256_verify(signer.sign("{ \"alg\" : \"RS256\" }", kPayload), key_->public_pem),
            kPayload);
}

TEST_F(RsaTest, GarbageNeverThrows) {
  const std::string jwt = Rs256Signer(key_->private_pem).sign(kHeader, kPayload);
  for (const std::string& garbage :
       {std::string(), std::string("."), std::string(".."), std::string("a.b.c"),
        std::string("a.b.c.d"), jwt + ".", jwt + "=", jwt.substr(0, jwt.size() - 1),
        std::string(jwt.size(), '.'), std::string("\xff\xfe.\x00.\x01", 7)}) {
    EXPECT_FALSE(rs256_verify(garbage, key_->public_pem)) << garbage;
  }
  EXPECT_FALSE(rs256_verify(jwt, "not a pem"));
  EXPECT_FALSE(rs256_verify(jwt, key_->private_pem));
  EXPECT_FALSE(rs256_verify(jwt, ""));
}

TEST_F(RsaTest, SignerRejectsBadPem) {
  EXPECT_THROW(Rs256Signer("not a pem"), std::invalid_argument);
  EXPECT_THROW(Rs256Signer(""), std::invalid_argument);
  EXPECT_THROW(Rs256Signer(key_->public_pem), std::invalid_argument);
}

TEST_F(RsaTest, SignerIsSafeToShareBetweenThreads) {
  const Rs256Signer signer(key_->private_pem);
  std::vector<std::string> tokens(8);
  std::vector<std::thread> threads;
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    threads.emplace_back([&, i] {
      for (int n = 0; n < 10; ++n) {
        tokens[i] = signer.sign(kHeader, R"({"n":)" + std::to_string(i) + "}");
      }
    });
  }
  for (std::thread& t : threads) t.join();
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    EXPECT_EQ(rs256_verify(tokens[i], key_->public_pem), R"({"n":)" + std::to_string(i) + "}");
  }
}

TEST_F(RsaTest, JwkHasA256ByteModulusAndExponent65537) {
  const RsaJwk jwk = rsa_public_jwk(key_->public_pem);
  const std::optional<std::string> n = base64url_decode(jwk.n);
  ASSERT_TRUE(n);
  EXPECT_EQ(n->size(), 256u);
  EXPECT_NE((*n)[0], '\0') << "no leading zero byte";
  EXPECT_EQ(jwk.e, "AQAB");
  EXPECT_EQ(jwk.n.find('='), std::string::npos);
  EXPECT_THROW(rsa_public_jwk("garbage"), std::invalid_argument);
}

TEST_F(RsaTest, ThumbprintIsStablePerKey) {
  const std::string thumbprint = rsa_thumbprint(key_->public_pem);
  EXPECT_EQ(thumbprint.size(), 43u);
  EXPECT_EQ(thumbprint, rsa_thumbprint(key_->public_pem));
  EXPECT_NE(thumbprint, rsa_thumbprint(other_key_->public_pem));
}

// A public key PEM from JWK members, built with OpenSSL directly.
std::string public_pem_from_jwk(const std::string& n64, const std::string& e64) {
  const std::string n = *base64url_decode(n64);
  const std::string e = *base64url_decode(e64);
  BIGNUM* bn_n = BN_bin2bn(reinterpret_cast<const unsigned char*>(n.data()), n.size(), nullptr);
  BIGNUM* bn_e = BN_bin2bn(reinterpret_cast<const unsigned char*>(e.data()), e.size(), nullptr);
  OSSL_PARAM_BLD* build = OSSL_PARAM_BLD_new();
  OSSL_PARAM_BLD_push_BN(build, OSSL_PKEY_PARAM_RSA_N, bn_n);
  OSSL_PARAM_BLD_push_BN(build, OSSL_PKEY_PARAM_RSA_E, bn_e);
  OSSL_PARAM* params = OSSL_PARAM_BLD_to_param(build);
  EVP_PKEY_CTX* ctx = EVP_PKEY_CTX_new_from_name(nullptr, "RSA", nullptr);
  EVP_PKEY* key = nullptr;
  EVP_PKEY_fromdata_init(ctx);
  EVP_PKEY_fromdata(ctx, &key, EVP_PKEY_PUBLIC_KEY, params);
  BIO* bio = BIO_new(BIO_s_mem());
  PEM_write_bio_PUBKEY(bio, key);
  char* data = nullptr;
  const long length = BIO_get_mem_data(bio, &data);
  std::string pem(data, static_cast<std::size_t>(length));
  BIO_free(bio);
  EVP_PKEY_free(key);
  EVP_PKEY_CTX_free(ctx);
  OSSL_PARAM_free(params);
  OSSL_PARAM_BLD_free(build);
  BN_free(bn_n);
  BN_free(bn_e);
  return pem;
}

// RFC 7638 §3.1 example key and thumbprint.
TEST(RsaThumbprint, Rfc7638Example) {
  const std::string n =
      "0vx7agoebGcQSuuPiLJXZptN9nndrQmbXEps2aiAFbWhM78LhWx4cbbfAAtVT86zwu1RK7aPFFxuhDR1L6tSoc_BJECP"
      "ebWKRXjBZCiFV4n3oknjhMstn64tZ_2W-5JsGY4Hc5n9yBXArwl93lqt7_RN5w6Cf0h4QyQ5v-65YGjQR0_FDW2Qvzq"
      "Y368QQMicAtaSqzs8KJZgnYb9c7d0zgdAZHzu6qMQvRL5hajrn1n91CbOpbISD08qNLyrdkt-bFTWhAI4vMQFh6WeZu0"
      "fM4lFd2NcRwr3XPksINHaQ-G_xBniIqbw0Ls1jF44-csFCur-kEgU8awapJzKnqDKgw";
  const std::string pem = public_pem_from_jwk(n, "AQAB");
  EXPECT_EQ(rsa_public_jwk(pem).n, n);
  EXPECT_EQ(rsa_thumbprint(pem), "NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs");
}

// The openssl command line, a second implementation, accepts our signatures.
TEST_F(RsaTest, OpensslCliVerifiesTheSignature) {
  if (std::system("openssl version >/dev/null 2>&1") != 0) GTEST_SKIP() << "no openssl CLI";
  const std::vector<std::string> p = parts(Rs256Signer(key_->private_pem).sign(kHeader, kPayload));
  const std::filesystem::path dir =
      std::filesystem::temp_directory_path() / ("tessera_rsa_" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  const auto write = [&](const char* name, const std::string& contents) {
    std::ofstream(dir / name, std::ios::binary) << contents;
    return (dir / name).string();
  };
  const std::string pub = write("pub.pem", key_->public_pem);
  const std::string input = write("input", p[0] + "." + p[1]);
  const std::string sig = write("sig", *base64url_decode(p[2]));
  const std::string bad_input = write("bad", p[0] + "." + p[1] + "x");
  const std::string verify = "openssl dgst -sha256 -verify " + pub + " -signature " + sig + " ";
  EXPECT_EQ(std::system((verify + input + " >/dev/null 2>&1").c_str()), 0);
  EXPECT_NE(std::system((verify + bad_input + " >/dev/null 2>&1").c_str()), 0);
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace tessera::crypto
