#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>

// Clerk's handshake (GET /v1/client/handshake): an app's server-side SDK (@clerk/nextjs's
// clerkMiddleware, @clerk/backend's authenticateRequest) sends the browser here when the session
// cookies on the app's own domain are missing or stale; the Frontend API, which knows the browser's
// client, sends it back with the cookies to set, as Set-Cookie lines inside a signed token.
namespace tessera::fapi {

// What the browser's client looks like to the app's server.
struct HandshakeState {
  std::string session_token;  // the current session's token; empty when signed out
  long long client_uat = 0;   // the client's last update in seconds when signed in, else 0
  std::string dev_browser;    // development instances: the dev browser to keep, else empty
};

struct HandshakeCookieOptions {
  std::string suffix;   // non-empty: each cookie is also set under its suffixed name
  bool secure = false;  // the app is served over https
};

// The Set-Cookie lines for the app's domain, as clerk-js itself would set them (Path=/,
// SameSite=Lax, a year; __session removed when signed out).
std::vector<std::string> handshake_directives(const HandshakeState& state,
                                              const HandshakeCookieOptions& options);

// The domain two hosts share for a cookie both can read ("auth.example.com" and
// "app.example.com" → "example.com"), or nullopt: the same host (a host-only cookie will do),
// IP addresses, or no common parent of at least two labels.
std::optional<std::string> shared_cookie_domain(std::string_view host_a, std::string_view host_b);

}  // namespace tessera::fapi
