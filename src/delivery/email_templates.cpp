#include "delivery/email_templates.h"

#include <ctime>

#include "delivery/html_escape.h"

namespace tessera::delivery {
namespace {

// The words around a code, per purpose; `{app}` is replaced by the application name.
struct CodeWording {
  const char* subject;
  const char* intro;    // before the code
  const char* purpose;  // after the code: what to do with it
  const char* warning;  // what to do if you did not ask for it
};

CodeWording wording_for(auth::CodePurpose purpose) {
  switch (purpose) {
    case auth::CodePurpose::sign_up_verification:
      return {"Your {app} verification code", "Your {app} verification code is:",
              "Enter this code to verify your email address and finish creating your {app} "
              "account.",
              "If you didn't try to create an account, you can ignore this email."};
    case auth::CodePurpose::second_factor:
      return {"Your {app} sign-in code",
              "Your {app} sign-in code is:", "Enter this code to finish signing in to {app}.",
              "If you didn't try to sign in, someone may know your password: change it right "
              "away."};
    case auth::CodePurpose::client_trust:
      return {"Your {app} sign-in code", "Your {app} sign-in code is:",
              "We're verifying a sign-in to your {app} account from a new device. Enter this "
              "code on that device to finish signing in.",
              "If this wasn't you, someone may know your password: change it right away and "
              "don't share this code."};
    case auth::CodePurpose::identifier_verification:
      return {"Your {app} verification code", "Your {app} verification code is:",
              "Enter this code to verify the email address you added to your {app} account.",
              "If you didn't add this email address, you can ignore this email."};
    case auth::CodePurpose::password_reset:
      return {"Your {app} password reset code", "Your {app} password reset code is:",
              "Enter this code to set a new password for your {app} account.",
              "If you didn't ask to reset your password, you can ignore this email: your "
              "password has not changed."};
  }
  return wording_for(auth::CodePurpose::sign_up_verification);
}

std::string fill(std::string_view pattern, std::string_view app) {
  std::string out;
  for (std::size_t i = 0; i < pattern.size();) {
    if (pattern.substr(i, 5) == "{app}") {
      out += app;
      i += 5;
    } else {
      out += pattern[i++];
    }
  }
  return out;
}

constexpr const char* kParagraph = "<p style=\"margin:0 0 16px;font-size:15px;line-height:1.5;\">";
constexpr const char* kFootnote =
    "<p style=\"margin:24px 0 0;font-size:12px;line-height:1.5;color:#6e7781;\">";

// A minimal, inline-styled page; `body` is already HTML.
std::string html_page(std::string_view title, std::string_view body) {
  std::string page =
      "<!DOCTYPE html>\n"
      "<html lang=\"en\">\n"
      "<head>\n"
      "<meta charset=\"utf-8\">\n"
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
      "<title>";
  page += html_escape(title);
  page +=
      "</title>\n"
      "</head>\n"
      "<body style=\"margin:0;padding:24px;background:#f6f6f7;color:#1f2328;"
      "font-family:-apple-system,'Segoe UI',Helvetica,Arial,sans-serif;\">\n"
      "<div style=\"max-width:480px;margin:0 auto;padding:32px;background:#ffffff;"
      "border-radius:8px;\">\n";
  page += body;
  page +=
      "</div>\n"
      "</body>\n"
      "</html>\n";
  return page;
}

std::string paragraph(std::string_view text) {
  return std::string(kParagraph) + html_escape(text) + "</p>\n";
}

// "2025-07-01 12:00 UTC"
std::string utc_minute(std::int64_t ms_since_epoch) {
  const std::time_t seconds = static_cast<std::time_t>(ms_since_epoch / 1000);
  std::tm utc{};
  gmtime_r(&seconds, &utc);
  char text[32];
  const auto n = std::strftime(text, sizeof text, "%Y-%m-%d %H:%M UTC", &utc);
  return std::string(text, n);
}

std::string describe(const auth::Device& device) {
  if (device.user_agent.empty() && device.ip_address.empty()) return "unknown";
  if (device.ip_address.empty()) return device.user_agent;
  const std::string ip = "IP address " + device.ip_address;
  return device.user_agent.empty() ? ip : device.user_agent + " (" + ip + ")";
}

}  // namespace

std::string application_name_or_default(std::string_view application_name) {
  return application_name.empty() ? std::string("Tessera") : std::string(application_name);
}

EmailContent code_email(const auth::CodeMessage& message) {
  const std::string app = application_name_or_default(message.application_name);
  const CodeWording words = wording_for(message.purpose);
  const std::string intro = fill(words.intro, app);
  const std::string purpose = fill(words.purpose, app);
  const std::string warning = fill(words.warning, app);
  const std::string never_share = "Never share this code. " + app + " will never ask you for it.";

  EmailContent email;
  email.subject = fill(words.subject, app);
  email.text = intro + "\n\n    " + message.code + "\n\n" + purpose + "\n\n" + warning + "\n" +
               never_share + "\n";

  std::string body = paragraph(intro);
  // The code sits on a line of its own so it is never split when the part is line-wrapped.
  body +=
      "<p style=\"margin:24px 0;font-size:32px;font-weight:700;letter-spacing:6px;"
      "font-family:Menlo,Consolas,'Courier New',monospace;\">\n";
  body += html_escape(message.code) + "\n";
  body += "</p>\n";
  body += paragraph(purpose);
  body += std::string(kFootnote) + html_escape(warning) + "<br>\n" + html_escape(never_share) +
          "</p>\n";
  email.html = html_page(email.subject, body);
  return email;
}

EmailContent account_notice(auth::NoticeKind kind, std::string_view application_name,
                            std::string_view when, std::string_view user_agent_or_ip) {
  const std::string app = application_name_or_default(application_name);
  const bool sign_in = kind == auth::NoticeKind::new_sign_in;
  const std::string intro =
      sign_in ? "Your " + app + " account was just signed in to from a new device."
              : "The password of your " + app + " account was just changed.";
  const std::string warning =
      sign_in ? "If this was you, there's nothing to do. If it wasn't, change your password right "
                "away and sign out of your other sessions."
              : "If this was you, there's nothing to do. If it wasn't, someone else may be able "
                "to read your email: secure your email account, then reset your password with "
                "\"Forgot password?\" and sign out of your other sessions.";

  EmailContent email;
  email.subject =
      sign_in ? "New sign-in to your " + app + " account" : "Your " + app + " password was changed";
  email.text = intro + "\n\n    When:   " + std::string(when) +
               "\n    Device: " + std::string(user_agent_or_ip) + "\n\n" + warning + "\n";

  std::string body = paragraph(intro);
  body += std::string(kParagraph) + "<strong>When:</strong> " + html_escape(when) +
          "<br>\n<strong>Device:</strong> " + html_escape(user_agent_or_ip) + "</p>\n";
  body += std::string(kFootnote) + html_escape(warning) + "</p>\n";
  email.html = html_page(email.subject, body);
  return email;
}

EmailContent account_notice_email(const auth::AccountNotice& notice) {
  return account_notice(notice.kind, notice.application_name, utc_minute(notice.at),
                        describe(notice.device));
}

}  // namespace tessera::delivery
