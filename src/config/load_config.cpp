#include <algorithm>
#include <cctype>
#include <stdexcept>
#include <string_view>

#include "config/config.h"
#include "config/settings.h"
#include "config/toml_file.h"
#include "config/validate.h"
#include "config/value_text.h"

namespace tessera::config {
namespace {

using detail::Origins;
using detail::Setting;

constexpr std::string_view kEnvPrefix = "TESSERA_";

std::string lower(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

// Applies one textual value (environment or --set) to the setting `section.key`.
void apply_text(Config& config, Origins& origins, std::string_view section, std::string_view key,
                std::string_view value, const std::string& origin) {
  const Setting* setting = detail::find_setting(section, key);
  if (setting == nullptr) {
    throw ConfigError(origin + ": unknown setting " + std::string(section) + "." +
                      std::string(key));
  }
  try {
    detail::assign_from_text(setting->field(config), value);
  } catch (const std::invalid_argument& e) {
    throw ConfigError(origin + ": " + setting->name() + ": " + e.what());
  }
  origins[setting->name()] = origin;
}

// TESSERA_<SECTION>__<KEY>; other TESSERA_* variables (no "__") are not settings and are ignored.
void apply_environment(Config& config, Origins& origins,
                       const std::map<std::string, std::string>& environment) {
  for (const auto& [name, value] : environment) {
    if (!std::string_view(name).starts_with(kEnvPrefix)) continue;
    const std::string_view rest = std::string_view(name).substr(kEnvPrefix.size());
    const auto separator = rest.find("__");
    if (separator == std::string_view::npos) continue;
    apply_text(config, origins, lower(rest.substr(0, separator)), lower(rest.substr(separator + 2)),
               value, "environment variable " + name);
  }
}

void apply_overrides(Config& config, Origins& origins, const std::vector<std::string>& overrides) {
  for (const std::string& override_text : overrides) {
    const auto equals = override_text.find('=');
    const std::string_view name = std::string_view(override_text).substr(0, equals);
    const auto dot = name.find('.');
    if (equals == std::string::npos || dot == std::string_view::npos) {
      throw ConfigError("--set " + override_text + ": expected section.key=value");
    }
    apply_text(config, origins, name.substr(0, dot), name.substr(dot + 1),
               std::string_view(override_text).substr(equals + 1), "the command line");
  }
}

}  // namespace

Config load_config(const std::string& path, const std::vector<std::string>& overrides,
                   const std::map<std::string, std::string>& environment) {
  Config config;
  config.source_path = path;
  Origins origins;
  if (!path.empty()) detail::apply_toml_file(path, config, origins);
  apply_environment(config, origins, environment);
  apply_overrides(config, origins, overrides);
  detail::apply_derived_defaults(config, origins);
  detail::validate(config, origins);
  return config;
}

}  // namespace tessera::config
