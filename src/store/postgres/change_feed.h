#pragma once
#include <string>
#include <string_view>
#include <vector>

// How nodes on one PostgreSQL database tell each other what changed: the keys of
// store/client_view_cache.h, sent with NOTIFY on one channel in the transaction that made the
// change (so they arrive only once it is committed, and never if it is not).
namespace tessera::store::postgres {

inline constexpr const char* kChangeChannel = "tessera_changes";
// A listener's ping to itself; never a key (keys are "c:…", "u:…" or "*").
inline constexpr std::string_view kPingPayload = "ping";

// Keys separated by spaces; "*" (everything) when they would not fit in one NOTIFY payload.
std::string change_payload(const std::vector<std::string>& keys);
std::vector<std::string> change_keys(std::string_view payload);

}  // namespace tessera::store::postgres
