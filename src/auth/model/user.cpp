#include "auth/model/user.h"

namespace tessera::auth {

const EmailAddress* UserRecord::primary_email() const {
  for (const auto& e : email_addresses)
    if (e.id == user.primary_email_address_id) return &e;
  return email_addresses.empty() ? nullptr : &email_addresses.front();
}

bool UserRecord::has_mfa_phone() const {
  for (const auto& p : phone_numbers)
    if (p.is_second_factor()) return true;
  return false;
}

}  // namespace tessera::auth
