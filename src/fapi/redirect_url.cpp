#include "fapi/redirect_url.h"

#include <boost/url/parse.hpp>
#include <boost/url/url.hpp>

#include "auth/error.h"
#include "http/detail/ascii.h"

namespace tessera::fapi {

RedirectUrl parse_redirect_url(std::string_view text) {
  const auto parsed = boost::urls::parse_uri(text);
  if (!parsed) throw auth::AuthError("invalid_redirect_url", "redirect_url");
  const auto& url = *parsed;
  RedirectUrl out;
  out.href = std::string(text);
  out.scheme = http::detail::ascii_lowered(url.scheme());
  if (out.scheme != "http" && out.scheme != "https")
    throw auth::AuthError("prohibited_redirect_url", "redirect_url");
  // Boost.URL takes "http://host:80.evil/" as host:80 plus the path ".evil/"; browsers refuse it.
  const auto path = url.encoded_path();
  if (!url.has_authority() || url.encoded_host().empty() || url.has_userinfo() ||
      (!path.empty() && path.front() != '/'))
    throw auth::AuthError("invalid_redirect_url", "redirect_url");
  out.host = http::detail::ascii_lowered(url.encoded_host());
  out.origin = out.scheme + "://" + http::detail::ascii_lowered(url.encoded_host_and_port());
  return out;
}

std::string with_query_param(std::string_view url, std::string_view name, std::string_view value) {
  boost::urls::url u(url);
  u.params().set(name, value);
  return std::string(u.buffer());
}

}  // namespace tessera::fapi
