#include "fapi/client_ip.h"

#include <gtest/gtest.h>

namespace tessera::fapi {
namespace {

http::Request from(std::string peer, std::vector<std::string> forwarded = {}) {
  std::vector<std::pair<std::string, std::string>> headers;
  for (auto& value : forwarded) headers.emplace_back("x-forwarded-for", std::move(value));
  auto request = http::make_request("POST", "/v1/client/sign_ins", "", std::move(headers));
  request.remote_address = std::move(peer);
  return request;
}

const std::vector<std::string> kProxies = {"10.0.0.2", "10.0.0.3", "::1"};

TEST(ClientIp, WithoutTrustedProxiesTheHeaderIsIgnored) {
  EXPECT_EQ(client_ip(from("203.0.113.9", {"198.51.100.1"}), {}), "203.0.113.9");
}

TEST(ClientIp, HeaderFromAnUntrustedPeerIsIgnored) {
  EXPECT_EQ(client_ip(from("203.0.113.9", {"198.51.100.1"}), kProxies), "203.0.113.9");
}

TEST(ClientIp, TrustedPeerNamesTheClient) {
  EXPECT_EQ(client_ip(from("10.0.0.2", {"198.51.100.1"}), kProxies), "198.51.100.1");
}

TEST(ClientIp, SpoofedLeftEntriesAreSkipped) {
  // The client sent "X-Forwarded-For: 1.1.1.1"; the proxy appended the real address.
  EXPECT_EQ(client_ip(from("10.0.0.2", {"1.1.1.1, 198.51.100.1"}), kProxies), "198.51.100.1");
}

TEST(ClientIp, ChainsOfTrustedProxiesAreWalkedFromTheRight) {
  EXPECT_EQ(client_ip(from("10.0.0.2", {"1.1.1.1, 198.51.100.1,10.0.0.3"}), kProxies),
            "198.51.100.1");
  // Several headers count as one list, in order.
  EXPECT_EQ(client_ip(from("10.0.0.2", {"1.1.1.1", "198.51.100.1", "10.0.0.3"}), kProxies),
            "198.51.100.1");
}

TEST(ClientIp, NoHeaderOrOnlyProxiesGivesTheLastProxy) {
  EXPECT_EQ(client_ip(from("10.0.0.2"), kProxies), "10.0.0.2");
  EXPECT_EQ(client_ip(from("10.0.0.2", {"10.0.0.3"}), kProxies), "10.0.0.3");
}

TEST(ClientIp, GarbageStopsAtTheLastTrustedHop) {
  EXPECT_EQ(client_ip(from("10.0.0.2", {"198.51.100.1, not-an-ip"}), kProxies), "10.0.0.2");
  EXPECT_EQ(client_ip(from("10.0.0.2", {""}), kProxies), "10.0.0.2");
  EXPECT_EQ(client_ip(from("10.0.0.2", {"198.51.100.1:4431"}), kProxies), "10.0.0.2");
}

TEST(ClientIp, Ipv6AndMappedAddresses) {
  EXPECT_EQ(client_ip(from("::1", {"2001:db8::1"}), kProxies), "2001:db8::1");
  EXPECT_EQ(client_ip(from("::1", {"[2001:DB8:0::1]"}), kProxies), "2001:db8::1");
  EXPECT_EQ(client_ip(from("::ffff:10.0.0.2", {"198.51.100.1"}), kProxies), "198.51.100.1");
  EXPECT_EQ(client_ip(from("::ffff:203.0.113.9"), {}), "203.0.113.9");
}

}  // namespace
}  // namespace tessera::fapi
