#include "store/postgres/store_url.h"

#include <charconv>
#include <stdexcept>
#include <string_view>

namespace tessera::store::postgres {
namespace {

int parse_count(std::string_view text, int min, int max, const char* error) {
  int n = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
  if (ec != std::errc() || end != text.data() + text.size() || n < min || n > max)
    throw std::invalid_argument(error);
  return n;
}

}  // namespace

StoreUrl parse_store_url(const std::string& url, int default_pool, int default_client_cache) {
  StoreUrl out{url, default_pool, default_client_cache};
  const auto question = url.find('?');
  if (question == std::string::npos) return out;
  // Parameters end where a fragment begins (libpq has none, but keep it intact).
  const auto hash = url.find('#', question);
  const std::string_view query = std::string_view(url).substr(
      question + 1, hash == std::string::npos ? std::string::npos : hash - question - 1);
  std::string kept;
  std::size_t start = 0;
  while (start <= query.size()) {
    auto amp = query.find('&', start);
    if (amp == std::string_view::npos) amp = query.size();
    const auto param = query.substr(start, amp - start);
    if (param.starts_with("pool=")) {
      out.pool_size = parse_count(param.substr(5), 1, 1000,
                                  "store: the database URL's pool parameter must be 1 to 1000");
    } else if (param.starts_with("client_cache=")) {
      out.client_cache =
          parse_count(param.substr(13), 0, 1000000,
                      "store: the database URL's client_cache parameter must be 0 to 1000000");
    } else if (!param.empty()) {
      if (!kept.empty()) kept += '&';
      kept += param;
    }
    start = amp + 1;
  }
  out.conninfo = url.substr(0, question);
  if (!kept.empty()) out.conninfo += "?" + kept;
  if (hash != std::string::npos) out.conninfo += url.substr(hash);
  return out;
}

}  // namespace tessera::store::postgres
