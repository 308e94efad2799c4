#pragma once
#include <optional>
#include <string>
#include <string_view>

namespace tessera::fapi {

// Clerk's Frontend API serves the SDK's browser bundles from npm, e.g.
// /npm/@clerk/clerk-js@6/dist/clerk.browser.js (@clerk/react and @clerk/nextjs load clerk-js from
// there unless the app bundles it). Tessera keeps one build per package and major version under
// its web root, in npm/@clerk/<package>@<major>/: this maps a request for any version of that
// major ("6", "6.40.0", "6.40.0-snapshot.1") to that folder. nullopt for paths that are not such
// a request; the file itself may still be missing.
std::optional<std::string> npm_asset_path(std::string_view url_path);

}  // namespace tessera::fapi
