#include "fapi/client_ip.h"

#include <arpa/inet.h>

#include <algorithm>
#include <optional>
#include <string_view>

namespace tessera::fapi {
namespace {

std::string_view trim(std::string_view text) {
  const auto begin = text.find_first_not_of(" \t");
  if (begin == std::string_view::npos) return {};
  const auto end = text.find_last_not_of(" \t");
  return text.substr(begin, end - begin + 1);
}

// The canonical text of an IP address (IPv4-mapped IPv6 as IPv4), or nullopt if `text` is not
// one. "[v6]" brackets are accepted.
std::optional<std::string> canonical_ip(std::string_view text) {
  text = trim(text);
  if (text.size() > 2 && text.front() == '[' && text.back() == ']')
    text = text.substr(1, text.size() - 2);
  if (text.empty() || text.size() >= INET6_ADDRSTRLEN) return std::nullopt;
  const std::string copy(text);
  char out[INET6_ADDRSTRLEN];
  in_addr v4{};
  if (inet_pton(AF_INET, copy.c_str(), &v4) == 1)
    return std::string(inet_ntop(AF_INET, &v4, out, sizeof out));
  in6_addr v6{};
  if (inet_pton(AF_INET6, copy.c_str(), &v6) != 1) return std::nullopt;
  if (IN6_IS_ADDR_V4MAPPED(&v6)) {
    std::copy_n(v6.s6_addr + 12, 4, reinterpret_cast<unsigned char*>(&v4.s_addr));
    return std::string(inet_ntop(AF_INET, &v4, out, sizeof out));
  }
  return std::string(inet_ntop(AF_INET6, &v6, out, sizeof out));
}

bool is_trusted(const std::string& ip, const std::vector<std::string>& trusted_proxies) {
  return std::any_of(trusted_proxies.begin(), trusted_proxies.end(),
                     [&](const std::string& proxy) { return canonical_ip(proxy) == ip; });
}

// Every X-Forwarded-For header, in order, joined as one comma-separated list.
std::vector<std::string_view> forwarded_hops(const http::Request& request) {
  std::vector<std::string_view> hops;
  for (const auto& [name, value] : request.headers) {
    if (name != "x-forwarded-for") continue;
    std::string_view rest = value;
    while (true) {
      const auto comma = rest.find(',');
      hops.push_back(rest.substr(0, comma));
      if (comma == std::string_view::npos) break;
      rest.remove_prefix(comma + 1);
    }
  }
  return hops;
}

}  // namespace

std::string client_ip(const http::Request& request,
                      const std::vector<std::string>& trusted_proxies) {
  const auto peer = canonical_ip(request.remote_address);
  if (!peer) return request.remote_address;
  if (trusted_proxies.empty() || !is_trusted(*peer, trusted_proxies)) return *peer;
  std::string client = *peer;
  const auto hops = forwarded_hops(request);
  for (auto hop = hops.rbegin(); hop != hops.rend(); ++hop) {
    const auto ip = canonical_ip(*hop);
    if (!ip) break;  // garbage: the last trusted hop is all we know
    client = *ip;
    if (!is_trusted(client, trusted_proxies)) break;
  }
  return client;
}

}  // namespace tessera::fapi
