// The FAPI's JSON output with attacker-controlled strings (names, emails, identifiers, ids from
// the URL): built with the real fapi::json resource functions, dumped like Call::bare does
// (error_handler_t::replace, so invalid UTF-8 cannot throw), and parsed back: the body must
// always be valid JSON, and lossless whenever the strings were valid UTF-8.
#include <fuzzer/FuzzedDataProvider.h>

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "fapi/json/resources.h"
#include "fuzz_check.h"

using namespace tessera;
using nlohmann::json;

namespace {

std::string text(FuzzedDataProvider& provider) { return provider.ConsumeRandomLengthString(96); }

auth::Verification verification(FuzzedDataProvider& provider) {
  auth::Verification v;
  v.status = text(provider);
  v.strategy = text(provider);
  v.attempts = provider.ConsumeIntegral<int>();
  v.expire_at = provider.ConsumeIntegral<std::int64_t>();
  v.target_id = text(provider);
  return v;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  FuzzedDataProvider provider(data, size);

  auth::SignUp sign_up;
  sign_up.email_address = text(provider);
  sign_up.first_name = text(provider);
  sign_up.last_name = text(provider);
  sign_up.locale = text(provider);
  sign_up.id = text(provider);
  sign_up.status = text(provider);
  sign_up.password_hash = text(provider);
  sign_up.created_session_id = text(provider);
  sign_up.created_user_id = text(provider);
  sign_up.email_verification = verification(provider);
  std::vector<std::string> missing_fields;
  for (int i = provider.ConsumeIntegralInRange(0, 3); i > 0; --i)
    missing_fields.push_back(text(provider));

  auth::UserRecord user;
  user.user.id = text(provider);
  user.user.first_name = text(provider);
  user.user.last_name = text(provider);
  user.user.username = text(provider);
  user.user.primary_email_address_id = "idn_1";
  auth::EmailAddress email;
  email.id = "idn_1";
  email.email = text(provider);
  email.verification_strategy = text(provider);
  user.email_addresses.push_back(email);

  auth::SignIn sign_in;
  sign_in.id = text(provider);
  sign_in.identifier = text(provider);
  sign_in.status = text(provider);
  sign_in.first_factor = verification(provider);

  // Keys can be attacker text too (e.g. echoed form field names in an error's meta).
  json echoed = json::object();
  for (int i = provider.ConsumeIntegralInRange(0, 4); i > 0; --i)
    echoed[text(provider)] = text(provider);
  echoed[provider.ConsumeRemainingBytesAsString()] = nullptr;

  const json response = {{"response",
                          {{"sign_up", fapi::json::sign_up(sign_up, missing_fields)},
                           {"sign_in", fapi::json::sign_in(sign_in, user, auth::AuthSettings{})},
                           {"user", fapi::json::user(user)},
                           {"public_user_data", fapi::json::public_user_data(user)},
                           {"meta", echoed}}},
                         {"client", nullptr}};

  // What src/fapi/call.cpp sends: never throws, whatever the bytes.
  const std::string body = response.dump(-1, ' ', false, json::error_handler_t::replace);
  const json parsed = json::parse(body);  // throws (→ crash) if the body is not valid JSON
  FUZZ_CHECK(parsed.is_object());
  // The body is plain ASCII-safe JSON text: no raw control characters.
  for (const char c : body) FUZZ_CHECK(static_cast<unsigned char>(c) >= 0x20);

  // With only valid UTF-8 the strict dump works and nothing is lost.
  std::string strict;
  try {
    strict = response.dump(-1, ' ', false, json::error_handler_t::strict);
  } catch (const json::type_error&) {
    return 0;  // some string was not UTF-8: replaced above, as intended
  }
  FUZZ_CHECK(strict == body);
  FUZZ_CHECK(parsed == response);
  return 0;
}
