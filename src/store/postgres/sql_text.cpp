#include "store/postgres/sql_text.h"

#include <cctype>

namespace tessera::store::postgres {
namespace {

std::string_view word_at(std::string_view sql, std::size_t pos) {
  while (pos < sql.size() && std::isspace(static_cast<unsigned char>(sql[pos]))) ++pos;
  std::size_t end = pos;
  while (end < sql.size() &&
         (std::isalnum(static_cast<unsigned char>(sql[end])) || sql[end] == '_'))
    ++end;
  return sql.substr(pos, end - pos);
}

}  // namespace

std::string number_placeholders(std::string_view sql) {
  std::string out;
  out.reserve(sql.size() + 16);
  int next = 0;
  char quote = 0;  // inside '…' or "…"
  bool comment = false;
  for (std::size_t i = 0; i < sql.size(); ++i) {
    const char c = sql[i];
    if (comment) {
      comment = c != '\n';
    } else if (quote != 0) {
      if (c == quote) quote = 0;  // a doubled quote closes and reopens: same result
    } else if (c == '\'' || c == '"') {
      quote = c;
    } else if (c == '-' && i + 1 < sql.size() && sql[i + 1] == '-') {
      comment = true;
    } else if (c == '?') {
      out += '$' + std::to_string(++next);
      continue;
    }
    out += c;
  }
  return out;
}

std::string describe(std::string_view sql) {
  const auto verb = word_at(sql, 0);
  std::string label(verb);
  if (verb == "UPDATE") return label + " " + std::string(word_at(sql, sql.find("UPDATE") + 6));
  for (const std::string_view keyword : {" INTO ", " FROM "}) {
    const auto at = sql.find(keyword);
    if (at != std::string_view::npos)
      return label + (verb == "SELECT" ? " … FROM " : std::string(keyword)) +
             std::string(word_at(sql, at + keyword.size()));
  }
  return label;
}

std::string refusing(std::string_view conditional_write, std::string_view refusal) {
  return "WITH written AS (" + std::string(conditional_write) +
         " RETURNING 1) SELECT tessera_refuse('" + std::string(refusal) +
         "') WHERE NOT EXISTS (SELECT 1 FROM written)";
}

}  // namespace tessera::store::postgres
