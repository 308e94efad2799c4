#include "delivery/curl_easy.h"

#include <mutex>

#include "delivery/delivery_error.h"

namespace tessera::delivery {
namespace {

void global_init_once() {
  static std::once_flag once;
  static CURLcode result = CURLE_OK;
  std::call_once(once, [] { result = curl_global_init(CURL_GLOBAL_DEFAULT); });
  if (result != CURLE_OK) throw DeliveryError("libcurl could not be initialised");
}

void set(CURL* handle, CURLoption option, long value) {
  if (curl_easy_setopt(handle, option, value) != CURLE_OK)
    throw DeliveryError("libcurl rejected an option");
}

}  // namespace

CurlEasy new_curl_easy(const char* protocols) {
  global_init_once();
  CurlEasy handle(curl_easy_init());
  if (!handle) throw DeliveryError("libcurl could not create a handle");
  set(handle.get(), CURLOPT_NOSIGNAL, 1L);  // signals are process-wide: never in threads
  set(handle.get(), CURLOPT_CONNECTTIMEOUT, kConnectTimeoutSeconds);
  set(handle.get(), CURLOPT_TIMEOUT, kTotalTimeoutSeconds);
  set(handle.get(), CURLOPT_FOLLOWLOCATION, 0L);
  if (curl_easy_setopt(handle.get(), CURLOPT_PROTOCOLS_STR, protocols) != CURLE_OK)
    throw DeliveryError("libcurl does not support the protocols needed");
  return handle;
}

CurlList curl_list(const std::vector<std::string>& items) {
  CurlList list;
  for (const std::string& item : items) {
    curl_slist* grown = curl_slist_append(list.get(), item.c_str());
    if (grown == nullptr) throw DeliveryError("libcurl ran out of memory");
    (void)list.release();
    list.reset(grown);
  }
  return list;
}

std::string redact(std::string text, const std::vector<std::string_view>& secrets) {
  for (const std::string_view secret : secrets) {
    if (secret.empty()) continue;
    for (std::size_t at = text.find(secret); at != std::string::npos; at = text.find(secret, at)) {
      text.replace(at, secret.size(), "[redacted]");
      at += 10;
    }
  }
  return text;
}

std::string curl_failure(std::string_view what, CURLcode code, const char* error_buffer,
                         const std::vector<std::string_view>& secrets) {
  std::string reason = (error_buffer != nullptr && error_buffer[0] != '\0')
                           ? std::string(error_buffer)
                           : std::string(curl_easy_strerror(code));
  while (!reason.empty() && (reason.back() == '\n' || reason.back() == '\r')) reason.pop_back();
  return redact(std::string(what) + " failed: " + reason, secrets);
}

}  // namespace tessera::delivery
