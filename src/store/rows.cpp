#include "store/rows.h"

#include <algorithm>
#include <sstream>

namespace tessera::store {

std::string placeholders(const std::string& columns) {
  const auto n = std::count(columns.begin(), columns.end(), ',') + 1;
  std::string text = "?";
  for (int i = 1; i < n; ++i) text += ", ?";
  return text;
}

std::string assignments(const std::string& columns) {
  std::string text;
  std::stringstream in(columns);
  for (std::string column; std::getline(in, column, ',');) {
    column.erase(0, column.find_first_not_of(' '));
    if (!text.empty()) text += ", ";
    text += column + " = ?";
  }
  return text;
}

std::string verification_columns(const std::string& prefix) {
  return prefix + "_status, " + prefix + "_strategy, " + prefix + "_attempts, " + prefix +
         "_expire_at, " + prefix + "_sent_at, " + prefix + "_code_hash, " + prefix + "_target_id";
}

std::string join_tasks(const std::vector<std::string>& tasks) {
  std::string joined;
  for (const auto& task : tasks) {
    if (!joined.empty()) joined += ',';
    joined += task;
  }
  return joined;
}

std::vector<std::string> split_tasks(const std::string& joined) {
  std::vector<std::string> tasks;
  std::stringstream in(joined);
  for (std::string task; std::getline(in, task, ',');)
    if (!task.empty()) tasks.push_back(task);
  return tasks;
}

const std::string& user_profile_columns() {
  static const std::string text =
      "password_hash, primary_email_address_id, primary_phone_number_id, first_name, last_name, "
      "username, totp_secret_sealed, totp_verified, totp_created_at, backup_code_salt, "
      "last_sign_in_at, mfa_enabled_at, created_at, updated_at";
  return text;
}

const std::string& user_counter_columns() {
  static const std::string text = "totp_last_step, failed_attempts, locked_until";
  return text;
}

const std::string& email_columns() {
  static const std::string text =
      "user_id, email, verified, verification_strategy, created_at, updated_at";
  return text;
}

const std::string& phone_columns() {
  static const std::string text =
      "user_id, phone, reserved_for_second_factor, default_second_factor, " +
      verification_columns("verification") + ", created_at, updated_at";
  return text;
}

const std::string& client_columns() {
  static const std::string text =
      "token_hash, sign_in_id, sign_up_id, last_active_session_id, created_at, updated_at";
  return text;
}

const std::string& sign_in_columns() {
  static const std::string text = "client_id, status, identifier, user_id, " +
                                  verification_columns("first_factor") + ", " +
                                  verification_columns("second_factor") +
                                  ", created_session_id, client_trust_state, created_at, "
                                  "updated_at, abandon_at, password_fails_policy";
  return text;
}

const std::string& sign_in_by_id_sql() {
  static const std::string text =
      "SELECT id, " + sign_in_columns() + ", version FROM sign_ins WHERE id = ?";
  return text;
}

const std::string& sign_up_columns() {
  static const std::string text =
      "client_id, status, email_address, password_hash, first_name, last_name, locale, " +
      verification_columns("email_verification") +
      ", created_user_id, created_session_id, created_at, updated_at, abandon_at";
  return text;
}

const std::string& session_columns() {
  static const std::string text =
      "client_id, user_id, status, tasks, first_factor_at, second_factor_at, last_active_at, "
      "expire_at, abandon_at, created_at, updated_at";
  return text;
}

const std::string& signing_key_columns() {
  static const std::string text = "private_key_sealed, public_key_pem, active, created_at";
  return text;
}

}  // namespace tessera::store
