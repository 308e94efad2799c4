#pragma once
#include <string_view>
#include <vector>

namespace tessera::delivery {

// Accepts HTTP 201 (or 200) from the Messages API. Otherwise throws DeliveryError
// "SMS provider answered HTTP <status>[: <provider's JSON "message">]"; the provider's text is
// cleaned of control characters, cut to 200 bytes and stripped of each of `secrets` (the code,
// the auth token).
void check_sms_response(long status, std::string_view body,
                        const std::vector<std::string_view>& secrets);

}  // namespace tessera::delivery
