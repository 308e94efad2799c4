#include "app/user_import/user_importer.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <sstream>
#include <utility>
#include <vector>

#include "app/user_import/buffered_random.h"
#include "env/system_random.h"
#include "store/open_store.h"

namespace tessera::app {
namespace {

constexpr const char* kBcrypt = "$2a$05$CCCCCCCCCCCCCCCCCCCCC.E5YPO9kmyuRGyh0XouQYb4YMJKvyOeW";

std::string line(const std::string& email, const std::string& extra = "") {
  return R"({"email_address":")" + email + R"(","password_hasher":"bcrypt","password_digest":")" +
         kBcrypt + "\"" + extra + "}\n";
}

struct Recorder final : ImportListener {
  std::vector<std::pair<std::int64_t, std::string>> skips;
  int progress_calls = 0;
  void skipped(std::int64_t n, const std::string& reason) override {
    skips.emplace_back(n, reason);
  }
  void progress(const ImportCounts&) override { ++progress_calls; }
};

class UserImporterTest : public ::testing::Test {
 protected:
  std::unique_ptr<auth::Store> store = store::open_store("sqlite::memory:");
  env::SystemRandom random;
  Recorder recorder;

  ImportCounts run(const std::string& text, std::size_t batch_size = 2) {
    std::istringstream in(text);
    return import_user_lines(in, {*store, random, 1'700'000'000'000, batch_size}, recorder);
  }
};

TEST_F(UserImporterTest, CreatesVerifiedUsersWithTheirDigests) {
  const auto counts =
      run(line("a@x.com", R"(,"first_name":"Ada","phone_number":["+15555550100"])") + "\n   \n" +
          line("B@x.com") + line("c@x.com"));
  EXPECT_EQ(counts.lines, 3);
  EXPECT_EQ(counts.imported, 3);
  EXPECT_EQ(counts.skipped, 0);
  EXPECT_TRUE(recorder.skips.empty());
  EXPECT_EQ(store->count_users(), 3);

  const auto a = store->find_user_by_email("a@x.com");
  ASSERT_TRUE(a);
  EXPECT_EQ(a->user.password_hash, kBcrypt);
  EXPECT_EQ(a->user.first_name, "Ada");
  EXPECT_TRUE(a->user.id.starts_with("user_"));
  EXPECT_EQ(a->user.created_at, 1'700'000'000'000);
  ASSERT_NE(a->primary_email(), nullptr);
  EXPECT_TRUE(a->primary_email()->verified);
  ASSERT_EQ(a->phone_numbers.size(), 1u);
  EXPECT_EQ(a->phone_numbers[0].phone, "+15555550100");
  EXPECT_TRUE(a->phone_numbers[0].verification.verified());
  EXPECT_FALSE(a->phone_numbers[0].reserved_for_second_factor);
  EXPECT_EQ(a->user.primary_phone_number_id, a->phone_numbers[0].id);
  EXPECT_FALSE(a->two_factor_enabled());
  EXPECT_TRUE(store->find_user_by_email("b@x.com"));
}

TEST_F(UserImporterTest, SkipsBadLinesAndTakenAddressesWithLineNumbers) {
  run(line("old@x.com"));
  const auto counts =
      run(line("new1@x.com") + "{oops\n" + line("old@x.com") +
              line("new2@x.com", R"(,"phone_number":"+15555550101")") +
              line("NEW1@x.com", R"(,"phone_number":"+15555550102")") +
              R"({"email_address":"z@x.com","password_hasher":"md5","password_digest":"x"})"
              "\n",
          /*batch_size=*/10);
  EXPECT_EQ(counts.lines, 6);
  EXPECT_EQ(counts.imported, 2);
  EXPECT_EQ(counts.skipped, 4);
  ASSERT_EQ(recorder.skips.size(), 4u);
  std::sort(recorder.skips.begin(), recorder.skips.end());
  EXPECT_EQ(recorder.skips[0], std::make_pair(std::int64_t{2}, std::string("invalid JSON")));
  EXPECT_EQ(recorder.skips[1],
            std::make_pair(std::int64_t{3}, std::string("email address already exists")));
  EXPECT_EQ(recorder.skips[2],
            std::make_pair(std::int64_t{5}, std::string("email address already exists")));
  EXPECT_EQ(recorder.skips[3].first, 6);
  EXPECT_EQ(store->count_users(), 3);
  // The duplicate's phone did not stay behind on anyone.
  const auto new1 = store->find_user_by_email("new1@x.com");
  ASSERT_TRUE(new1);
  EXPECT_TRUE(new1->phone_numbers.empty());
  EXPECT_EQ(store->find_user_by_email("new2@x.com")->phone_numbers.size(), 1u);
}

TEST_F(UserImporterTest, TheFirstLineWithAnAddressWinsWithinABatch) {
  for (int i = 0; i < 20; ++i) {  // rows are written in random id order; the outcome is not
    const std::string email = "d" + std::to_string(i) + "@x.com";
    recorder.skips.clear();
    const auto counts =
        run(line(email, R"(,"first_name":"First")") + line(email, R"(,"first_name":"Second")"),
            /*batch_size=*/10);
    EXPECT_EQ(counts.imported, 1);
    EXPECT_EQ(counts.skipped, 1);
    EXPECT_EQ(store->find_user_by_email(email)->user.first_name, "First");
    ASSERT_EQ(recorder.skips.size(), 1u);
    EXPECT_EQ(recorder.skips[0],
              std::make_pair(std::int64_t{2}, std::string("email address already exists")));
  }
}

TEST_F(UserImporterTest, EmptyInputImportsNothing) {
  const auto counts = run("");
  EXPECT_EQ(counts.lines, 0);
  EXPECT_EQ(counts.imported, 0);
  EXPECT_EQ(store->count_users(), 0);
}

TEST(BufferedRandom, HandsOutEachSourceByteOnceAcrossRefills) {
  struct Counting final : auth::Random {
    std::uint8_t next = 0;
    void fill(std::uint8_t* out, std::size_t n) override {
      for (std::size_t i = 0; i < n; ++i) out[i] = next++;
    }
  } source;
  BufferedRandom random(source);
  std::vector<std::uint8_t> got(5000);
  random.fill(got.data(), 3000);
  random.fill(got.data() + 3000, 2000);
  for (std::size_t i = 0; i < got.size(); ++i) ASSERT_EQ(got[i], static_cast<std::uint8_t>(i));
}

}  // namespace
}  // namespace tessera::app
