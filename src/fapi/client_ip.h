#pragma once
#include <string>
#include <vector>

#include "http/request.h"

namespace tessera::fapi {

// The client's IP address as the per-IP rate limits count it. The TCP peer, unless the peer is
// one of `trusted_proxies` (server.trusted_proxies): then X-Forwarded-For is read from the right
// (each proxy appends the address it received from), skipping trusted proxies, and the first
// address that is not one is the client. Addresses left of it were written by the client and
// are never believed. A malformed entry stops the walk at the last trusted hop. IPv4-mapped IPv6
// addresses (::ffff:a.b.c.d) compare and come out as IPv4.
std::string client_ip(const http::Request& request,
                      const std::vector<std::string>& trusted_proxies);

}  // namespace tessera::fapi
