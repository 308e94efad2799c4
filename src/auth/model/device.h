#pragma once
#include <string>

namespace tessera::auth {

// The browser a request came from, as the HTTP layer saw it. Shown to the user (e.g. in a
// new sign-in notice), never used for a decision: the client can write any User-Agent.
struct Device {
  std::string user_agent;  // empty when the request had none
  std::string ip_address;  // the client IP as the rate limits see it; empty when unknown
};

}  // namespace tessera::auth
