#pragma once
#include <cstddef>
#include <map>
#include <span>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "config/config.h"

// The one table of settings, shared by the TOML file, the environment, --set and the summary, so a
// new field is added in exactly one place.
namespace tessera::config::detail {

// A typed pointer to one field inside a Config.
using FieldRef =
    std::variant<bool*, int*, long*, std::size_t*, std::string*, std::vector<std::string>*>;

struct Setting {
  std::string_view section;
  std::string_view key;
  FieldRef (*field)(Config&);
  bool secret = false;  // never printed

  std::string name() const { return std::string(section) + "." + std::string(key); }
};

std::span<const Setting> settings();
const Setting* find_setting(std::string_view section, std::string_view key);
bool is_section(std::string_view section);

// Where each explicitly set value came from ("tessera.toml:12", "environment variable ...",
// "the command line"), keyed by "section.key". Absent = built-in default.
using Origins = std::map<std::string, std::string>;

}  // namespace tessera::config::detail
