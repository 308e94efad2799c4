#include "fapi/npm_assets.h"

#include <algorithm>
#include <cctype>

namespace tessera::fapi {
namespace {

constexpr std::string_view kPrefix = "/npm/@clerk/";

bool is_package_name(std::string_view name) {
  return !name.empty() && std::all_of(name.begin(), name.end(), [](unsigned char c) {
    return std::islower(c) || std::isdigit(c) || c == '-';
  });
}

}  // namespace

std::optional<std::string> npm_asset_path(std::string_view url_path) {
  if (url_path.substr(0, kPrefix.size()) != kPrefix) return std::nullopt;
  auto rest = url_path.substr(kPrefix.size());  // "clerk-js@6.40.0/dist/clerk.browser.js"
  const auto slash = rest.find('/');
  if (slash == std::string_view::npos) return std::nullopt;
  const auto package = rest.substr(0, slash);
  const auto at = package.find('@');
  if (at == std::string_view::npos) return std::nullopt;
  const auto name = package.substr(0, at);
  const auto version = package.substr(at + 1);
  const auto major = version.substr(0, version.find('.'));
  if (!is_package_name(name) || major.empty() || major.size() > 4 ||
      !std::all_of(major.begin(), major.end(), [](unsigned char c) { return std::isdigit(c); }))
    return std::nullopt;
  return std::string(kPrefix) + std::string(name) + "@" + std::string(major) +
         std::string(rest.substr(slash));
}

}  // namespace tessera::fapi
