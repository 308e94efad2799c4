#include "config/validate.h"

#include <arpa/inet.h>

#include <algorithm>
#include <set>
#include <string_view>

#include "config/base64.h"

namespace tessera::config::detail {
namespace {

constexpr std::string_view kDefaultFrontendHost = "clerk.tessera.test$";
constexpr long kDay = 24 * 3600;

bool starts_with_any(std::string_view text, std::initializer_list<std::string_view> prefixes) {
  return std::any_of(prefixes.begin(), prefixes.end(),
                     [&](std::string_view p) { return text.starts_with(p); });
}

// scheme://rest with a non-empty rest.
bool is_url(std::string_view text, std::initializer_list<std::string_view> schemes) {
  for (std::string_view scheme : schemes) {
    if (text.starts_with(scheme) && text.size() > scheme.size()) return true;
  }
  return false;
}

// Clerk's rule (packages/shared keys.ts): pk_test_|pk_live_ + base64("<host>$"), host with a dot.
bool is_valid_publishable_key(std::string_view key) {
  if (!starts_with_any(key, {"pk_test_", "pk_live_"})) return false;
  const auto decoded = base64_decode(key.substr(8));
  if (!decoded || decoded->size() < 2 || decoded->back() != '$') return false;
  const std::string_view host(decoded->data(), decoded->size() - 1);
  return host.find('$') == std::string_view::npos && host.find('.') != std::string_view::npos;
}

bool is_ip_address(const std::string& text) {
  unsigned char bytes[sizeof(in6_addr)];
  return inet_pton(AF_INET, text.c_str(), bytes) == 1 ||
         inet_pton(AF_INET6, text.c_str(), bytes) == 1;
}

class Checker {
 public:
  Checker(const Config& config, const Origins& origins) : config_(config), origins_(origins) {}

  void check(bool ok, std::string_view setting, const std::string& problem) const {
    if (ok) return;
    const auto origin = origins_.find(std::string(setting));
    const std::string from = origin == origins_.end() ? "the built-in default" : origin->second;
    throw ConfigError(std::string(setting) + ": " + problem + " (from " + from + ")");
  }

  template <class Int>
  void range(Int value, std::string_view setting, long long low, long long high) const {
    const auto v = static_cast<long long>(value);
    check(v >= low && v <= high, setting,
          "must be between " + std::to_string(low) + " and " + std::to_string(high) + ", got " +
              std::to_string(v));
  }

  void server() const {
    const ServerConfig& s = config_.server;
    check(!s.host.empty(), "server.host", "must not be empty");
    range(s.port, "server.port", 0, 65535);
    check(is_url(s.public_url, {"http://", "https://"}), "server.public_url",
          "must be an http:// or https:// URL, got \"" + s.public_url + "\"");
    for (const std::string& origin : s.allowed_origins) {
      const bool ok = is_url(origin, {"http://", "https://"}) &&
                      origin.find('/', origin.find("://") + 3) == std::string::npos;
      check(ok, "server.allowed_origins",
            "each entry must be an origin like https://app.example.com (scheme, host, optional "
            "port; no path or trailing slash), got \"" +
                origin + "\"");
    }
    for (const std::string& proxy : s.trusted_proxies) {
      check(
          is_ip_address(proxy), "server.trusted_proxies",
          "each entry must be an IPv4 or IPv6 address (no ranges, no port), got \"" + proxy + "\"");
    }
    range(s.io_threads, "server.io_threads", 0, 256);
    range(s.worker_threads, "server.worker_threads", 0, 1024);
    range(s.max_body_bytes, "server.max_body_bytes", 1024, 16 * 1024 * 1024);
    check(is_valid_publishable_key(s.publishable_key), "server.publishable_key",
          "must be pk_test_ or pk_live_ followed by base64 of \"<host with a dot>$\"");
  }

  void database() const {
    const std::string& url = config_.database.url;
    check(is_url(url, {"sqlite://", "postgres://", "postgresql://"}), "database.url",
          "must be sqlite://<file>, postgres://... or a file path");  // not echoed: may hold a
                                                                      // password
  }

