#pragma once
#include <cstdint>
#include <string>

#include "auth/model/client.h"
#include "auth/model/session.h"
#include "auth/model/sign_in.h"
#include "auth/model/sign_up.h"
#include "auth/model/signing_key.h"
#include "auth/model/user.h"

// Models with every field set to a value that differs from its default (and from the other
// fields), so a round trip through a store proves each field is written and read back.
namespace tessera::store::test {

auth::Verification sample_verification(const std::string& tag);
auth::User sample_user(const std::string& id);
auth::EmailAddress sample_email(const std::string& id, const std::string& user_id,
                                const std::string& email);
auth::PhoneNumber sample_phone(const std::string& id, const std::string& user_id);
auth::Client sample_client(const std::string& id);
// A client that clashes with `taken` on the unique token hash.
auth::Client sample_client_with_token_of(const std::string& id, const auth::Client& taken);
auth::SignIn sample_sign_in(const std::string& id, const std::string& client_id);
auth::SignUp sample_sign_up(const std::string& id, const std::string& client_id);
auth::Session sample_session(const std::string& id, const std::string& client_id,
                             const std::string& user_id, std::int64_t created_at);
auth::SigningKey sample_signing_key(const std::string& kid, std::int64_t created_at);

}  // namespace tessera::store::test
