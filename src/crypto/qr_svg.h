#pragma once
#include <string>
#include <string_view>

namespace tessera::crypto {

// `text` as a QR code (byte mode, error correction level M) in a standalone SVG: black modules
// on a white background with a quiet zone of `margin_modules`. Throws std::invalid_argument for
// a non-positive module size or negative margin, std::runtime_error when the text cannot be
// encoded (empty or too long for a QR code).
std::string qr_svg(std::string_view text, int module_px = 4, int margin_modules = 4);

}  // namespace tessera::crypto
