#include "delivery/email_templates.h"

#include <gtest/gtest.h>

#include "delivery/html_escape.h"

namespace tessera::delivery {
namespace {

auth::CodeMessage message(auth::CodePurpose purpose, std::string app = "Acme") {
  return {.to = "a@example.com", .code = "123456", .purpose = purpose, .application_name = app};
}

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

TEST(HtmlEscape, EscapesTheFiveSpecialCharacters) {
  EXPECT_EQ(html_escape("<a href=\"x\">Tom & Jerry's</a>"),
            "&lt;a href=&quot;x&quot;&gt;Tom &amp; Jerry&#39;s&lt;/a&gt;");
  EXPECT_EQ(html_escape("plain ünïcode"), "plain ünïcode");
}

TEST(EmailTemplates, SignUpVerification) {
  const EmailContent email = code_email(message(auth::CodePurpose::sign_up_verification));
  EXPECT_EQ(email.subject, "Your Acme verification code");
  EXPECT_TRUE(contains(email.text, "verify your email address"));
  EXPECT_TRUE(contains(email.html, "verify your email address"));
}

TEST(EmailTemplates, SecondFactor) {
  const EmailContent email = code_email(message(auth::CodePurpose::second_factor));
  EXPECT_EQ(email.subject, "Your Acme sign-in code");
  EXPECT_TRUE(contains(email.text, "finish signing in to Acme"));
}

TEST(EmailTemplates, ClientTrustMentionsTheNewDevice) {
  const EmailContent email = code_email(message(auth::CodePurpose::client_trust));
  EXPECT_EQ(email.subject, "Your Acme sign-in code");
  EXPECT_TRUE(contains(email.text, "sign-in to your Acme account from a new device"));
  EXPECT_TRUE(contains(email.html, "sign-in to your Acme account from a new device"));
}

TEST(EmailTemplates, IdentifierVerification) {
  const EmailContent email = code_email(message(auth::CodePurpose::identifier_verification));
  EXPECT_EQ(email.subject, "Your Acme verification code");
  EXPECT_TRUE(contains(email.text, "email address you added"));
}

TEST(EmailTemplates, PasswordResetSaysThePasswordIsUnchangedIfNotAskedFor) {
  const EmailContent email = code_email(message(auth::CodePurpose::password_reset));
  EXPECT_EQ(email.subject, "Your Acme password reset code");
  EXPECT_TRUE(contains(email.text, "set a new password"));
  EXPECT_TRUE(contains(email.text, "your password has not changed"));
}

TEST(EmailTemplates, CodeIsInBothPartsForEveryPurpose) {
  for (const auto purpose :
       {auth::CodePurpose::sign_up_verification, auth::CodePurpose::second_factor,
        auth::CodePurpose::client_trust, auth::CodePurpose::identifier_verification,
        auth::CodePurpose::password_reset}) {
    const EmailContent email = code_email(message(purpose));
    SCOPED_TRACE(auth::to_string(purpose));
    EXPECT_TRUE(contains(email.text, "\n    123456\n"));  // on a line of its own
    EXPECT_TRUE(contains(email.html, "\n123456\n"));
    EXPECT_TRUE(contains(email.html, "font-size:32px"));  // shown prominently
    EXPECT_FALSE(contains(email.subject, "123456"));      // not in previews and logs of subjects
  }
}

TEST(EmailTemplates, DefaultsTheApplicationName) {
  EXPECT_EQ(code_email(message(auth::CodePurpose::second_factor, "")).subject,
            "Your Tessera sign-in code");
}

TEST(EmailTemplates, EscapesInterpolatedValuesInHtml) {
  auth::CodeMessage hostile = message(auth::CodePurpose::client_trust, "<script>alert(1)</script>");
  hostile.code = "<b>1</b>";
  const EmailContent email = code_email(hostile);
  EXPECT_FALSE(contains(email.html, "<script>"));
  EXPECT_FALSE(contains(email.html, "<b>1</b>"));
  EXPECT_TRUE(contains(email.html, "&lt;script&gt;alert(1)&lt;/script&gt;"));
  EXPECT_TRUE(contains(email.html, "<title>Your &lt;script&gt;"));
  EXPECT_TRUE(contains(email.html, "&lt;b&gt;1&lt;/b&gt;"));
  // The text part is plain text: nothing to escape.
  EXPECT_TRUE(contains(email.text, "<script>alert(1)</script>"));
}

TEST(EmailTemplates, HtmlIsACompleteDocument) {
  const EmailContent email = code_email(message(auth::CodePurpose::second_factor));
  EXPECT_EQ(email.html.rfind("<!DOCTYPE html>\n", 0), 0u);
  EXPECT_TRUE(contains(email.html, "<meta charset=\"utf-8\">"));
  EXPECT_TRUE(email.html.ends_with("</html>\n"));
}

TEST(NewSignInNotice, NamesTimeAndDeviceWithoutAnyCode) {
  const EmailContent email = account_notice(auth::NoticeKind::new_sign_in, "Acme",
                                            "2025-07-01 12:00 UTC", "Firefox on Linux");
  EXPECT_EQ(email.subject, "New sign-in to your Acme account");
  for (const std::string* part : {&email.text, &email.html}) {
    EXPECT_TRUE(contains(*part, "2025-07-01 12:00 UTC"));
    EXPECT_TRUE(contains(*part, "Firefox on Linux"));
    EXPECT_TRUE(contains(*part, "change your password"));
    EXPECT_FALSE(contains(*part, "code"));
  }
}

TEST(NewSignInNotice, EscapesUserAgentAndApplicationName) {
  const EmailContent email = account_notice(auth::NoticeKind::new_sign_in, "A&B", "now",
                                            "<img src=x onerror=alert(1)> \"quoted\"");
  EXPECT_FALSE(contains(email.html, "<img"));
  EXPECT_TRUE(contains(email.html, "&lt;img src=x onerror=alert(1)&gt; &quot;quoted&quot;"));
  EXPECT_TRUE(contains(email.html, "A&amp;B"));
  EXPECT_EQ(email.subject, "New sign-in to your A&B account");
}

TEST(PasswordChangedNotice, NamesTimeAndDeviceAndWhatToDoIfItWasNotThem) {
  const EmailContent email = account_notice(auth::NoticeKind::password_changed, "Acme",
                                            "2025-07-01 12:00 UTC", "Firefox on Linux");
  EXPECT_EQ(email.subject, "Your Acme password was changed");
  for (const std::string* part : {&email.text, &email.html}) {
    EXPECT_TRUE(contains(*part, "The password of your Acme account was just changed."));
    EXPECT_TRUE(contains(*part, "2025-07-01 12:00 UTC"));
    EXPECT_TRUE(contains(*part, "Firefox on Linux"));
    EXPECT_TRUE(contains(*part, "secure your email account"));
    EXPECT_FALSE(contains(*part, "code"));
  }
}

auth::AccountNotice notice(auth::Device device) {
  return {.to = "a@example.com",
          .application_name = "Acme",
          .at = 1'751'371'259'999,  // 2025-07-01 12:00:59.999 UTC
          .device = std::move(device)};
}

TEST(NewSignInNotice, FromTheDomainShowsTheMinuteInUtcAndTheDevice) {
  const EmailContent email = account_notice_email(notice({"Firefox/128.0", "192.0.2.1"}));
  EXPECT_EQ(email.subject, "New sign-in to your Acme account");
  EXPECT_TRUE(contains(email.text, "When:   2025-07-01 12:00 UTC\n"));
  EXPECT_TRUE(contains(email.text, "Device: Firefox/128.0 (IP address 192.0.2.1)\n"));
}

TEST(NewSignInNotice, DescribesTheDeviceByWhatIsKnown) {
  EXPECT_TRUE(contains(account_notice_email(notice({"Firefox/128.0", ""})).text,
                       "Device: Firefox/128.0\n"));
  EXPECT_TRUE(contains(account_notice_email(notice({"", "2001:db8::1"})).text,
                       "Device: IP address 2001:db8::1\n"));
  EXPECT_TRUE(contains(account_notice_email(notice({})).text, "Device: unknown\n"));
}

}  // namespace
}  // namespace tessera::delivery
