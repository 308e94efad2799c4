#include "delivery/quoted_printable.h"

namespace tessera::delivery {
namespace {

constexpr std::size_t kMaxLine = 76;  // including a soft break's '='

std::string escaped(unsigned char c) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  return {'=', kHex[c >> 4], kHex[c & 0x0f]};
}

void encode_line(std::string_view line, std::string& out) {
  std::size_t column = 0;
  for (std::size_t i = 0; i < line.size(); ++i) {
    const auto c = static_cast<unsigned char>(line[i]);
    const bool last = i + 1 == line.size();
    const bool literal = (c >= 33 && c <= 126 && c != '=') || ((c == ' ' || c == '\t') && !last);
    std::string token = literal ? std::string(1, static_cast<char>(c)) : escaped(c);
    // Leave room for the soft break's '=' unless this token ends the line.
    const std::size_t limit = last ? kMaxLine : kMaxLine - 1;
    if (column + token.size() > limit) {
      out += "=\r\n";
      column = 0;
    }
    if (c == '.' && column == 0) token = escaped(c);  // never a '.' at the start of a line
    out += token;
    column += token.size();
  }
  out += "\r\n";
}

}  // namespace

std::string quoted_printable_encode(std::string_view text) {
  std::string out;
  std::size_t begin = 0;
  while (begin <= text.size()) {
    std::size_t end = text.find('\n', begin);
    const bool final_piece = end == std::string_view::npos;
    if (final_piece) end = text.size();
    std::string_view line = text.substr(begin, end - begin);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (final_piece && line.empty()) break;  // text ended with a line break (or is empty)
    encode_line(line, out);
    begin = end + 1;
  }
  return out;
}

}  // namespace tessera::delivery
