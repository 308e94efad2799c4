#pragma once
#include <optional>
#include <string>
#include <string_view>

namespace tessera::crypto {

// AES-256-GCM with a random 96-bit nonce per message. Sealed text is printable:
// "v1." + base64url(nonce || ciphertext || tag). `associated` binds the ciphertext to a context
// (e.g. the user id) so it cannot be moved to another row.
class SecretBox {
 public:
  explicit SecretBox(std::string key32);  // throws std::invalid_argument unless 32 bytes
  std::string seal(std::string_view plaintext, std::string_view associated = {}) const;
  std::optional<std::string> open(std::string_view sealed, std::string_view associated = {}) const;

 private:
  std::string key_;
};

}  // namespace tessera::crypto
