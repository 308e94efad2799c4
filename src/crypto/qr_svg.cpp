#include "crypto/qr_svg.h"

#include <qrencode.h>

#include <memory>
#include <stdexcept>

namespace tessera::crypto {
namespace {

struct QrFree {
  void operator()(QRcode* code) const { QRcode_free(code); }
};
using Qr = std::unique_ptr<QRcode, QrFree>;

bool is_dark(const QRcode& code, int x, int y) { return (code.data[y * code.width + x] & 1) != 0; }

std::string rect(int x, int y, int width, int height) {
  return "<rect x=\"" + std::to_string(x) + "\" y=\"" + std::to_string(y) + "\" width=\"" +
         std::to_string(width) + "\" height=\"" + std::to_string(height) + "\"/>";
}

}  // namespace

std::string qr_svg(std::string_view text, int module_px, int margin_modules) {
  if (module_px <= 0) throw std::invalid_argument("qr_svg: module size must be positive");
  if (margin_modules < 0) throw std::invalid_argument("qr_svg: margin must not be negative");
  // encodeData takes a length, so text is encoded byte for byte (8-bit mode, like
  // QRcode_encodeString8bit) without stopping at an embedded NUL.
  Qr code(QRcode_encodeData(static_cast<int>(text.size()),
                            reinterpret_cast<const unsigned char*>(text.data()), 0, QR_ECLEVEL_M));
  if (!code) throw std::runtime_error("qr_svg: text cannot be encoded as a QR code");

  // Drawn in module units and scaled by viewBox; one rect per horizontal run keeps it small.
  const int modules = code->width + 2 * margin_modules;
  const std::string pixels = std::to_string(modules * module_px);
  const std::string units = std::to_string(modules);
  std::string svg = R"(<svg xmlns="http://www.w3.org/2000/svg" width=")" + pixels +
                    R"(" height=")" + pixels + R"(" viewBox="0 0 )" + units + " " + units +
                    R"(" shape-rendering="crispEdges">)";
  svg += R"(<rect width="100%" height="100%" fill="#fff"/><g fill="#000">)";
  for (int y = 0; y < code->width; ++y) {
    for (int x = 0; x < code->width;) {
      if (!is_dark(*code, x, y)) {
        ++x;
        continue;
      }
      const int start = x;
      while (x < code->width && is_dark(*code, x, y)) ++x;
      svg += rect(start + margin_modules, y + margin_modules, x - start, 1);
    }
  }
  svg += "</g></svg>";
  return svg;
}

}  // namespace tessera::crypto
