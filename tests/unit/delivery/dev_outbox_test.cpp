#include "delivery/dev_outbox.h"

#include <gtest/gtest.h>

#include <sstream>
#include <thread>

namespace tessera::delivery {
namespace {

auth::CodeMessage code_for(std::string to, std::string code) {
  return {.to = std::move(to),
          .code = std::move(code),
          .purpose = auth::CodePurpose::sign_up_verification,
          .application_name = "Tessera"};
}

TEST(DevOutbox, KeepsMessagesNewestLast) {
  DevOutbox outbox(DevOutbox::kDefaultCapacity, nullptr);
  outbox.send_code(code_for("a@example.com", "111111"));
  outbox.send_code(code_for("+15555550100", "222222"));
  const auto all = outbox.messages();
  ASSERT_EQ(all.size(), 2u);
  EXPECT_EQ(all[0].code, "111111");
  EXPECT_EQ(all[1].code, "222222");
}

TEST(DevOutbox, FiltersByRecipientIgnoringCase) {
  DevOutbox outbox(DevOutbox::kDefaultCapacity, nullptr);
  outbox.send_code(code_for("a@example.com", "111111"));
  outbox.send_code(code_for("b@example.com", "222222"));
  outbox.send_code(code_for("A@Example.com", "333333"));
  const auto for_a = outbox.messages("a@example.com");
  ASSERT_EQ(for_a.size(), 2u);
  EXPECT_EQ(for_a[0].code, "111111");
  EXPECT_EQ(for_a[1].code, "333333");
  EXPECT_TRUE(outbox.messages("nobody@example.com").empty());
}

TEST(DevOutbox, DropsTheOldestBeyondCapacity) {
  DevOutbox outbox(3, nullptr);
  for (int i = 0; i < 5; ++i) outbox.send_code(code_for("a@example.com", std::to_string(i)));
  const auto kept = outbox.messages();
  ASSERT_EQ(kept.size(), 3u);
  EXPECT_EQ(kept.front().code, "2");
  EXPECT_EQ(kept.back().code, "4");
}

TEST(DevOutbox, DefaultCapacityIsOneThousand) {
  DevOutbox outbox(DevOutbox::kDefaultCapacity, nullptr);
  for (int i = 0; i < 1005; ++i) outbox.send_code(code_for("a@example.com", std::to_string(i)));
  EXPECT_EQ(outbox.messages().size(), 1000u);
  EXPECT_EQ(outbox.messages().front().code, "5");
}

TEST(DevOutbox, LogsOneLinePerCodeNamingTheChannel) {
  std::ostringstream log;
  DevOutbox outbox(DevOutbox::kDefaultCapacity, &log);
  outbox.send_code(code_for("a@example.com", "123456"));
  outbox.send_code(code_for("+15555550100", "654321"));
  EXPECT_EQ(log.str(),
            "[dev-outbox] email to a@example.com: your Tessera verification code is 123456\n"
            "[dev-outbox] sms to +15555550100: your Tessera verification code is 654321\n");
}

TEST(DevOutbox, KeepsNoticesApartFromCodesAndLogsThem) {
  std::ostringstream log;
  DevOutbox outbox(DevOutbox::kDefaultCapacity, &log);
  outbox.send_code(code_for("a@example.com", "123456"));
  outbox.send_account_notice({.to = "a@example.com",
                              .application_name = "Acme",
                              .at = 1'751'371'200'000,
                              .device = {"Firefox", "192.0.2.1"}});
  EXPECT_EQ(outbox.messages().size(), 1u);
  const auto notices = outbox.notices("A@example.com");
  ASSERT_EQ(notices.size(), 1u);
  EXPECT_EQ(notices[0].at, 1'751'371'200'000);
  EXPECT_EQ(notices[0].device.ip_address, "192.0.2.1");
  EXPECT_TRUE(outbox.notices("b@example.com").empty());
  EXPECT_EQ(log.str(),
            "[dev-outbox] email to a@example.com: your Tessera verification code is 123456\n"
            "[dev-outbox] email to a@example.com: new sign-in to your Acme account\n");
}

TEST(DevOutbox, LogsEachKindOfNotice) {
  std::ostringstream log;
  DevOutbox outbox(DevOutbox::kDefaultCapacity, &log);
  outbox.send_account_notice({.kind = auth::NoticeKind::password_changed,
                              .to = "a@example.com",
                              .application_name = "Acme",
                              .at = 1'751'371'200'000,
                              .device = {}});
  ASSERT_EQ(outbox.notices().size(), 1u);
  EXPECT_EQ(outbox.notices()[0].kind, auth::NoticeKind::password_changed);
  EXPECT_EQ(log.str(), "[dev-outbox] email to a@example.com: your Acme password was changed\n");
}

TEST(DevOutbox, UsableThroughBothDeliverySeams) {
  DevOutbox outbox(DevOutbox::kDefaultCapacity, nullptr);
  auth::Mailer& mailer = outbox;
  auth::SmsSender& sms = outbox;
  mailer.send_code(code_for("a@example.com", "1"));
  sms.send_code(code_for("+15555550100", "2"));
  EXPECT_EQ(outbox.messages().size(), 2u);
}

TEST(DevOutbox, IsThreadSafe) {
  DevOutbox outbox(DevOutbox::kDefaultCapacity, nullptr);
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&outbox, t] {
      for (int i = 0; i < 100; ++i) {
        outbox.send_code(code_for("user" + std::to_string(t) + "@example.com", "1"));
        (void)outbox.messages();
      }
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(outbox.messages().size(), 400u);
  EXPECT_EQ(outbox.messages("user2@example.com").size(), 100u);
}

}  // namespace
}  // namespace tessera::delivery
