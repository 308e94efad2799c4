#include "delivery/mime_message.h"

#include <gtest/gtest.h>

#include <regex>

#include "delivery/delivery_error.h"
#include "delivery/quoted_printable.h"

namespace tessera::delivery {
namespace {

MimeMessage sample() {
  return {.from = {.display_name = "Acme", .address = "no-reply@acme.test"},
          .to = "user@example.com",
          .content = {.subject = "Your Acme sign-in code",
                      .text = "Your code is:\n\n    123456\n",
                      .html = "<p>\n123456\n</p>\n"},
          .date = "Tue, 01 Jul 2025 12:00:00 +0000",
          .message_id = "<abc@acme.test>",
          .boundary = "=_tessera_0123"};
}

std::string headers_of(const std::string& message) {
  return message.substr(0, message.find("\r\n\r\n") + 2);
}

TEST(MimeMessage, HasTheHeaders) {
  const std::string headers = headers_of(build_mime_message(sample()));
  EXPECT_EQ(headers,
            "Date: Tue, 01 Jul 2025 12:00:00 +0000\r\n"
            "From: Acme <no-reply@acme.test>\r\n"
            "To: user@example.com\r\n"
            "Subject: Your Acme sign-in code\r\n"
            "Message-ID: <abc@acme.test>\r\n"
            "MIME-Version: 1.0\r\n"
            "Auto-Submitted: auto-generated\r\n"
            "Content-Type: multipart/alternative; boundary=\"=_tessera_0123\"\r\n");
}

TEST(MimeMessage, HasTextThenHtmlPartBetweenBoundaries) {
  const std::string message = build_mime_message(sample());
  const std::string body = message.substr(message.find("\r\n\r\n") + 4);
  EXPECT_EQ(body,
            "--=_tessera_0123\r\n"
            "Content-Type: text/plain; charset=UTF-8\r\n"
            "Content-Transfer-Encoding: quoted-printable\r\n"
            "\r\n"
            "Your code is:\r\n"
            "\r\n"
            "    123456\r\n"
            "\r\n"
            "--=_tessera_0123\r\n"
            "Content-Type: text/html; charset=UTF-8\r\n"
            "Content-Transfer-Encoding: quoted-printable\r\n"
            "\r\n"
            "<p>\r\n"
            "123456\r\n"
            "</p>\r\n"
            "\r\n"
            "--=_tessera_0123--\r\n");
}

TEST(MimeMessage, EveryLineEndsInCrlfAndFitsTheLimit) {
  MimeMessage input = sample();
  input.content.text = std::string(300, 'x') + "\n" + "ünïcödé line\r\nlast";
  input.content.html = "<p style=\"" + std::string(200, 'a') + "\">\n";
  const std::string message = build_mime_message(input);
  for (std::size_t i = 0; i < message.size(); ++i) {
    if (message[i] == '\n') {
      ASSERT_GT(i, 0u);
      EXPECT_EQ(message[i - 1], '\r') << "bare LF at " << i;
    }
    if (message[i] == '\r') {
      EXPECT_EQ(message[i + 1], '\n') << "bare CR at " << i;
    }
  }
  std::size_t start = 0;
  for (std::size_t end; (end = message.find("\r\n", start)) != std::string::npos; start = end + 2)
    EXPECT_LE(end - start, 76u);
  for (const unsigned char c : message) EXPECT_LT(c, 0x80);  // 7-bit clean
}

TEST(MimeMessage, EncodesNonAsciiSubjectAndDisplayName) {
  MimeMessage input = sample();
  input.from.display_name = "Åcme";
  input.content.subject = "Your Åcme sign-in code";
  const std::string headers = headers_of(build_mime_message(input));
  EXPECT_NE(headers.find("From: =?UTF-8?B?w4VjbWU=?= <no-reply@acme.test>\r\n"), std::string::npos);
  EXPECT_NE(headers.find("Subject: =?UTF-8?B?WW91ciDDhWNtZSBzaWduLWluIGNvZGU=?=\r\n"),
            std::string::npos);
}

TEST(MimeMessage, FoldsLongEncodedSubjectsOnCharacterBoundaries) {
  std::string subject;
  for (int i = 0; i < 40; ++i) subject += "é";  // 80 bytes of UTF-8
  // At most 45 bytes a word: 22 + 18 characters, never half an "é".
  EXPECT_EQ(encode_header_text(subject),
            "=?UTF-8?B?w6nDqcOpw6nDqcOpw6nDqcOpw6nDqcOpw6nDqcOpw6nDqcOpw6nDqcOpw6k=?=\r\n"
            " =?UTF-8?B?w6nDqcOpw6nDqcOpw6nDqcOpw6nDqcOpw6nDqcOpw6nDqcOp?=");
}

TEST(MimeMessage, QuotesDisplayNamesWithSpecials) {
  MimeMessage input = sample();
  input.from.display_name = "Acme, Inc. \"Auth\"";
  const std::string headers = headers_of(build_mime_message(input));
  EXPECT_NE(headers.find("From: \"Acme, Inc. \\\"Auth\\\"\" <no-reply@acme.test>\r\n"),
            std::string::npos);
}

TEST(MimeMessage, RejectsHeaderInjection) {
  const auto rejects = [](auto change) {
    MimeMessage input = sample();
    change(input);
    EXPECT_THROW(build_mime_message(input), DeliveryError);
  };
  rejects([](MimeMessage& m) { m.to = "user@example.com\r\nBcc: victim@example.com"; });
  rejects([](MimeMessage& m) { m.to = "user@example.com\nBcc: victim@example.com"; });
  rejects([](MimeMessage& m) { m.to = "user@example.com, victim@example.com"; });
  rejects([](MimeMessage& m) { m.to = "Name <user@example.com>"; });
  rejects([](MimeMessage& m) { m.to = ""; });
  rejects([](MimeMessage& m) { m.from.address = "no-reply@acme.test\r\nX-Evil: 1"; });
  rejects([](MimeMessage& m) { m.from.display_name = "Acme\r\nBcc: victim@example.com"; });
  rejects([](MimeMessage& m) { m.content.subject = "Hi\r\nBcc: victim@example.com"; });
  rejects([](MimeMessage& m) { m.content.subject = "Hi\nthere"; });
  rejects([](MimeMessage& m) { m.date = "now\r\nX-Evil: 1"; });
  rejects([](MimeMessage& m) { m.message_id = "<a@b>\r\nX-Evil: 1"; });
  rejects([](MimeMessage& m) { m.boundary = "a\"b"; });
}

TEST(MimeMessage, RejectionDoesNotEchoTheAddress) {
  MimeMessage input = sample();
  input.to = "secret-person@example.com\r\nBcc: x@example.com";
  try {
    build_mime_message(input);
    FAIL();
  } catch (const DeliveryError& error) {
    EXPECT_EQ(std::string(error.what()).find("secret-person"), std::string::npos);
  }
}

TEST(Mailbox, ParsesTheUsualForms) {
  EXPECT_EQ(parse_mailbox("a@example.com").address, "a@example.com");
  EXPECT_EQ(parse_mailbox("a@example.com").display_name, "");
  const Mailbox named = parse_mailbox("Tessera <no-reply@tessera.test>");
  EXPECT_EQ(named.display_name, "Tessera");
  EXPECT_EQ(named.address, "no-reply@tessera.test");
  const Mailbox quoted = parse_mailbox("\"Acme, Inc.\" <x@acme.test>");
  EXPECT_EQ(quoted.display_name, "Acme, Inc.");
  EXPECT_EQ(format_mailbox(quoted), "\"Acme, Inc.\" <x@acme.test>");
  EXPECT_EQ(format_mailbox(named), "Tessera <no-reply@tessera.test>");
}

TEST(Mailbox, RejectsBadMailboxes) {
  for (const char* bad : {"", "no-at-sign", "a@", "@b", "a@@b", "a b@c.d", "a@b..c", ".a@b.c",
                          "Name <a@b.c", "Name\r\n <a@b.c>", "a@b.c\n", "a@b.c>x<d@e.f>"}) {
    SCOPED_TRACE(bad);
    EXPECT_THROW(parse_mailbox(bad), DeliveryError);
  }
}

TEST(Rfc5322Date, FormatsUtc) {
  const auto when = std::chrono::system_clock::time_point(std::chrono::seconds(1751371200));
  EXPECT_EQ(rfc5322_date(when), "Tue, 01 Jul 2025 12:00:00 +0000");
}

TEST(MimeIdentifiers, AreRandomAndWellFormed) {
  const std::string a = new_boundary();
  EXPECT_NE(a, new_boundary());
  EXPECT_TRUE(std::regex_match(a, std::regex("=_tessera_[0-9a-f]{32}")));
  EXPECT_TRUE(
      std::regex_match(new_message_id("acme.test"), std::regex("<[0-9a-f]{32}@acme\\.test>")));
}

TEST(QuotedPrintable, EncodesWhatItMust) {
  EXPECT_EQ(quoted_printable_encode("a=b\n"), "a=3Db\r\n");
  EXPECT_EQ(quoted_printable_encode("é\n"), "=C3=A9\r\n");
  EXPECT_EQ(quoted_printable_encode("trailing \nnext"), "trailing=20\r\nnext\r\n");
  EXPECT_EQ(quoted_printable_encode(".\n"), "=2E\r\n");
  EXPECT_EQ(quoted_printable_encode("a\r\nb\n"), "a\r\nb\r\n");
  EXPECT_EQ(quoted_printable_encode(""), "");
}

TEST(QuotedPrintable, SoftWrapsAt76) {
  const std::string encoded = quoted_printable_encode(std::string(100, 'x'));
  EXPECT_EQ(encoded, std::string(75, 'x') + "=\r\n" + std::string(25, 'x') + "\r\n");
  // An escape is never split across a soft break.
  const std::string escapes = quoted_printable_encode(std::string(74, 'x') + "==");
  EXPECT_EQ(escapes, std::string(74, 'x') + "=\r\n=3D=3D\r\n");
}

}  // namespace
}  // namespace tessera::delivery
