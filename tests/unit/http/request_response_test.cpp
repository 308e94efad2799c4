#include <gtest/gtest.h>

#include "http/request.h"
#include "http/response.h"

namespace tessera::http {
namespace {

TEST(Request, SplitsAndDecodesTarget) {
  Request request = make_request("POST", "/v1/client/sign_ins%2Fx?_method=PATCH&a=b+c%21&flag&a=2");
  EXPECT_EQ(request.target, "/v1/client/sign_ins%2Fx?_method=PATCH&a=b+c%21&flag&a=2");
  EXPECT_EQ(request.path, "/v1/client/sign_ins/x");
  ASSERT_EQ(request.query.size(), 4u);
  EXPECT_EQ(request.query_param("_method"), "PATCH");
  EXPECT_EQ(request.query_param("a"), "b c!");
  EXPECT_EQ(request.query_param("flag"), "");
  EXPECT_EQ(request.query_param("none"), std::nullopt);
}

TEST(Request, PathPlusIsNotSpaceAndMalformedEscapesSurvive) {
  Request request = make_request("GET", "/a+b/%zz?q=%zz");
  EXPECT_EQ(request.path, "/a+b/%zz");
  EXPECT_EQ(request.query_param("q"), "%zz");
}

TEST(Request, AbsoluteFormTarget) {
  Request request = make_request("GET", "http://localhost:8080/v1/client?x=1");
  EXPECT_EQ(request.path, "/v1/client");
  EXPECT_EQ(request.query_param("x"), "1");
}

TEST(Request, HeaderLookupIsCaseInsensitive) {
  Request request = make_request("GET", "/", "", {{"Origin", "http://app"}, {"origin", "second"}});
  EXPECT_EQ(request.headers[0].first, "origin");
  EXPECT_EQ(request.header("origin"), "http://app");
  EXPECT_EQ(request.header("Origin"), "http://app");
  EXPECT_EQ(request.header("cookie"), std::nullopt);
}

TEST(Response, SetReplacesAddAppends) {
  Response response = Response::json(422, R"({"errors":[]})");
  EXPECT_EQ(response.status, 422);
  EXPECT_EQ(response.header("content-type"), "application/json");
  response.add_header("Set-Cookie", "a=1");
  response.add_header("Set-Cookie", "b=2");
  EXPECT_EQ(response.headers.size(), 3u);
  response.set_header("set-cookie", "c=3");
  EXPECT_EQ(response.headers.size(), 2u);
  EXPECT_EQ(response.header("Set-Cookie"), "c=3");
}

}  // namespace
}  // namespace tessera::http
