#include "app/user_import/import_line.h"

#include <initializer_list>
#include <nlohmann/json.hpp>
#include <optional>

#include "auth/identifiers.h"
#include "crypto/legacy_hashes/imported_digest.h"

namespace tessera::app {
namespace {

using nlohmann::json;

struct LineError {
  std::string reason;
};

// The first of these keys that is present and not null.
const json* field(const json& object, std::initializer_list<const char*> names) {
  for (const char* name : names) {
    const auto it = object.find(name);
    if (it != object.end() && !it->is_null()) return &*it;
  }
  return nullptr;
}

std::string text_field(const json& object, std::initializer_list<const char*> names,
                       const char* label) {
  const json* value = field(object, names);
  if (value == nullptr) return "";
  if (!value->is_string()) throw LineError{std::string(label) + " must be a string"};
  return value->get<std::string>();
}

// A string, or an array of strings (Clerk's Backend API takes arrays).
std::vector<std::string> text_list(const json& object, std::initializer_list<const char*> names,
                                   const char* label) {
  const json* value = field(object, names);
  std::vector<std::string> out;
  if (value == nullptr) return out;
  if (value->is_string()) {
    out.push_back(value->get<std::string>());
    return out;
  }
  if (!value->is_array()) throw LineError{std::string(label) + " must be a string or an array"};
  for (const auto& item : *value) {
    if (!item.is_string()) throw LineError{std::string(label) + " must hold strings"};
    out.push_back(item.get<std::string>());
  }
  return out;
}

std::string email_of(const json& object) {
  const auto emails =
      text_list(object, {"email_address", "email_addresses", "email"}, "email_address");
  if (emails.empty()) throw LineError{"email_address missing"};
  if (emails.size() > 1) throw LineError{"more than one email address (only one is imported)"};
  const std::string email = auth::normalize_email(emails.front());
  if (!auth::is_valid_email(email)) throw LineError{"invalid email address"};
  return email;
}

std::vector<std::string> phones_of(const json& object) {
  std::vector<std::string> phones;
  for (const auto& raw :
       text_list(object, {"phone_number", "phone_numbers", "phone"}, "phone_number")) {
    const auto e164 = auth::normalize_phone(raw);
    if (!e164) throw LineError{"invalid phone number"};
    bool seen = false;
    for (const auto& p : phones) seen = seen || p == *e164;
    if (!seen) phones.push_back(*e164);
  }
  return phones;
}

std::string password_hash_of(const json& object) {
  const std::string digest =
      text_field(object, {"password_digest", "passwordDigest"}, "password_digest");
  const std::string hasher =
      text_field(object, {"password_hasher", "passwordHasher"}, "password_hasher");
  if (digest.empty()) {
    if (field(object, {"password"}) != nullptr)
      throw LineError{"plain-text passwords are not imported (give password_digest)"};
    throw LineError{"password_digest missing"};
  }
  if (hasher.empty()) throw LineError{"password_hasher missing"};
  if (!crypto::is_supported_import_hasher(hasher))
    throw LineError{
        "unsupported password_hasher (bcrypt, argon2i, argon2id, pbkdf2_sha256, "
        "pbkdf2_sha256_django, scrypt_firebase)"};
  auto stored = crypto::stored_hash_from_import(hasher, digest);
  if (!stored) throw LineError{"password_digest is not a valid " + hasher + " digest"};
  return std::move(*stored);
}

}  // namespace

std::variant<ImportedUser, ImportLineError> parse_import_line(std::string_view line) {
  const json object = json::parse(line, nullptr, /*allow_exceptions=*/false);
  if (object.is_discarded()) return ImportLineError{"invalid JSON"};
  if (!object.is_object()) return ImportLineError{"not a JSON object"};
  try {
    ImportedUser user;
    user.email = email_of(object);
    user.phones = phones_of(object);
    user.password_hash = password_hash_of(object);
    user.first_name = text_field(object, {"first_name", "firstName"}, "first_name");
    user.last_name = text_field(object, {"last_name", "lastName"}, "last_name");
    return user;
  } catch (const LineError& e) {
    return ImportLineError{e.reason};
  }
}

}  // namespace tessera::app
