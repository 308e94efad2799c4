#include "tokens/handshake_token.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "crypto/encoding.h"
#include "crypto/rsa.h"
#include "store/open_store.h"

namespace tessera::tokens {
namespace {

TEST(HandshakeToken, CarriesTheDirectivesSignedWithThePublishedKey) {
  auto store = store::open_store("sqlite::memory:");
  crypto::SecretBox secrets{std::string(32, 'k')};
  KeyRing ring(*store, secrets);
  ring.load_or_create(1'700'000'000'000);
  const std::vector<std::string> directives = {"__session=t; Path=/", "__client_uat=0; Path=/"};

  const auto jwt = mint_handshake_token(ring, directives);

  const auto payload = crypto::rs256_verify(jwt, ring.published().front().public_key_pem);
  ASSERT_TRUE(payload);
  EXPECT_EQ(nlohmann::json::parse(*payload), (nlohmann::json{{"handshake", directives}}));
  const auto header = crypto::base64url_decode(jwt.substr(0, jwt.find('.')));
  ASSERT_TRUE(header);
  EXPECT_EQ(nlohmann::json::parse(*header).value("kid", ""), ring.active().kid);
}

}  // namespace
}  // namespace tessera::tokens
