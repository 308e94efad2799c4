#pragma once
#include <string>

#include "auth/model/user.h"
#include "store/postgres/json_rows.h"
#include "store/rows.h"

namespace tessera::store::postgres {

// The select list of a user record over the table `users`: the user's columns, then its email
// addresses and phone numbers aggregated as JSON, then its count of unused backup codes. One
// statement (and one snapshot) reads a user whole, also nested inside another aggregate.
const std::string& user_record_select_list();

// Reads what user_record_select_list() selects, from a Result row or a JsonRows row.
template <class Row>
auth::UserRecord read_user_record(Row& r) {
  auth::UserRecord record;
  record.user = read_user(r);
  JsonRows emails(r.next_text());
  while (emails.next()) record.email_addresses.push_back(read_email(emails));
  JsonRows phones(r.next_text());
  while (phones.next()) record.phone_numbers.push_back(read_phone(phones));
  record.backup_codes_remaining = r.next_int();
  return record;
}

}  // namespace tessera::store::postgres
