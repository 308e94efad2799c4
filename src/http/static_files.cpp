#include "http/static_files.h"

#include <algorithm>
#include <fstream>
#include <iterator>
#include <system_error>

#include "http/detail/ascii.h"

namespace tessera::http {

namespace fs = std::filesystem;

std::string_view content_type_for(const fs::path& file) {
  std::string extension = detail::ascii_lowered(file.extension().string());
  if (extension == ".html" || extension == ".htm") return "text/html; charset=utf-8";
  if (extension == ".js" || extension == ".mjs") return "text/javascript; charset=utf-8";
  if (extension == ".css") return "text/css; charset=utf-8";
  if (extension == ".svg") return "image/svg+xml";
  if (extension == ".png") return "image/png";
  if (extension == ".json" || extension == ".map") return "application/json";
  if (extension == ".ico") return "image/x-icon";
  if (extension == ".txt") return "text/plain; charset=utf-8";
  if (extension == ".wasm") return "application/wasm";
  return "application/octet-stream";
}

namespace {

// Relative path for url_path, or nullopt when a segment could escape root or expose a dot-file.
std::optional<fs::path> safe_relative_path(std::string_view url_path) {
  if (url_path.find('\0') != std::string_view::npos) return std::nullopt;
  if (url_path.find('\\') != std::string_view::npos) return std::nullopt;
  fs::path relative;
  while (!url_path.empty()) {
    auto slash = url_path.find('/');
    std::string_view segment = url_path.substr(0, slash);
    url_path = slash == std::string_view::npos ? std::string_view() : url_path.substr(slash + 1);
    if (segment.empty()) continue;
    if (segment.front() == '.') return std::nullopt;  // "..", ".", ".git", ".env"
    relative /= fs::path(std::string(segment));
  }
  return relative;
}

bool is_within(const fs::path& root, const fs::path& candidate) {
  auto [root_end, candidate_end] =
      std::mismatch(root.begin(), root.end(), candidate.begin(), candidate.end());
  return root_end == root.end();
}

}  // namespace

std::optional<Response> serve_static(const fs::path& root, std::string_view url_path) {
  auto relative = safe_relative_path(url_path);
  if (!relative) return std::nullopt;

  std::error_code error;
  fs::path real_root = fs::canonical(root, error);
  if (error) return std::nullopt;
  // canonical resolves symlinks, so a link pointing outside root fails the prefix check.
  fs::path file = fs::canonical(real_root / *relative, error);
  if (error || !is_within(real_root, file)) return std::nullopt;
  if (fs::is_directory(file, error)) {
    file = fs::canonical(file / "index.html", error);
    if (error || !is_within(real_root, file)) return std::nullopt;
  }
  if (!fs::is_regular_file(file, error)) return std::nullopt;

  std::ifstream in(file, std::ios::binary);
  if (!in) return std::nullopt;
  Response response;
  response.body.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  if (in.bad()) return std::nullopt;
  response.headers.emplace_back("Content-Type", std::string(content_type_for(file)));
  response.headers.emplace_back("Cache-Control", "no-cache");
  response.headers.emplace_back("X-Content-Type-Options", "nosniff");
  return response;
}

}  // namespace tessera::http
