#pragma once
#include <optional>
#include <string>

#include "auth/context.h"
#include "auth/session/sessions.h"

namespace tessera::auth {

struct SignUpParams {
  std::optional<std::string> email_address;
  std::optional<std::string> password;
  std::optional<std::string> first_name;
  std::optional<std::string> last_name;
  std::optional<std::string> locale;
  std::optional<std::string> strategy;  // "password" (Core 3) or absent
};

// The sign-up state machine: missing_requirements until the email is verified by code and a
// password is set, then complete: the user, a session and a trusted client are created at once.
class SignUpFlow {
 public:
  explicit SignUpFlow(const AuthContext& ctx) : ctx_(ctx), sessions_(ctx) {}

  SignUp create(Client& client, const SignUpParams& params);
  SignUp update(Client& client, const std::string& id, const SignUpParams& params);
  SignUp get(const Client& client, const std::string& id);
  SignUp prepare_verification(Client& client, const std::string& id, const std::string& strategy);
  SignUp attempt_verification(Client& client, const std::string& id, const std::string& strategy,
                              const std::string& code);

  // Fields still required (email_address, password) for the JSON's missing_fields.
  std::vector<std::string> missing_fields(const SignUp& sign_up) const;

 private:
  void apply(SignUp& sign_up, const SignUpParams& params);
  void complete_if_ready(Client& client, SignUp& sign_up);
  SignUp load(const Client& client, const std::string& id);
  void save(SignUp& sign_up);

  const AuthContext& ctx_;
  Sessions sessions_;
};

}  // namespace tessera::auth
