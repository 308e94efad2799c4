#include "delivery/smtp_mailer.h"

#include <algorithm>
#include <chrono>
#include <cstring>

#include "delivery/curl_easy.h"
#include "delivery/delivery_error.h"
#include "delivery/mime_message.h"

namespace tessera::delivery {
namespace {

bool starts_with(std::string_view text, std::string_view prefix) {
  return text.substr(0, prefix.size()) == prefix;
}

// Hands the message to libcurl piece by piece.
struct Upload {
  std::string_view data;
  std::size_t offset = 0;
};

std::size_t read_upload(char* buffer, std::size_t size, std::size_t count, void* user) {
  auto* upload = static_cast<Upload*>(user);
  const std::size_t n = std::min(size * count, upload->data.size() - upload->offset);
  std::memcpy(buffer, upload->data.data() + upload->offset, n);
  upload->offset += n;
  return n;
}

template <typename T>
void set(CURL* handle, CURLoption option, T value) {
  if (curl_easy_setopt(handle, option, value) != CURLE_OK)
    throw DeliveryError("libcurl rejected an SMTP option");
}

}  // namespace

SmtpMailer::SmtpMailer(config::EmailConfig config) : config_(std::move(config)) {
  from_ = parse_mailbox(config_.from);
  const bool smtps = starts_with(config_.smtp_url, "smtps://");
  if (!smtps && !starts_with(config_.smtp_url, "smtp://"))
    throw DeliveryError("email.smtp_url must be smtp://host:port or smtps://host:port");
  if (config_.smtp_url.find_first_of("\r\n ") != std::string::npos)
    throw DeliveryError("email.smtp_url is not valid");
  tls_ = smtps || config_.smtp_starttls;
}

void SmtpMailer::send_code(const auth::CodeMessage& message) {
  send(message.to, code_email(message), message.code);
}

void SmtpMailer::send_account_notice(const auth::AccountNotice& notice) {
  send(notice.to, account_notice_email(notice), "");
}

void SmtpMailer::send(const std::string& to, const EmailContent& content,
                      const std::string& secret) {
  check_address(to, "recipient");
  const std::string domain = from_.address.substr(from_.address.rfind('@') + 1);
  const std::string mime =
      build_mime_message({.from = from_,
                          .to = to,
                          .content = content,
                          .date = rfc5322_date(std::chrono::system_clock::now()),
                          .message_id = new_message_id(domain),
                          .boundary = new_boundary()});

  CurlEasy curl = new_curl_easy("smtp,smtps");
  CURL* handle = curl.get();
  const CurlList recipients = curl_list({"<" + to + ">"});
  const std::string mail_from = "<" + from_.address + ">";
  Upload upload{mime};
  char error_buffer[CURL_ERROR_SIZE] = {};

  set(handle, CURLOPT_ERRORBUFFER, error_buffer);
  set(handle, CURLOPT_URL, config_.smtp_url.c_str());
  set(handle, CURLOPT_MAIL_FROM, mail_from.c_str());
  set(handle, CURLOPT_MAIL_RCPT, recipients.get());
  set(handle, CURLOPT_UPLOAD, 1L);
  set(handle, CURLOPT_READFUNCTION, read_upload);
  set(handle, CURLOPT_READDATA, &upload);
  set(handle, CURLOPT_INFILESIZE_LARGE, static_cast<curl_off_t>(mime.size()));
  if (tls_) set(handle, CURLOPT_USE_SSL, static_cast<long>(CURLUSESSL_ALL));
  if (!config_.smtp_username.empty()) {
    set(handle, CURLOPT_USERNAME, config_.smtp_username.c_str());
    set(handle, CURLOPT_PASSWORD, config_.smtp_password.c_str());
  }

  const CURLcode result = curl_easy_perform(handle);
  if (result != CURLE_OK)
    throw DeliveryError(curl_failure("email delivery over SMTP", result, error_buffer,
                                     {secret, config_.smtp_password}));
}

}  // namespace tessera::delivery
