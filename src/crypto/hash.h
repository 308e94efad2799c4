#pragma once
#include <string>
#include <string_view>

namespace tessera::crypto {

std::string sha1(std::string_view data);  // raw 20 bytes
std::string sha256(std::string_view data);  // raw 32 bytes
std::string hmac_sha1(std::string_view key, std::string_view data);
std::string hmac_sha256(std::string_view key, std::string_view data);
std::string hmac_sha512(std::string_view key, std::string_view data);
// Equal length and content, in time that depends only on the lengths.
bool constant_time_equal(std::string_view a, std::string_view b);

}  // namespace tessera::crypto
