#include "auth/error.h"
#include "auth/mfa/mfa_enrollment.h"
#include "auth/session/sessions.h"
#include "crypto/qr_svg.h"
#include "fapi/call.h"
#include "fapi/json/resources.h"
#include "fapi/presenter.h"
#include "fapi/routes/me_session.h"
#include "fapi/routes/route_table.h"

namespace tessera::fapi {
namespace {

using nlohmann::json;

json codes_or_null(const std::optional<std::vector<std::string>>& codes) {
  return codes ? json(*codes) : json(nullptr);
}

json totp_json(const std::string& user_id, const json& secret, const json& uri, bool verified,
               const json& backup_codes, std::int64_t now) {
  return {{"object", "totp"},     {"id", "totp_" + user_id.substr(user_id.find('_') + 1)},
          {"secret", secret},     {"uri", uri},
          {"verified", verified}, {"backup_codes", backup_codes},
          {"created_at", now},    {"updated_at", now}};
}

json deleted(const char* object, const std::string& id) {
  return {{"object", object}, {"id", id}, {"deleted", true}};
}

std::optional<bool> bool_param(Call& call, const char* name) {
  auto v = call.param(name);
  if (!v) return std::nullopt;
  if (*v == "true") return true;
  if (*v == "false") return false;
  throw auth::AuthError("form_param_format_invalid", name);
}

// One phone of the acting user, as JSON, with backup codes when this enabled MFA.
json phone_json(Call& call, const std::string& user_id, const std::string& phone_id,
                const std::optional<std::vector<std::string>>& backup_codes = std::nullopt) {
  const auto& user = call.presented_user(user_id);
  if (!user) throw auth::AuthError("resource_not_found");
  for (const auto& p : user->phone_numbers)
    if (p.id == phone_id) {
      auto j = ::tessera::fapi::json::phone_number(p);
      j["backup_codes"] = codes_or_null(backup_codes);
      return j;
    }
  throw auth::AuthError("resource_not_found");
}

}  // namespace

void add_mfa_routes(RouteTable& routes) {
  routes.push_back({"POST", "/v1/me/totp", [](Call& call) {
                      const auto user_id = me_user_id(call);
                      auto totp = auth::MfaEnrollment(call.auth()).create_totp(user_id);
                      return call.envelope(totp_json(user_id, totp.secret, totp.uri, false, nullptr,
                                                     call.auth().now()));
                    }});
  routes.push_back(
      {"POST", "/v1/me/totp/attempt_verification", [](Call& call) {
         const auto user_id = me_user_id(call);
         auto codes =
             auth::MfaEnrollment(call.auth()).verify_totp(user_id, call.param_or_empty("code"));
         return call.envelope(
             totp_json(user_id, nullptr, nullptr, true, codes_or_null(codes), call.auth().now()));
       }});
  routes.push_back({"DELETE", "/v1/me/totp", [](Call& call) {
                      const auto user_id = me_user_id(call);
                      auth::MfaEnrollment(call.auth()).disable_totp(user_id);
                      return call.envelope(
                          deleted("totp", "totp_" + user_id.substr(user_id.find('_') + 1)));
                    }});
  routes.push_back(
      {"POST", "/v1/me/backup_codes", [](Call& call) {
         const auto user_id = me_user_id(call);
         auto codes = auth::MfaEnrollment(call.auth()).regenerate_backup_codes(user_id);
         const auto now = call.auth().now();
         return call.envelope({{"object", "backup_code"},
                               {"id", "bcode_" + user_id.substr(user_id.find('_') + 1)},
                               {"codes", codes},
                               {"created_at", now},
                               {"updated_at", now}});
       }});
  routes.push_back({"POST", "/v1/me/phone_numbers", [](Call& call) {
                      const auto user_id = me_user_id(call);
                      auto phone = call.param("phone_number");
                      if (!phone) throw auth::AuthError("form_param_missing", "phone_number");
                      auto added = auth::MfaEnrollment(call.auth()).add_phone(user_id, *phone);
                      return call.envelope(phone_json(call, user_id, added.id));
                    }});
  routes.push_back({"POST", "/v1/me/phone_numbers/:id/prepare_verification", [](Call& call) {
                      const auto user_id = me_user_id(call);
                      const auto strategy = call.param("strategy").value_or("phone_code");
                      if (strategy != "phone_code")
                        throw auth::AuthError("form_param_value_invalid", "strategy");
                      auth::MfaEnrollment(call.auth())
                          .prepare_phone_verification(user_id, call.path_param("id"));
                      return call.envelope(phone_json(call, user_id, call.path_param("id")));
                    }});
  routes.push_back({"POST", "/v1/me/phone_numbers/:id/attempt_verification", [](Call& call) {
                      const auto user_id = me_user_id(call);
                      auth::MfaEnrollment(call.auth())
                          .attempt_phone_verification(user_id, call.path_param("id"),
                                                      call.param_or_empty("code"));
                      return call.envelope(phone_json(call, user_id, call.path_param("id")));
                    }});
  routes.push_back(
      {"PATCH", "/v1/me/phone_numbers/:id", [](Call& call) {
         const auto user_id = me_user_id(call);
         auto updated = auth::MfaEnrollment(call.auth())
                            .update_phone(user_id, call.path_param("id"),
                                          {bool_param(call, "reserved_for_second_factor"),
                                           bool_param(call, "default_second_factor")});
         return call.envelope(phone_json(call, user_id, updated.phone.id, updated.backup_codes));
       }});
  routes.push_back({"GET", "/v1/me/phone_numbers/:id", [](Call& call) {
                      const auto user_id = me_user_id(call);
                      return call.envelope(phone_json(call, user_id, call.path_param("id")));
                    }});
  routes.push_back({"DELETE", "/v1/me/phone_numbers/:id", [](Call& call) {
                      const auto user_id = me_user_id(call);
                      auth::MfaEnrollment(call.auth()).delete_phone(user_id, call.path_param("id"));
                      return call.envelope(deleted("phone_number", call.path_param("id")));
                    }});
  // The otpauth:// URI as a QR code for authenticator apps (rendered server-side: no CDN, no JS
  // library). Stateless; the URI stays in the same-origin page.
  routes.push_back({"GET", "/__tessera/qr.svg", [](Call& call) {
                      const auto data = call.request.query_param("data").value_or("");
                      if (data.empty() || data.size() > 512)
                        throw auth::AuthError("form_param_format_invalid", "data");
                      http::Response r;
                      r.body = crypto::qr_svg(data);
                      r.set_header("Content-Type", "image/svg+xml");
                      r.set_header("Cache-Control", "no-store");
                      return r;
                    }});
}

}  // namespace tessera::fapi
