#pragma once
#include <cstdint>
#include <string>

namespace tessera::auth {

// One browser or device. It is found by a random token (the `__client` cookie, or the dev-browser
// token); only a hash of that token is stored.
struct Client {
  std::string id;  // client_…
  std::string token_hash;
  std::string sign_in_id;  // the current sign-in attempt, if any
  std::string sign_up_id;  // the current sign-up attempt, if any
  std::string last_active_session_id;
  std::int64_t created_at = 0;
  std::int64_t updated_at = 0;
  // Made by this request and not stored yet: a browser's first attempt writes its client in the
  // attempt's own transaction (save_client), not in a commit of its own.
  bool is_new = false;
};

}  // namespace tessera::auth
