#include "crypto/qr_svg.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <array>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <regex>
#include <stdexcept>
#include <string>
#include <vector>

namespace tessera::crypto {
namespace {

constexpr std::string_view kOtpauth =
    "otpauth://totp/Tessera:alice%40example.com?secret=JBSWY3DPEHPK3PXP&issuer=Tessera";

int count(const std::string& text, const std::string& needle) {
  int n = 0;
  for (std::size_t at = text.find(needle); at != std::string::npos;
       at = text.find(needle, at + 1)) {
    ++n;
  }
  return n;
}

TEST(QrSvg, IsAStandaloneSvgOfBlackRectsOnWhite) {
  const std::string svg = qr_svg(kOtpauth);
  EXPECT_TRUE(svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""));
  EXPECT_TRUE(svg.ends_with("</svg>"));
  EXPECT_NE(svg.find("fill=\"#fff\""), std::string::npos);
  EXPECT_NE(svg.find("fill=\"#000\""), std::string::npos);
  EXPECT_GT(count(svg, "<rect "), 50);
}

TEST(QrSvg, SizeFollowsModulesAndMargin) {
  const std::string svg = qr_svg("hello", 4, 4);
  // "hello" fits version 1: 21 modules, plus a 4-module quiet zone on each side.
  EXPECT_NE(svg.find("width=\"116\" height=\"116\" viewBox=\"0 0 29 29\""), std::string::npos)
      << svg.substr(0, 200);
  EXPECT_NE(qr_svg("hello", 10, 0).find("width=\"210\" height=\"210\" viewBox=\"0 0 21 21\""),
            std::string::npos);
}

TEST(QrSvg, RejectsWhatCannotBeDrawn) {
  EXPECT_THROW(qr_svg(""), std::runtime_error);
  EXPECT_THROW(qr_svg(std::string(4000, 'x')), std::runtime_error);  // beyond version 40-M
  EXPECT_THROW(qr_svg("hello", 0), std::invalid_argument);
  EXPECT_THROW(qr_svg("hello", 4, -1), std::invalid_argument);
}

// Paints the SVG's module rects into a binary PGM, a format zbarimg reads without a vector
// renderer, so the test checks the geometry we emit rather than a library's drawing of it.
std::string rasterize_to_pgm(const std::string& svg, int px_per_module) {
  const std::regex view_box("viewBox=\"0 0 (\\d+) (\\d+)\"");
  std::smatch match;
  if (!std::regex_search(svg, match, view_box)) return {};
  const int modules = std::stoi(match[1]);
  const int side = modules * px_per_module;
  std::vector<unsigned char> pixels(static_cast<std::size_t>(side) * side, 255);
  const std::regex rect("<rect x=\"(\\d+)\" y=\"(\\d+)\" width=\"(\\d+)\" height=\"(\\d+)\"/>");
  for (auto it = std::sregex_iterator(svg.begin(), svg.end(), rect); it != std::sregex_iterator();
       ++it) {
    const int x = std::stoi((*it)[1]), y = std::stoi((*it)[2]);
    const int w = std::stoi((*it)[3]), h = std::stoi((*it)[4]);
    for (int row = y * px_per_module; row < (y + h) * px_per_module; ++row) {
      for (int col = x * px_per_module; col < (x + w) * px_per_module; ++col) {
        pixels[static_cast<std::size_t>(row) * side + col] = 0;
      }
    }
  }
  std::string pgm = "P5\n" + std::to_string(side) + " " + std::to_string(side) + "\n255\n";
  pgm.append(pixels.begin(), pixels.end());
  return pgm;
}

std::string run(const std::string& command) {
  std::string out;
  FILE* pipe = popen(command.c_str(), "r");
  if (!pipe) return out;
  std::array<char, 512> buffer;
  while (std::fgets(buffer.data(), buffer.size(), pipe)) out += buffer.data();
  pclose(pipe);
  return out;
}

TEST(QrSvg, DecodesBackToTheText) {
  if (std::system("command -v zbarimg >/dev/null 2>&1") != 0) GTEST_SKIP() << "no zbarimg";
  const std::string pgm = rasterize_to_pgm(qr_svg(kOtpauth), 4);
  ASSERT_FALSE(pgm.empty());
  const std::filesystem::path file = std::filesystem::temp_directory_path() /
                                     ("tessera_qr_" + std::to_string(::getpid()) + ".pgm");
  std::ofstream(file, std::ios::binary) << pgm;
  const std::string decoded = run("zbarimg --quiet --raw " + file.string() + " 2>/dev/null");
  std::filesystem::remove(file);
  EXPECT_EQ(decoded, std::string(kOtpauth) + "\n");
}

}  // namespace
}  // namespace tessera::crypto
