#pragma once
#include <curl/curl.h>

#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace tessera::delivery {

// libcurl plumbing shared by the SMTP and HTTP clients. `curl_global_init` runs once per process
// (thread-safe); every send uses its own easy handle, so clients may be used from many threads.

struct CurlEasyDeleter {
  void operator()(CURL* handle) const { curl_easy_cleanup(handle); }
};
struct CurlListDeleter {
  void operator()(curl_slist* list) const { curl_slist_free_all(list); }
};
using CurlEasy = std::unique_ptr<CURL, CurlEasyDeleter>;
using CurlList = std::unique_ptr<curl_slist, CurlListDeleter>;

inline constexpr long kConnectTimeoutSeconds = 10;
inline constexpr long kTotalTimeoutSeconds = 20;

// A new easy handle with the common options: no signals, the connect and total timeouts, only
// the given protocols (e.g. "smtp,smtps"), no redirects. Throws DeliveryError.
CurlEasy new_curl_easy(const char* protocols);

// Appends `items` to a curl string list; throws DeliveryError if libcurl runs out of memory.
CurlList curl_list(const std::vector<std::string>& items);

// "<what> failed: <libcurl's reason>" with every occurrence of each of `secrets` removed, so a
// server echoing a credential or the code cannot leak it into a log.
std::string curl_failure(std::string_view what, CURLcode code, const char* error_buffer,
                         const std::vector<std::string_view>& secrets);

// `text` with each non-empty secret replaced by "[redacted]".
std::string redact(std::string text, const std::vector<std::string_view>& secrets);

}  // namespace tessera::delivery
