#pragma once
#include <string_view>

namespace tessera::fapi {

// Which worker pool an endpoint runs on. Endpoints that may run argon2id (passwords, backup
// codes) get their own pool sized to the cores with a short queue, so a burst of sign-ins
// saturates the CPU without delaying token refreshes and client reads, and the excess is
// refused at once (429) instead of queueing.
enum class WorkClass { fast, hashing };

// `strategy` is the request's strategy parameter: sign-in attempts hash only for a password or a
// backup code, so TOTP and SMS/email codes stay on the fast pool.
WorkClass work_class_of(std::string_view method, std::string_view pattern,
                        std::string_view strategy);
// Whether work_class_of looks at the strategy for this route (then the body is read first).
bool work_class_depends_on_strategy(std::string_view pattern);

}  // namespace tessera::fapi
