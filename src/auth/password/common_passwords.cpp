#include "auth/password/common_passwords.h"

#include <algorithm>
#include <cctype>
#include <string>
#include <unordered_set>

namespace tessera::auth {

extern const std::string_view kCommonPasswordsText;

namespace {

constexpr std::size_t kShortestAllowedPassword = 8;

std::string lower(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

const std::unordered_set<std::string>& common_passwords() {
  static const auto set = [] {
    std::unordered_set<std::string> words;
    std::string_view text = kCommonPasswordsText;
    while (!text.empty()) {
      const auto end = text.find('\n');
      auto line = text.substr(0, end);
      if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
      // No allowed password is shorter than 8 (config/validate.cpp): shorter entries could never
      // match, and leaving them out keeps the set to about half the list.
      if (line.size() >= kShortestAllowedPassword && line.front() != '#') words.insert(lower(line));
      if (end == std::string_view::npos) break;
      text.remove_prefix(end + 1);
    }
    return words;
  }();
  return set;
}

}  // namespace

bool is_common_password(std::string_view password) {
  return common_passwords().contains(lower(password));
}

}  // namespace tessera::auth
