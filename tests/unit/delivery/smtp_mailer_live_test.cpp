// SmtpMailer against a real SMTP server on loopback: tests/support/smtp_sink.py (aiosmtpd).
// Skipped when no python3 with aiosmtpd is found (Debian: apt-get install python3-aiosmtpd).
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <thread>

#include "delivery/smtp_mailer.h"
#include "live/child_process.h"

namespace tessera::delivery {
namespace {

using namespace std::chrono_literals;
using live::ChildProcess;
using live::TempDir;

auth::CodeMessage code_for(std::string to, std::string code = "482913") {
  return {.to = std::move(to),
          .code = std::move(code),
          .purpose = auth::CodePurpose::client_trust,
          .application_name = "Acme"};
}

config::EmailConfig smtp_to(int port) {
  config::EmailConfig email;
  email.delivery = "smtp";
  email.from = "Acme <no-reply@acme.test>";
  email.smtp_url = "smtp://127.0.0.1:" + std::to_string(port);
  email.smtp_starttls = false;
  return email;
}

// Decodes quoted-printable (soft breaks and =XX escapes).
std::string qp_decode(std::string_view text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '=' && text.substr(i + 1, 2) == "\r\n") {
      i += 2;
    } else if (text[i] == '=' && i + 2 < text.size()) {
      out += static_cast<char>(std::stoi(std::string(text.substr(i + 1, 2)), nullptr, 16));
      i += 2;
    } else {
      out += text[i];
    }
  }
  return out;
}

// The decoded body of the part whose Content-Type starts with `type`.
std::string part_body(const std::string& eml, const std::string& type) {
  const std::size_t header = eml.find("Content-Type: " + type);
  if (header == std::string::npos) return {};
  const std::size_t start = eml.find("\r\n\r\n", header) + 4;
  const std::size_t end = eml.find("\r\n--", start);
  return qp_decode(eml.substr(start, end - start));
}

