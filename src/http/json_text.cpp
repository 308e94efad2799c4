#include "http/json_text.h"

#include <array>
#include <charconv>
#include <string_view>

namespace tessera::http {
namespace {

using Json = nlohmann::json;

class JsonWriter {
 public:
  JsonWriter(std::string& out, Json::error_handler_t on_invalid_utf8)
      : out_(out), on_invalid_utf8_(on_invalid_utf8) {}

  void value(const Json& v) {
    switch (v.type()) {
      case Json::value_t::null:
        out_ += "null";
        return;
      case Json::value_t::boolean:
        out_ += v.get_ref<const Json::boolean_t&>() ? "true" : "false";
        return;
      case Json::value_t::number_integer:
        integer(v.get_ref<const Json::number_integer_t&>());
        return;
      case Json::value_t::number_unsigned:
        integer(v.get_ref<const Json::number_unsigned_t&>());
        return;
      case Json::value_t::string:
        string(v.get_ref<const Json::string_t&>());
        return;
      case Json::value_t::array:
        array(v.get_ref<const Json::array_t&>());
        return;
      case Json::value_t::object:
        object(v.get_ref<const Json::object_t&>());
        return;
      default:  // floats, binary, discarded: rare, and their formats are nlohmann's own
        out_ += v.dump(-1, ' ', false, on_invalid_utf8_);
        return;
    }
  }

 private:
  template <typename Integer>
  void integer(Integer n) {
    std::array<char, 24> digits;
    auto end = std::to_chars(digits.data(), digits.data() + digits.size(), n).ptr;
    out_.append(digits.data(), end);
  }

  void array(const Json::array_t& items) {
    out_ += '[';
    for (std::size_t i = 0; i < items.size(); ++i) {
      if (i != 0) out_ += ',';
      value(items[i]);
    }
    out_ += ']';
  }

  void object(const Json::object_t& members) {
    out_ += '{';
    bool first = true;
    for (const auto& [key, member] : members) {
      if (!first) out_ += ',';
      first = false;
      string(key);
      out_ += ':';
      value(member);
    }
    out_ += '}';
  }

  // A string value or an object's key. Only the rare non-ASCII one is copied into a node of its
  // own, for nlohmann to write.
  void string(const std::string& text) {
    if (!ascii_string(text)) out_ += Json(text).dump(-1, ' ', false, on_invalid_utf8_);
  }

  // Writes text quoted and escaped as nlohmann does (\b \t \n \f \r, \" \\, other control
  // characters as \u00xx in lower case, '/' and DEL as they are). false, with nothing written,
  // when text has a byte outside ASCII.
  bool ascii_string(std::string_view text) {
    const std::size_t start = out_.size();
    out_ += '"';
    std::size_t run = 0;
    for (std::size_t i = 0; i < text.size(); ++i) {
      const auto byte = static_cast<unsigned char>(text[i]);
      if (byte >= 0x80) {
        out_.resize(start);
        return false;
      }
      if (byte >= 0x20 && byte != '"' && byte != '\\') continue;
      out_.append(text.data() + run, i - run);
      run = i + 1;
      escape(byte);
    }
    out_.append(text.data() + run, text.size() - run);
    out_ += '"';
    return true;
  }

  void escape(unsigned char byte) {
    switch (byte) {
      case '"':
        out_ += "\\\"";
        return;
      case '\\':
        out_ += "\\\\";
        return;
      case '\b':
        out_ += "\\b";
        return;
      case '\t':
        out_ += "\\t";
        return;
      case '\n':
        out_ += "\\n";
        return;
      case '\f':
        out_ += "\\f";
        return;
      case '\r':
        out_ += "\\r";
        return;
      default:
        static constexpr char kHex[] = "0123456789abcdef";
        out_ += "\\u00";
        out_ += kHex[byte >> 4];
        out_ += kHex[byte & 0xF];
        return;
    }
  }

  std::string& out_;
  const Json::error_handler_t on_invalid_utf8_;
};

}  // namespace

std::string json_text(const nlohmann::json& value,
                      nlohmann::json::error_handler_t on_invalid_utf8) {
  std::string out;
  out.reserve(1024);
  JsonWriter(out, on_invalid_utf8).value(value);
  return out;
}

}  // namespace tessera::http
