#include "fapi/handshake.h"

#include <algorithm>
#include <cctype>

#include "http/cookies.h"
#include "http/detail/ascii.h"

namespace tessera::fapi {
namespace {

constexpr long kYearSeconds = 365L * 24 * 3600;

bool is_ip_literal(std::string_view host) {
  return host.find(':') != std::string_view::npos ||
         std::all_of(host.begin(), host.end(), [](char c) {
           return c == '.' || std::isdigit(static_cast<unsigned char>(c));
         });
}

}  // namespace

std::vector<std::string> handshake_directives(const HandshakeState& state,
                                              const HandshakeCookieOptions& options) {
  std::vector<std::string> out;
  // SameSite=Lax: the browser arrives back from the Frontend API by a top-level redirect.
  const auto add = [&](const std::string& name, const std::string& value, long max_age) {
    for (const auto& cookie_name :
         options.suffix.empty() ? std::vector<std::string>{name}
                                : std::vector<std::string>{name + "_" + options.suffix, name}) {
      http::SetCookie cookie;
      cookie.name = cookie_name;
      cookie.value = value;
      cookie.max_age_seconds = max_age;
      cookie.http_only = false;  // clerk-js reads and replaces them
      cookie.secure = options.secure;
      out.push_back(cookie.to_string());
    }
  };
  const bool signed_in = !state.session_token.empty();
  add("__session", state.session_token, signed_in ? kYearSeconds : 0);
  add("__client_uat", signed_in ? std::to_string(state.client_uat) : "0", kYearSeconds);
  if (!state.dev_browser.empty()) add("__clerk_db_jwt", state.dev_browser, kYearSeconds);
  return out;
}

std::optional<std::string> shared_cookie_domain(std::string_view host_a, std::string_view host_b) {
  const auto a = http::detail::ascii_lowered(host_a), b = http::detail::ascii_lowered(host_b);
  if (a == b || is_ip_literal(a) || is_ip_literal(b)) return std::nullopt;
  // The longest common suffix made of whole labels.
  std::size_t common = 0;
  while (common < a.size() && common < b.size() &&
         a[a.size() - 1 - common] == b[b.size() - 1 - common])
    ++common;
  std::string_view suffix = std::string_view(a).substr(a.size() - common);
  const auto whole_label = [&](const std::string& host) {
    return host.size() == suffix.size() || host[host.size() - suffix.size() - 1] == '.';
  };
  while (!suffix.empty() && (!whole_label(a) || !whole_label(b) || suffix.front() == '.')) {
    const auto dot = suffix.find('.');
    if (dot == std::string_view::npos) return std::nullopt;
    suffix.remove_prefix(dot + 1);
  }
  if (suffix.find('.') == std::string_view::npos) return std::nullopt;  // "com", "localhost"
  return std::string(suffix);
}

}  // namespace tessera::fapi
