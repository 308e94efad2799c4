#pragma once
#include <string>
#include <string_view>

#include "auth/context.h"
#include "auth/model/verification.h"

namespace tessera::auth {

// Where a one-time code goes and why; shared by the email_code and phone_code strategies.
struct CodeTarget {
  std::string strategy;   // email_code | phone_code
  std::string target_id;  // email_address / phone_number id (may be empty during sign-up)
  std::string address;    // the email address or E.164 number
  CodePurpose purpose = CodePurpose::sign_up_verification;
};

enum class CodeCheck { ok, incorrect, expired, failed, not_prepared, already_verified };

// Issues a fresh 6-digit code, delivers it and returns the verification to keep (only a keyed
// hash of the code). Test identifiers in test mode get 424242 and nothing is sent. Throws
// `verification_code_too_many_requests` inside the resend cooldown of `previous`.
Verification issue_code(const AuthContext& ctx, const CodeTarget& target,
                        const Verification& previous);

// Checks `code` against `v`, counting the attempt in `v` (the caller must persist `v` whatever
// the outcome, then report it with throw_code_error).
CodeCheck check_code(const AuthContext& ctx, Verification& v, std::string_view code);

// Throws the Clerk error for a failed check (no-op for ok).
void throw_code_error(CodeCheck result);

}  // namespace tessera::auth
