// Housekeeping: what nobody can use any more is deleted once it has been unusable for the time
// kept; users and what is still usable stay.
#include "auth/housekeeping/purge.h"

#include <gtest/gtest.h>

#include "auth/client/client_registry.h"
#include "unit/auth/support/domain_fixture.h"

namespace tessera::auth::test {
namespace {

constexpr std::int64_t kDayMs = 24LL * 3600 * 1000;
constexpr std::int64_t kKeepMs = 7 * kDayMs;

class PurgeTest : public DomainFixture {
 protected:
  PurgeReport purge(int batch = 1000) {
    return purge_expired(store, clock.now_ms(), kKeepMs, batch);
  }
};

TEST_F(PurgeTest, NothingUsableIsDeleted) {
  const auto zoe = sign_up();
  auto laptop = new_client();
  const auto started = sign_in_with_password(laptop);
  const auto report = purge();
  EXPECT_EQ(report.sign_ins + report.sign_ups + report.sessions + report.clients, 0);
  EXPECT_TRUE(store.find_sign_in(started.id));
  EXPECT_TRUE(store.find_session(zoe.session_id));
  EXPECT_TRUE(store.find_client(zoe.client.id));
}

TEST_F(PurgeTest, AbandonedAttemptsGoOnceKeptLongEnough) {
  const auto zoe = sign_up();  // its sign-up is complete: abandoned after the attempt lifetime
  auto laptop = new_client();
  const auto started = sign_in_with_password(laptop);

  clock.advance(settings.sign_in_lifetime_ms + kKeepMs - 1);
  EXPECT_EQ(purge().sign_ins, 0);  // abandoned, but not yet for the time kept

  clock.advance(2);
  const auto report = purge();
  EXPECT_EQ(report.sign_ins, 1);
  EXPECT_EQ(report.sign_ups, 1);
  EXPECT_FALSE(store.find_sign_in(started.id));
  EXPECT_TRUE(store.find_session(zoe.session_id));  // sessions live longer than attempts
  EXPECT_TRUE(store.find_user(zoe.user_id));
}

TEST_F(PurgeTest, ExpiredSessionsGoThenForgottenClientsButNeverUsers) {
  const auto zoe = sign_up();
  clock.advance(settings.session_lifetime_ms + kKeepMs + 1);
  auto report = purge();
  EXPECT_EQ(report.sessions, 1);
  EXPECT_EQ(report.clients, 0);  // its cookie is still alive: the device stays trusted
  EXPECT_FALSE(store.find_session(zoe.session_id));
  EXPECT_TRUE(store.is_client_trusted(zoe.client.id, zoe.user_id));

  clock.set(zoe.client.created_at + kClientLifetimeMs + kKeepMs + 1);
  report = purge();
  EXPECT_EQ(report.clients, 1);
  EXPECT_FALSE(store.find_client(zoe.client.id));
  EXPECT_FALSE(store.is_client_trusted(zoe.client.id, zoe.user_id));
  // The user signs in again from a new device.
  ASSERT_TRUE(store.find_user(zoe.user_id));
  auto phone = new_client();
  EXPECT_EQ(sign_in_with_password(phone).status, "needs_client_trust");
}

TEST_F(PurgeTest, ALargeBacklogIsDeletedInBatches) {
  sign_up();
  std::vector<std::string> ids;
  for (int i = 0; i < 7; ++i) {
    auto client = new_client();
    ids.push_back(sign_in_with_password(client).id);
  }
  clock.advance(settings.sign_in_lifetime_ms + kKeepMs + 1);
  EXPECT_EQ(purge(/*batch=*/3).sign_ins, 7);
  for (const auto& id : ids) EXPECT_FALSE(store.find_sign_in(id));
}

}  // namespace
}  // namespace tessera::auth::test
