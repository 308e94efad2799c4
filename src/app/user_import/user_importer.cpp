#include "app/user_import/user_importer.h"

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

void create(auth::Store& store, const ImportTarget& target, const ImportedUser& imported) {
  auth::User user;
  user.id = auth::new_id(target.random, "user");
  user.password_hash = imported.password_hash;
  user.first_name = imported.first_name;
  user.last_name = imported.last_name;
  user.created_at = user.updated_at = target.now_ms;

  auth::EmailAddress email;
  email.id = auth::new_id(target.random, "idn");
  email.user_id = user.id;
  email.email = imported.email;
  email.verified = true;
  email.verification_strategy = kImportedStrategy;
  email.created_at = email.updated_at = target.now_ms;
  user.primary_email_address_id = email.id;

  std::vector<auth::PhoneNumber> phones;
  for (const auto& number : imported.phones) {
    auth::PhoneNumber phone;
    phone.id = auth::new_id(target.random, "idn");
    phone.user_id = user.id;
    phone.phone = number;
    phone.verification.status = "verified";
    phone.verification.strategy = kImportedStrategy;
    phone.created_at = phone.updated_at = target.now_ms;
    phones.push_back(std::move(phone));
  }
  if (phones.empty()) {
    store.create_user(user, email);  // one unit on its own
    return;
  }
  user.primary_phone_number_id = phones.front().id;
  store.transaction([&](auth::Store& s) {  // a taken email must not leave phones behind
    s.create_user(user, email);
    for (const auto& phone : phones) s.add_phone_number(phone);
  });
}

// Writes one batch in one transaction; the counts change only once it has committed.
void write_batch(const ImportTarget& target, std::vector<PendingUser>& batch, ImportCounts& counts,
                 ImportListener& listener) {
  if (batch.empty()) return;
  std::vector<std::int64_t> taken;
  target.store.transaction([&](auth::Store& store) {
    taken.clear();
    for (const auto& pending : batch) {
      try {
        create(store, target, pending.user);
      } catch (const auth::DuplicateError&) {
        taken.push_back(pending.line_number);
      }
    }
  });
  counts.imported += static_cast<std::int64_t>(batch.size() - taken.size());
  counts.skipped += static_cast<std::int64_t>(taken.size());
  for (const auto line_number : taken)
    listener.skipped(line_number, "email address already exists");
  batch.clear();
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
