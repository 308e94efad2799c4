#include "fapi/npm_assets.h"

#include <gtest/gtest.h>

namespace tessera::fapi {
namespace {

TEST(NpmAssetPath, AnyVersionOfAMajorMapsToThatMajorsFolder) {
  EXPECT_EQ(npm_asset_path("/npm/@clerk/clerk-js@6/dist/clerk.browser.js"),
            "/npm/@clerk/clerk-js@6/dist/clerk.browser.js");
  EXPECT_EQ(
      npm_asset_path("/npm/@clerk/clerk-js@6.40.0/dist/vendors_clerk.browser_a68c22_6.40.0.js"),
      "/npm/@clerk/clerk-js@6/dist/vendors_clerk.browser_a68c22_6.40.0.js");
  EXPECT_EQ(npm_asset_path("/npm/@clerk/ui@1.36.0-snapshot.1/dist/ui.browser.js"),
            "/npm/@clerk/ui@1/dist/ui.browser.js");
}

TEST(NpmAssetPath, OtherPathsAreNotNpmAssets) {
  EXPECT_EQ(npm_asset_path("/"), std::nullopt);
  EXPECT_EQ(npm_asset_path("/npm/react@19/index.js"), std::nullopt);  // only Clerk's packages
  EXPECT_EQ(npm_asset_path("/npm/@clerk/clerk-js/dist/clerk.browser.js"), std::nullopt);
  EXPECT_EQ(npm_asset_path("/npm/@clerk/clerk-js@latest/dist/clerk.browser.js"), std::nullopt);
  EXPECT_EQ(npm_asset_path("/npm/@clerk/clerk-js@6"), std::nullopt);
  EXPECT_EQ(npm_asset_path("/npm/@clerk/Clerk-JS@6/dist/x.js"), std::nullopt);
  EXPECT_EQ(npm_asset_path("/npm/@clerk/..@6/dist/x.js"), std::nullopt);
}

}  // namespace
}  // namespace tessera::fapi
