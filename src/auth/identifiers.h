#pragma once
#include <optional>
#include <string>
#include <string_view>

namespace tessera::auth {

// Trimmed and lower-cased; the form in which addresses are stored and compared.
std::string normalize_email(std::string_view email);
// A practical check (local@domain.tld, no spaces, sane lengths), not full RFC 5322.
bool is_valid_email(std::string_view normalized_email);
// "a***@example.com", the form Clerk shows for a factor's safe_identifier.
std::string mask_email(std::string_view email);
// E.164 (+ and 8–15 digits) from what a person typed ("+1 (555) 555-0100"); nullopt if invalid.
std::optional<std::string> normalize_phone(std::string_view phone);
// "+1*******0100"
std::string mask_phone(std::string_view e164);
// Clerk's test identifiers: emails with "+clerk_test", phones +1 (any area code) 555 0100–0199.
bool is_test_email(std::string_view normalized_email);
bool is_test_phone(std::string_view e164);
inline constexpr std::string_view kTestCode = "424242";

}  // namespace tessera::auth
