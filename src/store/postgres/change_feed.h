#pragma once
#include <string>
#include <string_view>
#include <vector>

// How nodes on one PostgreSQL database tell each other what changed: the keys of
// store/client_view_cache.h, sent with NOTIFY on one channel in the transaction that made the
// change (so they arrive only once it is committed, and never if it is not).
namespace tessera::store::postgres {

// The channel of the instance whose tables are in `schema`: instances that share a database in
// schemas of their own (tests do) do not hear each other. PostgreSQL caps channel names at 63
// bytes; a longer one is shortened with a hash of the schema.
std::string change_channel(const std::string& schema);
// The channel as an identifier for LISTEN and NOTIFY (double-quoted).
std::string quoted_channel(const std::string& channel);
// A listener's ping to itself; never a key (keys are "c:…", "u:…" or "*").
inline constexpr std::string_view kPingPayload = "ping";

// Keys separated by spaces; "*" (everything) when they would not fit in one NOTIFY payload.
std::string change_payload(const std::vector<std::string>& keys);
std::vector<std::string> change_keys(std::string_view payload);

}  // namespace tessera::store::postgres
