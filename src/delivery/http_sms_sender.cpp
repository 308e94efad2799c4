#include "delivery/http_sms_sender.h"

#include "delivery/curl_easy.h"
#include "delivery/delivery_error.h"
#include "delivery/sms_request.h"
#include "delivery/sms_response.h"

namespace tessera::delivery {
namespace {

constexpr std::size_t kMaxResponseBytes = 64 * 1024;

std::size_t collect(char* data, std::size_t size, std::size_t count, void* user) {
  auto* response = static_cast<std::string*>(user);
  const std::size_t n = size * count;
  const std::size_t room = kMaxResponseBytes - std::min(response->size(), kMaxResponseBytes);
  response->append(data, std::min(n, room));
  return n;  // the rest is read and dropped: only the start of an error body matters
}

template <typename T>
void set(CURL* handle, CURLoption option, T value) {
  if (curl_easy_setopt(handle, option, value) != CURLE_OK)
    throw DeliveryError("libcurl rejected an HTTP option");
}

bool starts_with(std::string_view text, std::string_view prefix) {
  return text.substr(0, prefix.size()) == prefix;
}

}  // namespace

HttpSmsSender::HttpSmsSender(config::SmsConfig config) : config_(std::move(config)) {
  if (!starts_with(config_.api_url, "http://") && !starts_with(config_.api_url, "https://"))
    throw DeliveryError("sms.api_url must be an http:// or https:// URL");
  if (config_.account_sid.empty() || config_.from.empty())
    throw DeliveryError("sms.account_sid and sms.from must be set");
}

void HttpSmsSender::send_code(const auth::CodeMessage& message) {
  const SmsRequest request = build_sms_request(config_, message);
  CurlEasy curl = new_curl_easy("http,https");
  CURL* handle = curl.get();
  const CurlList headers =
      curl_list({"Authorization: " + request.authorization,
                 "Content-Type: application/x-www-form-urlencoded", "Accept: application/json"});
  std::string response;
  char error_buffer[CURL_ERROR_SIZE] = {};

  set(handle, CURLOPT_ERRORBUFFER, error_buffer);
  set(handle, CURLOPT_URL, request.url.c_str());
  set(handle, CURLOPT_HTTPHEADER, headers.get());
  set(handle, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(request.body.size()));
  set(handle, CURLOPT_POSTFIELDS, request.body.c_str());
  set(handle, CURLOPT_USERAGENT, "tessera");
  set(handle, CURLOPT_WRITEFUNCTION, collect);
  set(handle, CURLOPT_WRITEDATA, &response);

  const std::vector<std::string_view> secrets = {message.code, config_.auth_token,
                                                 request.authorization};
  const CURLcode result = curl_easy_perform(handle);
  if (result != CURLE_OK)
    throw DeliveryError(curl_failure("SMS delivery", result, error_buffer, secrets));
  long status = 0;
  curl_easy_getinfo(handle, CURLINFO_RESPONSE_CODE, &status);
  check_sms_response(status, response, secrets);
}

}  // namespace tessera::delivery
