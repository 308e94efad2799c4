#include "http/router.h"

#include <gtest/gtest.h>

#include <stdexcept>

namespace tessera::http {
namespace {

// Records which route answered.
Handler named(std::string name, std::string* hit) {
  return [name = std::move(name), hit](Request&, Respond respond) {
    *hit = name;
    respond(Response{});
  };
}

TEST(Router, CapturesPathParams) {
  Router router;
  std::string hit;
  router.add("POST", "/v1/client/sign_ins/:id/attempt_first_factor", named("attempt", &hit));
  Request request = make_request("POST", "/v1/client/sign_ins/sia_123/attempt_first_factor?x=1");
  EXPECT_TRUE(router.dispatch(request, [](Response) {}));
  EXPECT_EQ(hit, "attempt");
  EXPECT_EQ(request.path_params.at("id"), "sia_123");
}

TEST(Router, SeveralParamsAndDecodedSegments) {
  Router router;
  std::string hit;
  router.add("POST", "/v1/client/sessions/:id/tokens/:template", named("tokens", &hit));
  Request request = make_request("POST", "/v1/client/sessions/sess%5F1/tokens/my%20tmpl");
  ASSERT_TRUE(router.dispatch(request, [](Response) {}));
  EXPECT_EQ(request.path_params.at("id"), "sess_1");
  EXPECT_EQ(request.path_params.at("template"), "my tmpl");
}

TEST(Router, IgnoresOneTrailingSlash) {
  Router router;
  std::string hit;
  router.add("GET", "/v1/me/backup_codes", named("codes", &hit));
  router.add("GET", "/", named("root", &hit));
  Request with_slash = make_request("GET", "/v1/me/backup_codes/");
  EXPECT_TRUE(router.dispatch(with_slash, [](Response) {}));
  EXPECT_EQ(hit, "codes");
  Request two_slashes = make_request("GET", "/v1/me/backup_codes//");
  EXPECT_FALSE(router.dispatch(two_slashes, [](Response) {}));
  Request root = make_request("GET", "/");
  EXPECT_TRUE(router.dispatch(root, [](Response) {}));
  EXPECT_EQ(hit, "root");
}

TEST(Router, CaptureNeedsANonEmptySegmentAndExactLength) {
  Router router;
  std::string hit;
  router.add("GET", "/v1/sessions/:id", named("session", &hit));
  Request empty = make_request("GET", "/v1/sessions//");
  EXPECT_FALSE(router.dispatch(empty, [](Response) {}));
  Request longer = make_request("GET", "/v1/sessions/a/b");
  EXPECT_FALSE(router.dispatch(longer, [](Response) {}));
  Request shorter = make_request("GET", "/v1/sessions");
  EXPECT_FALSE(router.dispatch(shorter, [](Response) {}));
}

TEST(Router, LiteralBeatsCaptureWhateverTheOrder) {
  Router router;
  std::string hit;
  router.add("GET", "/v1/client/sessions/:id", named("by_id", &hit));
  router.add("GET", "/v1/client/sessions/active", named("active", &hit));
  Request active = make_request("GET", "/v1/client/sessions/active");
  ASSERT_TRUE(router.dispatch(active, [](Response) {}));
  EXPECT_EQ(hit, "active");
  EXPECT_TRUE(active.path_params.empty());
  Request other = make_request("GET", "/v1/client/sessions/sess_1");
  ASSERT_TRUE(router.dispatch(other, [](Response) {}));
  EXPECT_EQ(hit, "by_id");
}

TEST(Router, MethodIsExactAndPathKnownSignals405) {
  Router router;
  std::string hit;
  router.add("POST", "/v1/client/sign_ins", named("create", &hit));
  router.add("GET", "/v1/client/sign_ins/:id", named("get", &hit));
  Request get = make_request("GET", "/v1/client/sign_ins");
  EXPECT_FALSE(router.dispatch(get, [](Response) {}));
  EXPECT_TRUE(router.path_known("/v1/client/sign_ins"));
  EXPECT_TRUE(router.path_known("/v1/client/sign_ins/"));
  EXPECT_FALSE(router.path_known("/v1/nothing"));
  EXPECT_EQ(router.allowed_methods("/v1/client/sign_ins"), std::vector<std::string>{"POST"});
  Request lower = make_request("post", "/v1/client/sign_ins");
  EXPECT_FALSE(router.dispatch(lower, [](Response) {}));
}

TEST(Router, PassesRespondThrough) {
  Router router;
  router.add("GET", "/x", [](Request&, Respond respond) { respond(Response::json(201, "{}")); });
  int status = 0;
  Request request = make_request("GET", "/x");
  router.dispatch(request, [&](Response response) { status = response.status; });
  EXPECT_EQ(status, 201);
}

TEST(Router, RejectsBadPatternsAndDuplicates) {
  Router router;
  auto noop = [](Request&, Respond) {};
  EXPECT_THROW(router.add("GET", "no-slash", noop), std::invalid_argument);
  EXPECT_THROW(router.add("GET", "/a//b", noop), std::invalid_argument);
  EXPECT_THROW(router.add("GET", "/a/:", noop), std::invalid_argument);
  router.add("GET", "/a/:id", noop);
  EXPECT_THROW(router.add("GET", "/a/:other", noop), std::invalid_argument);
  EXPECT_NO_THROW(router.add("POST", "/a/:id", noop));
}

}  // namespace
}  // namespace tessera::http
