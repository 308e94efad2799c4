// Account lockout after consecutive failures.
#include "auth/lockout.h"

#include "unit/auth/support/domain_fixture.h"

namespace tessera::auth::test {
namespace {

class LockoutTest : public DomainFixture {
 protected:
  void SetUp() override { user_id = sign_up().user_id; }
  void fail(int times) {
    for (int i = 0; i < times; ++i) record_failed_attempt(ctx, user(user_id));
  }
  std::string lock_error() {
    return error_code_of([&] { ensure_not_locked(ctx, user(user_id)); });
  }

  std::string user_id;
};

TEST_F(LockoutTest, FailuresBelowTheLimitDoNotLock) {
  fail(settings.lockout_attempts - 1);
  EXPECT_NO_THROW(ensure_not_locked(ctx, user(user_id)));
  EXPECT_EQ(user(user_id).failed_attempts, settings.lockout_attempts - 1);
}

TEST_F(LockoutTest, ReachingTheLimitLocksForTheLockoutDuration) {
  fail(settings.lockout_attempts);
  const auto error = auth_error_of([&] { ensure_not_locked(ctx, user(user_id)); });
  EXPECT_EQ(error.code, "user_locked");
  EXPECT_EQ(error.meta.at("lockout_expires_in_seconds"),
            std::to_string(settings.lockout_ms / 1000));
}

TEST_F(LockoutTest, RemainingSecondsRoundUp) {
  fail(settings.lockout_attempts);
  clock.advance(1500);
  const auto error = auth_error_of([&] { ensure_not_locked(ctx, user(user_id)); });
  EXPECT_EQ(error.meta.at("lockout_expires_in_seconds"),
            std::to_string(settings.lockout_ms / 1000 - 1));
}

TEST_F(LockoutTest, LockEndsAfterTheLockoutDuration) {
  fail(settings.lockout_attempts);
  clock.advance(settings.lockout_ms - 1);
  EXPECT_EQ(lock_error(), "user_locked");
  clock.advance(1);
  EXPECT_NO_THROW(ensure_not_locked(ctx, user(user_id)));
}

TEST_F(LockoutTest, SuccessResetsTheCounter) {
  fail(settings.lockout_attempts - 1);
  record_successful_attempt(ctx, user(user_id));
  fail(settings.lockout_attempts - 1);
  EXPECT_NO_THROW(ensure_not_locked(ctx, user(user_id)));
  EXPECT_EQ(user(user_id).failed_attempts, settings.lockout_attempts - 1);
}

TEST_F(LockoutTest, SuccessAfterTheLockEndsClearsTheLock) {
  fail(settings.lockout_attempts);
  clock.advance(settings.lockout_ms);
  record_successful_attempt(ctx, user(user_id));
  EXPECT_EQ(user(user_id).failed_attempts, 0);
  EXPECT_EQ(user(user_id).locked_until, 0);
}

}  // namespace
}  // namespace tessera::auth::test
