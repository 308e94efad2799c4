// Sessions: selecting, ending, expiring, and the setup-mfa task.
#include "auth/session/sessions.h"

#include <gmock/gmock.h>

#include "unit/auth/support/domain_fixture.h"

namespace tessera::auth::test {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

// A user signed up on `home` (holding `first`), and a second session `second` on it.
class SessionsTest : public DomainFixture {
 protected:
  void SetUp() override {
    zoe = sign_up();
    first = zoe.session_id;
    clock.advance(1000);
    second =
        sessions.create(home(), user_record(zoe.user_id), {.first_factor_at = clock.now_ms()}).id;
  }

  Client& home() { return zoe.client; }
  std::string stored_last_active() { return store.find_client(home().id)->last_active_session_id; }
  std::vector<std::string> live_ids() {
    std::vector<std::string> ids;
    for (const auto& s : sessions.live_of_client(home().id)) ids.push_back(s.id);
    return ids;
  }

  SignedUpUser zoe;
  std::string first, second;
};

TEST_F(SessionsTest, CreateSelectsTheNewSession) {
  EXPECT_EQ(home().last_active_session_id, second);
  EXPECT_EQ(stored_last_active(), second);
  EXPECT_THAT(live_ids(), ElementsAre(second, first));  // newest first
}

TEST_F(SessionsTest, TouchSelectsTheSessionAndMarksItUsed) {
  clock.advance(5000);
  const auto touched = sessions.touch(home(), first);
  EXPECT_EQ(touched.last_active_at, clock.now_ms());
  EXPECT_EQ(session(first).last_active_at, clock.now_ms());
  EXPECT_EQ(home().last_active_session_id, first);
  EXPECT_EQ(stored_last_active(), first);
}

TEST_F(SessionsTest, EndingTheLastSessionClearsTheActiveSession) {
  sessions.finish(home(), first, "ended");
  const auto ended = sessions.finish(home(), second, "ended");
  EXPECT_EQ(ended.status, "ended");
  EXPECT_EQ(session(second).status, "ended");
  EXPECT_THAT(live_ids(), IsEmpty());
  EXPECT_EQ(home().last_active_session_id, "");
  EXPECT_EQ(stored_last_active(), "");
}

TEST_F(SessionsTest, EndingTheActiveSessionSelectsAnotherLiveOne) {
  sessions.finish(home(), second, "removed");
  EXPECT_EQ(session(second).status, "removed");
  EXPECT_THAT(live_ids(), ElementsAre(first));
  EXPECT_EQ(stored_last_active(), first);
}

TEST_F(SessionsTest, EndedSessionCannotBeTouchedAgain) {
  sessions.finish(home(), first, "ended");
  EXPECT_EQ(error_code_of([&] { sessions.touch(home(), first); }), "authentication_invalid");
}

TEST_F(SessionsTest, FinishAllSignsOutEverySession) {
  sessions.finish_all(home());
  EXPECT_THAT(live_ids(), IsEmpty());
  EXPECT_EQ(session(first).status, "ended");
  EXPECT_EQ(session(second).status, "ended");
  EXPECT_EQ(stored_last_active(), "");
}

TEST_F(SessionsTest, SessionOfAnotherClientIsNotFound) {
  auto stranger = new_client();
  EXPECT_EQ(error_code_of([&] { sessions.touch(stranger, first); }), "resource_not_found");
  EXPECT_EQ(error_code_of([&] { sessions.finish(stranger, first, "ended"); }),
            "resource_not_found");
  EXPECT_FALSE(sessions.acting(stranger, first));
  EXPECT_EQ(session(first).status, "active");
}

TEST_F(SessionsTest, UnknownSessionIsNotFound) {
  EXPECT_EQ(error_code_of([&] { sessions.touch(home(), "sess_missing"); }), "resource_not_found");
}

TEST_F(SessionsTest, EndedSessionOfThisClientIsUnauthenticated) {
  sessions.finish(home(), first, "ended");
  EXPECT_EQ(error_code_of([&] { sessions.touch(home(), first); }), "authentication_invalid");
}

TEST_F(SessionsTest, SessionsExpireAfterTheirLifetime) {
  clock.advance(settings.session_lifetime_ms - 1000);
  EXPECT_THAT(live_ids(), ElementsAre(second));
  clock.advance(1000);
  EXPECT_THAT(live_ids(), IsEmpty());
  EXPECT_EQ(error_code_of([&] { sessions.touch(home(), second); }), "authentication_invalid");
  EXPECT_FALSE(sessions.acting(home(), ""));
}

TEST_F(SessionsTest, ActingSessionIsTheGivenOneOrTheLastActive) {
  EXPECT_EQ(sessions.acting(home(), "")->id, second);
  EXPECT_EQ(sessions.acting(home(), first)->id, first);
}

// With MFA required, a user without MFA gets a pending session until MFA is set up.
class RequiredMfaSessionsTest : public DomainFixture {
 protected:
  void SetUp() override {
    settings.require_mfa = true;
    zoe = sign_up();
  }
  SignedUpUser zoe;
};

TEST_F(RequiredMfaSessionsTest, PendingSessionCountsAsSignedIn) {
  EXPECT_EQ(session(zoe.session_id).status, "pending");
  EXPECT_EQ(sessions.live_of_client(zoe.client.id).size(), 1u);
}

TEST_F(RequiredMfaSessionsTest, ResolvingTheLastTaskTurnsThePendingSessionActive) {
  enable_totp(zoe.user_id);
  sessions.resolve_task(zoe.user_id, kSetupMfaTask);
  const auto s = session(zoe.session_id);
  EXPECT_EQ(s.status, "active");
  EXPECT_THAT(s.tasks, IsEmpty());
}

TEST_F(RequiredMfaSessionsTest, UserWithMfaGetsAnActiveSessionAtOnce) {
  enable_totp(zoe.user_id);
  const auto s =
      sessions.create(zoe.client, user_record(zoe.user_id), {.first_factor_at = clock.now_ms()});
  EXPECT_EQ(s.status, "active");
  EXPECT_THAT(s.tasks, IsEmpty());
}

}  // namespace
}  // namespace tessera::auth::test
