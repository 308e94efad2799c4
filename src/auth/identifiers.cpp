#include "auth/identifiers.h"

#include <algorithm>
#include <cctype>

namespace tessera::auth {

std::string normalize_email(std::string_view email) {
  auto is_space = [](unsigned char c) { return std::isspace(c) != 0; };
  while (!email.empty() && is_space(email.front())) email.remove_prefix(1);
  while (!email.empty() && is_space(email.back())) email.remove_suffix(1);
  std::string out(email);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

bool is_valid_email(std::string_view email) {
  if (email.size() < 3 || email.size() > 254) return false;
  const auto at = email.find('@');
  if (at == std::string_view::npos || at == 0 || at > 64 || email.find('@', at + 1) != email.npos)
    return false;
  const auto domain = email.substr(at + 1);
  const auto dot = domain.rfind('.');
  if (dot == std::string_view::npos || dot == 0 || dot + 2 > domain.size()) return false;
  if (domain.front() == '.' || domain.front() == '-') return false;
  if (domain.find("..") != domain.npos || email.substr(0, at).find("..") != email.npos)
    return false;
  for (unsigned char c : email)
    if (c <= ' ' || c == 0x7f || c == '<' || c == '>' || c == '(' || c == ')' || c == ',' ||
        c == ';' || c == ':' || c == '\\' || c == '"' || c == '[' || c == ']')
      return false;
  return true;
}

std::string mask_email(std::string_view email) {
  const auto at = email.find('@');
  if (at == std::string_view::npos || at == 0) return std::string(email);
  return std::string(email.substr(0, 1)) + "***" + std::string(email.substr(at));
}

std::optional<std::string> normalize_phone(std::string_view phone) {
  std::string digits;
  bool plus = false;
  for (char c : phone) {
    if (c == '+' && digits.empty() && !plus) {
      plus = true;
    } else if (std::isdigit(static_cast<unsigned char>(c))) {
      digits.push_back(c);
    } else if (c != ' ' && c != '-' && c != '(' && c != ')' && c != '.') {
      return std::nullopt;
    }
  }
  if (!plus || digits.size() < 8 || digits.size() > 15 || digits.front() == '0')
    return std::nullopt;
  return "+" + digits;
}

std::string mask_phone(std::string_view e164) {
  if (e164.size() < 6) return std::string(e164);
  // Keep the country code's first digit and the last four, as Clerk does (+1*******0100).
  std::string out(e164.substr(0, 2));
  out.append(e164.size() - 6, '*');
  out.append(e164.substr(e164.size() - 4));
  return out;
}

bool is_test_email(std::string_view email) { return email.find("+clerk_test") != email.npos; }

// Clerk's test numbers are +1 (XXX) 555-0100 to 555-0199 for any area code: the 555-01xx lines
// are reserved for fiction in every North American area code, so no real phone is ever texted.
bool is_test_phone(std::string_view e164) {
  return e164.size() == 12 && e164.substr(0, 2) == "+1" && e164.substr(5, 5) == "55501";
}

}  // namespace tessera::auth
