#include "config/value_text.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cstdint>
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

std::string_view trim(std::string_view text) {
  auto blank = [](char c) { return std::isspace(static_cast<unsigned char>(c)) != 0; };
  while (!text.empty() && blank(text.front())) text.remove_prefix(1);
  while (!text.empty() && blank(text.back())) text.remove_suffix(1);
  return text;
}

std::string lower(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

bool parse_bool(std::string_view text) {
  const std::string value = lower(trim(text));
  if (value == "true" || value == "1" || value == "yes" || value == "on") return true;
  if (value == "false" || value == "0" || value == "no" || value == "off") return false;
  throw std::invalid_argument("expected a boolean (true/false/1/0/yes/no/on/off), got \"" +
                              std::string(text) + "\"");
}

template <class Int>
Int parse_integer(std::string_view text) {
  const std::string_view value = trim(text);
  std::int64_t parsed = 0;
  auto [end, error] = std::from_chars(value.data(), value.data() + value.size(), parsed);
  if (value.empty() || error != std::errc{} || end != value.data() + value.size()) {
    throw std::invalid_argument("expected an integer, got \"" + std::string(text) + "\"");
  }
  if (parsed < static_cast<std::int64_t>(std::numeric_limits<Int>::min()) ||
      static_cast<std::uint64_t>(std::max<std::int64_t>(parsed, 0)) >
          static_cast<std::uint64_t>(std::numeric_limits<Int>::max())) {
    throw std::invalid_argument("integer out of range: " + std::string(value));
  }
  return static_cast<Int>(parsed);
}

std::vector<std::string> parse_list(std::string_view text) {
  std::vector<std::string> items;
  while (true) {
    const auto comma = text.find(',');
    const auto item = trim(text.substr(0, comma));
    if (!item.empty()) items.emplace_back(item);
    if (comma == std::string_view::npos) break;
    text.remove_prefix(comma + 1);
  }
  return items;
}

}  // namespace

void assign_from_text(FieldRef field, std::string_view text) {
  std::visit(Overloaded{
                 [&](bool* f) { *f = parse_bool(text); },
                 [&](int* f) { *f = parse_integer<int>(text); },
                 [&](long* f) { *f = parse_integer<long>(text); },
                 [&](std::size_t* f) { *f = parse_integer<std::size_t>(text); },
                 [&](std::string* f) { *f = std::string(text); },
                 [&](std::vector<std::string>* f) { *f = parse_list(text); },
             },
             field);
}

std::string render(FieldRef field) {
  return std::visit(Overloaded{
                        [](bool* f) -> std::string { return *f ? "true" : "false"; },
                        [](int* f) { return std::to_string(*f); },
                        [](long* f) { return std::to_string(*f); },
                        [](std::size_t* f) { return std::to_string(*f); },
                        [](std::string* f) { return "\"" + *f + "\""; },
                        [](std::vector<std::string>* f) {
                          std::string out = "[";
                          for (std::size_t i = 0; i < f->size(); ++i) {
                            out += (i ? ", " : "") + (*f)[i];
                          }
                          return out + "]";
                        },
                    },
                    field);
}

}  // namespace tessera::config::detail
