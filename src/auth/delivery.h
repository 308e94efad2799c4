#pragma once
#include <cstdint>
#include <string>

#include "auth/model/device.h"

namespace tessera::auth {

enum class CodePurpose {
  sign_up_verification,     // verify the email of a new account
  second_factor,            // SMS/email code as a second factor at sign-in
  client_trust,             // new-device check for users without MFA
  identifier_verification,  // verify a phone number / email added under /v1/me
  password_reset            // forgot password: the code that lets a new password be set
};

inline const char* to_string(CodePurpose purpose) {
  switch (purpose) {
    case CodePurpose::sign_up_verification:
      return "sign_up_verification";
    case CodePurpose::second_factor:
      return "second_factor";
    case CodePurpose::client_trust:
      return "client_trust";
    case CodePurpose::identifier_verification:
      return "identifier_verification";
    case CodePurpose::password_reset:
      return "password_reset";
  }
  return "unknown";
}

// A one-time code on its way to a person. `to` is an email address or an E.164 phone number.
struct CodeMessage {
  std::string to;
  std::string code;
  CodePurpose purpose = CodePurpose::sign_up_verification;
  std::string application_name;
};

// What happened to an account that its owner should hear of, in case it was not them.
enum class NoticeKind {
  new_sign_in,      // signed in to from a client it had never been signed in to from
  password_changed  // a new password, set while signed in or with a reset code
};

inline const char* to_string(NoticeKind kind) {
  return kind == NoticeKind::new_sign_in ? "new_sign_in" : "password_changed";
}

// Tells a user what just happened to their account, when and from which device. No secret in it.
struct AccountNotice {
  NoticeKind kind = NoticeKind::new_sign_in;
  std::string to;  // email address
  std::string application_name;
  std::int64_t at = 0;  // ms since the epoch
  Device device;
};

// Delivery seams; implementations live in delivery/ (SMTP, an SMS provider API, a dev outbox).
// A failure to deliver throws std::runtime_error.
class Mailer {
 public:
  virtual ~Mailer() = default;
  virtual void send_code(const CodeMessage& message) = 0;
  virtual void send_account_notice(const AccountNotice& notice) = 0;
};

class SmsSender {
 public:
  virtual ~SmsSender() = default;
  virtual void send_code(const CodeMessage& message) = 0;
};

}  // namespace tessera::auth
