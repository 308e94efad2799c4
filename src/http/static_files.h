#pragma once
#include <filesystem>
#include <optional>
#include <string_view>

#include "http/response.h"

namespace tessera::http {

// The file under root named by a decoded URL path, as a 200 with its Content-Type and
// Cache-Control: no-cache; "/" and directories serve their index.html. nullopt when there is no
// such regular file, or when the path tries to leave root: ".." segments, dot-files (".git",
// ".env"), NUL or backslash, and symlinks that resolve outside root. Reads the disk: call it off
// the I/O threads.
std::optional<Response> serve_static(const std::filesystem::path& root, std::string_view url_path);

// Content-Type for a file name by extension; application/octet-stream when unknown.
std::string_view content_type_for(const std::filesystem::path& file);

}  // namespace tessera::http
