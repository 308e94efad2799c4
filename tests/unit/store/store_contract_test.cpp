// The auth::Store contract, run against every implementation (see store_contract.h).
#include "unit/store/store_contract.h"

#include <atomic>
#include <stdexcept>
#include <thread>
#include <vector>

#include "unit/store/model_compare.h"
#include "unit/store/model_samples.h"

namespace tessera::store::test {

auth::User StoreContract::add_user(const std::string& id, const std::string& email) {
  auto user = sample_user(id);
  store().create_user(user, sample_email("idn_" + id, id, email));
  return user;
}

auth::Client StoreContract::add_client(const std::string& id) {
  auto client = sample_client(id);
  store().create_client(client);
  return client;
}

namespace {

// Runs fn(thread_index) on `threads` threads at once and waits for all of them.
template <class Fn>
void run_concurrently(int threads, Fn fn) {
  std::atomic<bool> go{false};
  std::vector<std::thread> workers;
  for (int t = 0; t < threads; ++t)
    workers.emplace_back([&, t] {
      while (!go.load()) std::this_thread::yield();
      fn(t);
    });
  go = true;
  for (auto& w : workers) w.join();
}

// --- users and identifiers

TEST_P(StoreContract, CreatedUserRoundTripsEveryField) {
  const auto user = sample_user("user_1");
  const auto email = sample_email("idn_1", "user_1", "zoe@example.com");
  store().create_user(user, email);

  const auto found = store().find_user("user_1");
  ASSERT_TRUE(found);
  expect_same(user, *found);

  const auto record = store().find_user_record("user_1");
  ASSERT_TRUE(record);
  expect_same(user, record->user);
  ASSERT_EQ(record->email_addresses.size(), 1u);
  expect_same(email, record->email_addresses[0]);
  EXPECT_TRUE(record->phone_numbers.empty());
  EXPECT_EQ(record->backup_codes_remaining, 0);
  EXPECT_EQ(store().count_users(), 1);
}

TEST_P(StoreContract, MissingRowsAreNotFound) {
  EXPECT_FALSE(store().find_user("user_none"));
  EXPECT_FALSE(store().find_user_record("user_none"));
  EXPECT_FALSE(store().find_user_by_email("none@example.com"));
  EXPECT_FALSE(store().find_client("client_none"));
  EXPECT_FALSE(store().find_client_by_token_hash("none"));
  EXPECT_FALSE(store().find_sign_in("sia_none"));
  EXPECT_FALSE(store().find_sign_up("sua_none"));
  EXPECT_FALSE(store().find_session("sess_none"));
  EXPECT_FALSE(store().get_setting("none"));
  EXPECT_TRUE(store().sessions_of_client("client_none").empty());
  EXPECT_TRUE(store().sessions_of_user("user_none").empty());
  EXPECT_TRUE(store().signing_keys().empty());
  EXPECT_EQ(store().count_users(), 0);
  EXPECT_EQ(store().count_backup_codes("user_none"), 0);
}

TEST_P(StoreContract, UpdateUserWritesTheProfile) {
  add_user("user_1", "zoe@example.com");
  auto changed = sample_user("user_1");
  changed.password_hash = "$argon2id$new";
  changed.primary_email_address_id = "idn_other";
  changed.primary_phone_number_id = "";
  changed.first_name = "Zoe";
  changed.last_name = "";
  changed.username = "zoe2";
  changed.totp_secret_sealed = "";
  changed.totp_verified = false;
  changed.totp_created_at = 0;
  changed.backup_code_salt = "salt2";
  changed.last_sign_in_at = 9;
  changed.mfa_enabled_at = 0;
  changed.created_at = 10;
  changed.updated_at = 11;
  store().update_user(changed);

  const auto found = store().find_user("user_1");
  ASSERT_TRUE(found);
  expect_same(changed, *found);
}

// The counters belong to the atomic operations: writing back a copy read earlier must not
// undo a consumed TOTP step or a lockout that happened in between.
TEST_P(StoreContract, UpdateUserLeavesTheAtomicCountersAlone) {
  const auto stale = add_user("user_1", "zoe@example.com");
  ASSERT_TRUE(store().advance_totp_step("user_1", stale.totp_last_step + 10));
  store().record_failed_attempt("user_1", 1000, 100, 60'000);

  auto copy = stale;
  copy.first_name = "Changed";
  store().update_user(copy);

  const auto found = store().find_user("user_1");
  ASSERT_TRUE(found);
  EXPECT_EQ(found->first_name, "Changed");
  EXPECT_EQ(found->totp_last_step, stale.totp_last_step + 10);
  EXPECT_EQ(found->failed_attempts, stale.failed_attempts + 1);
  EXPECT_EQ(found->locked_until, stale.locked_until);
}

TEST_P(StoreContract, FindUserByEmailReturnsTheWholeRecord) {
  const auto user = add_user("user_1", "zoe@example.com");
  add_user("user_2", "other@example.com");
  const auto phone_a = sample_phone("idn_phone_a", "user_1");
  auto phone_b = sample_phone("idn_phone_b", "user_1");
  phone_b.created_at = phone_a.created_at + 1;
  phone_b.reserved_for_second_factor = false;
  store().add_phone_number(phone_a);
  store().add_phone_number(phone_b);
  store().replace_backup_codes("user_1", {"h1", "h2", "h3"});
  ASSERT_TRUE(store().consume_backup_code("user_1", "h2", 5));

  const auto record = store().find_user_by_email("zoe@example.com");
  ASSERT_TRUE(record);
  expect_same(user, record->user);
  ASSERT_EQ(record->email_addresses.size(), 1u);
  EXPECT_EQ(record->email_addresses[0].email, "zoe@example.com");
  ASSERT_EQ(record->phone_numbers.size(), 2u);
  expect_same(phone_a, record->phone_numbers[0]);
  expect_same(phone_b, record->phone_numbers[1]);
  EXPECT_EQ(record->backup_codes_remaining, 2);
  EXPECT_TRUE(record->two_factor_enabled());
}

// PostgreSQL returns a record's addresses aggregated as JSON: text must survive the escaping.
TEST_P(StoreContract, UserRecordTextSurvivesQuotesBackslashesAndUnicode) {
  const std::string odd = "\"zo\u00eb\\o'neil\"\t\u65e5@example.com";
  add_user("user_1", odd);
  auto phone = sample_phone("idn_phone_a", "user_1");
  phone.verification.code_hash = "a\\b\"c\n\u00e9";
  store().add_phone_number(phone);
  const auto record = store().find_user_record("user_1");
  ASSERT_TRUE(record);
  ASSERT_EQ(record->email_addresses.size(), 1u);
  EXPECT_EQ(record->email_addresses[0].email, odd);
  ASSERT_EQ(record->phone_numbers.size(), 1u);
  expect_same(phone, record->phone_numbers[0]);

  // Also nested one level deeper, as a client view's user.
  add_client("client_1");
  store().create_session(sample_session("sess_1", "client_1", "user_1", 100));
  const auto view = store().find_client_view("client_1");
  ASSERT_TRUE(view);
  ASSERT_EQ(view->users.size(), 1u);
  ASSERT_EQ(view->users[0].email_addresses.size(), 1u);
  EXPECT_EQ(view->users[0].email_addresses[0].email, odd);
  ASSERT_EQ(view->users[0].phone_numbers.size(), 1u);
  expect_same(phone, view->users[0].phone_numbers[0]);
}

TEST_P(StoreContract, UnverifiedAddressesDoNotIdentifyAUser) {
  auto email = sample_email("idn_1", "user_1", "pending@example.com");
  email.verified = false;
  store().create_user(sample_user("user_1"), email);
  EXPECT_FALSE(store().find_user_by_email("pending@example.com"));
  EXPECT_TRUE(store().find_user("user_1"));
}

TEST_P(StoreContract, TakenEmailThrowsDuplicateAndWritesNothing) {
  add_user("user_1", "zoe@example.com");
  EXPECT_THROW(store().create_user(sample_user("user_2"),
                                   sample_email("idn_2", "user_2", "zoe@example.com")),
               auth::DuplicateError);
  EXPECT_EQ(store().count_users(), 1);
  EXPECT_FALSE(store().find_user("user_2"));
}

TEST_P(StoreContract, TakenUserIdThrowsDuplicate) {
  add_user("user_1", "zoe@example.com");
  EXPECT_THROW(store().create_user(sample_user("user_1"),
                                   sample_email("idn_2", "user_1", "new@example.com")),
               auth::DuplicateError);
  EXPECT_FALSE(store().find_user_by_email("new@example.com"));
}

TEST_P(StoreContract, PhoneNumbersAreAddedUpdatedAndDeleted) {
  add_user("user_1", "zoe@example.com");
  auto phone = sample_phone("idn_phone", "user_1");
  store().add_phone_number(phone);

  phone.phone = "+15555550199";
  phone.reserved_for_second_factor = false;
  phone.default_second_factor = false;
  phone.verification = auth::Verification{};
  phone.verification.attempts = 1;
  phone.updated_at += 100;
  store().update_phone_number(phone);
  auto record = store().find_user_record("user_1");
  ASSERT_TRUE(record);
  ASSERT_EQ(record->phone_numbers.size(), 1u);
  expect_same(phone, record->phone_numbers[0]);

  store().delete_phone_number("idn_phone");
  record = store().find_user_record("user_1");
  ASSERT_TRUE(record);
  EXPECT_TRUE(record->phone_numbers.empty());
}

// --- second factors

TEST_P(StoreContract, TotpStepOnlyMovesForward) {
  auto user = sample_user("user_1");
  user.totp_last_step = -1;  // never used
  store().create_user(user, sample_email("idn_1", "user_1", "zoe@example.com"));

  EXPECT_TRUE(store().advance_totp_step("user_1", 0));
  EXPECT_FALSE(store().advance_totp_step("user_1", 0));  // replay
  EXPECT_TRUE(store().advance_totp_step("user_1", 5));
  EXPECT_FALSE(store().advance_totp_step("user_1", 4));  // older step
  EXPECT_FALSE(store().advance_totp_step("user_1", 5));
  EXPECT_EQ(store().find_user("user_1")->totp_last_step, 5);
  EXPECT_FALSE(store().advance_totp_step("user_none", 6));
}

TEST_P(StoreContract, ASignInWithAUsedTotpStepIsRefused) {
  auto user = sample_user("user_1");
  user.totp_last_step = -1;
  store().create_user(user, sample_email("idn_1", "user_1", "zoe@example.com"));
  store().record_sign_in("user_1", 500, 3);
  EXPECT_EQ(store().find_user("user_1")->totp_last_step, 3);
  EXPECT_EQ(store().find_user("user_1")->last_sign_in_at, 500);
  for (const std::int64_t step : {3, 2}) {  // the same step, an earlier one
    try {
      store().record_sign_in("user_1", 600, step);
      FAIL() << "a used step was accepted: " << step;
    } catch (const auth::WriteRefused& refused) {
      EXPECT_EQ(refused.reason, auth::WriteRefused::Reason::kTotpStepUsed);
    }
  }
  const auto found = store().find_user("user_1");
  EXPECT_EQ(found->totp_last_step, 3);
  EXPECT_EQ(found->last_sign_in_at, 500);  // a refused sign-in is not recorded
  EXPECT_THROW(store().record_sign_in("user_none", 600, 4), auth::WriteRefused);
}

// The refusal may come only with the commit (PostgreSQL), but it always fails the transaction.
TEST_P(StoreContract, ASignInRefusedForItsTotpStepRollsItsTransactionBack) {
  auto user = sample_user("user_1");
  user.totp_last_step = 4;
  store().create_user(user, sample_email("idn_1", "user_1", "zoe@example.com"));
  try {
    store().transaction([&](auth::Store& tx) {
      tx.create_client(sample_client("client_0"));  // written before the refused write
      tx.record_sign_in("user_1", 77, 4);
      tx.create_client(sample_client("client_1"));  // and after it
    });
    FAIL() << "the transaction committed";
  } catch (const auth::WriteRefused& refused) {
    EXPECT_EQ(refused.reason, auth::WriteRefused::Reason::kTotpStepUsed);
  }
  EXPECT_FALSE(store().find_client("client_0"));
  EXPECT_FALSE(store().find_client("client_1"));
  EXPECT_NE(store().find_user("user_1")->last_sign_in_at, 77);

  store().transaction([&](auth::Store& tx) {
    tx.record_sign_in("user_1", 78, 5);
    tx.create_client(sample_client("client_1"));
  });
  EXPECT_TRUE(store().find_client("client_1"));
  EXPECT_EQ(store().find_user("user_1")->totp_last_step, 5);
}

TEST_P(StoreContract, ResetTotpStepForgetsTheHistory) {
  auto user = sample_user("user_1");
  user.totp_last_step = -1;
  store().create_user(user, sample_email("idn_1", "user_1", "zoe@example.com"));
  ASSERT_TRUE(store().advance_totp_step("user_1", 7));
  store().reset_totp_step("user_1");
  EXPECT_EQ(store().find_user("user_1")->totp_last_step, -1);
  EXPECT_TRUE(store().advance_totp_step("user_1", 7));
}

TEST_P(StoreContract, BackupCodeIsConsumedOnce) {
  add_user("user_1", "zoe@example.com");
  add_user("user_2", "other@example.com");
  store().replace_backup_codes("user_1", {"h1", "h2"});
  store().replace_backup_codes("user_2", {"h1"});
  EXPECT_EQ(store().count_backup_codes("user_1"), 2);

  EXPECT_TRUE(store().consume_backup_code("user_1", "h1", 100));
  EXPECT_FALSE(store().consume_backup_code("user_1", "h1", 101));
  EXPECT_FALSE(store().consume_backup_code("user_1", "unknown", 102));
  EXPECT_EQ(store().count_backup_codes("user_1"), 1);
  // Another user's identical hash is a different code.
  EXPECT_EQ(store().count_backup_codes("user_2"), 1);
  EXPECT_TRUE(store().consume_backup_code("user_2", "h1", 103));
}

TEST_P(StoreContract, ReplacingBackupCodesDiscardsTheOldOnes) {
  add_user("user_1", "zoe@example.com");
  store().replace_backup_codes("user_1", {"old1", "old2", "old3"});
  ASSERT_TRUE(store().consume_backup_code("user_1", "old1", 100));

  store().replace_backup_codes("user_1", {"new1", "new2"});
  EXPECT_EQ(store().count_backup_codes("user_1"), 2);
  EXPECT_FALSE(store().consume_backup_code("user_1", "old2", 101));
  EXPECT_TRUE(store().consume_backup_code("user_1", "new1", 102));

  store().replace_backup_codes("user_1", {});
  EXPECT_EQ(store().count_backup_codes("user_1"), 0);
  EXPECT_EQ(store().find_user_record("user_1")->backup_codes_remaining, 0);
}

// --- lockout

TEST_P(StoreContract, FailedAttemptsLockAtTheThreshold) {
  auto user = sample_user("user_1");
  user.failed_attempts = 0;
  user.locked_until = 0;
  store().create_user(user, sample_email("idn_1", "user_1", "zoe@example.com"));

  EXPECT_EQ(store().record_failed_attempt("user_1", 1000, 3, 60'000), 1);
  EXPECT_EQ(store().record_failed_attempt("user_1", 2000, 3, 60'000), 2);
  EXPECT_EQ(store().find_user("user_1")->locked_until, 0);
  EXPECT_EQ(store().record_failed_attempt("user_1", 3000, 3, 60'000), 3);
  auto found = store().find_user("user_1");
  EXPECT_EQ(found->failed_attempts, 3);
  EXPECT_EQ(found->locked_until, 63'000);

  store().reset_failed_attempts("user_1");
  found = store().find_user("user_1");
  EXPECT_EQ(found->failed_attempts, 0);
  EXPECT_EQ(found->locked_until, 0);
  EXPECT_EQ(store().record_failed_attempt("user_1", 4000, 3, 60'000), 1);
}

TEST_P(StoreContract, RecordingASignInKeepsTheCounters) {
  auto user = sample_user("user_1");
  store().create_user(user, sample_email("idn_1", "user_1", "zoe@example.com"));
  store().record_failed_attempt("user_1", 1000, 3, 60'000);

  store().record_sign_in("user_1", 5000, std::nullopt);
  const auto found = store().find_user("user_1");
  EXPECT_EQ(found->last_sign_in_at, 5000);
  EXPECT_EQ(found->updated_at, 5000);
  EXPECT_EQ(found->failed_attempts, user.failed_attempts + 1);
  EXPECT_EQ(found->password_hash, user.password_hash);
}

// --- clients

TEST_P(StoreContract, ClientsRoundTripAndAreFoundByTokenHash) {
  const auto client = add_client("client_1");
  add_client("client_2");
  auto found = store().find_client("client_1");
  ASSERT_TRUE(found);
  expect_same(client, *found);
  found = store().find_client_by_token_hash(client.token_hash);
  ASSERT_TRUE(found);
  expect_same(client, *found);

  auto changed = client;
  changed.token_hash = "rotated";
  changed.sign_in_id = "";
  changed.sign_up_id = "sua_new";
  changed.last_active_session_id = "";
  changed.updated_at += 5;
  store().update_client(changed);
  EXPECT_FALSE(store().find_client_by_token_hash(client.token_hash));
  found = store().find_client_by_token_hash("rotated");
  ASSERT_TRUE(found);
  expect_same(changed, *found);
}

TEST_P(StoreContract, TokenHashIsUnique) {
  const auto client = add_client("client_1");
  const auto other = sample_client_with_token_of("client_2", client);
  EXPECT_THROW(store().create_client(other), auth::DuplicateError);
}

TEST_P(StoreContract, ClientTrustIsPerUser) {
  add_client("client_1");
  add_user("user_1", "zoe@example.com");
  add_user("user_2", "other@example.com");
  EXPECT_FALSE(store().is_client_trusted("client_1", "user_1"));
  bool newly_trusted = false;
  store().mark_client_trusted("client_1", "user_1", 100, newly_trusted);
  EXPECT_TRUE(newly_trusted);
  store().mark_client_trusted("client_1", "user_1", 200, newly_trusted);
  EXPECT_FALSE(newly_trusted);  // again: not new
  EXPECT_TRUE(store().is_client_trusted("client_1", "user_1"));
  EXPECT_FALSE(store().is_client_trusted("client_1", "user_2"));
  EXPECT_FALSE(store().is_client_trusted("client_2", "user_1"));
}

// --- sign-ins and sign-ups

TEST_P(StoreContract, SignInIsReadWithItsUser) {
  EXPECT_FALSE(store().find_sign_in_with_user("sia_none"));

  auto anonymous = sample_sign_in("sia_1", "client_1");
  anonymous.user_id.clear();
  store().create_sign_in(anonymous);
  auto found = store().find_sign_in_with_user("sia_1");
  ASSERT_TRUE(found);
  expect_same(anonymous, found->sign_in);
  EXPECT_FALSE(found->user);

  add_user("user_1", "zoe@example.com");
  store().add_phone_number(sample_phone("idn_2", "user_1"));
  store().replace_backup_codes("user_1", {"hash_a", "hash_b"});
  auto identified = sample_sign_in("sia_2", "client_1");
  identified.user_id = "user_1";
  store().create_sign_in(identified);
  found = store().find_sign_in_with_user("sia_2");
  ASSERT_TRUE(found);
  expect_same(identified, found->sign_in);
  ASSERT_TRUE(found->user);
  const auto record = store().find_user_record("user_1");
  expect_same(record->user, found->user->user);
  ASSERT_EQ(found->user->email_addresses.size(), 1u);
  expect_same(record->email_addresses[0], found->user->email_addresses[0]);
  ASSERT_EQ(found->user->phone_numbers.size(), 1u);
  expect_same(record->phone_numbers[0], found->user->phone_numbers[0]);
  EXPECT_EQ(found->user->backup_codes_remaining, 2);

  // A user deleted since the sign-in named it.
  auto orphaned = sample_sign_in("sia_3", "client_1");
  orphaned.user_id = "user_gone";
  store().create_sign_in(orphaned);
  found = store().find_sign_in_with_user("sia_3");
  ASSERT_TRUE(found);
  EXPECT_EQ(found->sign_in.user_id, "user_gone");
  EXPECT_FALSE(found->user);
}

TEST_P(StoreContract, ClientSignInIsTheClientsOwnWithItsUser) {
  const auto client = add_client("client_1");
  const auto other = add_client("client_2");
  add_user("user_1", "zoe@example.com");
  store().replace_backup_codes("user_1", {"hash_a"});
  auto mine = sample_sign_in("sia_1", "client_1");
  mine.user_id = "user_1";
  store().create_sign_in(mine);
  auto anonymous = sample_sign_in("sia_2", "client_1");
  anonymous.user_id.clear();
  store().create_sign_in(anonymous);
  store().create_sign_in(sample_sign_in("sia_3", "client_2"));

  auto found = store().find_client_sign_in_by_token_hash(client.token_hash, "sia_1");
  ASSERT_TRUE(found);
  expect_same(client, found->client);
  ASSERT_TRUE(found->sign_in);
  expect_same(mine, found->sign_in->sign_in);
  ASSERT_TRUE(found->sign_in->user);
  const auto record = store().find_user_record("user_1");
  expect_same(record->user, found->sign_in->user->user);
  ASSERT_EQ(found->sign_in->user->email_addresses.size(), 1u);
  EXPECT_EQ(found->sign_in->user->backup_codes_remaining, 1);

  found = store().find_client_sign_in_by_token_hash(client.token_hash, "sia_2");
  ASSERT_TRUE(found && found->sign_in);
  expect_same(anonymous, found->sign_in->sign_in);
  EXPECT_FALSE(found->sign_in->user);

  found = store().find_client_sign_in_by_token_hash(client.token_hash, "sia_3");  // another's
  ASSERT_TRUE(found);
  expect_same(client, found->client);
  EXPECT_FALSE(found->sign_in);
  found = store().find_client_sign_in_by_token_hash(other.token_hash, "sia_unknown");
  ASSERT_TRUE(found);
  EXPECT_FALSE(found->sign_in);
  EXPECT_FALSE(store().find_client_sign_in_by_token_hash("unknown", "sia_1"));
}

TEST_P(StoreContract, SignInRoundTripsEveryField) {
  const auto sign_in = sample_sign_in("sia_1", "client_1");
  store().create_sign_in(sign_in);
  const auto found = store().find_sign_in("sia_1");
  ASSERT_TRUE(found);
  expect_same(sign_in, *found);
}

TEST_P(StoreContract, SignInUpdateFailsOnAStaleVersion) {
  store().create_sign_in(sample_sign_in("sia_1", "client_1"));
  auto first = *store().find_sign_in("sia_1");
  auto second = *store().find_sign_in("sia_1");
  const int read_version = first.version;

  first.status = "complete";
  first.first_factor.attempts = 9;
  ASSERT_TRUE(store().update_sign_in(first));
  EXPECT_EQ(first.version, read_version + 1);

  second.status = "needs_first_factor";
  EXPECT_FALSE(store().update_sign_in(second));
  EXPECT_EQ(second.version, read_version);

  auto stored = store().find_sign_in("sia_1");
  ASSERT_TRUE(stored);
  expect_same(first, *stored);

  auto missing = sample_sign_in("sia_none", "client_1");
  EXPECT_FALSE(store().update_sign_in(missing));
}

TEST_P(StoreContract, SavingAStaleSignInInATransactionRefusesIt) {
  store().create_sign_in(sample_sign_in("sia_1", "client_1"));
  auto first = *store().find_sign_in("sia_1");
  auto stale = first;
  store().transaction([&](auth::Store& tx) {
    first.status = "complete";
    tx.save_sign_in(first);
  });
  EXPECT_EQ(first.version, stale.version + 1);
  try {
    store().transaction([&](auth::Store& tx) {
      tx.create_client(sample_client("client_1"));
      stale.status = "needs_first_factor";
      tx.save_sign_in(stale);
    });
    FAIL() << "a stale sign-in was saved";
  } catch (const auth::WriteRefused& refused) {
    EXPECT_EQ(refused.reason, auth::WriteRefused::Reason::kAttemptChanged);
  }
  EXPECT_FALSE(store().find_client("client_1"));
  expect_same(first, *store().find_sign_in("sia_1"));
}

TEST_P(StoreContract, ClientTrustMarkedInATransactionIsKnownAfterItsCommit) {
  add_client("client_1");
  add_user("user_1", "zoe@example.com");
  bool first = false;
  bool again = true;
  store().transaction([&](auth::Store& tx) {
    tx.mark_client_trusted("client_1", "user_1", 100, first);
    tx.mark_client_trusted("client_1", "user_1", 200, again);
  });
  EXPECT_TRUE(first);
  EXPECT_FALSE(again);
}

TEST_P(StoreContract, SignUpRoundTripsAndUpdatesOptimistically) {
  const auto sign_up = sample_sign_up("sua_1", "client_1");
  store().create_sign_up(sign_up);
  auto first = *store().find_sign_up("sua_1");
  expect_same(sign_up, first);
  auto second = first;

  first.email_verification.status = "verified";
  first.first_name = "";
  ASSERT_TRUE(store().update_sign_up(first));
  EXPECT_EQ(first.version, sign_up.version + 1);
  EXPECT_FALSE(store().update_sign_up(second));
  EXPECT_EQ(second.version, sign_up.version);
  expect_same(first, *store().find_sign_up("sua_1"));
}

TEST_P(StoreContract, ConcurrentSignInUpdatesNeverLoseAWrite) {
  store().create_sign_in(sample_sign_in("sia_1", "client_1"));
  const int start = store().find_sign_in("sia_1")->version;
  constexpr int kThreads = 8, kUpdatesEach = 10;
  run_concurrently(kThreads, [&](int) {
    for (int i = 0; i < kUpdatesEach; ++i) {
      for (;;) {  // read-modify-write, retried on conflict
        auto si = *store().find_sign_in("sia_1");
        ++si.first_factor.attempts;
        if (store().update_sign_in(si)) break;
      }
    }
  });
  const auto final_state = *store().find_sign_in("sia_1");
  EXPECT_EQ(final_state.version, start + kThreads * kUpdatesEach);
  EXPECT_EQ(final_state.first_factor.attempts,
            sample_sign_in("sia_1", "client_1").first_factor.attempts + kThreads * kUpdatesEach);
}

// --- sessions

TEST_P(StoreContract, SessionRoundTripsEveryField) {
  add_client("client_1");
  add_user("user_1", "zoe@example.com");
  auto session = sample_session("sess_1", "client_1", "user_1", 1000);
  store().create_session(session);
  expect_same(session, *store().find_session("sess_1"));

  session.status = "active";
  session.tasks = {};
  session.second_factor_at = 0;
  session.last_active_at += 50;
  store().update_session(session);
  expect_same(session, *store().find_session("sess_1"));

  session.tasks = {"setup-mfa"};
  store().update_session(session);
  expect_same(session, *store().find_session("sess_1"));
}

TEST_P(StoreContract, SessionsAreListedNewestFirst) {
  add_client("client_1");
  add_client("client_2");
  add_user("user_1", "zoe@example.com");
  add_user("user_2", "other@example.com");
  store().create_session(sample_session("sess_a", "client_1", "user_1", 100));
  store().create_session(sample_session("sess_c", "client_1", "user_2", 300));
  store().create_session(sample_session("sess_b", "client_1", "user_1", 200));
  store().create_session(sample_session("sess_d", "client_2", "user_1", 400));

  auto ids = [](const std::vector<auth::Session>& sessions) {
    std::vector<std::string> out;
    for (const auto& s : sessions) out.push_back(s.id);
    return out;
  };
  EXPECT_EQ(ids(store().sessions_of_client("client_1")),
            (std::vector<std::string>{"sess_c", "sess_b", "sess_a"}));
  EXPECT_EQ(ids(store().sessions_of_user("user_1")),
            (std::vector<std::string>{"sess_d", "sess_b", "sess_a"}));
  const auto listed = store().sessions_of_client("client_2");
  ASSERT_EQ(listed.size(), 1u);
  expect_same(sample_session("sess_d", "client_2", "user_1", 400), listed[0]);
}

// A client's JSON is read at once: the client, all its sessions newest first, their users whole.
TEST_P(StoreContract, ClientViewHoldsTheSessionsAndTheirUsers) {
  const auto client = add_client("client_1");
  add_client("client_2");
  const auto zoe = add_user("user_1", "zoe@example.com");
  add_user("user_2", "other@example.com");
  add_user("user_3", "third@example.com");
  const auto phone = sample_phone("idn_phone_a", "user_1");
  store().add_phone_number(phone);
  store().replace_backup_codes("user_1", {"h1", "h2"});
  auto ended = sample_session("sess_a", "client_1", "user_1", 100);
  ended.status = "ended";
  store().create_session(ended);
  store().create_session(sample_session("sess_c", "client_1", "user_2", 300));
  store().create_session(sample_session("sess_b", "client_1", "user_1", 200));
  store().create_session(sample_session("sess_d", "client_2", "user_3", 400));

  for (const auto& view : {store().find_client_view("client_1"),
                           store().find_client_view_by_token_hash(client.token_hash)}) {
    ASSERT_TRUE(view);
    expect_same(client, view->client);
    ASSERT_EQ(view->sessions.size(), 3u);
    expect_same(sample_session("sess_c", "client_1", "user_2", 300), view->sessions[0]);
    expect_same(sample_session("sess_b", "client_1", "user_1", 200), view->sessions[1]);
    expect_same(ended, view->sessions[2]);
    ASSERT_EQ(view->users.size(), 2u);  // each user once; user_3 is another client's
    const auto& first = view->users[0].user.id == "user_1" ? view->users[0] : view->users[1];
    const auto& second = view->users[0].user.id == "user_1" ? view->users[1] : view->users[0];
    expect_same(zoe, first.user);
    ASSERT_EQ(first.email_addresses.size(), 1u);
    EXPECT_EQ(first.email_addresses[0].email, "zoe@example.com");
    ASSERT_EQ(first.phone_numbers.size(), 1u);
    expect_same(phone, first.phone_numbers[0]);
    EXPECT_EQ(first.backup_codes_remaining, 2);
    EXPECT_EQ(second.user.id, "user_2");
  }
}

TEST_P(StoreContract, ClientViewReadAtCommitShowsWhatTheTransactionWrote) {
  auto client = add_client("client_1");
  add_user("user_1", "zoe@example.com");
  const auto session = sample_session("sess_1", "client_1", "user_1", 100);
  std::optional<auth::ClientView> view;
  std::optional<auth::ClientView> none;
  store().transaction([&](auth::Store& tx) {
    tx.create_session(session);
    client.last_active_session_id = session.id;
    tx.update_client(client);
    tx.record_sign_in("user_1", 150, std::nullopt);
    tx.find_client_view_at_commit("client_1", view);
    tx.find_client_view_at_commit("client_none", none);
  });
  ASSERT_TRUE(view);
  EXPECT_FALSE(none);
  expect_same(client, view->client);
  ASSERT_EQ(view->sessions.size(), 1u);
  expect_same(session, view->sessions[0]);
  ASSERT_EQ(view->users.size(), 1u);
  EXPECT_EQ(view->users[0].user.last_sign_in_at, 150);
}

TEST_P(StoreContract, ClientViewOfAClientWithoutSessionsOrOfNoClient) {
  const auto client = add_client("client_1");
  const auto view = store().find_client_view_by_token_hash(client.token_hash);
  ASSERT_TRUE(view);
  expect_same(client, view->client);
  EXPECT_TRUE(view->sessions.empty());
  EXPECT_TRUE(view->users.empty());
  EXPECT_FALSE(store().find_client_view("client_2"));
  EXPECT_FALSE(store().find_client_view_by_token_hash("unknown"));
}

TEST_P(StoreContract, ClientSessionIsOnlyTheClientsOwn) {
  const auto client = add_client("client_1");
  const auto other = add_client("client_2");
  add_user("user_1", "zoe@example.com");
  const auto mine = sample_session("sess_1", "client_1", "user_1", 100);
  store().create_session(mine);
  store().create_session(sample_session("sess_2", "client_2", "user_1", 200));

  auto found = store().find_client_session_by_token_hash(client.token_hash, "sess_1");
  ASSERT_TRUE(found);
  expect_same(client, found->client);
  ASSERT_TRUE(found->session);
  expect_same(mine, *found->session);

  found = store().find_client_session_by_token_hash(client.token_hash, "sess_2");  // another's
  ASSERT_TRUE(found);
  expect_same(client, found->client);
  EXPECT_FALSE(found->session);
  found = store().find_client_session_by_token_hash(other.token_hash, "sess_unknown");
  ASSERT_TRUE(found);
  EXPECT_FALSE(found->session);
  EXPECT_FALSE(store().find_client_session_by_token_hash("unknown", "sess_1"));
}

// --- housekeeping

TEST_P(StoreContract, PurgeDeletesOnlyRowsFromBeforeTheCutOffAndAtMostTheLimit) {
  add_client("client_1");
  add_user("user_1", "zoe@example.com");
  for (int i = 0; i < 3; ++i) {
    auto si = sample_sign_in("sia_" + std::to_string(i), "client_1");
    si.abandon_at = 100 + i;  // 100, 101, 102
    store().create_sign_in(si);
  }
  EXPECT_EQ(store().purge_expired(auth::Expired::kSignIns, 102, 1), 1);  // the oldest first
  EXPECT_FALSE(store().find_sign_in("sia_0"));
  EXPECT_EQ(store().purge_expired(auth::Expired::kSignIns, 102, 10), 1);
  EXPECT_FALSE(store().find_sign_in("sia_1"));
  EXPECT_TRUE(store().find_sign_in("sia_2"));  // not before the cut-off
  EXPECT_EQ(store().purge_expired(auth::Expired::kSignIns, 102, 10), 0);

  auto su = sample_sign_up("sua_1", "client_1");
  su.abandon_at = 50;
  store().create_sign_up(su);
  EXPECT_EQ(store().purge_expired(auth::Expired::kSignUps, 51, 10), 1);
  EXPECT_FALSE(store().find_sign_up("sua_1"));
}

TEST_P(StoreContract, PurgedSessionsAreTheExpiredOnes) {
  add_client("client_1");
  add_user("user_1", "zoe@example.com");
  auto old = sample_session("sess_old", "client_1", "user_1", 100);
  old.expire_at = 1000;
  auto current = sample_session("sess_new", "client_1", "user_1", 200);
  current.expire_at = 5000;
  store().create_session(old);
  store().create_session(current);
  EXPECT_EQ(store().purge_expired(auth::Expired::kSessions, 2000, 10), 1);
  EXPECT_FALSE(store().find_session("sess_old"));
  EXPECT_TRUE(store().find_session("sess_new"));
}

TEST_P(StoreContract, APurgedClientTakesItsSessionsAndTrustButNotItsUsers) {
  auto old = sample_client("client_old");
  old.created_at = 10;
  store().create_client(old);
  auto young = sample_client("client_young");
  young.token_hash = "young";
  young.created_at = 1000;
  store().create_client(young);
  add_user("user_1", "zoe@example.com");
  store().create_session(sample_session("sess_1", "client_old", "user_1", 100));
  bool newly_trusted = false;
  store().mark_client_trusted("client_old", "user_1", 20, newly_trusted);
  store().mark_client_trusted("client_young", "user_1", 20, newly_trusted);

  EXPECT_EQ(store().purge_expired(auth::Expired::kClients, 500, 10), 1);
  EXPECT_FALSE(store().find_client("client_old"));
  EXPECT_FALSE(store().find_session("sess_1"));
  EXPECT_FALSE(store().is_client_trusted("client_old", "user_1"));
  EXPECT_TRUE(store().is_client_trusted("client_young", "user_1"));
  EXPECT_TRUE(store().find_client("client_young"));
  EXPECT_TRUE(store().find_user_record("user_1"));
}

// --- signing keys

TEST_P(StoreContract, SigningKeysAreListedNewestFirstAndRetired) {
  auto older = sample_signing_key("kid_old", 100);
  older.active = true;
  auto newer = sample_signing_key("kid_new", 200);
  newer.active = true;
  store().add_signing_key(older);
  store().add_signing_key(newer);
  store().add_signing_key(sample_signing_key("kid_retired", 50));

  auto keys = store().signing_keys();
  ASSERT_EQ(keys.size(), 3u);
  expect_same(newer, keys[0]);
  expect_same(older, keys[1]);
  expect_same(sample_signing_key("kid_retired", 50), keys[2]);

  store().retire_signing_keys_except("kid_new");
  keys = store().signing_keys();
  ASSERT_EQ(keys.size(), 3u);
  EXPECT_TRUE(keys[0].active);
  EXPECT_FALSE(keys[1].active);
  EXPECT_FALSE(keys[2].active);
  EXPECT_EQ(keys[1].private_key_sealed, older.private_key_sealed);  // retired, not deleted
}

// --- settings

TEST_P(StoreContract, SettingIsOnlySetWhenAbsent) {
  EXPECT_FALSE(store().get_setting("instance_key"));
  EXPECT_EQ(store().put_setting_if_absent("instance_key", "first"), "first");
  EXPECT_EQ(store().put_setting_if_absent("instance_key", "second"), "first");
  EXPECT_EQ(store().get_setting("instance_key"), "first");
  EXPECT_EQ(store().put_setting_if_absent("other", ""), "");
  EXPECT_EQ(store().get_setting("other"), "");
}

// --- transactions

TEST_P(StoreContract, TransactionCommitsAllItsWrites) {
  store().transaction([&](auth::Store& tx) {
    tx.create_client(sample_client("client_1"));
    tx.create_user(sample_user("user_1"), sample_email("idn_1", "user_1", "zoe@example.com"));
    bool newly_trusted = false;
    tx.mark_client_trusted("client_1", "user_1", 1, newly_trusted);
  });
  EXPECT_TRUE(store().find_client("client_1"));
  EXPECT_TRUE(store().find_user("user_1"));
  EXPECT_TRUE(store().is_client_trusted("client_1", "user_1"));
}

TEST_P(StoreContract, TransactionRollsBackOnExceptionAndRethrows) {
  add_user("user_1", "zoe@example.com");
  store().replace_backup_codes("user_1", {"h1"});
  EXPECT_THROW(store().transaction([&](auth::Store& tx) {
    tx.create_client(sample_client("client_1"));
    tx.create_user(sample_user("user_2"), sample_email("idn_2", "user_2", "new@example.com"));
    EXPECT_TRUE(tx.consume_backup_code("user_1", "h1", 5));
    EXPECT_EQ(tx.put_setting_if_absent("s", "v"), "v");
    throw std::runtime_error("boom");
  }),
               std::runtime_error);
  EXPECT_FALSE(store().find_client("client_1"));
  EXPECT_FALSE(store().find_user("user_2"));
  EXPECT_EQ(store().count_users(), 1);
  EXPECT_EQ(store().count_backup_codes("user_1"), 1);
  EXPECT_FALSE(store().get_setting("s"));
}

TEST_P(StoreContract, NestedTransactionsBelongToTheOuterOne) {
  EXPECT_THROW(store().transaction([&](auth::Store& tx) {
    tx.transaction([&](auth::Store& inner) { inner.create_client(sample_client("client_1")); });
    throw std::runtime_error("outer fails after the inner one finished");
  }),
               std::runtime_error);
  EXPECT_FALSE(store().find_client("client_1"));

  store().transaction([&](auth::Store& tx) {
    tx.transaction([&](auth::Store& inner) { inner.create_client(sample_client("client_2")); });
  });
  EXPECT_TRUE(store().find_client("client_2"));
}

// A nested transaction that fails is undone alone: the outer one may catch that and go on. Its
// failing write may be one that waits for the next statement (PostgreSQL), so it must be sent
// before the nested level ends.
TEST_P(StoreContract, AFailedNestedTransactionIsUndoneAlone) {
  const auto taken = add_client("client_1");
  store().transaction([&](auth::Store& tx) {
    tx.create_client(sample_client("client_2"));
    const auto clash = sample_client_with_token_of("client_3", taken);
    EXPECT_THROW(tx.transaction([&](auth::Store& inner) {
      inner.create_client(sample_client("client_4"));
      inner.create_client(clash);
    }),
                 auth::DuplicateError);
    tx.create_client(sample_client("client_5"));
  });
  EXPECT_TRUE(store().find_client("client_2"));
  EXPECT_FALSE(store().find_client("client_3"));
  EXPECT_FALSE(store().find_client("client_4"));
  EXPECT_TRUE(store().find_client("client_5"));
}

// The sign-up flow's pattern: a taken email inside a transaction aborts all of it.
TEST_P(StoreContract, DuplicateInsideATransactionWritesNothing) {
  add_user("user_1", "zoe@example.com");
  EXPECT_THROW(store().transaction([&](auth::Store& tx) {
    tx.create_client(sample_client("client_1"));
    tx.create_user(sample_user("user_2"), sample_email("idn_2", "user_2", "zoe@example.com"));
  }),
               auth::DuplicateError);
  EXPECT_FALSE(store().find_client("client_1"));
  EXPECT_FALSE(store().find_user("user_2"));
}

TEST_P(StoreContract, StoreIsUsableAfterAFailedTransaction) {
  EXPECT_THROW(store().transaction([](auth::Store&) { throw std::logic_error("x"); }),
               std::logic_error);
  add_client("client_1");
  EXPECT_TRUE(store().find_client("client_1"));
}

// --- concurrency: check-and-consume is atomic

TEST_P(StoreContract, ConcurrentBackupCodeIsAcceptedExactlyOnce) {
  add_user("user_1", "zoe@example.com");
  store().replace_backup_codes("user_1", {"h1", "h2"});
  std::atomic<int> accepted{0};
  run_concurrently(8, [&](int t) {
    for (int i = 0; i < 20; ++i)
      if (store().consume_backup_code("user_1", "h1", 1000 + t)) ++accepted;
  });
  EXPECT_EQ(accepted.load(), 1);
  EXPECT_EQ(store().count_backup_codes("user_1"), 1);
}

TEST_P(StoreContract, ConcurrentTotpStepIsAcceptedExactlyOnce) {
  add_user("user_1", "zoe@example.com");
  const auto step = store().find_user("user_1")->totp_last_step + 1;
  std::atomic<int> accepted{0};
  run_concurrently(8, [&](int) {
    if (store().advance_totp_step("user_1", step)) ++accepted;
  });
  EXPECT_EQ(accepted.load(), 1);
}

TEST_P(StoreContract, ConcurrentFailuresAreAllCounted) {
  auto user = sample_user("user_1");
  user.failed_attempts = 0;
  store().create_user(user, sample_email("idn_1", "user_1", "zoe@example.com"));
  std::atomic<int> reached_threshold{0};
  run_concurrently(8, [&](int) {
    for (int i = 0; i < 10; ++i)
      if (store().record_failed_attempt("user_1", 1000, 40, 500) == 40) ++reached_threshold;
  });
  EXPECT_EQ(store().find_user("user_1")->failed_attempts, 80);
  EXPECT_EQ(reached_threshold.load(), 1);  // each count is returned to exactly one caller
  EXPECT_EQ(store().find_user("user_1")->locked_until, 1500);
}

}  // namespace
}  // namespace tessera::store::test
