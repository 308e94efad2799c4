#pragma once
#include <string_view>

#include "http/form.h"

namespace tessera::fapi {

// Which worker pool an endpoint runs on. Endpoints that may run argon2id (passwords, backup
// codes) get their own pool sized to the cores with a short queue, so a burst of sign-ins
// saturates the CPU without delaying token refreshes and client reads, and the excess is
// refused at once (429) instead of queueing.
enum class WorkClass { fast, hashing };

// Whether work_class_of looks at the request's form for this route (then the body is read first).
bool work_class_depends_on_form(std::string_view pattern);

// `form` is the request's form where work_class_depends_on_form, else nullptr; nullptr there too
// when the body is not a form, which the endpoint refuses without hashing. Sign-in attempts hash
// only for a password (checked, or set by a forgot-password step) or a backup code, and creating or
// updating a sign-in or sign-up only when it carries a password: TOTP, SMS/email codes and
// identifier-only steps stay on the fast pool, so a burst of password sign-ins never refuses them.
WorkClass work_class_of(std::string_view method, std::string_view pattern,
                        const http::FormData* form);

}  // namespace tessera::fapi
