#include "http/static_files.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

namespace tessera::http {
namespace {

namespace fs = std::filesystem;

class StaticFiles : public ::testing::Test {
 protected:
  void SetUp() override {
    base_ = fs::temp_directory_path() /
            ("tessera-static-" + std::to_string(::getpid()) + "-" +
             ::testing::UnitTest::GetInstance()->current_test_info()->name());
    root_ = base_ / "web";
    fs::create_directories(root_ / "assets");
    fs::create_directories(root_ / "docs");
    fs::create_directories(root_ / ".git");
    write(root_ / "index.html", "<h1>home</h1>");
    write(root_ / "assets" / "app.mjs", "export {}");
    write(root_ / "assets" / "app.js.map", "{}");
    write(root_ / "docs" / "index.html", "docs");
    write(root_ / ".git" / "config", "secret");
    write(root_ / ".env", "SECRET=1");
    write(base_ / "outside.txt", "outside");
    fs::create_symlink(base_ / "outside.txt", root_ / "link.txt");
  }
  void TearDown() override { fs::remove_all(base_); }

  static void write(const fs::path& file, const std::string& text) { std::ofstream(file) << text; }

  fs::path base_, root_;
};

TEST_F(StaticFiles, ServesFilesWithContentTypeAndNoCache) {
  auto response = serve_static(root_, "/assets/app.mjs");
  ASSERT_TRUE(response);
  EXPECT_EQ(response->status, 200);
  EXPECT_EQ(response->body, "export {}");
  EXPECT_EQ(response->header("Content-Type"), "text/javascript; charset=utf-8");
  EXPECT_EQ(response->header("Cache-Control"), "no-cache");
  EXPECT_EQ(serve_static(root_, "/assets/app.js.map")->header("Content-Type"), "application/json");
}

TEST_F(StaticFiles, RootAndDirectoriesServeIndexHtml) {
  auto root = serve_static(root_, "/");
  ASSERT_TRUE(root);
  EXPECT_EQ(root->body, "<h1>home</h1>");
  EXPECT_EQ(root->header("Content-Type"), "text/html; charset=utf-8");
  EXPECT_EQ(serve_static(root_, "")->body, "<h1>home</h1>");
  EXPECT_EQ(serve_static(root_, "/docs")->body, "docs");
  EXPECT_EQ(serve_static(root_, "/docs/")->body, "docs");
  EXPECT_FALSE(serve_static(root_, "/assets/"));  // no index.html there
}

TEST_F(StaticFiles, MissingFileIsNullopt) {
  EXPECT_FALSE(serve_static(root_, "/nope.js"));
  EXPECT_FALSE(serve_static(root_ / "missing-root", "/index.html"));
}

TEST_F(StaticFiles, RejectsTraversal) {
  EXPECT_FALSE(serve_static(root_, "/../outside.txt"));
  EXPECT_FALSE(serve_static(root_, "/assets/../../outside.txt"));
  EXPECT_FALSE(serve_static(root_, "/assets/../index.html"));  // any ".." is refused
  EXPECT_FALSE(serve_static(root_, "/..\\outside.txt"));
  EXPECT_FALSE(serve_static(root_, std::string_view("/index.html\0.js", 15)));
  EXPECT_FALSE(serve_static(root_, "/link.txt"));  // symlink resolving outside root
}

TEST_F(StaticFiles, RejectsDotFiles) {
  EXPECT_FALSE(serve_static(root_, "/.env"));
  EXPECT_FALSE(serve_static(root_, "/.git/config"));
  EXPECT_FALSE(serve_static(root_, "/./index.html"));
}

TEST(ContentType, KnownAndUnknownExtensions) {
  EXPECT_EQ(content_type_for("a.css"), "text/css; charset=utf-8");
  EXPECT_EQ(content_type_for("a.SVG"), "image/svg+xml");
  EXPECT_EQ(content_type_for("a.png"), "image/png");
  EXPECT_EQ(content_type_for("favicon.ico"), "image/x-icon");
  EXPECT_EQ(content_type_for("a.txt"), "text/plain; charset=utf-8");
  EXPECT_EQ(content_type_for("a.wasm"), "application/wasm");
  EXPECT_EQ(content_type_for("a.json"), "application/json");
  EXPECT_EQ(content_type_for("a.bin"), "application/octet-stream");
  EXPECT_EQ(content_type_for("Makefile"), "application/octet-stream");
}

}  // namespace
}  // namespace tessera::http
