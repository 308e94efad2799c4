#pragma once
#include <string>
#include <string_view>

namespace tessera::delivery {

// RFC 2045 §6.7 quoted-printable for a text body part. Line breaks in `text` ("\n" or "\r\n")
// become CRLF hard breaks; lines are soft-wrapped at 76 characters; a leading '.' and trailing
// white space are encoded so no relay can alter them. The output ends in CRLF.
std::string quoted_printable_encode(std::string_view text);

}  // namespace tessera::delivery