  void auth() const {
    const AuthConfig& a = config_.auth;
    check(!a.application_name.empty(), "auth.application_name", "must not be empty");
    check(a.email_address_enabled, "auth.email_address_enabled",
          "the email address is the only identifier supported and cannot be disabled");
    check(a.email_verification == "email_code", "auth.email_verification",
          "only \"email_code\" is supported, got \"" + a.email_verification + "\"");
    std::set<std::string> seen;
    for (const std::string& factor : a.second_factors) {
      check(factor == "phone_code" || factor == "totp" || factor == "backup_code",
            "auth.second_factors",
            "unknown factor \"" + factor + "\" (allowed: phone_code, totp, backup_code)");
      check(seen.insert(factor).second, "auth.second_factors",
            "\"" + factor + "\" is listed twice");
    }
    check(!a.require_mfa || !a.second_factors.empty(), "auth.require_mfa",
          "cannot be true when auth.second_factors is empty (users could never set up MFA)");
    range(a.password_min_length, "auth.password_min_length", 8, 72);
    // 72: Clerk's ceiling, which clerk-js also applies to the instance's max_length.
    range(a.password_max_length, "auth.password_max_length", a.password_min_length, 72);
    range(a.session_lifetime_seconds, "auth.session_lifetime_seconds", 60, 3650 * kDay);
    range(a.token_lifetime_seconds, "auth.token_lifetime_seconds", 1,
          std::min(kDay, a.session_lifetime_seconds));
    range(a.sign_in_lifetime_seconds, "auth.sign_in_lifetime_seconds", 1, 7 * kDay);
    range(a.code_lifetime_seconds, "auth.code_lifetime_seconds", 1, kDay);
    range(a.code_max_attempts, "auth.code_max_attempts", 1, 10);
    range(a.backup_code_count, "auth.backup_code_count", 1, 100);
  }

  void limits() const {
    const LimitsConfig& l = config_.limits;
    range(l.lockout_attempts, "limits.lockout_attempts", 5, 1000);
    range(l.lockout_seconds, "limits.lockout_seconds", 1, 365 * kDay);
    range(l.resend_cooldown_seconds, "limits.resend_cooldown_seconds", 0, 3600);
    range(l.create_per_10s, "limits.create_per_10s", 1, 100000);
    range(l.attempts_per_10s, "limits.attempts_per_10s", 1, 100000);
  }

  void delivery() const {
    const EmailConfig& e = config_.email;
    check(e.delivery == "log" || e.delivery == "smtp", "email.delivery",
          "must be \"log\" or \"smtp\", got \"" + e.delivery + "\"");
    check(!e.from.empty(), "email.from", "must not be empty");
    if (e.delivery == "smtp") {
      check(is_url(e.smtp_url, {"smtp://", "smtps://"}), "email.smtp_url",
            "must be smtp://host:port or smtps://host:port when email.delivery is \"smtp\"");
    }
    const SmsConfig& s = config_.sms;
    check(s.delivery == "log" || s.delivery == "http", "sms.delivery",
          "must be \"log\" or \"http\", got \"" + s.delivery + "\"");
    if (s.delivery == "http") {
      check(is_url(s.api_url, {"http://", "https://"}), "sms.api_url",
            "must be an http:// or https:// URL when sms.delivery is \"http\"");
    }
  }

  void security() const {
    range(config_.security.signing_key_refresh_seconds, "security.signing_key_refresh_seconds", 1,
          3600);
    const std::string& secret = config_.security.secret_key;
    check(secret.empty() || ((secret.starts_with("sk_test_") || secret.starts_with("sk_live_")) &&
                             secret.size() >= 16),
          "security.secret_key", "must be sk_test_ or sk_live_ followed by at least 8 characters");
    const std::string& key = config_.security.instance_key;
    if (key.empty()) return;
    const auto decoded = base64_decode(key);
    // Never echo the key itself: it is a secret.
    check(decoded && decoded->size() == 32, "security.instance_key",
          "must be the base64 encoding of exactly 32 bytes (e.g. `openssl rand -base64 32`)");
  }

 private:
  const Config& config_;
  const Origins& origins_;
};

}  // namespace

void apply_derived_defaults(Config& config, const Origins& origins) {
  if (!origins.contains("auth.require_mfa")) {
    config.auth.require_mfa = !config.auth.second_factors.empty();
  }
  if (config.server.public_url.empty()) {
    config.server.public_url = "http://localhost:" + std::to_string(config.server.port);
  }
  while (config.server.public_url.size() > 1 && config.server.public_url.back() == '/' &&
         !config.server.public_url.ends_with("://")) {
    config.server.public_url.pop_back();
  }
  if (config.server.publishable_key.empty()) {
    config.server.publishable_key = "pk_live_" + base64_encode_unpadded(kDefaultFrontendHost);
  }
  std::string& url = config.database.url;
  if (!url.empty() && url.find("://") == std::string::npos) url = "sqlite://" + url;
}

void validate(const Config& config, const Origins& origins) {
  const Checker checker(config, origins);
  checker.server();
  checker.database();
  checker.auth();
  checker.limits();
  checker.delivery();
  checker.security();
}

}  // namespace tessera::config::detail