bool has(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

class SmtpMailerLive : public ::testing::Test {
 protected:
  void SetUp() override {
    python_ = live::python_with_module("aiosmtpd");
    if (!python_)
      GTEST_SKIP() << "python3 with aiosmtpd not found (apt-get install python3-aiosmtpd)";
  }

  // Starts the sink; returns its port (0 on failure, with a test failure recorded).
  int start_sink(std::vector<std::string> extra = {}) {
    std::vector<std::string> argv = {
        *python_, (live::source_dir() / "tests/support/smtp_sink.py").string(),
        "--port", "0",
        "--out",  out_.path().string()};
    argv.insert(argv.end(), extra.begin(), extra.end());
    sink_ = ChildProcess::start(argv);
    if (!sink_) {
      ADD_FAILURE() << "could not start smtp_sink.py";
      return 0;
    }
    const auto port = sink_->wait_ready(15s);
    if (!port) ADD_FAILURE() << "smtp_sink.py did not print \"ready <port>\"";
    return port.value_or(0);
  }

  std::vector<std::filesystem::path> messages(std::size_t count) {
    return live::wait_for_files(out_.path(), ".eml", count, 5s);
  }
  // The sink stores a message before it answers 250, so after a send returns (or throws) the
  // files are already there: no need to wait to see that nothing arrived.
  std::vector<std::filesystem::path> messages_now() {
    return live::wait_for_files(out_.path(), ".eml", 0, 0ms);
  }

  std::optional<std::string> python_;
  TempDir out_;
  std::unique_ptr<ChildProcess> sink_;
};

TEST_F(SmtpMailerLive, DeliversTheCodeAsMultipartAlternative) {
  const int port = start_sink();
  ASSERT_NE(port, 0);
  SmtpMailer mailer(smtp_to(port));
  mailer.send_code(code_for("user@example.com"));

  const auto files = messages(1);
  ASSERT_EQ(files.size(), 1u);
  const std::string eml = live::read_file(files[0]);
  const std::string headers = eml.substr(0, eml.find("\r\n\r\n") + 2);
  EXPECT_TRUE(has(headers, "\r\nTo: user@example.com\r\n")) << headers;
  EXPECT_TRUE(has(headers, "\r\nFrom: Acme <no-reply@acme.test>\r\n")) << headers;
  EXPECT_TRUE(has(headers, "\r\nSubject: Your Acme sign-in code\r\n")) << headers;
  EXPECT_TRUE(has(headers, "\r\nMIME-Version: 1.0\r\n"));
  EXPECT_TRUE(has(headers, "\r\nMessage-ID: <"));
  EXPECT_EQ(headers.rfind("Date: ", 0), 0u);
  EXPECT_TRUE(has(headers, "Content-Type: multipart/alternative; boundary=\"=_tessera_"));

  const std::string text = part_body(eml, "text/plain; charset=UTF-8");
  const std::string html = part_body(eml, "text/html; charset=UTF-8");
  EXPECT_TRUE(has(text, "482913")) << text;
  EXPECT_TRUE(has(text, "new device"));
  EXPECT_TRUE(has(html, "482913")) << html;
  EXPECT_TRUE(has(html, "<!DOCTYPE html>"));

  // The sink's decoded summary agrees (the node suite reads these).
  const auto summaries = live::wait_for_files(out_.path(), ".json", 1, 5s);
  ASSERT_EQ(summaries.size(), 1u);
  const std::string summary = live::read_file(summaries[0]);
  EXPECT_TRUE(has(summary, "\"mail_from\": \"no-reply@acme.test\"")) << summary;
  EXPECT_TRUE(has(summary, "\"subject\": \"Your Acme sign-in code\""));
  EXPECT_TRUE(has(summary, "\"content_type\": \"text/html\""));
}

TEST_F(SmtpMailerLive, EncodesANonAsciiApplicationName) {
  const int port = start_sink();
  ASSERT_NE(port, 0);
  SmtpMailer mailer(smtp_to(port));
  auth::CodeMessage message = code_for("user@example.com");
  message.application_name = "Café Ünïon";
  message.purpose = auth::CodePurpose::sign_up_verification;
  mailer.send_code(message);
  const auto summaries = live::wait_for_files(out_.path(), ".json", 1, 5s);
  ASSERT_EQ(summaries.size(), 1u);
  // Python's email parser decoded the RFC 2047 subject back to UTF-8 (json.dumps escapes it).
  EXPECT_TRUE(has(live::read_file(summaries[0]),
                  R"("subject": "Your Caf\u00e9 \u00dcn\u00efon verification code")"));
}

TEST_F(SmtpMailerLive, AuthenticatesWithTheConfiguredCredentials) {
  const int port = start_sink({"--user", "mailer", "--password", "s3cret-pw"});
  ASSERT_NE(port, 0);
  config::EmailConfig email = smtp_to(port);
  email.smtp_username = "mailer";
  email.smtp_password = "s3cret-pw";
  SmtpMailer(email).send_code(code_for("user@example.com"));
  EXPECT_EQ(messages(1).size(), 1u);

  email.smtp_password = "wrong-pw";
  try {
    SmtpMailer(email).send_code(code_for("user@example.com", "777111"));
    FAIL() << "a wrong password was accepted";
  } catch (const std::runtime_error& error) {
    EXPECT_FALSE(has(error.what(), "wrong-pw")) << error.what();
    EXPECT_FALSE(has(error.what(), "777111")) << error.what();
  }
  email.smtp_username.clear();  // the sink requires AUTH: no credentials, no delivery
  EXPECT_THROW(SmtpMailer(email).send_code(code_for("user@example.com")), std::runtime_error);
  EXPECT_EQ(messages_now().size(), 1u);
}

TEST_F(SmtpMailerLive, RefusedRecipientThrowsWithoutTheCode) {
  const int port = start_sink();
  ASSERT_NE(port, 0);
  SmtpMailer mailer(smtp_to(port));
  try {
    mailer.send_code(code_for("nobody@reject.invalid", "909090"));
    FAIL() << "the refused recipient was not reported";
  } catch (const std::runtime_error& error) {
    EXPECT_TRUE(has(error.what(), "550")) << error.what();
    EXPECT_FALSE(has(error.what(), "909090")) << error.what();
  }
  EXPECT_TRUE(messages_now().empty());
}

TEST_F(SmtpMailerLive, RequiresTlsWhenStartTlsIsOn) {
  const int port = start_sink();
  ASSERT_NE(port, 0);
  config::EmailConfig email = smtp_to(port);
  email.smtp_starttls = true;  // the sink offers no STARTTLS: the code must not go out in clear
  EXPECT_THROW(SmtpMailer(email).send_code(code_for("user@example.com")), std::runtime_error);
  EXPECT_TRUE(messages_now().empty());
}

TEST_F(SmtpMailerLive, SendsFromManyThreads) {
  const int port = start_sink();
  ASSERT_NE(port, 0);
  SmtpMailer mailer(smtp_to(port));
  std::vector<std::thread> threads;
  std::atomic<int> failures = 0;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      try {
        mailer.send_code(code_for("user" + std::to_string(t) + "@example.com"));
      } catch (const std::exception&) {
        ++failures;
      }
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(failures, 0);
  EXPECT_EQ(messages(4).size(), 4u);
}

TEST(SmtpMailerOffline, UnreachableServerThrows) {
  // A port that was just free: nothing listens there.
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ASSERT_EQ(bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address), 0);
  socklen_t length = sizeof address;
  getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length);
  close(fd);
  SmtpMailer mailer(smtp_to(ntohs(address.sin_port)));
  EXPECT_THROW(mailer.send_code(code_for("user@example.com")), std::runtime_error);
}

}  // namespace
}  // namespace tessera::delivery
