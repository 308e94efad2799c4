#include "auth/code/one_time_code.h"

#include "auth/error.h"
#include "auth/identifiers.h"
#include "crypto/encoding.h"
#include "crypto/hash.h"

namespace tessera::auth {
namespace {

// Keyed so that a stolen database does not reveal codes by brute force over 10^6 values.
std::string hash_code(const AuthContext& ctx, std::string_view code) {
  return crypto::hex_encode(crypto::hmac_sha256(ctx.settings.code_pepper, code));
}

bool is_test_target(const AuthContext& ctx, const CodeTarget& target) {
  if (!ctx.settings.test_mode) return false;
  return target.strategy == "phone_code" ? is_test_phone(target.address)
                                         : is_test_email(target.address);
}

}  // namespace

Verification issue_code(const AuthContext& ctx, const CodeTarget& target,
                        const Verification& previous) {
  const auto now = ctx.now();
  if (previous.sent_at > 0 && previous.status == "unverified" &&
      previous.target_id == target.target_id &&
      now < previous.sent_at + ctx.settings.resend_cooldown_ms)
    throw AuthError(
        "verification_code_too_many_requests", "",
        {{"retry_after_seconds",
          std::to_string((previous.sent_at + ctx.settings.resend_cooldown_ms - now + 999) /
                         1000)}});
  const bool test = is_test_target(ctx, target);
  const std::string code = test ? std::string(kTestCode) : ctx.random.digits(6);

  Verification v;
  v.status = "unverified";
  v.strategy = target.strategy;
  v.attempts = 0;
  v.expire_at = now + ctx.settings.code_lifetime_ms;
  v.sent_at = now;
  v.code_hash = hash_code(ctx, code);
  v.target_id = target.target_id;
  if (!test) {
    CodeMessage message{target.address, code, target.purpose, ctx.settings.application_name};
    if (target.strategy == "phone_code")
      ctx.sms.send_code(message);
    else
      ctx.mailer.send_code(message);
  }
  return v;
}

CodeCheck check_code(const AuthContext& ctx, Verification& v, std::string_view code) {
  // Status first: a used or exhausted code has no hash left but was certainly sent.
  if (v.status == "verified") return CodeCheck::already_verified;
  if (v.status == "failed") return CodeCheck::failed;
  if (!v.prepared() || v.code_hash.empty()) return CodeCheck::not_prepared;
  if (v.status == "expired" || (v.expire_at != 0 && ctx.now() >= v.expire_at)) {
    v.status = "expired";
    return CodeCheck::expired;
  }
  ++v.attempts;
  if (crypto::constant_time_equal(hash_code(ctx, code), v.code_hash)) {
    v.status = "verified";
    v.code_hash.clear();  // single use
    return CodeCheck::ok;
  }
  if (v.attempts >= ctx.settings.code_max_attempts) {
    v.status = "failed";
    v.code_hash.clear();
    return CodeCheck::failed;
  }
  return CodeCheck::incorrect;
}

void throw_code_error(CodeCheck result) {
  switch (result) {
    case CodeCheck::ok:
      return;
    case CodeCheck::incorrect:
      throw AuthError("form_code_incorrect", "code");
    case CodeCheck::expired:
      throw AuthError("verification_expired");
    case CodeCheck::failed:
      throw AuthError("verification_failed");
    case CodeCheck::not_prepared:
      throw AuthError("verification_not_sent");
    case CodeCheck::already_verified:
      throw AuthError("verification_already_verified");
  }
}

}  // namespace tessera::auth
