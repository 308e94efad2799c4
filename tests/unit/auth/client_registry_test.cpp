// Clients are found by their secret token; only its hash is stored.
#include "auth/client/client_registry.h"

#include "unit/auth/support/domain_fixture.h"

namespace tessera::auth::test {
namespace {

using ClientRegistryTest = DomainFixture;

TEST_F(ClientRegistryTest, IssuedTokenFindsTheClient) {
  const auto issued = create_client(ctx);
  const auto found = find_client_by_token(ctx, issued.token);
  ASSERT_TRUE(found);
  EXPECT_EQ(found->id, issued.client.id);
  EXPECT_TRUE(issued.client.id.starts_with("client_"));
  EXPECT_EQ(found->created_at, clock.now_ms());
}

TEST_F(ClientRegistryTest, TokenIsNotStoredInClear) {
  const auto issued = create_client(ctx);
  EXPECT_NE(store.find_client(issued.client.id)->token_hash, issued.token);
  EXPECT_EQ(store.find_client(issued.client.id)->token_hash, client_token_hash(issued.token));
}

TEST_F(ClientRegistryTest, UnknownEmptyOrOversizedTokensFindNothing) {
  create_client(ctx);
  EXPECT_FALSE(find_client_by_token(ctx, ""));
  EXPECT_FALSE(find_client_by_token(ctx, "not-a-token"));
  EXPECT_FALSE(find_client_by_token(ctx, std::string(513, 'a')));
}

TEST_F(ClientRegistryTest, EachClientGetsItsOwnToken) {
  const auto a = create_client(ctx), b = create_client(ctx);
  EXPECT_NE(a.token, b.token);
  EXPECT_NE(a.client.id, b.client.id);
  EXPECT_EQ(find_client_by_token(ctx, b.token)->id, b.client.id);
}

TEST_F(ClientRegistryTest, AnIssuedClientIsStoredByItsFirstSave) {
  auto issued = issue_client(ctx);
  EXPECT_TRUE(issued.client.is_new);
  EXPECT_FALSE(store.find_client(issued.client.id));
  EXPECT_FALSE(find_client_by_token(ctx, issued.token));

  issued.client.sign_in_id = "sia_1";
  save_client(ctx, issued.client);
  EXPECT_FALSE(issued.client.is_new);
  EXPECT_EQ(find_client_by_token(ctx, issued.token)->sign_in_id, "sia_1");

  issued.client.sign_in_id = "sia_2";  // a second save updates the stored client
  save_client(ctx, issued.client);
  EXPECT_EQ(store.find_client(issued.client.id)->sign_in_id, "sia_2");
}

TEST_F(ClientRegistryTest, ACreatedClientIsStoredAtOnce) {
  const auto issued = create_client(ctx);
  EXPECT_FALSE(issued.client.is_new);
  EXPECT_TRUE(store.find_client(issued.client.id));
}

}  // namespace
}  // namespace tessera::auth::test
