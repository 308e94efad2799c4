#include "store/postgres/user_record_query.h"

namespace tessera::store::postgres {

const std::string& user_record_select_list() {
  static const std::string list = [] {
    auto aggregated = [](const std::string& table, const std::string& columns) {
      return "(SELECT COALESCE(json_agg(json_build_array(id, " + columns +
             ") ORDER BY created_at, id COLLATE \"C\"), '[]') FROM " + table +
             " WHERE user_id = users.id)";
    };
    return "id, " + user_profile_columns() + ", " + user_counter_columns() + ", " +
           aggregated("email_addresses", email_columns()) + ", " +
           aggregated("phone_numbers", phone_columns()) +
           ", (SELECT COUNT(*) FROM backup_codes WHERE user_id = users.id AND used_at IS NULL)";
  }();
  return list;
}

}  // namespace tessera::store::postgres
