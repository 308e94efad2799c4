// Session tokens as an attacker sends them: crypto::rs256_verify against a fixed public key (and
// the hand-written JWS header reader behind it). Must never crash or throw, and nothing but the
// one token really signed with the key may verify.
#include <fuzzer/FuzzedDataProvider.h>

#include <string>

#include "crypto/encoding.h"
#include "crypto/jwt_header.h"
#include "crypto/rsa.h"
#include "fuzz_check.h"

using namespace tessera;

namespace {

struct Fixture {
  crypto::RsaKeyPair key = crypto::generate_rsa_key(2048);
  std::string header = R"({"alg":"RS256","kid":"ins_fuzz","typ":"JWT"})";
  std::string payload =
      R"({"sub":"user_2abc","sid":"sess_2abc","iss":"http://localhost:8080","exp":1900000000})";
  std::string token;      // the only valid token
  std::string signature;  // its raw signature bytes

  Fixture() {
    token = crypto::Rs256Signer(key.private_pem).sign(header, payload);
    signature = *crypto::base64url_decode(token.substr(token.rfind('.') + 1));
    FUZZ_CHECK(crypto::rs256_verify(token, key.public_pem) == payload);
  }
};

const Fixture& fixture() {
  static const Fixture instance;
  return instance;
}

// Verifies, and checks that only the genuine token is accepted.
void verify(std::string_view jwt) {
  const Fixture& f = fixture();
  const auto payload = crypto::rs256_verify(jwt, f.key.public_pem);
  if (payload) {
    FUZZ_CHECK(jwt == f.token);
    FUZZ_CHECK(*payload == f.payload);
  }
}

std::string join(std::string_view header, std::string_view payload, std::string_view signature) {
  return crypto::base64url_encode(header) + '.' + crypto::base64url_encode(payload) + '.' +
         crypto::base64url_encode(signature);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const Fixture& f = fixture();
  const std::string_view text = fuzz::as_text(data, size);

  // The raw input as a token (the seeds are real-looking JWTs), and as a JWS header.
  verify(text);
  (void)crypto::json_top_level_string(text, "alg");
  (void)crypto::json_top_level_string(text, "kid");

  FuzzedDataProvider provider(data, size);
  switch (provider.ConsumeIntegralInRange(0, 4)) {
    case 0: {  // three fuzzed parts, well-formed base64url: reaches the signature check
      const std::string header = provider.ConsumeRandomLengthString(256);
      const std::string payload = provider.ConsumeRandomLengthString(256);
      verify(join(header, payload, provider.ConsumeRemainingBytesAsString()));
      break;
    }
    case 1: {  // the genuine signature over a fuzzed header/payload
      const std::string header =
          provider.ConsumeBool() ? f.header : provider.ConsumeRandomLengthString(256);
      verify(join(header, provider.ConsumeRemainingBytesAsString(), f.signature));
      break;
    }
    case 2: {  // the genuine token with bytes flipped, inserted or cut
      std::string token = f.token;
      while (provider.remaining_bytes() > 0 && !token.empty()) {
        const std::size_t at = provider.ConsumeIntegralInRange<std::size_t>(0, token.size() - 1);
        switch (provider.ConsumeIntegralInRange(0, 3)) {
          case 0:
            token[at] = static_cast<char>(token[at] ^ provider.ConsumeIntegral<std::uint8_t>());
            break;
          case 1:
            token.insert(at, 1, provider.ConsumeIntegral<char>());
            break;
          case 2:
            token.erase(at, 1);
            break;
          default:
            token.resize(at);
            break;
        }
      }
      verify(token);
      break;
    }
    case 3: {  // a fuzzed signature with the genuine header and payload
      verify(join(f.header, f.payload, provider.ConsumeRemainingBytesAsString()));
      break;
    }
    default: {  // the genuine token against a fuzzed "public key" (PEM parsing): no crash.
      // Not compared with the real key: a re-wrapped copy of it would rightly verify.
      (void)crypto::rs256_verify(f.token, provider.ConsumeRemainingBytesAsString());
      break;
    }
  }
  return 0;
}
