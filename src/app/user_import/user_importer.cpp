#include "app/user_import/user_importer.h"

#include <algorithm>
#include <unordered_set>
#include <utility>
#include <variant>
#include <vector>

#include "app/user_import/import_line.h"
#include "auth/ids.h"

namespace tessera::app {
namespace {

// How identifiers created by an administrator are marked in Clerk.
constexpr const char* kImportedStrategy = "admin";

struct PendingUser {
  std::int64_t line_number;
  ImportedUser user;
};

bool is_blank(std::string_view line) {
  return line.find_first_not_of(" \t\r\n") == std::string_view::npos;
}

// The rows of one imported user, ids drawn.
struct NewUser {
  std::int64_t line_number = 0;
  auth::User user;
  auth::EmailAddress email;
  std::vector<auth::PhoneNumber> phones;
};

NewUser rows_of(const ImportTarget& target, PendingUser&& pending) {
  NewUser rows;
  rows.line_number = pending.line_number;
  ImportedUser& imported = pending.user;
  auth::User& user = rows.user;
  user.id = auth::new_id(target.random, "user");
  user.password_hash = std::move(imported.password_hash);
  user.first_name = std::move(imported.first_name);
  user.last_name = std::move(imported.last_name);
  user.created_at = user.updated_at = target.now_ms;

  auth::EmailAddress& email = rows.email;
  email.id = auth::new_id(target.random, "idn");
  email.user_id = user.id;
  email.email = std::move(imported.email);
  email.verified = true;
  email.verification_strategy = kImportedStrategy;
  email.created_at = email.updated_at = target.now_ms;
  user.primary_email_address_id = email.id;

  for (auto& number : imported.phones) {
    auth::PhoneNumber phone;
    phone.id = auth::new_id(target.random, "idn");
    phone.user_id = user.id;
    phone.phone = std::move(number);
    phone.verification.status = "verified";
    phone.verification.strategy = kImportedStrategy;
    phone.created_at = phone.updated_at = target.now_ms;
    rows.phones.push_back(std::move(phone));
  }
  if (!rows.phones.empty()) user.primary_phone_number_id = rows.phones.front().id;
  return rows;
}

void create(auth::Store& store, const NewUser& rows) {
  if (rows.phones.empty()) {
    store.create_user(rows.user, rows.email);  // one unit on its own
    return;
  }
  store.transaction([&](auth::Store& s) {  // a taken email must not leave phones behind
    s.create_user(rows.user, rows.email);
    for (const auto& phone : rows.phones) s.add_phone_number(phone);
  });
}

// Writes one batch in one transaction; the counts change only once it has committed. Rows go
// in user-id order: the indexes on users.id and email_addresses.user_id are then filled left to
// right, each page touched once per batch instead of once per user (random ids otherwise make
// a large import rewrite the same index pages over and over).
void write_batch(const ImportTarget& target, std::vector<PendingUser>& batch, ImportCounts& counts,
                 ImportListener& listener) {
  if (batch.empty()) return;
  // The first line with an address wins, as it would in file order.
  std::vector<std::int64_t> repeated;
  std::unordered_set<std::string> emails;
  std::vector<NewUser> rows;
  rows.reserve(batch.size());
  for (auto& pending : batch) {
    if (emails.insert(pending.user.email).second)
      rows.push_back(rows_of(target, std::move(pending)));
    else
      repeated.push_back(pending.line_number);
  }
  batch.clear();
  std::sort(rows.begin(), rows.end(),
            [](const NewUser& a, const NewUser& b) { return a.user.id < b.user.id; });
  std::vector<std::int64_t> taken;
  target.store.transaction([&](auth::Store& store) {
    taken = repeated;
    for (const auto& user : rows) {
      try {
        create(store, user);
      } catch (const auth::DuplicateError&) {
        taken.push_back(user.line_number);
      }
    }
  });
  counts.imported += static_cast<std::int64_t>(rows.size() + repeated.size() - taken.size());
  counts.skipped += static_cast<std::int64_t>(taken.size());
  std::sort(taken.begin(), taken.end());
  for (const auto line_number : taken)
    listener.skipped(line_number, "email address already exists");
}

}  // namespace

ImportCounts import_user_lines(std::istream& in, const ImportTarget& target,
                               ImportListener& listener) {
  ImportCounts counts;
  std::vector<PendingUser> batch;
  batch.reserve(target.batch_size);
  std::string line;
  std::int64_t line_number = 0;
  while (std::getline(in, line)) {
    ++line_number;
    if (is_blank(line)) continue;
    ++counts.lines;
    auto parsed = parse_import_line(line);
    if (auto* error = std::get_if<ImportLineError>(&parsed)) {
      ++counts.skipped;
      listener.skipped(line_number, error->reason);
    } else {
      batch.push_back({line_number, std::move(std::get<ImportedUser>(parsed))});
      if (batch.size() >= target.batch_size) write_batch(target, batch, counts, listener);
    }
    listener.progress(counts);
  }
  write_batch(target, batch, counts, listener);
  listener.progress(counts);
  return counts;
}

}  // namespace tessera::app
