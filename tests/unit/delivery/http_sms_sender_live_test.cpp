// HttpSmsSender against tests/support/sms_provider_mock.py, a Twilio-compatible Messages API on
// loopback. Skipped when python3 is missing.
#include <gtest/gtest.h>

#include <thread>

#include "delivery/http_sms_sender.h"
#include "live/child_process.h"

namespace tessera::delivery {
namespace {

using namespace std::chrono_literals;
using live::ChildProcess;
using live::TempDir;

auth::CodeMessage code_for(std::string to, std::string code = "135790") {
  return {.to = std::move(to),
          .code = std::move(code),
          .purpose = auth::CodePurpose::second_factor,
          .application_name = "Acme"};
}

bool has(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

class HttpSmsSenderLive : public ::testing::Test {
 protected:
  void SetUp() override {
    python_ = live::python_with_module("http.server");
    if (!python_) GTEST_SKIP() << "python3 not found";
    provider_ = ChildProcess::start(
        {*python_, (live::source_dir() / "tests/support/sms_provider_mock.py").string(), "--port",
         "0", "--out", out_.path().string(), "--account-sid", "ACabc", "--auth-token", "t0ken"});
    ASSERT_TRUE(provider_) << "could not start sms_provider_mock.py";
    const auto port = provider_->wait_ready(15s);
    ASSERT_TRUE(port) << "sms_provider_mock.py did not print \"ready <port>\"";
    config_ = {.delivery = "http",
               .api_url = "http://127.0.0.1:" + std::to_string(*port),
               .account_sid = "ACabc",
               .auth_token = "t0ken",
               .from = "+15550001111"};
  }

  std::vector<std::filesystem::path> recorded() {
    return live::wait_for_files(out_.path(), ".json", 0, 0ms);  // written before the answer
  }

  std::optional<std::string> python_;
  TempDir out_;
  std::unique_ptr<ChildProcess> provider_;
  config::SmsConfig config_;
};

TEST_F(HttpSmsSenderLive, DeliversTheCode) {
  HttpSmsSender(config_).send_code(code_for("+15555550100"));
  const auto files = recorded();
  ASSERT_EQ(files.size(), 1u);
  const std::string record = live::read_file(files[0]);
  EXPECT_TRUE(has(record, "\"to\": \"+15555550100\"")) << record;
  EXPECT_TRUE(has(record, "\"from\": \"+15550001111\""));
  EXPECT_TRUE(has(record, "\"body\": \"135790 is your Acme verification code.\""));
  EXPECT_TRUE(has(record, "\"sid\": \"SM"));
}

TEST_F(HttpSmsSenderLive, TrailingSlashInApiUrlIsFine) {
  config_.api_url += "/";
  HttpSmsSender(config_).send_code(code_for("+15555550100"));
  EXPECT_EQ(recorded().size(), 1u);
}

TEST_F(HttpSmsSenderLive, BadCredentialsThrowWithStatusAndProviderMessage) {
  config_.auth_token = "wrong-t0ken";
  try {
    HttpSmsSender(config_).send_code(code_for("+15555550100", "246802"));
    FAIL() << "a 401 was not reported";
  } catch (const std::runtime_error& error) {
    const std::string what = error.what();
    EXPECT_EQ(what, "SMS provider answered HTTP 401: Authenticate");
    EXPECT_FALSE(has(what, "246802"));
    EXPECT_FALSE(has(what, "wrong-t0ken"));
  }
  EXPECT_TRUE(recorded().empty());
}

TEST_F(HttpSmsSenderLive, CredentialsOfAnotherAccountAreRefused) {
  config_.account_sid = "ACother";
  config_.auth_token = "t0ken";
  EXPECT_THROW(HttpSmsSender(config_).send_code(code_for("+15555550100")), std::runtime_error);
  EXPECT_TRUE(recorded().empty());
}

TEST_F(HttpSmsSenderLive, SendsFromManyThreads) {
  HttpSmsSender sender(config_);
  std::atomic<int> failures = 0;
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      try {
        sender.send_code(code_for("+1555555010" + std::to_string(t)));
      } catch (const std::exception&) {
        ++failures;
      }
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(failures, 0);
  EXPECT_EQ(recorded().size(), 4u);
}

TEST(HttpSmsSenderOffline, UnreachableProviderThrows) {
  HttpSmsSender sender({.delivery = "http",
                        .api_url = "http://127.0.0.1:9",  // discard: nothing listens
                        .account_sid = "AC1",
                        .auth_token = "t",
                        .from = "+15550001111"});
  EXPECT_THROW(sender.send_code(code_for("+15555550100")), std::runtime_error);
}

}  // namespace
}  // namespace tessera::delivery
