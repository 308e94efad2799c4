#include "config/toml_file.h"

#include <toml++/toml.h>

#include <cstdint>
#include <filesystem>
#include <limits>
#include <stdexcept>

namespace tessera::config::detail {
namespace {

template <class... F>
struct Overloaded : F... {
  using F::operator()...;
};
template <class... F>
Overloaded(F...) -> Overloaded<F...>;

std::string type_name(const toml::node& node) {
  switch (node.type()) {
    case toml::node_type::table:
      return "a table";
    case toml::node_type::array:
      return "an array";
    case toml::node_type::string:
      return "a string";
    case toml::node_type::integer:
      return "an integer";
    case toml::node_type::floating_point:
      return "a float";
    case toml::node_type::boolean:
      return "a boolean";
    case toml::node_type::date:
    case toml::node_type::time:
    case toml::node_type::date_time:
      return "a date/time";
    default:
      return "nothing";
  }
}

[[noreturn]] void wrong_type(const toml::node& node, const std::string& expected) {
  throw std::invalid_argument("expected " + expected + ", got " + type_name(node));
}

template <class Int>
Int integer(const toml::node& node) {
  const auto* value = node.as_integer();
  if (value == nullptr) wrong_type(node, "an integer");
  const std::int64_t parsed = value->get();
  if (parsed < static_cast<std::int64_t>(std::numeric_limits<Int>::min()) ||
      (parsed > 0 && static_cast<std::uint64_t>(parsed) >
                         static_cast<std::uint64_t>(std::numeric_limits<Int>::max()))) {
    throw std::invalid_argument("integer out of range: " + std::to_string(parsed));
  }
  return static_cast<Int>(parsed);
}

// Strict: TOML has types, so "true" (a string) is not accepted for a boolean here.
void assign_from_node(FieldRef field, const toml::node& node) {
  std::visit(Overloaded{
                 [&](bool* f) {
                   const auto* value = node.as_boolean();
                   if (value == nullptr) wrong_type(node, "a boolean");
                   *f = value->get();
                 },
                 [&](int* f) { *f = integer<int>(node); },
                 [&](long* f) { *f = integer<long>(node); },
                 [&](std::size_t* f) { *f = integer<std::size_t>(node); },
                 [&](std::string* f) {
                   const auto* value = node.as_string();
                   if (value == nullptr) wrong_type(node, "a string");
                   *f = value->get();
                 },
                 [&](std::vector<std::string>* f) {
                   const auto* array = node.as_array();
                   if (array == nullptr) wrong_type(node, "an array of strings");
                   std::vector<std::string> items;
                   for (const auto& element : *array) {
                     const auto* value = element.as_string();
                     if (value == nullptr) wrong_type(element, "an array of strings, an element");
                     items.push_back(value->get());
                   }
                   *f = std::move(items);
                 },
             },
             field);
}

std::string where(const std::string& path, const toml::source_region& source) {
  return path + ":" + std::to_string(source.begin.line);
}

toml::table parse(const std::string& path) {
  std::error_code error;
  if (!std::filesystem::is_regular_file(path, error)) {
    throw ConfigError(path + ": configuration file not found");
  }
  try {
    return toml::parse_file(path);
  } catch (const toml::parse_error& e) {
    throw ConfigError(where(path, e.source()) + ": invalid TOML: " + std::string(e.description()));
  }
}

}  // namespace

void apply_toml_file(const std::string& path, Config& config, Origins& origins) {
  const toml::table root = parse(path);
  for (const auto& [section, table_node] : root) {
    const std::string section_name(section.str());
    const auto* table = table_node.as_table();
    if (table == nullptr) {
      throw ConfigError(where(path, section.source()) + ": unknown setting " + section_name +
                        " outside any section; settings go in [server], [database], [auth], "
                        "[limits], [email], [sms], [security] or [dev]");
    }
    if (!is_section(section_name)) {
      throw ConfigError(where(path, section.source()) + ": unknown section [" + section_name + "]");
    }
    for (const auto& [key, node] : *table) {
      const Setting* setting = find_setting(section_name, key.str());
      const std::string origin = where(path, key.source());
      if (setting == nullptr) {
        throw ConfigError(origin + ": unknown setting " + section_name + "." +
                          std::string(key.str()));
      }
      try {
        assign_from_node(setting->field(config), node);
      } catch (const std::invalid_argument& e) {
        throw ConfigError(origin + ": " + setting->name() + ": " + e.what());
      }
      origins[setting->name()] = origin;
    }
  }
}

}  // namespace tessera::config::detail
